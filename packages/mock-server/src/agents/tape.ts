import { parseTape, type Frame, type ParsedTape } from '@ccr-kit/protocol-types';
import type { AgentBackend, AgentContext, AgentSession } from '../agent';
import { firstDifference, frameContent, frameLabel } from './tape/normalize';
import { scriptFromTape, type TapeScript, type TapeStep } from './tape/script';
import { delay } from './scripted/wait';

/** Options of {@link tapeAgent}. */
export interface TapeAgentOptions {
  /** The tape: its NDJSON text, or a tape already read with `parseTape`. */
  tape: string | ParsedTape;
  /** Where the tape came from, for messages. @default '<tape>' */
  source?: string | undefined;
  /**
   * Replay speed: 1 keeps the recorded pauses, 2 halves them, 0 sends frames without pausing.
   * @default 1
   */
  speed?: number | undefined;
  /** Longest pause between two frames, in milliseconds, whatever the tape says. @default 10000 */
  maxDelayMs?: number | undefined;
  /**
   * When a client frame has the expected type but different content: `false` journals the
   * difference and goes on, `true` journals it and keeps waiting for a matching frame.
   * @default false
   */
  strict?: boolean | undefined;
}

/** A tape that cannot be replayed; the message says which tape, which line and why. */
export class TapeAgentError extends Error {
  override readonly name = 'TapeAgentError';
}

function readScript(options: TapeAgentOptions): TapeScript {
  const source = options.source ?? '<tape>';
  const parsed = typeof options.tape === 'string' ? parseTape(options.tape) : options.tape;
  if (parsed.errors.length > 0) {
    const lines = parsed.errors.slice(0, 5).map((e) => `  ${e.message}`);
    throw new TapeAgentError(`Cannot replay ${source}: ${parsed.errors.length} bad line(s):\n${lines.join('\n')}\nFix or re-record the tape.`);
  }
  const script = scriptFromTape(parsed.events);
  if (!script.steps.some((step) => step.kind === 'emit')) {
    throw new TapeAgentError(`Cannot replay ${source}: it holds no frames from the agent side (no ws.frame to-client on a client's socket, sse.event, stdout line, or upload on a worker's socket or /worker/events).`);
  }
  return script;
}

function describeStep(step: TapeStep): string {
  return `${frameLabel(step.frame)} (tape line ${step.line})`;
}

/** One session replaying a tape's agent side. */
class TapeSession implements AgentSession {
  readonly #ctx: AgentContext;
  readonly #script: TapeScript;
  readonly #options: TapeAgentOptions;
  readonly #inbox: Record<string, unknown>[] = [];
  readonly #requestIds = new Map<string, string>();
  /** Recorded uuid of a client's user message → the uuid the live client gave it. */
  readonly #uuids = new Map<string, string>();
  readonly #stop = new AbortController();
  #index = 0;
  #lastT: number | undefined;
  #running = false;

  constructor(ctx: AgentContext, script: TapeScript, options: TapeAgentOptions) {
    this.#ctx = ctx;
    this.#script = script;
    this.#options = options;
    ctx.signal.addEventListener('abort', () => this.#stop.abort(), { once: true });
    void this.#run();
  }

  async initialize(request: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    // The tape shows the agent acting on the initialize before answering it: that step waits for it.
    if (this.#script.initializeExpected) {
      this.#inbox.push({ type: 'control_request', request_id: 'initialize', request: { ...request, subtype: 'initialize' } });
      if (!this.#running) void this.#run();
    }
    const { pending_permission_requests: _p, pending_user_dialog_requests: _d, pending_elicitation_requests: _e, ...rest } = this.#script.initializeResponse ?? {};
    return rest;
  }

  deliver(frame: Frame): void {
    this.#inbox.push(frame);
    if (!this.#running) void this.#run();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
  }

  #pause(t: number): Promise<boolean> {
    const last = this.#lastT ?? t;
    this.#lastT = t;
    const speed = this.#options.speed ?? 1;
    if (speed <= 0) return Promise.resolve(!this.#stop.signal.aborted);
    const ms = Math.min(Math.max(0, t - last) / speed, this.#options.maxDelayMs ?? 10_000);
    return delay(this.#ctx.clock, ms, this.#stop.signal);
  }

  /** Replaces recorded client uuids inside a frame (`command_uuid`, `user_message_uuids`, `still_queued`, …) with the live ones. */
  #relabel(value: unknown): unknown {
    if (typeof value === 'string') return this.#uuids.get(value) ?? value;
    if (Array.isArray(value)) return value.map((item) => this.#relabel(item));
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.#relabel(item)]));
  }

  #emit(step: TapeStep): void {
    const { uuid: _uuid, session_id: _sid, ...recorded } = step.frame;
    const frame = (this.#uuids.size === 0 ? recorded : this.#relabel(recorded)) as Record<string, unknown>;
    if (frame.type === 'control_response') {
      const response = frame.response as Record<string, unknown>;
      const live = typeof response.request_id === 'string' ? this.#requestIds.get(response.request_id) : undefined;
      if (live !== undefined) frame.response = { ...response, request_id: live };
    }
    this.#ctx.emit(frame);
  }

  /** Takes inbox frames until one matches the expected step; `false` when none has yet. */
  #matchExpected(step: TapeStep): boolean {
    const wanted = frameLabel(step.frame);
    while (this.#inbox.length > 0) {
      const got = this.#inbox.shift()!;
      const label = frameLabel(got);
      if (label !== wanted) {
        this.#ctx.journal(`tape agent: mismatch: expected the client to send ${describeStep(step)}, got ${label}; ignored it and still waiting`, got);
        continue;
      }
      // The client's own initialize differs from the recorded one by design; the replay's checks judge it.
      const difference = label === 'control_request/initialize' ? undefined : firstDifference(frameContent(step.frame), frameContent(got));
      if (difference !== undefined) {
        const strict = this.#options.strict === true;
        this.#ctx.journal(`tape agent: mismatch in ${describeStep(step)}: ${difference}; ${strict ? 'still waiting (strict)' : 'continuing anyway'}`, got);
        if (strict) continue;
      }
      if (got.type === 'control_request' && typeof step.frame.request_id === 'string' && typeof got.request_id === 'string') {
        this.#requestIds.set(step.frame.request_id, got.request_id);
      }
      if (got.type === 'user' && typeof step.frame.uuid === 'string' && typeof got.uuid === 'string' && step.frame.uuid !== got.uuid) {
        this.#uuids.set(step.frame.uuid, got.uuid);
      }
      return true;
    }
    return false;
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      const steps = this.#script.steps;
      while (this.#index < steps.length && !this.#stop.signal.aborted) {
        const step = steps[this.#index]!;
        if (step.kind === 'expect') {
          if (!this.#matchExpected(step)) return;
          this.#lastT = step.t;
        } else {
          if (!(await this.#pause(step.t))) return;
          this.#emit(step);
        }
        this.#index++;
        if (this.#index === steps.length) this.#ctx.journal(`tape agent: ${this.#options.source ?? '<tape>'} replayed to its end`);
      }
      for (const extra of this.#inbox.splice(0)) {
        this.#ctx.journal(`tape agent: the tape has nothing more to replay; ignored a ${frameLabel(extra)} from the client`, extra);
      }
    } finally {
      this.#running = false;
    }
  }
}

/**
 * An agent backend that replays a recorded tape's agent side: it sends the agent's frames in order
 * (with the recorded pauses, on the server clock) and, where the tape shows a client frame, waits
 * for the client to send a matching one. Mismatches are written to the journal.
 * @throws {TapeAgentError} when the tape has bad lines or no agent frames.
 */
export function tapeAgent(options: TapeAgentOptions): AgentBackend {
  const script = readScript(options);
  return {
    name: 'tape',
    attach: (ctx) => new TapeSession(ctx, script, options),
  };
}
