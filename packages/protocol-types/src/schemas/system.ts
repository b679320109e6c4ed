import { z } from 'zod';
import { BaseFields, UuidSchema, frameSchema, openEnum } from './common';
import {
  ApiKeySourceSchema,
  AssistantMessageErrorSchema,
  EffortLevelSchema,
  FastModeStateSchema,
  ReportedPermissionModeSchema,
  SessionStateSchema,
} from './enums';
import { FastModeDisabledReasonSchema } from './results';
import { TurnBindingFields } from './turn-fields';
import { SYSTEM_HOOK_FRAME_SCHEMAS } from './system-hooks';
import { SYSTEM_NOTICE_FRAME_SCHEMAS } from './system-notices';
import { SYSTEM_RUNTIME_FRAME_SCHEMAS } from './system-runtime';

/** Status of an MCP server (`McpServerStatus.status`). Open. */
export const McpServerStateSchema = openEnum(['connected', 'failed', 'needs-auth', 'pending', 'disabled']);
export type McpServerState = z.infer<typeof McpServerStateSchema>;

/** Feature flags a CLI announces in `system/init.capabilities`. Open. */
export const CapabilitySchema = openEnum([
  'interrupt_receipt_v1',
  'interrupt_cancel_queued_v1',
  'interrupt_send_now_v1',
  'interrupt_requeue_taken_v1',
  'msg_lifecycle_v1',
  'request_marker_lists_v1',
  'queued_notifications',
  'ask_user_question_unanswered_v1',
  'lifecycle_wakeup_source_v1',
  'lifecycle_idle_v1',
  'sdk_mcp_tools_list_changed',
  'sdk_mcp_manifests',
  'reload_plugins_refuse_if_busy_v1',
  'mcp_read_resource_v1',
  'mcp_tool_ui_meta_v1',
  'mcp_call_result_not_for_model_v1',
  'mcp_call_soft_error_result_v1',
  'mcp_call_check_permissions_v1',
  'ui_surface_v1',
  'ui_pane_widget_v1',
  'voice_call_talk_line_v1',
  'withdrawn_files_note_v2',
  'withdrawn_tools_v1',
  'file_attachments_keep_existing_v1',
  'get_usage_detached_v1',
  'comment_images_v1',
]);
export type Capability = z.infer<typeof CapabilitySchema>;

/** A plugin that failed to load, listed on `system/init`. */
export const PluginErrorSchema = z.object({
  plugin: z.string(),
  type: z.string(),
  message: z.string(),
  path: z.string().optional(),
  managed_lock: z
    .object({ plugin_enabled: z.boolean(), name: z.string(), marketplace: z.string().optional() })
    .optional(),
});
export type PluginError = z.infer<typeof PluginErrorSchema>;

/**
 * Session metadata, sent at the start of every turn (PROTOCOL.md#system-init). CLI 2.1.197 adds
 * `analytics_disabled`, `product_feedback_disabled` and `memory_paths`, and omits `capabilities`,
 * `betas` and `effort`, which are therefore optional. Inbound: tolerant.
 */
export const SystemInitSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('init'),
  ...BaseFields,
  apiKeySource: ApiKeySourceSchema,
  claude_code_version: z.string(),
  cwd: z.string(),
  tools: z.array(z.string()),
  mcp_servers: z.array(
    z.object({ name: z.string(), status: McpServerStateSchema, source: z.string().optional() }),
  ),
  model: z.string(),
  permissionMode: ReportedPermissionModeSchema,
  slash_commands: z.array(z.string()),
  output_style: z.string(),
  skills: z.array(z.string()),
  plugins: z.array(
    z.object({
      name: z.string(),
      path: z.string(),
      version: z.string().optional(),
      source: z.string().optional(),
    }),
  ),
  agents: z.array(z.string()).optional(),
  betas: z.array(z.string()).optional(),
  terminal_slash_commands: z.array(z.string()).optional(),
  plugin_errors: z.array(PluginErrorSchema).optional(),
  plugin_warnings: z
    .array(z.object({ plugin: z.string(), type: z.string(), message: z.string() }))
    .optional(),
  fast_mode_state: FastModeStateSchema.optional(),
  fast_mode_disabled_reason: FastModeDisabledReasonSchema.optional(),
  effort: EffortLevelSchema.nullable().optional(),
  view_mode: openEnum(['focus', 'default']).optional(),
  capabilities: z.array(CapabilitySchema).optional(),
  analytics_disabled: z.boolean().optional(),
  product_feedback_disabled: z.boolean().optional(),
  memory_paths: z.object({ auto: z.string().optional(), team: z.string().optional() }).optional(),
  /** CLI 2.1.3xx. */
  additional_directories: z.array(z.string()).optional(),
  original_cwd: z.string().optional(),
  sandbox_enabled: z.boolean().optional(),
  served_by_anthropic: z.boolean().optional(),
  messaging_socket_path: z.string().optional(),
  per_turn_effort_active: z.boolean().optional(),
  ultrathink_available: z.boolean().optional(),
  ultrathink_typed_raises: z.boolean().optional(),
  ...TurnBindingFields,
});
export type SystemInit = z.infer<typeof SystemInitSchema>;

/**
 * Spinner state (`compacting`, `requesting` or `null`), also used to report permission-mode
 * changes and compaction outcomes (PROTOCOL.md#system-status). Inbound: tolerant.
 */
export const SystemStatusSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('status'),
  ...BaseFields,
  status: openEnum(['compacting', 'requesting']).nullable(),
  permissionMode: ReportedPermissionModeSchema.optional(),
  compact_result: openEnum(['success', 'failed']).optional(),
  compact_error: z.string().optional(),
  ...TurnBindingFields,
});
export type SystemStatus = z.infer<typeof SystemStatusSchema>;

/** A retryable API failure that will be retried after `retry_delay_ms` (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemApiRetrySchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('api_retry'),
  ...BaseFields,
  attempt: z.number(),
  max_retries: z.number(),
  retry_delay_ms: z.number(),
  error_status: z.number().nullable(),
  error: AssistantMessageErrorSchema,
  no_response: z.object({ waited_ms: z.number(), retry_wait_ms: z.number() }).optional(),
});
export type SystemApiRetry = z.infer<typeof SystemApiRetrySchema>;

/** Session state as reported by an agent: open, unlike the closed set hosts send. */
export const ReportedSessionStateSchema = openEnum(SessionStateSchema.options);
export type ReportedSessionState = z.infer<typeof ReportedSessionStateSchema>;

/** Turn state; `idle` is the authoritative turn-over signal (PROTOCOL.md#system-status). Inbound: tolerant. */
export const SystemSessionStateChangedSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('session_state_changed'),
  ...BaseFields,
  state: ReportedSessionStateSchema,
});
export type SystemSessionStateChanged = z.infer<typeof SystemSessionStateChangedSchema>;

/** What a compaction kept and how to relink it. */
export const CompactMetadataSchema = z.object({
  trigger: openEnum(['manual', 'auto']),
  pre_tokens: z.number(),
  post_tokens: z.number().optional(),
  duration_ms: z.number().optional(),
  cumulative_dropped_tokens: z.number().optional(),
  preserved_segment: z
    .object({ head_uuid: UuidSchema, anchor_uuid: UuidSchema, tail_uuid: UuidSchema })
    .optional(),
  preserved_messages: z
    .object({
      anchor_uuid: UuidSchema,
      uuids: z.array(UuidSchema),
      all_uuids: z.array(UuidSchema).optional(),
    })
    .optional(),
});
export type CompactMetadata = z.infer<typeof CompactMetadataSchema>;

/** Compaction marker: earlier messages were summarised (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemCompactBoundarySchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('compact_boundary'),
  ...BaseFields,
  compact_metadata: CompactMetadataSchema,
  logical_parent_uuid: UuidSchema.nullable().optional(),
});
export type SystemCompactBoundary = z.infer<typeof SystemCompactBoundarySchema>;

/** Every `type: 'system'` frame schema except the task frames, for the frame registry. */
export const SYSTEM_FRAME_SCHEMAS = [
  SystemInitSchema,
  SystemStatusSchema,
  SystemApiRetrySchema,
  SystemSessionStateChangedSchema,
  SystemCompactBoundarySchema,
  ...SYSTEM_NOTICE_FRAME_SCHEMAS,
  ...SYSTEM_HOOK_FRAME_SCHEMAS,
  ...SYSTEM_RUNTIME_FRAME_SCHEMAS,
] as const;
