import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { SdkUrlLink } from '@ccr-kit/mock-server';

/** The parts of a stream-json frame a host looks at; everything else is kept as sent. */
export interface HostFrame {
  type?: string;
  subtype?: string;
  uuid?: string;
  request_id?: string;
  request?: { subtype?: string; tool_name?: string; tool_use_id?: string; input?: Record<string, unknown>; message?: Record<string, unknown> };
  response?: { subtype?: string; request_id?: string; response?: Record<string, unknown> };
  event?: { type?: string; delta?: { type?: string } };
  [key: string]: unknown;
}

/** A `can_use_tool` request, reduced to what an answer needs. */
export interface PermissionPrompt {
  readonly requestId: string;
  readonly toolUseId: string;
  readonly input: Record<string, unknown>;
}

/** How the host talks to the CLI: its stdin/stdout, or the WebSocket the CLI opens with `--sdk-url` (2.0.0–2.1.120 only). */
export type HostTransport = 'stdio' | 'sdk-url';

/** How to start one CLI process. */
export interface HostLaunch {
  readonly bin: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Record<string, string>;
  readonly transport: HostTransport;
  /** Longest wait for one expected frame. */
  readonly waitMs: number;
}

/**
 * The host side of one real Claude Code CLI process: writes frames to it, reads what it prints (or
 * sends over `--sdk-url`) and keeps both sides line by line, exactly as they passed.
 */
export class CliHost {
  /** Every line the host sent, in order. */
  readonly sent: string[] = [];
  /** Every line the CLI sent, in order. */
  readonly received: string[] = [];
  /** For each sent line, how many lines the CLI had sent before it: the exact interleaving of the two sides. */
  readonly sentAfter: number[] = [];
  readonly frames: HostFrame[] = [];
  stderr = '';
  readonly #child: ChildProcess;
  readonly #link: SdkUrlLink | undefined;
  readonly #waitMs: number;
  readonly #exit: Promise<number | null>;
  #exited = false;
  #cursor = 0;
  #counter = 0;
  #waiters: (() => void)[] = [];

  private constructor(child: ChildProcess, link: SdkUrlLink | undefined, waitMs: number) {
    this.#child = child;
    this.#link = link;
    this.#waitMs = waitMs;
    child.stderr!.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 64_000) this.stderr += chunk.toString('utf8');
    });
    if (link === undefined) createInterface({ input: child.stdout! }).on('line', (line) => this.#take(line));
    else child.stdout!.resume();
    this.#exit = new Promise((done) => {
      child.once('exit', (code) => done(code));
      child.once('error', (error) => {
        this.stderr += `\n${error.message}`;
        done(null);
      });
    });
    void this.#exit.then(() => {
      this.#exited = true;
      this.#wakeAll();
    });
  }

  /** Starts the CLI (for `sdk-url`, behind a loopback WebSocket it connects to). */
  static async start(launch: HostLaunch): Promise<CliHost> {
    // Lines can arrive over the socket before the host object exists: hold them until it does.
    const holder: { host?: CliHost } = {};
    const pending: string[] = [];
    const link =
      launch.transport === 'sdk-url'
        ? await SdkUrlLink.listen(`cse_record_${process.pid}`, {
            onFrame: () => undefined,
            journal: () => undefined,
            tap: (channel, text) => {
              if (channel !== 'ws-from-cli') return;
              for (const line of text.split('\n').filter((l) => l.trim() !== '')) {
                if (holder.host === undefined) pending.push(line);
                else holder.host.#take(line);
              }
            },
          })
        : undefined;
    const args = link === undefined ? [...launch.args] : [...launch.args, '--sdk-url', link.url];
    const child = spawn(launch.bin, args, { cwd: launch.cwd, env: launch.env, stdio: ['pipe', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
    const host = new CliHost(child, link, launch.waitMs);
    holder.host = host;
    for (const line of pending.splice(0)) host.#take(line);
    return host;
  }

  #take(line: string): void {
    this.received.push(line);
    let frame: HostFrame;
    try {
      const value: unknown = JSON.parse(line);
      frame = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as HostFrame) : { type: '(not an object)' };
    } catch {
      frame = { type: '(not json)' };
    }
    this.frames.push(frame);
    this.#wakeAll();
  }

  #wakeAll(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Writes one frame to the CLI. */
  send(frame: Record<string, unknown>): void {
    const line = JSON.stringify(frame);
    this.sent.push(line);
    this.sentAfter.push(this.received.length);
    if (this.#link === undefined) this.#child.stdin!.write(`${line}\n`);
    else this.#link.send(frame);
  }

  /** Sends a user prompt the way the Agent SDK does (`uuid` makes the CLI report its command lifecycle). */
  prompt(text: string, uuid?: string): void {
    this.send({ type: 'user', session_id: '', message: { role: 'user', content: [{ type: 'text', text }] }, parent_tool_use_id: null, ...(uuid === undefined ? {} : { uuid }) });
  }

  /** Sends a control request with a deterministic id (`host-req-N`) and returns the id. */
  control(request: Record<string, unknown>): string {
    const id = `host-req-${++this.#counter}`;
    this.send({ type: 'control_request', request_id: id, request });
    return id;
  }

  /** Answers one of the CLI's control requests with success. */
  reply(requestId: string, response: Record<string, unknown>): void {
    this.send({ type: 'control_response', response: { subtype: 'success', request_id: requestId, response } });
  }

  /** Waits for the next frame (after earlier matches) that satisfies `predicate`. */
  async next(what: string, predicate: (frame: HostFrame) => boolean, waitMs = this.#waitMs): Promise<HostFrame> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      while (this.#cursor < this.frames.length) {
        const frame = this.frames[this.#cursor++]!;
        if (predicate(frame)) return frame;
      }
      if (this.#exited) throw new Error(`the CLI exited while the host waited for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${waitMs} ms waiting for ${what}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** Waits for a `can_use_tool` request (for `tool`, when given). */
  async permission(tool?: string): Promise<PermissionPrompt> {
    const frame = await this.next(`can_use_tool${tool === undefined ? '' : ` for ${tool}`}`, (f) => f.type === 'control_request' && f.request?.subtype === 'can_use_tool' && (tool === undefined || f.request.tool_name === tool));
    return { requestId: frame.request_id ?? '', toolUseId: frame.request?.tool_use_id ?? '', input: frame.request?.input ?? {} };
  }

  /** Waits for the next control request of `subtype` from the CLI. */
  request(subtype: string): Promise<HostFrame> {
    return this.next(`control_request ${subtype}`, (f) => f.type === 'control_request' && f.request?.subtype === subtype);
  }

  /** Waits for the control_response to one of the host's requests. */
  response(requestId: string): Promise<HostFrame> {
    return this.next(`control_response to ${requestId}`, (f) => f.type === 'control_response' && f.response?.request_id === requestId);
  }

  /** Sends a control request and waits for its answer. */
  async ask(request: Record<string, unknown>): Promise<HostFrame> {
    return this.response(this.control(request));
  }

  /**
   * Sends a control request and waits up to `waitMs` for its answer; `undefined` when none came
   * (some versions never answer a request they cannot handle). Throws when the CLI exits.
   */
  async tryAsk(request: Record<string, unknown>, waitMs: number): Promise<HostFrame | undefined> {
    const id = this.control(request);
    const before = this.#cursor;
    try {
      return await this.next(`control_response to ${id}`, (f) => f.type === 'control_response' && f.response?.request_id === id, waitMs);
    } catch (error) {
      if (this.#exited) throw error;
      this.#cursor = before;
      return undefined;
    }
  }

  /** Waits for the turn's `result` frame. */
  result(): Promise<HostFrame> {
    return this.next('result', (f) => f.type === 'result');
  }

  /** Lets the CLI print what it has left for `ms`, without waiting for anything in particular. */
  async settle(ms: number): Promise<void> {
    await new Promise((done) => setTimeout(done, ms));
  }

  /** Closes the input and waits for the CLI to exit (killing it after `timeoutMs`); returns its exit code. */
  async finish(timeoutMs = 20_000): Promise<number | null> {
    if (this.#link === undefined) this.#child.stdin!.end();
    else {
      this.#child.stdin!.end();
      // Over --sdk-url the CLI ends its session when the service closes the socket for good.
      this.#link.dropConnection(4001, 'recording finished');
    }
    const timer = setTimeout(() => this.kill(), timeoutMs);
    const code = await this.#exit;
    clearTimeout(timer);
    return code;
  }

  /** Kills the CLI and everything it started; closes the WebSocket server. */
  kill(): void {
    const child = this.#child;
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }
    void this.#link?.close();
  }
}
