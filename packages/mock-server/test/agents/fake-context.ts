import { VirtualClock, type Frame } from '@ccr-kit/protocol-types';
import type { AgentBackend, AgentContext, AgentSession, AgentSettings } from '../../src/agent';

/** A fake AgentContext on a virtual clock that records every emitted frame. */
export interface Harness {
  readonly clock: VirtualClock;
  readonly frames: Record<string, unknown>[];
  readonly journal: string[];
  readonly session: AgentSession;
  readonly controller: AbortController;
  /** Delivers a client frame to the agent. */
  send(frame: Record<string, unknown>): void;
  /** Sends a user prompt. */
  prompt(text: string): void;
  /** Lets pending promise callbacks run. */
  flush(): Promise<void>;
  /** Advances the virtual clock by `ms`, running promise callbacks between timers. */
  advance(ms: number): Promise<void>;
  /** Frames as `type` or `type/subtype` (control frames as `control_request/<subtype>`), for order checks. */
  kinds(options?: { partials?: boolean }): string[];
  /** The last control_request with this subtype. */
  lastRequest(subtype: string): Record<string, unknown>;
  /** Answers a control request of the agent. */
  answer(request: Record<string, unknown>, response: Record<string, unknown>): void;
}

/** A short label of a frame: `type/subtype` for system, result and control frames. */
export function kindOf(frame: Record<string, unknown>): string {
  const type = String(frame.type);
  if (type === 'control_request') return `control_request/${String((frame.request as Record<string, unknown>).subtype)}`;
  if (type === 'control_response') return `control_response/${String((frame.response as Record<string, unknown>).subtype)}`;
  if (type === 'stream_event') return `stream_event/${String((frame.event as Record<string, unknown>).type)}`;
  if (type === 'system' && frame.subtype === 'session_state_changed') return `state/${String(frame.state)}`;
  if (typeof frame.subtype === 'string') return `${type}/${frame.subtype}`;
  return type;
}

/** Attaches a backend to a fake context. */
export async function attach(backend: AgentBackend, settings: AgentSettings = {}): Promise<Harness> {
  const clock = new VirtualClock(1_000_000);
  const frames: Record<string, unknown>[] = [];
  const journal: string[] = [];
  const controller = new AbortController();
  const ctx: AgentContext = {
    sessionId: 'cse_test',
    clock,
    signal: controller.signal,
    settings,
    emit: (frame) => frames.push(frame),
    journal: (message) => journal.push(message),
  };
  const session = await backend.attach(ctx);
  const flush = async (): Promise<void> => {
    for (let i = 0; i < 50; i++) await Promise.resolve();
  };
  const harness: Harness = {
    clock,
    frames,
    journal,
    session,
    controller,
    send: (frame) => session.deliver(frame as unknown as Frame),
    prompt: (text) => harness.send({ type: 'user', session_id: '', message: { role: 'user', content: [{ type: 'text', text }] }, parent_tool_use_id: null }),
    flush,
    advance: async (ms) => {
      await flush();
      await clock.advanceAsync(ms, 1);
      await flush();
    },
    kinds: (options) => frames.map(kindOf).filter((k) => options?.partials === true || !k.startsWith('stream_event/')),
    lastRequest: (subtype) => {
      const found = frames.filter((f) => f.type === 'control_request' && (f.request as Record<string, unknown>).subtype === subtype).at(-1);
      if (found === undefined) throw new Error(`no control_request/${subtype} was emitted; frames: ${frames.map(kindOf).join(', ')}`);
      return found;
    },
    answer: (request, response) =>
      harness.send({ type: 'control_response', response: { subtype: 'success', request_id: request.request_id, response } }),
  };
  return harness;
}
