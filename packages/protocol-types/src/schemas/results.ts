import { z } from 'zod';
import { NonNullableUsageSchema, StopReasonSchema } from './anthropic';
import { BaseFields, JsonObjectSchema, frameSchema, openEnum } from './common';
import { FastModeStateSchema, ResultErrorSubtypeSchema, TerminalReasonSchema } from './enums';
import { MessageOriginSchema, TurnBindingFields } from './turn-fields';
import { ModelUsageSchema } from './usage-reports';

/** Why fast mode is off (`FastModeDisabledReason`). Open. */
export const FastModeDisabledReasonSchema = openEnum([
  'free',
  'preference',
  'extra_usage_disabled',
  'network_error',
  'unknown',
  'not_first_party',
  'disabled_by_env',
  'model_not_allowed',
  'sdk_opt_in_required',
  'pending',
]);
export type FastModeDisabledReason = z.infer<typeof FastModeDisabledReasonSchema>;

/** Why a session could not start (`SDKStartupFailureReason`). Open. */
export const StartupFailureReasonSchema = openEnum([
  'org_pin_api_key_conflict',
  'provider_not_allowed',
  'org_verify_failed',
  'org_pin_mismatch',
  'managed_settings_invalid',
  'remote_settings_required_unavailable',
  'gateway_signin_required',
  'gateway_access_denied',
  'proxy_invalid',
  'temp_dir_unusable',
  'cwd_unavailable',
  'shell_tool_missing',
  'session_held_by_background',
  'worktree_resume_refused',
  'worktree_unverified',
  'cli_version_too_old',
  'bypass_root',
  'org_config_required_unavailable',
  'org_config_refused',
  'sandbox_required_unavailable',
  'initialize_not_first',
  'config_file_invalid',
  'managed_settings_not_delivered',
  'initialize_fields_not_delivered',
  'sideload_flags_disabled',
]);
export type StartupFailureReason = z.infer<typeof StartupFailureReasonSchema>;

/** A tool call the host's permission answer denied during the turn (`SDKPermissionDenial`). */
export const PermissionDenialSchema = z.object({
  tool_name: z.string(),
  tool_use_id: z.string(),
  tool_input: JsonObjectSchema,
});
export type PermissionDenial = z.infer<typeof PermissionDenialSchema>;

/** A tool call deferred to the host by a hook (`SDKDeferredToolUse`). */
export const DeferredToolUseSchema = z.object({ id: z.string(), name: z.string(), input: JsonObjectSchema });
export type DeferredToolUse = z.infer<typeof DeferredToolUseSchema>;

const counts = <const K extends string>(keys: readonly K[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<K, z.ZodNumber>);

/** Subagents of a turn (CLI 2.1.3xx `result.subagent_stats`). Inbound: tolerant. */
export const SubagentStatsSchema = z.object({
  spawned: z.number(),
  requested: counts(['background', 'foreground', 'unset']).optional(),
  started_in_background: z.number().optional(),
  max_depth: z.number().optional(),
  spawned_by_subagents: z.number().optional(),
  completed: z.number().optional(),
  failed: z.number().optional(),
  killed: counts(['parent', 'user', 'system']).optional(),
  refused: counts(['depth_limit', 'concurrency_limit', 'budget']).optional(),
  by_type: z.record(z.string(), z.unknown()).optional(),
});
export type SubagentStats = z.infer<typeof SubagentStatsSchema>;

/** Fields every `result` carries, whatever its subtype. */
const ResultCommonFields = {
  type: z.literal('result'),
  ...BaseFields,
  duration_ms: z.number(),
  duration_api_ms: z.number(),
  is_error: z.boolean(),
  num_turns: z.number(),
  stop_reason: StopReasonSchema.nullable(),
  total_cost_usd: z.number(),
  usage: NonNullableUsageSchema,
  modelUsage: z.record(z.string(), ModelUsageSchema),
  permission_denials: z.array(PermissionDenialSchema),
  queued_turn_count: z.number().optional(),
  ...TurnBindingFields,
  terminal_reason: TerminalReasonSchema.optional(),
  result_index: z.number().optional(),
  credential_expires_at: z.string().optional(),
  fast_mode_state: FastModeStateSchema.optional(),
  fast_mode_disabled_reason: FastModeDisabledReasonSchema.optional(),
  origin: MessageOriginSchema.optional(),
  /** CLI 2.1.3xx: API message ids whose streaming began in this turn. */
  begun_message_ids: z.array(z.string()).optional(),
  /** CLI 2.1.3xx: `modelUsage` since the previous `result` only. */
  model_usage_since_last_result: z.record(z.string(), ModelUsageSchema).optional(),
  /** CLI 2.1.3xx: how often a safety classifier stopped the turn. */
  safety_stops: z.number().optional(),
  subagent_stats: SubagentStatsSchema.optional(),
} as const;

/** Queue position a streamed post waited behind, in the timing fields of `result`. Open. */
export const QueuedBehindSchema = openEnum([
  'durable_post',
  'ephemeral_post',
  'retry_backoff',
  'hold',
  'none',
]);
export type QueuedBehind = z.infer<typeof QueuedBehindSchema>;

/**
 * The turn-complete frame when the turn ran to the end (PROTOCOL.md#result). `is_error: true` here
 * means it ended on an API error whose text is in `result`. Inbound: tolerant.
 */
export const ResultSuccessSchema = frameSchema('to-client', {
  ...ResultCommonFields,
  subtype: z.literal('success'),
  result: z.string(),
  api_error_status: z.number().nullable().optional(),
  /** CLI 2.1.3xx: the API error's `type` when `is_error` (e.g. `invalid_request_error`). */
  api_error_type: z.string().optional(),
  first_request_input_tokens: z.number().optional(),
  first_request_cache_read_input_tokens: z.number().optional(),
  structured_output: z.unknown().optional(),
  deferred_tool_use: DeferredToolUseSchema.optional(),
  local_command: z.string().optional(),
  ttft_ms: z.number().optional(),
  ttft_stream_ms: z.number().optional(),
  time_to_request_ms: z.number().optional(),
  time_to_request_from_spawn_ms: z.number().optional(),
  request_sent_wall_ms: z.number().optional(),
  first_content_frame_ms: z.number().optional(),
  first_stream_post_ms: z.number().optional(),
  first_stream_post_ack_ms: z.number().optional(),
  first_stream_post_queue_wait_ms: z.number().optional(),
  first_stream_post_queued_behind: QueuedBehindSchema.optional(),
  first_stream_post_wall_ms: z.number().optional(),
  first_text_post_ms: z.number().optional(),
  first_text_post_queue_wait_ms: z.number().optional(),
  first_text_post_queued_behind: QueuedBehindSchema.optional(),
  first_text_post_wall_ms: z.number().optional(),
  warm_spare_claimed: z.boolean().optional(),
  time_origin_ms: z.number().optional(),
});
export type ResultSuccess = z.infer<typeof ResultSuccessSchema>;

/** A config file the CLI could not read, reported with `config_file_invalid`. */
export const InvalidConfigFileSchema = z.object({
  path: z.string(),
  is_global: z.boolean(),
  backup_searched: z.boolean(),
  backup_path: z.string().optional(),
});
export type InvalidConfigFile = z.infer<typeof InvalidConfigFileSchema>;

/**
 * The turn-complete frame when the turn stopped early: no `result` text, `errors` instead
 * (PROTOCOL.md#result). There is no `subtype: 'error'`. Inbound: tolerant.
 */
export const ResultErrorSchema = frameSchema('to-client', {
  ...ResultCommonFields,
  subtype: ResultErrorSubtypeSchema,
  errors: z.array(z.string()),
  startup_failure_reason: StartupFailureReasonSchema.optional(),
  invalid_config_file: InvalidConfigFileSchema.optional(),
});
export type ResultError = z.infer<typeof ResultErrorSchema>;

/** Either kind of `result` frame. */
export type ResultMessage = ResultSuccess | ResultError;

/** The `result` frame schemas, for the frame registry. */
export const RESULT_FRAME_SCHEMAS = [ResultSuccessSchema, ResultErrorSchema] as const;
