import { selectTurn, type TurnRef } from '../scenario/match';
import { isErrorResponse, type MessageResponse, type ModelResponse, type ScenarioTurn } from '../scenario/schema';
import { looksDenied, type ToolResultView } from './denial';
import { isRecord } from './request';

/** A tool call of the model's previous answer, with the tool_result the client sent for it. */
export interface ToolCallView {
  readonly id: string;
  readonly name: string;
  readonly result: ToolResultView | undefined;
}

/** What a Messages API request says about the conversation: a new prompt, or a tool-result follow-up. */
export type RequestView =
  | { readonly kind: 'prompt'; readonly text: string; readonly key: string }
  | { readonly kind: 'tool_results'; readonly calls: readonly ToolCallView[] }
  | { readonly kind: 'empty' };

const REMINDER = '<system-reminder>';

function blocksOf(message: Record<string, unknown>): unknown[] {
  return Array.isArray(message.content) ? message.content : [];
}

/** The tool calls of the assistant messages right before message `m`, each with its result in `m`. */
function toolCalls(messages: readonly unknown[], m: number): ToolCallView[] {
  const results = new Map<string, ToolResultView>();
  for (const block of blocksOf(messages[m] as Record<string, unknown>)) {
    if (!isRecord(block) || block.type !== 'tool_result' || typeof block.tool_use_id !== 'string') continue;
    const content = Array.isArray(block.content)
      ? block.content
      : typeof block.content === 'string'
        ? block.content
        : '';
    results.set(block.tool_use_id, { isError: block.is_error === true, content });
  }
  const calls: ToolCallView[] = [];
  for (let a = m - 1; a >= 0; a--) {
    const message: unknown = messages[a];
    if (!isRecord(message) || message.role === 'user') break;
    if (message.role !== 'assistant') continue;
    const uses = blocksOf(message).filter(
      (b): b is Record<string, unknown> => isRecord(b) && b.type === 'tool_use' && typeof b.id === 'string',
    );
    calls.unshift(
      ...uses.map((b) => ({ id: b.id as string, name: String(b.name), result: results.get(b.id as string) })),
    );
  }
  return calls;
}

/**
 * Reads the last user message of a request. Its last block that is not a `<system-reminder>`
 * decides: a `tool_result` means the model is being called back after tools ran (the view pairs
 * the previous answer's tool calls with their results); text is a prompt. The prompt key
 * (message index, block index, text) stays the same when the client retries.
 */
export function viewRequest(body: Record<string, unknown>): RequestView {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  for (let m = messages.length - 1; m >= 0; m--) {
    const message: unknown = messages[m];
    if (!isRecord(message) || message.role !== 'user') continue;
    if (typeof message.content === 'string')
      return { kind: 'prompt', text: message.content, key: `${m}:0:${message.content}` };
    const blocks = blocksOf(message);
    for (let b = blocks.length - 1; b >= 0; b--) {
      const block: unknown = blocks[b];
      if (!isRecord(block)) continue;
      if (block.type === 'tool_result') return { kind: 'tool_results', calls: toolCalls(messages, m) };
      if (block.type === 'text' && typeof block.text === 'string' && !block.text.startsWith(REMINDER)) {
        return { kind: 'prompt', text: block.text, key: `${m}:${b}:${block.text}` };
      }
    }
    return { kind: 'empty' };
  }
  return { kind: 'empty' };
}

/** The answer chosen for one request, or why there is none. */
export type Selection =
  | {
      readonly kind: 'response';
      readonly response: ModelResponse;
      readonly turn: TurnRef;
      /** The answer's index in the list being played (the turn's, or a deny branch's). */
      readonly responseIndex: number;
      /** The answer's JSON path in its scenario, e.g. `$.turns[0].responses[0].blocks[1].onDeny[0]`. */
      readonly path: string;
    }
  | { readonly kind: 'no_script'; readonly reason: string };

function quote(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}...` : text);
}

/** An answer list being played: the turn's responses or a deny branch, with its JSON path. */
interface Track {
  readonly responses: readonly ModelResponse[];
  readonly path: string;
}

/** A served answer whose tool calls have deny branches, waiting for their results. */
interface Awaiting {
  readonly answer: MessageResponse;
  readonly path: string;
}

/**
 * The deny branch to switch to: the first tool call of `awaiting` that has `onDeny` and whose
 * result reads as denied. A call is paired with the request's tool calls by its scenario `id`,
 * else by position among the answer's tool calls.
 */
function deniedBranch(
  awaiting: Awaiting,
  calls: readonly ToolCallView[],
  isDenied: (result: ToolResultView) => boolean,
): Track | undefined {
  let position = 0;
  for (const [index, block] of awaiting.answer.blocks.entries()) {
    if (block.type !== 'tool_use') continue;
    const call = block.id === undefined ? calls[position] : calls.find((c) => c.id === block.id);
    position++;
    if (block.onDeny === undefined || call?.result === undefined || !isDenied(call.result)) continue;
    return { responses: block.onDeny, path: `${awaiting.path}.blocks[${index}].onDeny` };
  }
  return undefined;
}

function hasDenyBranch(response: ModelResponse): response is MessageResponse {
  return (
    !isErrorResponse(response) && response.blocks.some((b) => b.type === 'tool_use' && b.onDeny !== undefined)
  );
}

/**
 * Plays a list of turns for one conversation: a new prompt picks a turn, then every request
 * (follow-ups and retries alike) takes that turn's next answer; an error with `times: n` is served
 * n requests in a row before the turn moves on. When the tool results of an answer show a denied
 * call that has `onDeny`, the rest of the turn is that branch instead.
 */
export class ConversationPlayer {
  #turn: number | undefined;
  #track: Track | undefined;
  #response = 0;
  #servedTimes = 0;
  #promptKey: string | undefined;
  #nextFrom = 0;
  #awaiting: Awaiting | undefined;

  /**
   * @param isDenied decides whether an `is_error` tool_result is a denial (default {@link looksDenied}).
   */
  /** The fallback turn being played (when `#turn` is -1). */
  #fallbackTurn: TurnRef | undefined;

  constructor(
    private readonly turns: readonly TurnRef[],
    private readonly label: string,
    private readonly isDenied: (result: ToolResultView) => boolean = looksDenied,
    private readonly fallback?: (prompt: string) => ScenarioTurn,
  ) {}

  /** Chooses the answer for a request and advances. */
  next(view: RequestView): Selection {
    if (view.kind === 'prompt' && view.key !== this.#promptKey) {
      const index = selectTurn(this.turns, view.text, this.#nextFrom);
      this.#awaiting = undefined;
      if (index === undefined && this.fallback !== undefined) {
        // No turn matches: play the fallback's answer; the scripted turns keep their place.
        const turn = this.fallback(view.text);
        this.#fallbackTurn = { scenario: { name: 'fallback', turns: [turn] }, turnIndex: 0, turn };
        this.#turn = -1;
        this.#track = { responses: turn.responses, path: '$.fallback.responses' };
        this.#response = 0;
        this.#servedTimes = 0;
        this.#promptKey = view.key;
      } else if (index === undefined) {
        this.#turn = undefined;
        this.#promptKey = undefined;
        return {
          kind: 'no_script',
          reason: `no turn of ${this.label} matches the prompt ${quote(view.text)}`,
        };
      } else {
        this.#turn = index;
        this.#track = {
          responses: this.turns[index]!.turn.responses,
          path: `$.turns[${this.turns[index]!.turnIndex}].responses`,
        };
        this.#response = 0;
        this.#servedTimes = 0;
        this.#promptKey = view.key;
        this.#nextFrom = index + 1;
      }
    }
    if (this.#turn === undefined || this.#track === undefined) {
      const what =
        view.kind === 'tool_results' ? 'tool results arrived' : 'a request without user text arrived';
      return { kind: 'no_script', reason: `${what} but no turn of ${this.label} is in progress` };
    }
    if (view.kind === 'tool_results' && this.#awaiting !== undefined) {
      const branch = deniedBranch(this.#awaiting, view.calls, this.isDenied);
      this.#awaiting = undefined;
      if (branch !== undefined) {
        this.#track = branch;
        this.#response = 0;
        this.#servedTimes = 0;
      }
    }
    const turn = this.#turn === -1 ? this.#fallbackTurn! : this.turns[this.#turn]!;
    const track = this.#track;
    const responseIndex = this.#response;
    const response = track.responses[responseIndex];
    if (response === undefined) {
      const where = track.path.endsWith('.onDeny')
        ? `the deny branch ${track.path} of scenario "${turn.scenario.name}"`
        : `turn ${turn.turnIndex} of scenario "${turn.scenario.name}"`;
      return {
        kind: 'no_script',
        reason: `${where} has ${track.responses.length} response(s) and all were served; add one for this request`,
      };
    }
    const times = isErrorResponse(response) ? (response.error.times ?? 1) : 1;
    this.#servedTimes++;
    if (this.#servedTimes >= times) {
      this.#response++;
      this.#servedTimes = 0;
    }
    const path = `${track.path}[${responseIndex}]`;
    if (!isErrorResponse(response))
      this.#awaiting = hasDenyBranch(response) ? { answer: response, path } : undefined;
    return { kind: 'response', response, turn, responseIndex, path };
  }
}
