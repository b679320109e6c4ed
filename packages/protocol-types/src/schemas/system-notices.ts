import { z } from 'zod';
import { BaseFields, frameSchema, openEnum } from './common';

/** `type: 'system'` notices of the SDK message union: banners, notifications, persistence and refusal reports. */

/** Plain-text banner such as hook feedback or a status line (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemInformationalSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('informational'),
  ...BaseFields,
  content: z.string(),
  level: openEnum(['info', 'notice', 'suggestion', 'warning']),
  tool_use_id: z.string().optional(),
  prevent_continuation: z.boolean().optional(),
  tag: z.string().optional(),
});
export type SystemInformational = z.infer<typeof SystemInformationalSchema>;

/** Output of a local slash command, shown like assistant text (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemLocalCommandOutputSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('local_command_output'),
  ...BaseFields,
  content: z.string(),
});
export type SystemLocalCommandOutput = z.infer<typeof SystemLocalCommandOutputSchema>;

/** Toast-style notification (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemNotificationSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('notification'),
  ...BaseFields,
  key: z.string(),
  text: z.string(),
  priority: openEnum(['low', 'medium', 'high', 'immediate']),
  color: z.string().optional(),
  timeout_ms: z.number().optional(),
});
export type SystemNotification = z.infer<typeof SystemNotificationSchema>;

/** A slash command available in the session (`SlashCommand`). */
export const SlashCommandSchema = z.object({
  name: z.string(),
  description: z.string(),
  argumentHint: z.string(),
  aliases: z.array(z.string()).optional(),
  builtin: z.boolean().optional(),
});
export type SlashCommand = z.infer<typeof SlashCommandSchema>;

/** The full slash-command list after a change; replace the cached list (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemCommandsChangedSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('commands_changed'),
  ...BaseFields,
  commands: z.array(SlashCommandSchema),
});
export type SystemCommandsChanged = z.infer<typeof SystemCommandsChangedSchema>;

/** Graceful bridge teardown; durable, so it can reappear in a replay (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemWorkerShuttingDownSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('worker_shutting_down'),
  ...BaseFields,
  reason: z.string(),
});
export type SystemWorkerShuttingDown = z.infer<typeof SystemWorkerShuttingDownSchema>;

/** The disk filled up and session writes were lost; sent at most once, at exit (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemSessionWritesLostSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('session_writes_lost'),
  ...BaseFields,
  error_code: openEnum(['ENOSPC', 'EDQUOT']),
  lost: z.array(openEnum(['transcript', 'global_config'])),
  transcript_session_ids: z.array(z.string()).optional(),
});
export type SystemSessionWritesLost = z.infer<typeof SystemSessionWritesLostSchema>;

/** A session-store append failed and its batch was dropped (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemMirrorErrorSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('mirror_error'),
  ...BaseFields,
  error: z.string(),
  key: z.object({ projectKey: z.string(), sessionId: z.string(), subpath: z.string().optional() }),
});
export type SystemMirrorError = z.infer<typeof SystemMirrorErrorSchema>;

/** File upload results (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemFilesPersistedSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('files_persisted'),
  ...BaseFields,
  files: z.array(z.object({ filename: z.string(), file_id: z.string() })),
  failed: z.array(z.object({ filename: z.string(), error: z.string() })),
  processed_at: z.string(),
});
export type SystemFilesPersisted = z.infer<typeof SystemFilesPersistedSchema>;

/** Headless plugin install progress (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemPluginInstallSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('plugin_install'),
  ...BaseFields,
  status: openEnum(['started', 'installed', 'failed', 'completed']),
  name: z.string().optional(),
  error: z.string().optional(),
});
export type SystemPluginInstall = z.infer<typeof SystemPluginInstallSchema>;

/** Memories recalled into the turn ("Recalled from memory") (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemMemoryRecallSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('memory_recall'),
  ...BaseFields,
  mode: openEnum(['select', 'synthesize']),
  memories: z.array(
    z.object({
      path: z.string(),
      scope: openEnum(['personal', 'team', 'organization']),
      content: z.string().optional(),
    }),
  ),
});
export type SystemMemoryRecall = z.infer<typeof SystemMemoryRecallSchema>;

/** Live estimate of redacted thinking tokens; display-only (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemThinkingTokensSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('thinking_tokens'),
  ...BaseFields,
  estimated_tokens: z.number(),
  estimated_tokens_delta: z.number(),
  user_message_uuid: z.string().optional(),
});
export type SystemThinkingTokens = z.infer<typeof SystemThinkingTokensSchema>;

/** Progress of a long client-originated control request such as `side_question` (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemControlRequestProgressSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('control_request_progress'),
  ...BaseFields,
  request_id: z.string(),
  status: openEnum(['started', 'api_retry']),
  attempt: z.number().optional(),
  max_retries: z.number().optional(),
  retry_delay_ms: z.number().optional(),
  error_status: z.number().nullable().optional(),
});
export type SystemControlRequestProgress = z.infer<typeof SystemControlRequestProgressSchema>;

/** A URL-mode MCP elicitation finished (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemElicitationCompleteSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('elicitation_complete'),
  ...BaseFields,
  mcp_server_name: z.string(),
  elicitation_id: z.string(),
});
export type SystemElicitationComplete = z.infer<typeof SystemElicitationCompleteSchema>;

/** A tool call was denied without a prompt; `result.permission_denials` stays authoritative (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemPermissionDeniedSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('permission_denied'),
  ...BaseFields,
  tool_name: z.string(),
  tool_use_id: z.string(),
  message: z.string(),
  agent_id: z.string().optional(),
  decision_reason_type: z.string().optional(),
  decision_reason: z.string().optional(),
});
export type SystemPermissionDenied = z.infer<typeof SystemPermissionDeniedSchema>;

/** Fields of both model-refusal notices. */
const RefusalFields = {
  original_model: z.string(),
  request_id: z.string().nullable(),
  content: z.string(),
  api_refusal_category: z.string().nullable().optional(),
  api_refusal_explanation: z.string().nullable().optional(),
  refused_user_message_uuid: z.string().nullable().optional(),
} as const;

/** The model refused and the turn was retried on a fallback model (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemModelRefusalFallbackSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('model_refusal_fallback'),
  ...BaseFields,
  ...RefusalFields,
  trigger: openEnum(['refusal']),
  direction: openEnum(['retry', 'revert', 'sticky']),
  fallback_model: z.string(),
  scope: openEnum(['session', 'local']).optional(),
  retracted_message_uuids: z.array(z.string()).optional(),
});
export type SystemModelRefusalFallback = z.infer<typeof SystemModelRefusalFallbackSchema>;

/** The model refused and no fallback was configured, so the turn ends as an error (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemModelRefusalNoFallbackSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('model_refusal_no_fallback'),
  ...BaseFields,
  ...RefusalFields,
});
export type SystemModelRefusalNoFallback = z.infer<typeof SystemModelRefusalNoFallbackSchema>;

/** The system notice frame schemas, for the frame registry. */
export const SYSTEM_NOTICE_FRAME_SCHEMAS = [
  SystemInformationalSchema,
  SystemLocalCommandOutputSchema,
  SystemNotificationSchema,
  SystemCommandsChangedSchema,
  SystemWorkerShuttingDownSchema,
  SystemSessionWritesLostSchema,
  SystemMirrorErrorSchema,
  SystemFilesPersistedSchema,
  SystemPluginInstallSchema,
  SystemMemoryRecallSchema,
  SystemThinkingTokensSchema,
  SystemControlRequestProgressSchema,
  SystemElicitationCompleteSchema,
  SystemPermissionDeniedSchema,
  SystemModelRefusalFallbackSchema,
  SystemModelRefusalNoFallbackSchema,
] as const;
