import { NdjsonDecoder, type Frame } from '@ccr-kit/protocol-types';
import type { AgentContext, AgentSession } from '../../agent';
import {
  cancelRequest,
  controlError,
  controlSuccess,
  describeExit,
  exitNotice,
  interruptedTurnResult,
  requestIdOf,
  requestSubtypeOf,
} from './frames';
import { RequestLedger } from './ledger';
import { cliArgs, type ResolvedCliOptions } from './options';
import { CliProcess, type CliExit } from './process';
import type { ClaudeCliProcessInfo } from './info';
import { transcriptSaved } from './resume';
import { SdkUrlLink } from './sdk-url';
import { trafficNow, type CliTrafficChannel } from './traffic';
import { WorkspaceRefusedError, openWorkspace, type Workspace } from './workspace';

/** Prefix of the request ids the backend uses for its own requests to the CLI. */
const OWN = 'ccr-mock-init';
/** stderr lines kept to explain a crash. */
const STDERR_TAIL = 8;

/** One mock-server session driving one Claude Code CLI process (restarted when it dies). */
export class ClaudeCliSession implements AgentSession {
  readonly #ctx: AgentContext;
  readonly #options: ResolvedCliOptions;
  readonly #ledger = new RequestLedger();
  #workspace: Workspace | undefined;
  /** The last start failed because the session's cwd is outside the workspace root. */
  #refused = false;
  #link: SdkUrlLink | undefined;
  #proc: CliProcess | undefined;
  #decoder = new NdjsonDecoder();
  /** Sends in arrival order, each after the process it needs has started. */
  #chain: Promise<void> = Promise.resolve();
  #cliSessionId: string | undefined;
  #initRequest: Record<string, unknown> | undefined;
  #openTurns = 0;
  #turnStartedAt = 0;
  #started = 0;
  #stderrTail: string[] = [];
  #stopped = false;
  #stopping: Promise<void> | undefined;

  readonly #onStop: () => void;

  /** @param onStop called once when the session starts stopping. */
  constructor(ctx: AgentContext, options: ResolvedCliOptions, onStop: () => void = () => undefined) {
    this.#ctx = ctx;
    this.#options = options;
    this.#onStop = onStop;
    ctx.signal.addEventListener('abort', () => void this.stop(), { once: true });
  }

  /** What runs for this session right now. */
  info(): ClaudeCliProcessInfo {
    return {
      sessionId: this.#ctx.sessionId,
      pid: this.#proc?.running === true ? this.#proc.pid : undefined,
      cwd: this.#workspace?.cwd,
      home: this.#workspace?.home,
      cliSessionId: this.#cliSessionId,
      restarts: Math.max(0, this.#started - 1),
      fakeModelUrl: this.#workspace?.fakeModel?.url,
      connections: this.#link?.connections ?? 0,
      duplicatesDropped: this.#link?.duplicatesDropped ?? 0,
    };
  }

  /** `sdk-url` only: closes the CLI's socket so it reconnects (and re-sends its buffered frames). */
  dropConnection(): boolean {
    return this.#link?.dropConnection(1000) ?? false;
  }

  /** Forwards a client's `initialize` (hooks, SDK MCP servers, …) to the CLI and returns its answer. */
  async initialize(request: Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.#stopped) throw new Error('the session has stopped; its Claude Code CLI no longer runs');
    const { requestId, answer } = this.#ledger.own(OWN);
    this.#send({ type: 'control_request', request_id: requestId, request }, true);
    const response = await answer;
    if (response.subtype === 'error') {
      throw new Error(`the Claude Code CLI refused initialize: ${String(response.error)}`);
    }
    this.#initRequest = request;
    const payload = response.response;
    return payload !== null && typeof payload === 'object' ? (payload as Record<string, unknown>) : {};
  }

  /** Relays a client frame to the CLI, starting the process when the frame needs one. */
  deliver(frame: Frame): void {
    if (this.#stopped) return;
    const raw = frame as unknown as Record<string, unknown>;
    const requestId = requestIdOf(raw);
    switch (raw.type) {
      case 'user':
        if (this.#openTurns++ === 0) this.#turnStartedAt = this.#ctx.clock.now();
        this.#send({ ...raw, session_id: this.#cliSessionId ?? '' }, true);
        return;
      case 'control_request':
        if (requestId === undefined) break;
        if (requestSubtypeOf(raw) === 'interrupt' && this.#proc === undefined && this.#openTurns === 0) {
          this.#ctx.emit(controlSuccess(requestId));
          return;
        }
        this.#ledger.clientAsked(requestId, requestSubtypeOf(raw));
        this.#send(raw, true);
        return;
      case 'control_response':
        if (requestId !== undefined) this.#ledger.cliRequestClosed(requestId);
        break;
    }
    this.#send(raw, false);
  }

  /** Stops the CLI (SIGTERM, then SIGKILL), its socket server, fake model and temp directories. */
  stop(): Promise<void> {
    this.#stopping ??= this.#shutdown();
    return this.#stopping;
  }

  async #shutdown(): Promise<void> {
    this.#stopped = true;
    this.#onStop();
    await this.#chain;
    this.#ledger.drain(new Error('the session stopped'));
    const proc = this.#proc;
    this.#proc = undefined;
    if (proc !== undefined) {
      const exit = await proc.stop(this.#options.stopGraceMs);
      this.#ctx.journal(`the Claude Code CLI (pid ${proc.pid}) stopped: ${describeExit(exit)}`);
    }
    await this.#link?.close();
    await this.#workspace?.dispose();
  }

  #send(frame: Record<string, unknown>, start: boolean): void {
    this.#chain = this.#chain
      .then(async () => {
        if (this.#stopped) return;
        if (this.#proc === undefined) {
          if (!start) {
            this.#ctx.journal(`no Claude Code process is running; a ${String(frame.type)} frame was dropped`);
            return;
          }
          await this.#spawn();
        }
        this.#write(frame);
      })
      .catch((error: unknown) => this.#failStart(error as Error));
  }

  #write(frame: Record<string, unknown>): void {
    if (this.#link !== undefined) {
      this.#link.send(frame);
      return;
    }
    const line = JSON.stringify(frame);
    this.#tap('stdin', line);
    this.#proc?.write(`${line}\n`);
  }

  async #spawn(): Promise<void> {
    const options = this.#options;
    this.#workspace ??= await openWorkspace(options, this.#ctx.settings.cwd);
    if (options.transport === 'sdk-url') {
      this.#link ??= await SdkUrlLink.listen(this.#ctx.sessionId, {
        onFrame: (frame) => this.#fromCli(frame),
        journal: (message) => this.#ctx.journal(message),
        tap: (channel, text, connection) => this.#tap(channel, text, connection),
      });
    }
    if (this.#stopped) throw new Error('the session stopped while the Claude Code CLI was starting');
    const workspace = this.#workspace;
    let resume = this.#cliSessionId;
    if (resume !== undefined && !transcriptSaved(workspace.env, resume)) {
      this.#ctx.journal(
        `the CLI saved no transcript for its session ${resume}; the new process starts a fresh conversation`,
      );
      resume = undefined;
    }
    const args = cliArgs(options, this.#ctx.settings, { resume, sdkUrl: this.#link?.url });
    const command = workspace.scrubber.scrub(`${options.claudeBin} ${args.join(' ')}`);
    this.#ctx.journal(
      `starting the Claude Code CLI: ${command} (cwd ${workspace.cwd}; env: ${Object.keys(workspace.env).sort().join(', ')})`,
    );
    this.#tap('spawn', command);
    this.#decoder = new NdjsonDecoder();
    this.#stderrTail = [];
    const proc = CliProcess.start(
      { bin: options.claudeBin, args, cwd: workspace.cwd, env: workspace.env },
      {
        onStdout: (chunk) => this.#stdout(chunk),
        onStderrLine: (line) => this.#stderr(line),
        onExit: (exit) => this.#exited(proc, exit),
      },
    );
    this.#proc = proc;
    this.#started++;
    // A restarted CLI gets the hooks and SDK MCP servers the clients declared before.
    if (this.#started > 1 && this.#initRequest !== undefined) {
      const { requestId, answer } = this.#ledger.own(OWN);
      answer.catch(() => undefined);
      this.#write({ type: 'control_request', request_id: requestId, request: this.#initRequest });
    }
  }

  #stdout(chunk: Buffer): void {
    for (const item of this.#decoder.push(chunk)) {
      if (!item.ok) {
        this.#ctx.journal(`the Claude Code CLI printed a line that is not JSON: ${item.error.message}`);
        continue;
      }
      if (this.#options.tap !== undefined) this.#tap('stdout', JSON.stringify(item.value));
      if (item.value !== null && typeof item.value === 'object' && !Array.isArray(item.value))
        this.#fromCli(item.value as Record<string, unknown>);
    }
  }

  #stderr(line: string): void {
    const clean = this.#workspace?.scrubber.scrub(line) ?? line;
    this.#stderrTail.push(clean);
    if (this.#stderrTail.length > STDERR_TAIL) this.#stderrTail.shift();
    this.#tap('stderr', clean);
    this.#ctx.journal(`claude stderr: ${clean}`);
  }

  #fromCli(frame: Record<string, unknown>): void {
    if (this.#stopped) return;
    const requestId = requestIdOf(frame);
    switch (frame.type) {
      case 'keep_alive':
        return;
      case 'control_response':
        if (requestId !== undefined && this.#ledger.isOwn(requestId, OWN)) {
          this.#ledger.settleOwn(requestId, frame.response as Record<string, unknown>);
          return;
        }
        if (requestId !== undefined) this.#ledger.clientRequestAnswered(requestId);
        break;
      case 'control_request':
        if (requestId !== undefined) this.#ledger.cliAsked(requestId, requestSubtypeOf(frame));
        break;
      case 'control_cancel_request':
        if (requestId !== undefined) this.#ledger.cliRequestClosed(requestId);
        break;
      case 'result':
        this.#openTurns = Math.max(0, this.#openTurns - 1);
        if (this.#openTurns > 0) this.#turnStartedAt = this.#ctx.clock.now();
        break;
      case 'system':
        if (frame.subtype === 'init' && typeof frame.session_id === 'string')
          this.#cliSessionId = frame.session_id;
        break;
    }
    this.#ctx.emit(frame);
  }

  #exited(proc: CliProcess, exit: CliExit): void {
    for (const item of this.#decoder.end())
      if (item.ok && item.value !== null && typeof item.value === 'object')
        this.#fromCli(item.value as Record<string, unknown>);
    this.#tap('exit', `code=${exit.code ?? 'null'}, signal=${exit.signal ?? 'null'}`);
    if (this.#proc !== proc) return;
    this.#proc = undefined;
    if (this.#stopped) return;
    const how = describeExit(exit);
    this.#ctx.journal(`the Claude Code CLI (pid ${proc.pid ?? 'none'}) ${how}`);
    this.#wentAway(
      how,
      exit.error !== undefined || exit.signal !== null || exit.code !== 0,
      exit.error !== undefined,
    );
  }

  #failStart(error: Error): void {
    this.#refused = error instanceof WorkspaceRefusedError;
    this.#ctx.journal(`the Claude Code CLI could not be started: ${error.message}`);
    if (this.#stopped || this.#proc !== undefined) return;
    this.#wentAway(`could not be started (${error.message})`, true, true);
  }

  /**
   * Cleans up after the CLI went away: its prompts are withdrawn, client requests it never
   * answered get an error, and a turn in progress ends with a notice and an error `result`.
   */
  #wentAway(how: string, failed: boolean, neverRan: boolean): void {
    const lost = this.#link?.discardPending() ?? 0;
    const { cliRequests, clientRequests } = this.#ledger.drain(new Error(`the Claude Code CLI ${how}`));
    for (const requestId of cliRequests) this.#ctx.emit(cancelRequest(requestId));
    for (const [requestId, subtype] of clientRequests) {
      this.#ctx.emit(
        controlError(requestId, `The Claude Code CLI ${how} before answering ${subtype}; send it again.`),
      );
    }
    if (this.#openTurns === 0 && !failed) return;
    const stderr =
      this.#stderrTail.length > 0 ? ` Its last stderr lines: ${this.#stderrTail.join(' | ')}` : '';
    const next = this.#refused
      ? 'Create the session with a cwd inside the workspace root.'
      : neverRan
        ? `Check the claudeBin option (now ${this.#options.claudeBin}).`
        : 'The next message starts a new process, which resumes the conversation if the CLI had saved it.';
    const during = this.#openTurns > 0 ? ' during a turn; the turn ended with an error' : '';
    const message = `The Claude Code CLI process ${how}${during}.${stderr} ${next}`;
    this.#ctx.emit(exitNotice(message));
    if (this.#openTurns === 0) return;
    if (this.#openTurns > 1 || lost > 0)
      this.#ctx.journal(
        `${this.#openTurns - 1} queued message(s) and ${lost} unsent frame(s) were lost with the process`,
      );
    this.#openTurns = 0;
    this.#ctx.emit(interruptedTurnResult(message, Math.max(0, this.#ctx.clock.now() - this.#turnStartedAt)));
  }

  #tap(channel: CliTrafficChannel, text: string, connection?: number): void {
    this.#options.tap?.({ sessionId: this.#ctx.sessionId, at: trafficNow(), channel, text, connection });
  }
}
