type Json = Record<string, unknown>;

/** A block of a generated message, with the pieces its text arrives in. */
export type BlockSpec =
  | { type: 'text'; pieces: string[] }
  | { type: 'thinking'; pieces: string[]; signature: string }
  | { type: 'tool_use'; id: string; name: string; input: Json; pieces: string[] };

let uuid = 0;
const next = (): string => `u-${++uuid}`;

function finalBlock(block: BlockSpec): Json {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.pieces.join('') };
    case 'thinking':
      return { type: 'thinking', thinking: block.pieces.join(''), signature: block.signature };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input };
  }
}

function startBlock(block: BlockSpec): Json {
  switch (block.type) {
    case 'text':
      return { type: 'text', text: '' };
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
}

function deltas(block: BlockSpec): Json[] {
  switch (block.type) {
    case 'text':
      return block.pieces.map((text) => ({ type: 'text_delta', text }));
    case 'thinking':
      return [...block.pieces.map((thinking) => ({ type: 'thinking_delta', thinking })), { type: 'signature_delta', signature: block.signature }];
    case 'tool_use':
      return block.pieces.map((partial_json) => ({ type: 'input_json_delta', partial_json }));
  }
}

const USAGE = { input_tokens: 12, output_tokens: 1 };

/** The `stream_event` frames of a message, in stream order. */
export function streamFrames(id: string, blocks: BlockSpec[], thread: string | null = null): Json[] {
  const wrap = (event: Json): Json => ({ type: 'stream_event', event, parent_tool_use_id: thread, uuid: next(), session_id: 's' });
  const out: Json[] = [wrap({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model: 'claude-x', content: [], stop_reason: null, usage: USAGE } })];
  blocks.forEach((block, index) => {
    out.push(wrap({ type: 'content_block_start', index, content_block: startBlock(block) }));
    for (const delta of deltas(block)) out.push(wrap({ type: 'content_block_delta', index, delta }));
    out.push(wrap({ type: 'content_block_stop', index }));
  });
  out.push(wrap({ type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 42 } }));
  out.push(wrap({ type: 'message_stop' }));
  return out;
}

/** The per-block `assistant` frames of a message, in order. */
export function assistantFrames(id: string, blocks: BlockSpec[], thread: string | null = null): Json[] {
  return blocks.map((block) => ({
    type: 'assistant',
    message: { id, type: 'message', role: 'assistant', model: 'claude-x', content: [finalBlock(block)], stop_reason: null, stop_sequence: null, usage: USAGE },
    parent_tool_use_id: thread,
    uuid: next(),
    session_id: 's',
  }));
}

/** The message the assembler must end with. */
export function expectedMessage(id: string, blocks: BlockSpec[], thread: string | null = null): Json {
  return {
    id,
    role: 'assistant',
    model: 'claude-x',
    parent_tool_use_id: thread,
    content: blocks.map(finalBlock),
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 12, output_tokens: 42 },
    complete: true,
  };
}
