import { z } from 'zod';
import { openEnum } from './common';
import { AssistantContentBlockSchema } from './content';
import { MessageContentSchema } from './content-params';
import { UnknownBlockSchema } from './content-shared';

/**
 * Anthropic Messages API objects carried inside frames: the assistant `message` (`BetaMessage`),
 * its usage, and the user `message` (`MessageParam`). The CLI passes API fields through as the API
 * (or a proxy, or a fake) sent them, so everything beyond the core is optional.
 */

/** Why the model stopped (`BetaStopReason`). Open. */
export const StopReasonSchema = openEnum([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'compaction',
  'refusal',
  'model_context_window_exceeded',
]);
export type StopReason = z.infer<typeof StopReasonSchema>;

/** Prompt-cache writes split by TTL. */
export const CacheCreationSchema = z.object({
  ephemeral_1h_input_tokens: z.number(),
  ephemeral_5m_input_tokens: z.number(),
});
export type CacheCreation = z.infer<typeof CacheCreationSchema>;

/** Server tool request counts. */
export const ServerToolUsageSchema = z.object({
  web_search_requests: z.number(),
  web_fetch_requests: z.number(),
});
export type ServerToolUsage = z.infer<typeof ServerToolUsageSchema>;

/** Output token breakdown. */
export const OutputTokensDetailsSchema = z.object({ thinking_tokens: z.number() });
export type OutputTokensDetails = z.infer<typeof OutputTokensDetailsSchema>;

/** Fallback-credit redemption state; `status` is a typed object (`redeemed`, `not_applied`, …). */
export const FallbackCreditSchema = z.object({ status: UnknownBlockSchema });
export type FallbackCredit = z.infer<typeof FallbackCreditSchema>;

/** Service tier a response was served on. Open. */
export const ServiceTierSchema = openEnum(['standard', 'priority', 'batch']);
export type ServiceTier = z.infer<typeof ServiceTierSchema>;

/** Output speed a response was served at. Open. */
export const SpeedSchema = openEnum(['standard', 'fast']);
export type Speed = z.infer<typeof SpeedSchema>;

/**
 * Token usage of one API response (`BetaUsage`). Inbound: tolerant, only the two token counts are
 * required; the rest is absent from older APIs, proxies and fakes (PROTOCOL.md#assistant).
 */
export const UsageSchema = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number().nullable().optional(),
  cache_read_input_tokens: z.number().nullable().optional(),
  cache_creation: CacheCreationSchema.nullable().optional(),
  server_tool_use: ServerToolUsageSchema.nullable().optional(),
  service_tier: ServiceTierSchema.nullable().optional(),
  speed: SpeedSchema.nullable().optional(),
  inference_geo: z.string().nullable().optional(),
  iterations: z.array(UnknownBlockSchema).nullable().optional(),
  output_tokens_details: OutputTokensDetailsSchema.nullable().optional(),
  fallback_credit: FallbackCreditSchema.nullable().optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

/**
 * A turn's accumulated usage on `result` (`NonNullableUsage`): the same keys without nulls except
 * `fallback_credit`. CLI 2.1.197 omits `output_tokens_details` and `fallback_credit`, so all keys
 * beyond the token counts are optional (PROTOCOL.md#result).
 */
export const NonNullableUsageSchema = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_creation_input_tokens: z.number().optional(),
  cache_read_input_tokens: z.number().optional(),
  cache_creation: CacheCreationSchema.optional(),
  server_tool_use: ServerToolUsageSchema.optional(),
  service_tier: ServiceTierSchema.optional(),
  speed: SpeedSchema.optional(),
  inference_geo: z.string().optional(),
  iterations: z.array(UnknownBlockSchema).optional(),
  output_tokens_details: OutputTokensDetailsSchema.optional(),
  fallback_credit: FallbackCreditSchema.nullable().optional(),
});
export type NonNullableUsage = z.infer<typeof NonNullableUsageSchema>;

/** Code-execution container the response ran in. */
export const ContainerSchema = z.object({
  id: z.string(),
  expires_at: z.string(),
  skills: z
    .array(z.object({ skill_id: z.string(), type: z.string(), version: z.string() }))
    .nullable()
    .optional(),
});
export type Container = z.infer<typeof ContainerSchema>;

/** Context edits the API applied (each a typed object such as `clear_tool_uses_20250919`). */
export const ContextManagementSchema = z.object({ applied_edits: z.array(UnknownBlockSchema) });
export type ContextManagement = z.infer<typeof ContextManagementSchema>;

/** Why a response stopped on a refusal. */
export const StopDetailsSchema = z.object({
  type: z.string(),
  category: z.string().nullable().optional(),
  explanation: z.string().nullable().optional(),
  recommended_model: z.string().nullable().optional(),
});
export type StopDetails = z.infer<typeof StopDetailsSchema>;

/**
 * The assistant `message` of an `assistant` frame (Anthropic `BetaMessage`). Inbound: tolerant,
 * while streaming `stop_reason` is null and `usage` is the `message_start` usage (PROTOCOL.md#assistant).
 */
export const BetaMessageSchema = z.object({
  id: z.string(),
  type: z.literal('message'),
  role: z.literal('assistant'),
  model: z.string(),
  content: z.array(AssistantContentBlockSchema),
  stop_reason: StopReasonSchema.nullable().optional(),
  stop_sequence: z.string().nullable().optional(),
  usage: UsageSchema,
  container: ContainerSchema.nullable().optional(),
  context_management: ContextManagementSchema.nullable().optional(),
  diagnostics: z
    .object({ cache_miss_reason: UnknownBlockSchema.nullable().optional() })
    .nullable()
    .optional(),
  stop_details: StopDetailsSchema.nullable().optional(),
  input_transformations: z.array(UnknownBlockSchema).nullable().optional(),
});
export type BetaMessage = z.infer<typeof BetaMessageSchema>;

/**
 * The `message` of a `user` frame (Anthropic `MessageParam`). `@anthropic-ai/sdk` 1.13 also allows
 * `assistant` and `system` roles there, so they parse too (PROTOCOL.md#user).
 */
export const MessageParamSchema = z.object({
  role: z.enum(['user', 'assistant', 'system']),
  content: MessageContentSchema,
});
export type MessageParam = z.infer<typeof MessageParamSchema>;
