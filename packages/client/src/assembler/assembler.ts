import { RecentSet } from '../internal/recent-set';
import { applyDelta, finalBlock, finishBlock, startedBlock } from './blocks';
import type { AssembledMessage } from './types';

type Json = Record<string, unknown>;

interface MessageState {
  readonly message: AssembledMessage;
  /** `final[i]`: block i came from an `assistant` frame and no delta may change it. */
  readonly final: boolean[];
  /** Single-block `assistant` frames seen so far: the next one is block number `singles`. */
  singles: number;
  seen: RecentSet<string> | undefined;
  baseUsage: Json | undefined;
  deltaUsage: Json | undefined;
}

/** Options of {@link MessageAssembler}. */
export interface MessageAssemblerOptions {
  /** How many messages to keep; the oldest are forgotten first. @default 100 */
  maxMessages?: number | undefined;
  /**
   * Ignore frames whose `uuid` was already folded in. Turn it off only when frames arrive
   * de-duplicated already (a session does that), to save the bookkeeping. @default true
   */
  dedupe?: boolean | undefined;
}

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const SEEN_PER_MESSAGE = 4096;

/**
 * Folds the frames of assistant messages into one evolving message each: per-block `assistant`
 * frames (sharing `message.id`, or older cumulative snapshots) and `stream_event` deltas. Blocks
 * from `assistant` frames are final; deltas only fill blocks that have not arrived yet. Duplicated
 * and re-sent frames (same `uuid`) are ignored, so the final message does not depend on how the
 * frames were interleaved or repeated.
 */
export class MessageAssembler {
  readonly #maxMessages: number;
  readonly #dedupe: boolean;
  readonly #messages = new Map<string, MessageState>();
  /** Which message the stream of each thread (`parent_tool_use_id`, '' for the main one) is on. */
  readonly #streams = new Map<string, string>();

  constructor(options: MessageAssemblerOptions = {}) {
    this.#maxMessages = options.maxMessages ?? 100;
    this.#dedupe = options.dedupe ?? true;
  }

  /**
   * Folds one frame in. Returns the message it changed, or `undefined` when the frame is not part
   * of an assistant message (or was a duplicate). A `result` frame completes every open message.
   */
  push(frame: unknown): AssembledMessage | undefined {
    if (!isRecord(frame)) return undefined;
    switch (frame.type) {
      case 'assistant':
        return this.#pushAssistant(frame);
      case 'stream_event':
        return this.#pushStreamEvent(frame);
      case 'result':
        for (const state of this.#messages.values()) state.message.complete = true;
        return undefined;
      default:
        return undefined;
    }
  }

  /** The message with this id, if it is still kept. */
  get(id: string): AssembledMessage | undefined {
    return this.#messages.get(id)?.message;
  }

  /** Every kept message, oldest first. */
  messages(): AssembledMessage[] {
    return [...this.#messages.values()].map((s) => s.message);
  }

  /** Forgets every message. */
  clear(): void {
    this.#messages.clear();
    this.#streams.clear();
  }

  #state(id: string, thread: string | null): MessageState {
    let state = this.#messages.get(id);
    if (state) return state;
    state = {
      message: {
        id,
        role: 'assistant',
        model: undefined,
        parent_tool_use_id: thread,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: undefined,
        complete: false,
      },
      final: [],
      singles: 0,
      seen: undefined,
      baseUsage: undefined,
      deltaUsage: undefined,
    };
    this.#messages.set(id, state);
    if (this.#messages.size > this.#maxMessages) {
      const oldest = this.#messages.keys().next();
      if (!oldest.done) this.#messages.delete(oldest.value);
    }
    return state;
  }

  #duplicate(state: MessageState, frame: Json): boolean {
    if (!this.#dedupe || typeof frame.uuid !== 'string') return false;
    state.seen ??= new RecentSet<string>(SEEN_PER_MESSAGE);
    return !state.seen.add(frame.uuid);
  }

  #pushAssistant(frame: Json): AssembledMessage | undefined {
    const body = frame.message;
    if (!isRecord(body) || typeof body.id !== 'string') return undefined;
    const thread = typeof frame.parent_tool_use_id === 'string' ? frame.parent_tool_use_id : null;
    const state = this.#state(body.id, thread);
    if (this.#duplicate(state, frame)) return undefined;
    const message = state.message;
    if (typeof body.model === 'string') message.model = body.model;
    if (typeof body.stop_reason === 'string') message.stop_reason = body.stop_reason;
    if (typeof body.stop_sequence === 'string') message.stop_sequence = body.stop_sequence;
    if (state.baseUsage === undefined && isRecord(body.usage)) state.baseUsage = body.usage;
    const content = Array.isArray(body.content) ? (body.content as unknown[]) : [];
    if (content.length === 1) {
      const index = this.#indexOfSingle(state, content[0]);
      state.singles++;
      this.#setFinal(state, index, content[0]);
    } else {
      content.forEach((block, index) => this.#setFinal(state, index, block));
      state.singles = Math.max(state.singles, content.length);
    }
    this.#updateUsage(state);
    return message;
  }

  /** Where a single-block frame goes: the streamed tool_use with its id, else the next block. */
  #indexOfSingle(state: MessageState, block: unknown): number {
    if (isRecord(block) && block.type === 'tool_use' && typeof block.id === 'string') {
      const index = state.message.content.findIndex((b) => b !== undefined && b.type === 'tool_use' && b.id === block.id);
      if (index >= 0) return index;
    }
    return state.singles;
  }

  #setFinal(state: MessageState, index: number, raw: unknown): void {
    state.message.content[index] = finalBlock(raw);
    state.final[index] = true;
  }

  #pushStreamEvent(frame: Json): AssembledMessage | undefined {
    const event = frame.event;
    if (!isRecord(event)) return undefined;
    const thread = typeof frame.parent_tool_use_id === 'string' ? frame.parent_tool_use_id : null;
    const key = thread ?? '';
    if (event.type === 'message_start') {
      const body = event.message;
      if (!isRecord(body) || typeof body.id !== 'string') return undefined;
      this.#streams.set(key, body.id);
      const state = this.#state(body.id, thread);
      if (this.#duplicate(state, frame)) return undefined;
      if (state.message.model === undefined && typeof body.model === 'string') state.message.model = body.model;
      if (state.baseUsage === undefined && isRecord(body.usage)) state.baseUsage = body.usage;
      this.#updateUsage(state);
      return state.message;
    }
    const id = this.#streams.get(key);
    const state = id === undefined ? undefined : this.#messages.get(id);
    if (!state || this.#duplicate(state, frame)) return undefined;
    const message = state.message;
    const index = typeof event.index === 'number' ? event.index : -1;
    switch (event.type) {
      case 'content_block_start':
        if (index < 0 || state.final[index] === true) return undefined;
        message.content[index] = startedBlock(event.content_block);
        return message;
      case 'content_block_delta': {
        const block = message.content[index];
        if (!block || state.final[index] === true) return undefined;
        applyDelta(block, event.delta);
        return message;
      }
      case 'content_block_stop': {
        const block = message.content[index];
        if (!block || state.final[index] === true) return undefined;
        finishBlock(block);
        return message;
      }
      case 'message_delta':
        if (isRecord(event.delta)) {
          if (typeof event.delta.stop_reason === 'string') message.stop_reason = event.delta.stop_reason;
          if (typeof event.delta.stop_sequence === 'string') message.stop_sequence = event.delta.stop_sequence;
        }
        if (isRecord(event.usage)) state.deltaUsage = { ...state.deltaUsage, ...withoutNulls(event.usage) };
        this.#updateUsage(state);
        return message;
      case 'message_stop':
        message.complete = true;
        return message;
      default:
        return undefined;
    }
  }

  #updateUsage(state: MessageState): void {
    if (state.baseUsage === undefined && state.deltaUsage === undefined) return;
    state.message.usage = { ...state.baseUsage, ...state.deltaUsage };
  }
}

function withoutNulls(record: Json): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(record)) if (value !== null) out[key] = value;
  return out;
}
