import { parseScenario } from './parse';
import type {
  ErrorResponse,
  MessageResponse,
  ModelResponse,
  Scenario,
  ScenarioBlock,
  ScenarioTurn,
  SimulatedToolResult,
  TextBlock,
  TextMatch,
  ThinkingBlock,
  ToolUseBlock,
} from './schema';

/** Pacing options shared by every block helper. */
export interface BlockPacing {
  delayMs?: number | undefined;
  chunks?: number | undefined;
  chunkDelayMs?: number | undefined;
}

function withPacing<T extends object>(block: T, pacing: BlockPacing | undefined): T {
  const out = { ...block } as Record<string, unknown>;
  if (pacing?.delayMs !== undefined) out.delayMs = pacing.delayMs;
  if (pacing?.chunks !== undefined) out.chunks = pacing.chunks;
  if (pacing?.chunkDelayMs !== undefined) out.chunkDelayMs = pacing.chunkDelayMs;
  return out as T;
}

/** A text block. */
export function text(value: string, pacing?: BlockPacing): TextBlock {
  return withPacing({ type: 'text', text: value }, pacing);
}

/** A thinking block (streamed with a signature). */
export function thinking(
  value: string,
  options?: BlockPacing & { signature?: string | undefined },
): ThinkingBlock {
  const block: ThinkingBlock = { type: 'thinking', text: value };
  if (options?.signature !== undefined) block.signature = options.signature;
  return withPacing(block, options);
}

/** Options of a tool call: its id, and what the scripted agent does with it. */
export interface ToolUseOptions extends BlockPacing {
  id?: string | undefined;
  /** Scripted agent only: the simulated result (a string is shorthand for `{ content }`). */
  result?: SimulatedToolResult | string | undefined;
  /** Scripted agent only: whether a permission prompt comes first. */
  permission?: 'ask' | 'auto' | undefined;
  /** Scripted agent only: how long the simulated tool runs once allowed, in milliseconds. */
  durationMs?: number | undefined;
  /**
   * The answers played instead of the turn's remaining ones when this call is denied: a list, or
   * a callback that adds them, e.g. `(branch) => branch.reply(text('I will not run it.'))`.
   */
  onDeny?: readonly ModelResponse[] | ((branch: ResponsesBuilder) => unknown) | undefined;
}

function denyBranch(onDeny: NonNullable<ToolUseOptions['onDeny']>): ModelResponse[] {
  if (typeof onDeny !== 'function') return [...onDeny];
  const branch = new ResponsesBuilder();
  onDeny(branch);
  return [...branch.responses];
}

/** A tool call block. */
export function toolUse(
  name: string,
  input: Record<string, unknown>,
  options?: ToolUseOptions,
): ToolUseBlock {
  const block: ToolUseBlock = { type: 'tool_use', name, input };
  if (options?.id !== undefined) block.id = options.id;
  if (options?.result !== undefined)
    block.result = typeof options.result === 'string' ? { content: options.result } : options.result;
  if (options?.permission !== undefined) block.permission = options.permission;
  if (options?.durationMs !== undefined) block.durationMs = options.durationMs;
  if (options?.onDeny !== undefined) block.onDeny = denyBranch(options.onDeny);
  return withPacing(block, options);
}

/** Options of a successful answer besides its blocks. */
export type ReplyOptions = Omit<MessageResponse, 'blocks'>;

/** Options of an HTTP error answer besides its status and message. */
export type FailOptions = Omit<ErrorResponse['error'], 'status' | 'message'>;

function toMatch(match: string | RegExp | TextMatch): TextMatch {
  if (match instanceof RegExp)
    return match.flags ? { regex: match.source, flags: match.flags } : { regex: match.source };
  return match;
}

/** Collects model answers in order: a turn's, or a deny branch's (`toolUse(…, { onDeny })`). */
export class ResponsesBuilder {
  readonly #responses: ModelResponse[] = [];

  /** The answers added so far, in order. */
  get responses(): readonly ModelResponse[] {
    return this.#responses;
  }

  /** Adds a successful answer made of these blocks. */
  reply(blocks: ScenarioBlock | readonly ScenarioBlock[], options?: ReplyOptions): this {
    const list = Array.isArray(blocks)
      ? [...(blocks as readonly ScenarioBlock[])]
      : [blocks as ScenarioBlock];
    this.#responses.push({ ...options, blocks: list });
    return this;
  }

  /** Adds an HTTP error answer, served `options.times` requests in a row (default once). */
  fail(status: ErrorResponse['error']['status'], message: string, options?: FailOptions): this {
    this.#responses.push({ error: { status, message, ...options } });
    return this;
  }

  /** Adds any answer, as written in a scenario file. */
  respond(response: ModelResponse): this {
    this.#responses.push(response);
    return this;
  }
}

/** Builds the answers of one turn; `turn()` and `build()` continue on the scenario. */
export class TurnBuilder extends ResponsesBuilder {
  constructor(private readonly parent: ScenarioBuilder) {
    super();
  }

  /** Starts the next turn of the scenario. */
  turn(match?: string | RegExp | TextMatch): TurnBuilder {
    return this.parent.turn(match);
  }

  /**
   * Validates and returns the whole scenario.
   * @throws {ScenarioError} when a value is out of range (e.g. a negative delay).
   */
  build(): Scenario {
    return this.parent.build();
  }
}

/** Builds a scenario in code with the same meaning as a scenario JSON file. */
export class ScenarioBuilder {
  readonly #turns: { match: TextMatch | undefined; answers: ResponsesBuilder }[] = [];

  constructor(
    readonly name: string,
    readonly description?: string | undefined,
  ) {}

  /** Starts a turn; `match` is a substring or regular expression the user's prompt must match. */
  turn(match?: string | RegExp | TextMatch): TurnBuilder {
    const answers = new TurnBuilder(this);
    this.#turns.push({ match: match === undefined ? undefined : toMatch(match), answers });
    return answers;
  }

  /**
   * Validates and returns the scenario.
   * @throws {ScenarioError} when the scenario has no turns, a turn has no answers, or a value is out of range.
   */
  build(): Scenario {
    const turns: ScenarioTurn[] = this.#turns.map(({ match, answers }) =>
      match === undefined
        ? { responses: [...answers.responses] }
        : { match: { text: match }, responses: [...answers.responses] },
    );
    const value: Scenario = { name: this.name, turns };
    if (this.description !== undefined) value.description = this.description;
    return parseScenario(value, `scenario builder "${this.name}"`);
  }
}

/** Starts building a scenario. */
export function scenario(name: string, description?: string): ScenarioBuilder {
  return new ScenarioBuilder(name, description);
}
