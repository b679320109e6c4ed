import { z } from 'zod';
import { BaseFields, UuidSchema, frameSchema } from './common';

/**
 * `type: 'system'` subtypes that are real on the wire but absent from sdk.d.ts. The summaries are
 * declared in the CLI 2.1.197 binary; the rest appear only in the bridge's live-only list, so just
 * their discriminators are known and any other keys are kept as received.
 */

/** `uuid` and `session_id`, not shown as always present for the bridge-only subtypes. */
const OptionalBaseFields = { uuid: UuidSchema.optional(), session_id: z.string().optional() } as const;

/** Background summary of the turn that just ended, e.g. `status_category: 'need_input'` (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemPostTurnSummarySchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('post_turn_summary'),
  ...BaseFields,
  summarizes_uuid: z.string(),
  status_category: z.string(),
  status_detail: z.string(),
  needs_action: z.string(),
});
export type SystemPostTurnSummary = z.infer<typeof SystemPostTurnSummarySchema>;

/** Mid-turn progress phrase; `detail` is null when the turn goes idle (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemTaskSummarySchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('task_summary'),
  ...BaseFields,
  detail: z.string().nullable(),
});
export type SystemTaskSummary = z.infer<typeof SystemTaskSummarySchema>;

/** A permission check's progress; the bridge treats `status: 'done'` as its end (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemPermissionCheckStatusSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('permission_check_status'),
  ...OptionalBaseFields,
  status: z.string().optional(),
});
export type SystemPermissionCheckStatus = z.infer<typeof SystemPermissionCheckStatusSchema>;

/** Declares a bridge live-only `system` subtype whose fields are not documented. */
function liveOnlySystemFrame<const S extends string>(subtype: S) {
  return frameSchema('to-client', {
    type: z.literal('system'),
    subtype: z.literal(subtype),
    ...OptionalBaseFields,
  });
}

/** Session metadata for SDK hosts; fields not documented (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemSessionMetadataSchema = liveOnlySystemFrame('session_metadata');
export type SystemSessionMetadata = z.infer<typeof SystemSessionMetadataSchema>;

/** Statuses of the session's task list (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemTaskListStatusesSchema = liveOnlySystemFrame('task_list_statuses');
export type SystemTaskListStatuses = z.infer<typeof SystemTaskListStatusesSchema>;

/** A peer message is being held back (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemPeerMessageHoldSchema = liveOnlySystemFrame('peer_message_hold');
export type SystemPeerMessageHold = z.infer<typeof SystemPeerMessageHoldSchema>;

/** The session title changed (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemSessionTitleChangedSchema = liveOnlySystemFrame('session_title_changed');
export type SystemSessionTitleChanged = z.infer<typeof SystemSessionTitleChangedSchema>;

/** The effort level for the current turn changed (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemPerTurnEffortChangedSchema = liveOnlySystemFrame('per_turn_effort_changed');
export type SystemPerTurnEffortChanged = z.infer<typeof SystemPerTurnEffortChangedSchema>;

/** Instruction files (CLAUDE.md and similar) are large (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemInstructionSizeWarningSchema = liveOnlySystemFrame('instruction_size_warning');
export type SystemInstructionSizeWarning = z.infer<typeof SystemInstructionSizeWarningSchema>;

/** A title derived from a Slack tag (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemSlackTagTitleSchema = liveOnlySystemFrame('slack_tag_title');
export type SystemSlackTagTitle = z.infer<typeof SystemSlackTagTitleSchema>;

/** The version-control state of the workspace changed (PROTOCOL.md#system-frames). Inbound: tolerant. */
export const SystemVcsStateChangedSchema = liveOnlySystemFrame('vcs_state_changed');
export type SystemVcsStateChanged = z.infer<typeof SystemVcsStateChangedSchema>;

/** The runtime-only system frame schemas, for the frame registry. */
export const SYSTEM_RUNTIME_FRAME_SCHEMAS = [
  SystemPostTurnSummarySchema,
  SystemTaskSummarySchema,
  SystemPermissionCheckStatusSchema,
  SystemSessionMetadataSchema,
  SystemTaskListStatusesSchema,
  SystemPeerMessageHoldSchema,
  SystemSessionTitleChangedSchema,
  SystemPerTurnEffortChangedSchema,
  SystemInstructionSizeWarningSchema,
  SystemSlackTagTitleSchema,
  SystemVcsStateChangedSchema,
] as const;
