import type { MockServer } from '@ccr-kit/mock-server';
import type { ClientConnection, ClientTransport } from '../adapters/types';
import type { JsonObject } from '../internal/json';
import { firstDifference } from '../normalize';
import type { AgentRequest } from '../replay/answers';
import type { ClientSetup } from '../replay/script';
import type { StageAgent } from './stage';

/** A check's expectation was not met; the message says what was expected and what happened. */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure';
}

/** A check passed with a remark worth reading: thrown from a check body, it records status `warn`. */
export class CheckWarning extends Error {
  override readonly name = 'CheckWarning';
}

/** Throws a {@link CheckFailure} unless `actual` equals `expected` (object keys in any order). */
export function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const difference = firstDifference(expected, actual);
  if (difference !== undefined) throw new CheckFailure(`${what}: ${difference}`);
}

/** Throws a {@link CheckFailure} with `message` unless `condition` holds. */
export function expectThat(condition: boolean, message: string): void {
  if (!condition) throw new CheckFailure(message);
}

/** How the scenario answers the agent's requests reaching the client under test. */
export type AnswerPolicy = (request: AgentRequest, signal: AbortSignal) => Promise<JsonObject> | JsonObject;

/** The client under test as a scenario sees it. */
export interface ClientUnderTest {
  readonly connection: ClientConnection;
  /** Frames the client handed to its application. */
  readonly frames: readonly unknown[];
  /** Requests of the agent that reached the client's handlers. */
  readonly asked: readonly AgentRequest[];
  /** Frames the client flagged as unknown, with its reason. */
  readonly unknown: readonly { frame: unknown; reason: string }[];
  readonly errors: readonly Error[];
  /** Sets how the next requests are answered. Without a policy, a request waits until withdrawn. */
  instruct(policy: AnswerPolicy): void;
  /** Waits for a surfaced frame, from index `from` on. */
  frame(what: string, predicate: (frame: JsonObject) => boolean, from?: number): Promise<JsonObject>;
  /** Waits for the n-th (1-based) request of a subtype to reach a handler. */
  request(subtype: string, count?: number): Promise<AgentRequest>;
}

/** What a scenario gets to work with. */
export interface ScenarioContext {
  readonly stage: StageAgent;
  readonly server: MockServer;
  readonly sessionId: string;
  readonly transport: ClientTransport;
  /** The longest a single wait may take, in ms. */
  readonly timeoutMs: number;
  /** Sets how requests reaching the client are answered, also before it connects (prompts re-armed on connect). */
  instruct(policy: AnswerPolicy): void;
  /** Connects the client under test (once), declaring the given hooks and MCP servers. */
  connect(setup?: ClientSetup): Promise<ClientUnderTest>;
  /**
   * Runs one check: it passes unless `body` throws (a {@link CheckFailure} or any error, whose message
   * becomes the failure). After a failed check, later checks are skipped: they would only time out.
   * Resolves with whether it passed.
   */
  check(id: string, title: string, body: () => Promise<void> | void): Promise<boolean>;
  /** How many times a client subscribed to the session's stream (WebSocket or SSE) so far. */
  subscriptions(): number;
  /** Waits until `check` returns a value (re-checked whenever the client or agent sees something). */
  until<T>(what: string, check: () => T | undefined | false): Promise<T>;
}

/** Options of the server a scenario needs. */
export interface ScenarioNeeds {
  /** Run the mock server on a virtual clock the scenario advances. */
  readonly virtualClock?: boolean | undefined;
}

/** One conformance scenario: a flow of PROTOCOL.md played against a client under test. */
export interface Scenario {
  /** Stable id, e.g. `flow-permissions`; check ids are unique within it. */
  readonly id: string;
  readonly title: string;
  /** The PROTOCOL.md section it exercises, e.g. `PROTOCOL.md#flow-permissions`. */
  readonly section: string;
  readonly needs?: ScenarioNeeds | undefined;
  run(ctx: ScenarioContext): Promise<void>;
}
