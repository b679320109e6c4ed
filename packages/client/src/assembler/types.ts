/** A text block being assembled (final once its `assistant` frame arrived). */
export interface AssembledTextBlock {
  type: 'text';
  text: string;
  citations?: unknown[] | null | undefined;
  [key: string]: unknown;
}

/** A thinking block being assembled; `signature` arrives last. */
export interface AssembledThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
  [key: string]: unknown;
}

/** A tool call; `input` is the parsed object once the block is complete, `partial_json` while it streams. */
export interface AssembledToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** The raw JSON received so far while the input streams; absent once the input is parsed. */
  partial_json?: string | undefined;
  [key: string]: unknown;
}

/** Any other content block (server tools, redacted thinking, …), kept as received. */
export interface AssembledOtherBlock {
  type: string;
  [key: string]: unknown;
}

/** One content block of an assembled message. */
export type AssembledBlock = AssembledTextBlock | AssembledThinkingBlock | AssembledToolUseBlock | AssembledOtherBlock;

/**
 * One assistant message folded from its per-block `assistant` frames and `stream_event` deltas.
 * The object is updated in place as frames arrive; copy it to keep a snapshot.
 */
export interface AssembledMessage {
  /** The Messages API message id shared by every frame of the message. */
  id: string;
  role: 'assistant';
  model: string | undefined;
  /** Set inside subagents: the Agent tool call this message belongs to. */
  parent_tool_use_id: string | null;
  /** Blocks in index order. */
  content: AssembledBlock[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: Record<string, unknown> | undefined;
  /** True once `message_stop` or the turn's `result` arrived. */
  complete: boolean;
}
