import type { AssembledBlock, AssembledToolUseBlock } from './types';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A copy of a block as an `assistant` frame carries it (final content). */
export function finalBlock(raw: unknown): AssembledBlock {
  if (!isRecord(raw) || typeof raw.type !== 'string') return { type: 'unknown', value: raw };
  const block: Json = { ...raw };
  if (block.type === 'tool_use' && !isRecord(block.input)) block.input = {};
  return block as AssembledBlock;
}

/** The initial state of a block announced by `content_block_start`. */
export function startedBlock(raw: unknown): AssembledBlock {
  const block = finalBlock(raw) as Json;
  if (block.type === 'text' && typeof block.text !== 'string') block.text = '';
  if (block.type === 'thinking') {
    if (typeof block.thinking !== 'string') block.thinking = '';
    if (typeof block.signature !== 'string') block.signature = '';
  }
  if (block.type === 'tool_use') {
    const input = block.input as Json;
    // The stream announces `input: {}` and then sends the whole JSON in pieces.
    block.partial_json = Object.keys(input).length === 0 ? '' : JSON.stringify(input);
    block.input = {};
  }
  return block as AssembledBlock;
}

/** Applies one `content_block_delta` to a block that is still streaming. */
export function applyDelta(block: AssembledBlock, delta: unknown): void {
  if (!isRecord(delta)) return;
  const target = block as Json;
  switch (delta.type) {
    case 'text_delta':
      if (typeof delta.text === 'string') target.text = String(target.text ?? '') + delta.text;
      return;
    case 'thinking_delta':
      if (typeof delta.thinking === 'string') target.thinking = String(target.thinking ?? '') + delta.thinking;
      return;
    case 'signature_delta':
      if (typeof delta.signature === 'string') target.signature = delta.signature;
      return;
    case 'input_json_delta':
      if (typeof delta.partial_json === 'string') target.partial_json = String(target.partial_json ?? '') + delta.partial_json;
      return;
    case 'citations_delta': {
      const list = Array.isArray(target.citations) ? (target.citations as unknown[]) : [];
      target.citations = [...list, delta.citation];
      return;
    }
    default:
      return;
  }
}

/** Parses the streamed JSON of a finished tool_use block into `input`. */
export function finishBlock(block: AssembledBlock): void {
  if (block.type !== 'tool_use') return;
  const tool = block as AssembledToolUseBlock;
  const text = tool.partial_json;
  if (text === undefined) return;
  if (text.trim() === '') {
    tool.input = {};
    delete tool.partial_json;
    return;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) {
      tool.input = parsed;
      delete tool.partial_json;
    }
  } catch {
    // Incomplete JSON stays in partial_json until the block's assistant frame brings the input.
  }
}
