import { z } from 'zod';
import { JsonObjectSchema } from './common';
import { ReportedPermissionModeSchema, SettablePermissionModeSchema } from './enums';

/**
 * Host→agent requests that steer the running session: interrupt, model and mode switches,
 * naming, queued messages and rewinds. Requests are outbound (strict); replies inbound (tolerant).
 */

/** `interrupt`: stop the current turn (PROTOCOL.md#interrupt). Outbound: strict. */
export const InterruptRequestSchema = z.object({
  subtype: z.literal('interrupt'),
  cancel_queued: z.boolean().optional(),
  /** Runtime: keep background tasks running. */
  spare_background_tasks: z.boolean().optional(),
  /** Runtime: interrupt only to send the queued message now. */
  send_now: z.boolean().optional(),
  for_user_message_uuids: z.array(z.string()).optional(),
  /** CLI 2.1.197: free-text reason, logged. */
  reason: z.string().optional(),
});
export type InterruptRequest = z.infer<typeof InterruptRequestSchema>;

/**
 * Success payload of `interrupt` (`SDKControlInterruptResponse`, PROTOCOL.md#interrupt). Inbound:
 * tolerant; CLI 2.1.197 sends no payload at all, so `still_queued` may be missing.
 */
export const InterruptResponseSchema = z.object({
  still_queued: z.array(z.string()).optional(),
  cancelled: z.array(z.string()).optional(),
});
export type InterruptResponse = z.infer<typeof InterruptResponseSchema>;

/** `set_permission_mode` (PROTOCOL.md#set-permission-mode). Outbound: strict. */
export const SetPermissionModeRequestSchema = z.object({
  subtype: z.literal('set_permission_mode'),
  mode: SettablePermissionModeSchema,
  /** CLI 2.1.197: plan mode with the ultraplan variant. */
  ultraplan: z.boolean().optional(),
});
export type SetPermissionModeRequest = z.infer<typeof SetPermissionModeRequestSchema>;

/** Success payload of `set_permission_mode`: CLI 2.1.197 echoes the mode, even one it does not know (PROTOCOL.md#set-permission-mode). */
export const SetPermissionModeResponseSchema = z.object({ mode: ReportedPermissionModeSchema.optional() });
export type SetPermissionModeResponse = z.infer<typeof SetPermissionModeResponseSchema>;

/** `set_model`: omitted, null or `'default'` resets to the default model (PROTOCOL.md#set-model). Outbound: strict. */
export const SetModelRequestSchema = z.object({
  subtype: z.literal('set_model'),
  /** CLI 2.1.337 refuses an empty name (`catalog_unknown`). */
  model: z.string().min(1).nullable().optional(),
  /** CLI 2.1.3xx, not in the SDK's types: a boolean (anything else is refused with `invalid_request`). */
  only_if_model_is_current: z.boolean().optional(),
});
export type SetModelRequest = z.infer<typeof SetModelRequestSchema>;

/** Success payload of `set_model`: empty, or the model now in use (PROTOCOL.md#set-model). */
export const SetModelResponseSchema = z.object({ model: z.string().optional() });
export type SetModelResponse = z.infer<typeof SetModelResponseSchema>;

/** `set_max_thinking_tokens`: null means the session default (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const SetMaxThinkingTokensRequestSchema = z.object({
  subtype: z.literal('set_max_thinking_tokens'),
  max_thinking_tokens: z.number().nullable().optional(),
  thinking_display: z.enum(['summarized', 'omitted', 'highlights']).nullable().optional(),
});
export type SetMaxThinkingTokensRequest = z.infer<typeof SetMaxThinkingTokensRequestSchema>;

/** `rename_session` (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const RenameSessionRequestSchema = z.object({
  subtype: z.literal('rename_session'),
  title: z.string(),
  source: z.enum(['remote', 'host']).optional(),
  session_id: z.string().optional(),
});
export type RenameSessionRequest = z.infer<typeof RenameSessionRequestSchema>;

/** `set_color`: an agent colour name or `default` (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const SetColorRequestSchema = z.object({ subtype: z.literal('set_color'), color: z.string() });
export type SetColorRequest = z.infer<typeof SetColorRequestSchema>;

/** `set_has_subscribers`: whether any client is watching (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const SetHasSubscribersRequestSchema = z.object({
  subtype: z.literal('set_has_subscribers'),
  has_subscribers: z.boolean().nullable(),
});
export type SetHasSubscribersRequest = z.infer<typeof SetHasSubscribersRequestSchema>;

/** `cancel_async_message`: drop a queued user message by uuid (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const CancelAsyncMessageRequestSchema = z.object({
  subtype: z.literal('cancel_async_message'),
  message_uuid: z.string(),
});
export type CancelAsyncMessageRequest = z.infer<typeof CancelAsyncMessageRequestSchema>;

/** Success payload of `cancel_async_message` (PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const CancelAsyncMessageResponseSchema = z.object({
  cancelled: z.boolean(),
  message_uuid: z.string().optional(),
});
export type CancelAsyncMessageResponse = z.infer<typeof CancelAsyncMessageResponseSchema>;

/** `rewind_files`: restore files to their state at a user message (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const RewindFilesRequestSchema = z.object({
  subtype: z.literal('rewind_files'),
  user_message_id: z.string(),
  dry_run: z.boolean().optional(),
});
export type RewindFilesRequest = z.infer<typeof RewindFilesRequestSchema>;

/** Success payload of `rewind_files` (`RewindFilesResult`, PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const RewindFilesResponseSchema = z.object({
  canRewind: z.boolean(),
  error: z.string().optional(),
  filesChanged: z.array(z.string()).optional(),
  insertions: z.number().optional(),
  deletions: z.number().optional(),
  skippedLinks: z.number().optional(),
});
export type RewindFilesResponse = z.infer<typeof RewindFilesResponseSchema>;

/**
 * `apply_flag_settings`: merge settings into the flag layer (PROTOCOL.md#control-subtypes). Over
 * Remote Control only `effortLevel` and `ultracode` are accepted. Outbound: strict.
 */
export const ApplyFlagSettingsRequestSchema = z.object({
  subtype: z.literal('apply_flag_settings'),
  settings: JsonObjectSchema,
});
export type ApplyFlagSettingsRequest = z.infer<typeof ApplyFlagSettingsRequestSchema>;

/** `end_session` (CLI 2.1.197 runtime): stop the CLI's input loop (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const EndSessionRequestSchema = z.object({
  subtype: z.literal('end_session'),
  reason: z.string().optional(),
});
export type EndSessionRequest = z.infer<typeof EndSessionRequestSchema>;

/** `rewind_conversation` (CLI 2.1.197 runtime): rewind to a user message (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const RewindConversationRequestSchema = z.object({
  subtype: z.literal('rewind_conversation'),
  target_message_uuid: z.string(),
  interrupt_if_running: z.boolean().optional(),
});
export type RewindConversationRequest = z.infer<typeof RewindConversationRequestSchema>;

/** Success payload of `rewind_conversation`; `error` says why nothing was rewound (PROTOCOL.md#control-subtypes). */
export const RewindConversationResponseSchema = z.object({
  rewound: z.boolean(),
  prefillText: z.string().nullable().optional(),
  precedingAssistantUuid: z.string().nullable().optional(),
  error: z.string().optional(),
});
export type RewindConversationResponse = z.infer<typeof RewindConversationResponseSchema>;
