import { z } from 'zod';
import { BaseFields, UuidSchema, frameSchema, openEnum } from './common';

/** Non-system status frames of the SDK message union: resets, suggestions, tool progress, auth and rate limits. */

/** `/clear` and similar: mount a fresh transcript (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const ConversationResetSchema = frameSchema('to-client', {
  type: z.literal('conversation_reset'),
  new_conversation_id: UuidSchema,
  ...BaseFields,
  trigger: openEnum(['clear', 'plan_mode_exit', 'fresh_session', 'onboarding']).optional(),
  user_message_uuid: z.string().optional(),
  timestamp: z.string().optional(),
});
export type ConversationReset = z.infer<typeof ConversationResetSchema>;

/** Predicted next prompt, at most one per turn (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const PromptSuggestionSchema = frameSchema('to-client', {
  type: z.literal('prompt_suggestion'),
  suggestion: z.string(),
  ...BaseFields,
});
export type PromptSuggestion = z.infer<typeof PromptSuggestionSchema>;

/** Short label for a group of tool calls (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const ToolUseSummarySchema = frameSchema('to-client', {
  type: z.literal('tool_use_summary'),
  summary: z.string(),
  preceding_tool_use_ids: z.array(z.string()),
  ...BaseFields,
  timestamp: z.string().optional(),
});
export type ToolUseSummary = z.infer<typeof ToolUseSummarySchema>;

/** A subagent's API retry, reported on its tool's progress. */
export const SubagentRetrySchema = z.object({
  agent_id: z.string(),
  attempt: z.number(),
  max_retries: z.number(),
  retry_delay_ms: z.number(),
  error_status: z.number().nullable(),
  error_category: z.string(),
});
export type SubagentRetry = z.infer<typeof SubagentRetrySchema>;

/** Liveness and elapsed time of a running tool (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const ToolProgressSchema = frameSchema('to-client', {
  type: z.literal('tool_progress'),
  tool_use_id: z.string(),
  tool_name: z.string(),
  parent_tool_use_id: z.string().nullable(),
  elapsed_time_seconds: z.number(),
  ...BaseFields,
  task_id: z.string().optional(),
  heartbeat: z.boolean().optional(),
  subagent_type: z.string().optional(),
  subagent_retry: SubagentRetrySchema.optional(),
});
export type ToolProgress = z.infer<typeof ToolProgressSchema>;

/** Login flow progress (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const AuthStatusSchema = frameSchema('to-client', {
  type: z.literal('auth_status'),
  isAuthenticating: z.boolean(),
  output: z.array(z.string()),
  error: z.string().optional(),
  ...BaseFields,
});
export type AuthStatus = z.infer<typeof AuthStatusSchema>;

const RateLimitStatusSchema = openEnum(['allowed', 'allowed_warning', 'rejected']);

/** Plan rate-limit state (`SDKRateLimitInfo`); all enums open (PROTOCOL.md#misc-frames). */
export const RateLimitInfoSchema = z.object({
  status: RateLimitStatusSchema,
  resetsAt: z.number().optional(),
  rateLimitType: openEnum([
    'five_hour',
    'seven_day',
    'seven_day_opus',
    'seven_day_sonnet',
    'seven_day_overage_included',
    'overage',
  ]).optional(),
  utilization: z.number().optional(),
  overageStatus: RateLimitStatusSchema.optional(),
  overageResetsAt: z.number().optional(),
  overageDisabledReason: openEnum([
    'overage_not_provisioned',
    'org_level_disabled',
    'org_level_disabled_until',
    'out_of_credits',
    'seat_tier_level_disabled',
    'member_level_disabled',
    'seat_tier_zero_credit_limit',
    'group_zero_credit_limit',
    'member_zero_credit_limit',
    'org_service_level_disabled',
    'no_limits_configured',
    'fetch_error',
    'unknown',
  ]).optional(),
  isUsingOverage: z.boolean().optional(),
  overageInUse: z.boolean().optional(),
  overageEnabled: z.boolean().optional(),
  surpassedThreshold: z.number().optional(),
  limitScope: openEnum(['service', 'channel', 'group_pool']).optional(),
  errorCode: openEnum(['credits_required']).optional(),
  canUserPurchaseCredits: z.boolean().optional(),
  hasChargeableSavedPaymentMethod: z.boolean().optional(),
});
export type RateLimitInfo = z.infer<typeof RateLimitInfoSchema>;

/** Plan rate-limit state changed (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const RateLimitEventSchema = frameSchema('to-client', {
  type: z.literal('rate_limit_event'),
  rate_limit_info: RateLimitInfoSchema,
  ...BaseFields,
});
export type RateLimitEvent = z.infer<typeof RateLimitEventSchema>;

/** The `/goal` being pursued, or `null` once cleared. */
export const ActiveGoalValueSchema = z.object({
  condition: z.string(),
  iterations: z.number(),
  set_at: z.number(),
  tokens_at_start: z.number(),
  last_reason: z.string().optional(),
});
export type ActiveGoalValue = z.infer<typeof ActiveGoalValueSchema>;

/** `/goal` indicator; stdout only, not in `SDKMessage` (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const ActiveGoalSchema = frameSchema('to-client', {
  type: z.literal('active_goal'),
  value: ActiveGoalValueSchema.nullable(),
  ...BaseFields,
});
export type ActiveGoal = z.infer<typeof ActiveGoalSchema>;

/** The misc non-system frame schemas, for the frame registry. */
export const MISC_FRAME_SCHEMAS = [
  ConversationResetSchema,
  PromptSuggestionSchema,
  ToolUseSummarySchema,
  ToolProgressSchema,
  AuthStatusSchema,
  RateLimitEventSchema,
  ActiveGoalSchema,
] as const;
