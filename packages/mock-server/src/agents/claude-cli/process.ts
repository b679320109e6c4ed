import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

/** How to start one CLI process. */
export interface CliSpawnSpec {
  readonly bin: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

/** How a CLI process ended; `error` is set when it could not be started at all. */
export interface CliExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly error?: Error | undefined;
}

/** Where the output of a CLI process goes. */
export interface CliProcessHandlers {
  onStdout(chunk: Buffer): void;
  onStderrLine(line: string): void;
  /** Called once, after the last stdout chunk. */
  onExit(exit: CliExit): void;
}

/** Every process started here and still running, so none outlives this Node process. */
const live = new Set<CliProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/**
 * One Claude Code CLI process in its own process group (so the tools it runs stop with it), with
 * stdout handed on as bytes and stderr as lines.
 */
export class CliProcess {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #handlers: CliProcessHandlers;
  readonly exited: Promise<CliExit>;
  #exit: CliExit | undefined;
  #stderrCarry = '';

  private constructor(child: ChildProcessWithoutNullStreams, handlers: CliProcessHandlers) {
    this.#child = child;
    this.#handlers = handlers;
    let settle: (exit: CliExit) => void = () => undefined;
    this.exited = new Promise((resolve) => (settle = resolve));
    const finish = (exit: CliExit): void => {
      if (this.#exit !== undefined) return;
      this.#exit = exit;
      live.delete(this);
      if (this.#stderrCarry !== '') handlers.onStderrLine(this.#stderrCarry);
      this.#stderrCarry = '';
      handlers.onExit(exit);
      settle(exit);
    };
    child.stdout.on('data', (chunk: Buffer) => handlers.onStdout(chunk));
    child.stderr.on('data', (chunk: Buffer) => this.#stderr(chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', (error) => {
      if (child.pid === undefined) finish({ code: null, signal: null, error });
    });
    // The main process may be gone while tools it started still hold the pipes: end them too.
    child.on('exit', () => this.kill('SIGKILL'));
    child.on('close', (code, signal) => finish({ code, signal }));
  }

  /** Starts a CLI process; a missing binary is reported through `onExit` with `error` set. */
  static start(spec: CliSpawnSpec, handlers: CliProcessHandlers): CliProcess {
    installExitHook();
    const child = spawn(spec.bin, [...spec.args], { cwd: spec.cwd, env: { ...spec.env }, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const proc = new CliProcess(child, handlers);
    if (child.pid !== undefined) live.add(proc);
    return proc;
  }

  /** The operating-system process id (undefined when the process could not start). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Whether the process is still running. */
  get running(): boolean {
    return this.#exit === undefined && this.#child.pid !== undefined;
  }

  /** Writes text to the process's stdin; does nothing once it has exited. */
  write(text: string): void {
    if (this.running && this.#child.stdin.writable) this.#child.stdin.write(text);
  }

  /** Sends a signal to the whole process group. */
  kill(signal: NodeJS.Signals): void {
    const pid = this.#child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // The group is already gone.
    }
  }

  /** Closes stdin, sends SIGTERM, and SIGKILL after `graceMs`; resolves once the process has exited. */
  async stop(graceMs: number): Promise<CliExit> {
    if (this.#exit !== undefined) return this.#exit;
    this.#child.stdin.end();
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  #stderr(chunk: Buffer): void {
    const text = this.#stderrCarry + chunk.toString('utf8');
    const lines = text.split('\n');
    this.#stderrCarry = lines.pop() ?? '';
    for (const line of lines) if (line.trim() !== '') this.#handlers.onStderrLine(line.replace(/\r$/, ''));
  }
}
