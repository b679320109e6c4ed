import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { JsonObject } from '../internal/json';
import type { ClientSetup } from '../replay/script';
import { COMMAND_PROTOCOL_VERSION, readChildEvent, type ChildEvent, type HarnessCommand } from './command-protocol';
import { UnsupportedControlError, type ClientAdapter, type ClientConnection, type ClientHandlers, type ClientTarget, type ClientTransport } from './types';

/** Options of {@link commandAdapter}. */
export interface CommandAdapterOptions {
  /** The shell command that starts the client under test (run with `sh -c`). */
  readonly command: string;
  /** Working directory of the child. @default the current one */
  readonly cwd?: string | undefined;
  /** Transports the program supports. @default ['websocket', 'sse'] */
  readonly transports?: readonly ClientTransport[] | undefined;
  /** Longest wait for `ready` and for the child to exit on `stop`, in ms. @default 15000 */
  readonly startTimeoutMs?: number | undefined;
}

/** The child process broke the protocol or failed; the message includes the end of its stderr. */
export class CommandClientError extends Error {
  override readonly name = 'CommandClientError';
}

class Child {
  readonly #process: ChildProcess;
  readonly #handlers: ClientHandlers;
  readonly #pending = new Map<string, { resolve: (value: JsonObject | undefined) => void; reject: (error: Error) => void; subtype: string }>();
  readonly #requests = new Map<string, AbortController>();
  #stderr = '';
  #nextControl = 0;
  #ready: { resolve: () => void; reject: (error: Error) => void } | undefined;
  readonly exited: Promise<number | null>;

  constructor(child: ChildProcess, handlers: ClientHandlers, readonly command: string) {
    this.#process = child;
    this.#handlers = handlers;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-4000);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => this.#onLine(line));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    void this.exited.then((code) => this.#fail(this.error(`exited with code ${String(code)}`)));
    child.once('error', (error) => this.#fail(this.error(`could not start (${error.message})`)));
    // A program that exits early closes its stdin: a write then fails with EPIPE, which the exit
    // handler above already reports with the program's stderr, so the stream error is only noted.
    child.stdin?.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') this.#fail(this.error(`stopped reading its input (${error.message})`));
    });
  }

  error(what: string): CommandClientError {
    const tail = this.#stderr.trim().split('\n').slice(-5).join('\n');
    return new CommandClientError(`The client command "${this.command}" ${what}.${tail ? `\nIts stderr ends with:\n${tail}` : ''}`);
  }

  send(command: HarnessCommand): void {
    if (this.#process.stdin?.writable === true) this.#process.stdin.write(`${JSON.stringify(command)}\n`);
  }

  waitReady(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(this.error(`did not report "ready" within ${timeoutMs} ms`)), timeoutMs);
      this.#ready = {
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (error) => (clearTimeout(timer), reject(error)),
      };
    });
  }

  control(subtype: string, payload: JsonObject): Promise<JsonObject | undefined> {
    const id = `c${++this.#nextControl}`;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, subtype });
      this.send({ type: 'control', id, subtype, payload });
    });
  }

  #fail(error: Error): void {
    this.#ready?.reject(error);
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    for (const controller of this.#requests.values()) controller.abort(error);
  }

  #onLine(line: string): void {
    if (line.trim() === '') return;
    const event = readChildEvent(line);
    if ('problem' in event) {
      this.#handlers.onError(this.error(`broke the adapter protocol: ${event.problem}`));
      return;
    }
    this.#handle(event);
  }

  #handle(event: ChildEvent): void {
    switch (event.type) {
      case 'ready':
        this.#ready?.resolve();
        return;
      case 'frame':
        this.#handlers.onFrame(event.frame);
        return;
      case 'unknown_frame':
        this.#handlers.onUnknownFrame(event.frame, event.reason);
        return;
      case 'request': {
        const controller = new AbortController();
        this.#requests.set(event.id, controller);
        this.#handlers
          .answer({ subtype: event.subtype, requestId: event.request_id, request: event.request }, controller.signal)
          .then(
            (response) => this.send({ type: 'answer', id: event.id, response }),
            (error: unknown) => {
              if (!controller.signal.aborted) this.send({ type: 'answer', id: event.id, error: (error as Error).message });
            },
          )
          .finally(() => this.#requests.delete(event.id));
        return;
      }
      case 'withdrawn':
        this.#requests.get(event.id)?.abort(new Error('withdrawn by the agent'));
        return;
      case 'control_result': {
        const pending = this.#pending.get(event.id);
        this.#pending.delete(event.id);
        if (pending === undefined) return;
        if (event.unsupported === true) pending.reject(new UnsupportedControlError('command', pending.subtype));
        else if (event.ok) pending.resolve(event.response);
        else pending.reject(new Error(event.error ?? `${pending.subtype} failed`));
        return;
      }
      case 'error':
        this.#handlers.onError(new CommandClientError(event.message));
        return;
      case 'log':
        return;
    }
  }

  async stop(timeoutMs: number): Promise<void> {
    this.send({ type: 'stop' });
    this.#process.stdin?.end();
    const timer = setTimeout(() => this.#process.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}

/**
 * Any program as the client under test, through the subprocess protocol (see `command-protocol.ts`
 * and the README): one child process per connection, commands on its stdin, events on its stdout.
 */
export function commandAdapter(options: CommandAdapterOptions): ClientAdapter {
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  return {
    name: 'command',
    transports: options.transports ?? ['websocket', 'sse'],
    async connect(target: ClientTarget, setup: ClientSetup, handlers: ClientHandlers): Promise<ClientConnection> {
      const proc = spawn(options.command, { shell: true, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
      const child = new Child(proc, handlers, options.command);
      const ready = child.waitReady(timeoutMs);
      child.send({ type: 'start', version: COMMAND_PROTOCOL_VERSION, target, setup });
      try {
        await ready;
      } catch (error) {
        await child.stop(1000).catch(() => undefined);
        throw error;
      }
      return {
        async sendUser(message, parentToolUseId) {
          child.send({ type: 'send_user', message, parent_tool_use_id: parentToolUseId });
        },
        control: (subtype, payload) => child.control(subtype, payload),
        close: () => child.stop(timeoutMs),
      };
    },
  };
}
