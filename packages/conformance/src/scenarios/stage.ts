import type { AgentBackend, AgentContext, AgentSession } from '@ccr-kit/mock-server';
import { frameLabel, type JsonObject } from '../internal/json';
import type { Waiter } from '../internal/waiter';

/**
 * The agent side of a scenario: the scenario decides every frame the agent sends, and reads every
 * frame the client sent it. It runs behind the mock server, so the client talks to a real CCR
 * surface (REST, WebSocket, SSE) while the scenario plays the CLI.
 */
export class StageAgent implements AgentBackend {
  readonly name = 'conformance-stage';
  /** Frames the client sent to the agent, in order (keep-alives and initialize are the server's). */
  readonly delivered: JsonObject[] = [];
  /** `initialize` requests the client sent. */
  readonly initializes: JsonObject[] = [];
  /** What the stage answers to `initialize`, merged into the server's own fields. */
  initializeAnswer: JsonObject = {};
  readonly #waiter: Waiter;
  readonly #timeoutMs: number;
  #ctx: AgentContext | undefined;

  constructor(waiter: Waiter, timeoutMs: number) {
    this.#waiter = waiter;
    this.#timeoutMs = timeoutMs;
  }

  /** Attaches to the (single) session of a scenario. */
  attach(ctx: AgentContext): AgentSession {
    this.#ctx = ctx;
    return {
      deliver: (frame) => {
        this.delivered.push(frame);
        this.#waiter.notify();
      },
      initialize: async (request) => {
        this.initializes.push(request);
        this.#waiter.notify();
        return this.initializeAnswer;
      },
      stop: async () => undefined,
    };
  }

  /** Sends frames towards the client, as the CLI would. */
  emit(...frames: JsonObject[]): void {
    if (this.#ctx === undefined) throw new Error('The stage agent is not attached to a session yet; create the session first.');
    for (const frame of frames) this.#ctx.emit(frame);
  }

  /** Waits for the first client frame from index `from` on that matches; resolves with it. */
  async received(what: string, predicate: (frame: JsonObject) => boolean, from = 0): Promise<JsonObject> {
    return this.#waiter.until(
      () => this.delivered.slice(from).find(predicate),
      this.#timeoutMs,
      () => `the agent never received ${what}; it got: ${this.delivered.map(frameLabel).join(', ') || 'nothing'}`,
    );
  }

  /** Waits for the n-th (1-based) initialize request. */
  async initialized(count = 1): Promise<JsonObject> {
    return this.#waiter.until(() => this.initializes[count - 1], this.#timeoutMs, () => `the client sent ${this.initializes.length} initialize request(s), expected ${count}`);
  }
}
