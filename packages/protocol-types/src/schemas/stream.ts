import { z } from 'zod';
import {
  BetaMessageSchema,
  ContainerSchema,
  ContextManagementSchema,
  FallbackCreditSchema,
  OutputTokensDetailsSchema,
  ServerToolUsageSchema,
  StopDetailsSchema,
  StopReasonSchema,
} from './anthropic';
import { AssistantContentBlockSchema } from './content';
import { CitationSchema, UnknownBlockSchema, type UnknownBlock } from './content-shared';

/**
 * The Messages API streaming events carried by `stream_event` frames (`BetaRawMessageStreamEvent`).
 * Inbound: tolerant, unknown event and delta types are kept as received.
 */

/** Appended text (PROTOCOL.md#stream-event). */
export const TextDeltaSchema = z.object({ type: z.literal('text_delta'), text: z.string() });
export type TextDelta = z.infer<typeof TextDeltaSchema>;

/** A piece of a tool call's JSON input; concatenate the pieces, then parse (PROTOCOL.md#stream-event). */
export const InputJsonDeltaSchema = z.object({
  type: z.literal('input_json_delta'),
  partial_json: z.string(),
});
export type InputJsonDelta = z.infer<typeof InputJsonDeltaSchema>;

/** A citation added to the current text block (PROTOCOL.md#stream-event). */
export const CitationsDeltaSchema = z.object({
  type: z.literal('citations_delta'),
  citation: CitationSchema,
});
export type CitationsDelta = z.infer<typeof CitationsDeltaSchema>;

/** Appended thinking text (PROTOCOL.md#stream-event). */
export const ThinkingDeltaSchema = z.object({
  type: z.literal('thinking_delta'),
  thinking: z.string(),
  estimated_tokens: z.number().nullable().optional(),
});
export type ThinkingDelta = z.infer<typeof ThinkingDeltaSchema>;

/** The signature closing a thinking block (PROTOCOL.md#stream-event). */
export const SignatureDeltaSchema = z.object({ type: z.literal('signature_delta'), signature: z.string() });
export type SignatureDelta = z.infer<typeof SignatureDeltaSchema>;

/** Compaction summary content (PROTOCOL.md#stream-event). */
export const CompactionDeltaSchema = z.object({
  type: z.literal('compaction_delta'),
  content: z.string().nullable(),
  encrypted_content: z.string().nullable(),
});
export type CompactionDelta = z.infer<typeof CompactionDeltaSchema>;

/** The six known delta types, by `type`. */
export const KnownContentBlockDeltaSchema = z.discriminatedUnion('type', [
  TextDeltaSchema,
  InputJsonDeltaSchema,
  CitationsDeltaSchema,
  ThinkingDeltaSchema,
  SignatureDeltaSchema,
  CompactionDeltaSchema,
]);
export type KnownContentBlockDelta = z.infer<typeof KnownContentBlockDeltaSchema>;

/** A content block delta; unknown delta types are kept as received (PROTOCOL.md#stream-event). */
export const ContentBlockDeltaSchema: z.ZodType<ContentBlockDelta> = z.union([
  KnownContentBlockDeltaSchema,
  UnknownBlockSchema,
]);
export type ContentBlockDelta = KnownContentBlockDelta | UnknownBlock;

/** Start of a response: the message with empty content (PROTOCOL.md#stream-event). */
export const MessageStartEventSchema = z.object({
  type: z.literal('message_start'),
  message: BetaMessageSchema,
});
export type MessageStartEvent = z.infer<typeof MessageStartEventSchema>;

/** Start of content block `index`, empty or partial (PROTOCOL.md#stream-event). */
export const ContentBlockStartEventSchema = z.object({
  type: z.literal('content_block_start'),
  index: z.number(),
  content_block: AssistantContentBlockSchema,
});
export type ContentBlockStartEvent = z.infer<typeof ContentBlockStartEventSchema>;

/** A delta to content block `index` (PROTOCOL.md#stream-event). */
export const ContentBlockDeltaEventSchema = z.object({
  type: z.literal('content_block_delta'),
  index: z.number(),
  delta: ContentBlockDeltaSchema,
});
export type ContentBlockDeltaEvent = z.infer<typeof ContentBlockDeltaEventSchema>;

/** End of content block `index` (PROTOCOL.md#stream-event). */
export const ContentBlockStopEventSchema = z.object({
  type: z.literal('content_block_stop'),
  index: z.number(),
});
export type ContentBlockStopEvent = z.infer<typeof ContentBlockStopEventSchema>;

/** Cumulative usage on `message_delta` (`BetaMessageDeltaUsage`); only `output_tokens` is always sent. */
export const MessageDeltaUsageSchema = z.object({
  output_tokens: z.number(),
  input_tokens: z.number().nullable().optional(),
  cache_creation_input_tokens: z.number().nullable().optional(),
  cache_read_input_tokens: z.number().nullable().optional(),
  server_tool_use: ServerToolUsageSchema.nullable().optional(),
  iterations: z.array(UnknownBlockSchema).nullable().optional(),
  output_tokens_details: OutputTokensDetailsSchema.nullable().optional(),
  fallback_credit: FallbackCreditSchema.nullable().optional(),
});
export type MessageDeltaUsage = z.infer<typeof MessageDeltaUsageSchema>;

/** Top-level message changes: the stop reason and final usage (PROTOCOL.md#stream-event). */
export const MessageDeltaEventSchema = z.object({
  type: z.literal('message_delta'),
  delta: z.object({
    stop_reason: StopReasonSchema.nullable(),
    stop_sequence: z.string().nullable().optional(),
    stop_details: StopDetailsSchema.nullable().optional(),
    container: ContainerSchema.nullable().optional(),
  }),
  usage: MessageDeltaUsageSchema,
  context_management: ContextManagementSchema.nullable().optional(),
  input_transformations: z.array(UnknownBlockSchema).nullable().optional(),
});
export type MessageDeltaEvent = z.infer<typeof MessageDeltaEventSchema>;

/** End of the response (PROTOCOL.md#stream-event). */
export const MessageStopEventSchema = z.object({ type: z.literal('message_stop') });
export type MessageStopEvent = z.infer<typeof MessageStopEventSchema>;

/** Keep-alive event of the Messages API stream; tolerated, carries nothing (PROTOCOL.md#stream-event). */
export const PingEventSchema = z.object({ type: z.literal('ping') });
export type PingEvent = z.infer<typeof PingEventSchema>;

/** A mid-stream API error, e.g. `overloaded_error` (PROTOCOL.md#stream-event). */
export const ErrorEventSchema = z.object({
  type: z.literal('error'),
  error: z.object({ type: z.string(), message: z.string() }),
});
export type ErrorEvent = z.infer<typeof ErrorEventSchema>;

/** The six Messages API stream events plus `ping` and `error`, by `type`. */
export const KnownStreamEventSchema = z.discriminatedUnion('type', [
  MessageStartEventSchema,
  ContentBlockStartEventSchema,
  ContentBlockDeltaEventSchema,
  ContentBlockStopEventSchema,
  MessageDeltaEventSchema,
  MessageStopEventSchema,
  PingEventSchema,
  ErrorEventSchema,
]);
export type KnownStreamEvent = z.infer<typeof KnownStreamEventSchema>;

/** The `event` of a `stream_event` frame; unknown event types are kept as received (PROTOCOL.md#stream-event). */
export const StreamEventSchema: z.ZodType<StreamEvent> = z.union([
  KnownStreamEventSchema,
  UnknownBlockSchema,
]);
export type StreamEvent = KnownStreamEvent | UnknownBlock;
