import type { MessageResponse, ScenarioBlock, StopReason } from '../scenario/schema';
import type { IdSource } from './ids';

/** One SSE event of a streamed answer, written after waiting `delayMs`. */
export interface StreamStep {
  readonly delayMs: number;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** A Messages API content block as the fake model sends it. */
export type FakeContentBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** The usage object of an answer. */
export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

/** A complete Messages API `message` object (what a non-streaming request gets). */
export interface FakeMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: FakeContentBlock[];
  stop_reason: StopReason;
  stop_sequence: null;
  usage: FakeUsage;
}

/** A planned answer: the final message and the SSE steps that stream it. */
export interface PlannedMessage {
  readonly message: FakeMessage;
  readonly steps: readonly StreamStep[];
}

const DEFAULT_INPUT_TOKENS = 10;
const CHARS_PER_CHUNK = 24;

/** Splits text into `count` pieces of near-equal length without breaking a code point. */
export function splitText(value: string, count?: number): string[] {
  const points = Array.from(value);
  if (points.length === 0) return [];
  const pieces = Math.min(points.length, count ?? Math.ceil(points.length / CHARS_PER_CHUNK));
  const out: string[] = [];
  for (let i = 0; i < pieces; i++) {
    const start = Math.floor((i * points.length) / pieces);
    const end = Math.floor(((i + 1) * points.length) / pieces);
    out.push(points.slice(start, end).join(''));
  }
  return out;
}

function fakeSignature(ids: IdSource): string {
  return Buffer.from(ids.next('sig').repeat(3)).toString('base64');
}

function toContent(block: ScenarioBlock, ids: IdSource): FakeContentBlock {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: block.text, signature: block.signature ?? fakeSignature(ids) };
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      return { type: 'tool_use', id: block.id ?? ids.next('toolu'), name: block.name, input: block.input };
  }
}

function outputChars(content: readonly FakeContentBlock[]): number {
  let chars = 0;
  for (const block of content) {
    if (block.type === 'thinking') chars += block.thinking.length;
    else if (block.type === 'text') chars += block.text.length;
    else chars += JSON.stringify(block.input).length;
  }
  return chars;
}

function blockSteps(index: number, source: ScenarioBlock, block: FakeContentBlock): StreamStep[] {
  const gap = source.chunkDelayMs ?? 0;
  const steps: StreamStep[] = [];
  const delta = (payload: Record<string, unknown>, first: boolean): void => {
    steps.push({
      delayMs: first ? 0 : gap,
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index, delta: payload },
    });
  };
  let start: Record<string, unknown>;
  if (block.type === 'thinking') {
    start = { type: 'thinking', thinking: '', signature: '' };
  } else if (block.type === 'text') {
    start = { type: 'text', text: '' };
  } else {
    start = { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
  steps.push({
    delayMs: source.delayMs ?? 0,
    event: 'content_block_start',
    data: { type: 'content_block_start', index, content_block: start },
  });
  if (block.type === 'thinking') {
    splitText(block.thinking, source.chunks).forEach((piece, i) =>
      delta({ type: 'thinking_delta', thinking: piece }, i === 0),
    );
    delta({ type: 'signature_delta', signature: block.signature }, false);
  } else if (block.type === 'text') {
    splitText(block.text, source.chunks).forEach((piece, i) =>
      delta({ type: 'text_delta', text: piece }, i === 0),
    );
  } else {
    // The real API opens every tool input with an empty partial_json before the pieces.
    delta({ type: 'input_json_delta', partial_json: '' }, true);
    for (const piece of splitText(JSON.stringify(block.input), source.chunks))
      delta({ type: 'input_json_delta', partial_json: piece }, false);
  }
  steps.push({ delayMs: 0, event: 'content_block_stop', data: { type: 'content_block_stop', index } });
  return steps;
}

/** Context of one answer: its ids and the model the request asked for. */
export interface PlanContext {
  readonly ids: IdSource;
  readonly requestModel: string;
}

/** Plans a scripted answer: the final message plus the SSE events (with pauses) that stream it. */
export function planMessage(response: MessageResponse, context: PlanContext): PlannedMessage {
  const content = response.blocks.map((block) => toContent(block, context.ids));
  const usage: FakeUsage = {
    input_tokens: response.usage?.input_tokens ?? DEFAULT_INPUT_TOKENS,
    output_tokens: response.usage?.output_tokens ?? Math.max(1, Math.ceil(outputChars(content) / 4)),
    cache_creation_input_tokens: response.usage?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: response.usage?.cache_read_input_tokens ?? 0,
  };
  const message: FakeMessage = {
    id: context.ids.next('msg'),
    type: 'message',
    role: 'assistant',
    model: response.model ?? context.requestModel,
    content,
    stop_reason:
      response.stop_reason ?? (content.some((b) => b.type === 'tool_use') ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
    usage,
  };
  const steps: StreamStep[] = [
    {
      delayMs: 0,
      event: 'message_start',
      data: {
        type: 'message_start',
        message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
      },
    },
    { delayMs: 0, event: 'ping', data: { type: 'ping' } },
  ];
  const failure = response.midStreamError;
  const streamed =
    failure?.afterBlocks === undefined ? content.length : Math.min(failure.afterBlocks, content.length);
  for (let i = 0; i < streamed; i++) steps.push(...blockSteps(i, response.blocks[i]!, content[i]!));
  if (failure !== undefined) {
    steps.push({
      delayMs: 0,
      event: 'error',
      data: { type: 'error', error: { type: failure.type ?? 'overloaded_error', message: failure.message } },
    });
    return { message, steps };
  }
  steps.push(
    {
      delayMs: 0,
      event: 'message_delta',
      data: {
        type: 'message_delta',
        delta: { stop_reason: message.stop_reason, stop_sequence: null },
        usage: { output_tokens: usage.output_tokens },
      },
    },
    { delayMs: 0, event: 'message_stop', data: { type: 'message_stop' } },
  );
  return { message, steps };
}

/** Encodes one SSE event as Anthropic writes it (`event:` line, one `data:` line, blank line). */
export function encodeSseEvent(step: Pick<StreamStep, 'event' | 'data'>): string {
  return `event: ${step.event}\ndata: ${JSON.stringify(step.data)}\n\n`;
}
