import type { MessageResponse, ToolUseBlock } from '../../scenario/schema';
import { planMessage, type PlannedMessage } from '../../fake-model/stream';
import { assistantBlock, streamEvent, type MessageHead } from './frames';
import type { ScriptedState } from './state';
import { delay } from './wait';

/** A completed tool_use block of a streamed answer, with the scenario block it came from. */
export interface StreamedToolUse {
  readonly id: string;
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly source: ToolUseBlock;
}

/** How streaming one answer ended. */
export type StreamOutcome =
  | { readonly kind: 'complete'; readonly planned: PlannedMessage }
  | { readonly kind: 'error'; readonly planned: PlannedMessage; readonly error: { type: string; message: string } }
  | { readonly kind: 'aborted'; readonly head: MessageHead | undefined; readonly partial: Record<string, unknown> | undefined };

interface OpenBlock {
  block: Record<string, unknown>;
  text: string;
}

function partialBlock(partial: OpenBlock | undefined): Record<string, unknown> | undefined {
  if (partial === undefined || partial.text === '') return undefined;
  if (partial.block.type === 'text') return { type: 'text', text: partial.text };
  if (partial.block.type === 'thinking') return { type: 'thinking', thinking: partial.text, signature: '' };
  return undefined;
}

/**
 * Streams one scripted answer as the CLI relays it: `stream_event` partials (when enabled) and,
 * as each block completes, one `assistant` frame for it. `onToolUse` runs right after a tool_use
 * block's `assistant` frame, before that block's `content_block_stop` (observed-behaviour.md item 3).
 */
export async function streamAnswer(
  state: ScriptedState,
  response: MessageResponse,
  signal: AbortSignal,
  onToolUse: (tool: StreamedToolUse) => void,
): Promise<StreamOutcome> {
  const { ctx } = state;
  const planned = planMessage(response, { ids: state.ids, requestModel: state.model });
  const start = planned.steps[0]?.data.message as Record<string, unknown> | undefined;
  const head: MessageHead = {
    id: planned.message.id,
    model: planned.message.model,
    usage: { ...((start?.usage as Record<string, unknown> | undefined) ?? {}), service_tier: 'standard' },
  };
  const emitEvent = (event: Record<string, unknown>): void => {
    if (state.partialMessages) ctx.emit(streamEvent(ctx.sessionId, event));
  };
  if (!(await delay(ctx.clock, response.delayMs ?? 0, signal))) return { kind: 'aborted', head: undefined, partial: undefined };
  let partial: OpenBlock | undefined;
  for (const step of planned.steps) {
    if (!(await delay(ctx.clock, step.delayMs, signal))) return { kind: 'aborted', head, partial: partialBlock(partial) };
    const data = step.data;
    switch (step.event) {
      case 'ping':
        break;
      case 'error': {
        const error = (data.error ?? {}) as Record<string, unknown>;
        return { kind: 'error', planned, error: { type: String(error.type), message: String(error.message) } };
      }
      case 'content_block_start':
        partial = { block: data.content_block as Record<string, unknown>, text: '' };
        emitEvent(data);
        break;
      case 'content_block_delta': {
        const d = data.delta as Record<string, unknown>;
        if (partial !== undefined) partial.text += typeof d.text === 'string' ? d.text : typeof d.thinking === 'string' ? d.thinking : '';
        emitEvent(data);
        break;
      }
      case 'content_block_stop': {
        const index = data.index as number;
        const block = planned.message.content[index]!;
        partial = undefined;
        ctx.emit(assistantBlock(ctx.sessionId, head, { ...block }));
        if (block.type === 'tool_use') {
          onToolUse({ id: block.id, name: block.name, input: block.input, source: response.blocks[index] as ToolUseBlock });
        }
        emitEvent(data);
        break;
      }
      default:
        emitEvent(data);
    }
  }
  return { kind: 'complete', planned };
}
