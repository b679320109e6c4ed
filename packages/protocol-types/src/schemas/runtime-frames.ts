import { z } from 'zod';
import { BaseFields, JsonObjectSchema, UuidSchema, frameSchema, openEnum } from './common';

/**
 * Non-system frame types that are real on the wire but absent from the sdk.d.ts unions, seen in
 * `sdk.mjs`, `bridge.mjs`, `browser-sdk.js` and the CLI 2.1.197 binary. Their shapes are unstable:
 * only the fields those sources read are declared, and unknown keys are kept.
 */

/** `uuid` and `session_id` where the sources do not show them as always present. */
const OptionalBaseFields = { uuid: UuidSchema.optional(), session_id: z.string().optional() } as const;

/**
 * A notification queued for the agent (e.g. from another session); the bridge turns one with
 * `notification_id` and `content` into a synthetic user message (PROTOCOL.md#misc-frames). Either direction.
 */
export const QueuedNotificationSchema = frameSchema('both', {
  type: z.literal('queued_notification'),
  notification: z.object({
    notification_id: z.string().optional(),
    content: z.string().optional(),
    origin: z.unknown().optional(),
  }),
  ...OptionalBaseFields,
});
export type QueuedNotification = z.infer<typeof QueuedNotificationSchema>;

/**
 * Lifecycle of a queued prompt or command; `command_uuid` is the queued message's uuid
 * (PROTOCOL.md#misc-frames). CLI 2.1.197 declares `started`/`completed`. Inbound: tolerant.
 */
export const CommandLifecycleSchema = frameSchema('to-client', {
  type: z.literal('command_lifecycle'),
  command_uuid: z.string(),
  state: openEnum(['queued', 'started', 'completed', 'cancelled', 'discarded', 'refused']),
  wakeup_source: z.string().optional(),
  /** CLI 2.1.3xx: on the last frame of a run, `true` when nothing is left queued or running. */
  idle: z.boolean().optional(),
  ...BaseFields,
});
export type CommandLifecycle = z.infer<typeof CommandLifecycleSchema>;

/** Auto-compaction state as a level signal; `value` is opaque (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const AutocompactStateSchema = frameSchema('to-client', {
  type: z.literal('autocompact_state'),
  value: JsonObjectSchema.nullable(),
  ...OptionalBaseFields,
});
export type AutocompactState = z.infer<typeof AutocompactStateSchema>;

/** Metadata of a subagent transcript, mirrored to the session store (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const AgentMetadataSchema = frameSchema('to-client', {
  type: z.literal('agent_metadata'),
  agentType: z.string(),
  customAgentType: z.string().optional(),
  description: z.string().optional(),
  name: z.string().optional(),
  model: z.string().optional(),
  permissionMode: z.string().optional(),
  cwd: z.string().optional(),
  isFork: z.boolean().optional(),
  worktreePath: z.string().optional(),
  worktreeBranch: z.string().optional(),
  spawnMode: z.string().optional(),
  spawnDepth: z.number().optional(),
  toolUseId: z.string().optional(),
  stoppedByUser: z.boolean().optional(),
  taskKind: z.string().optional(),
  teamName: z.string().optional(),
  color: z.string().optional(),
  planModeRequired: z.boolean().optional(),
  ...OptionalBaseFields,
});
export type AgentMetadata = z.infer<typeof AgentMetadataSchema>;

/** The session's sources changed; ephemeral, fields not documented (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const SourcesChangedSchema = frameSchema('to-client', {
  type: z.literal('sources_changed'),
  ...OptionalBaseFields,
});
export type SourcesChanged = z.infer<typeof SourcesChangedSchema>;

/** A log line from the environment manager; text in `data.content` or `message` (PROTOCOL.md#misc-frames). Inbound: tolerant. */
export const EnvManagerLogSchema = frameSchema('to-client', {
  type: z.literal('env_manager_log'),
  data: z.object({ content: z.string().optional() }).optional(),
  message: z.string().optional(),
  ...OptionalBaseFields,
});
export type EnvManagerLog = z.infer<typeof EnvManagerLogSchema>;

/** Transcript lines the CLI wrote, for an SDK-side session store; SDK-local only (PROTOCOL.md#misc-frames). */
export const TranscriptMirrorSchema = frameSchema('to-client', {
  type: z.literal('transcript_mirror'),
  filePath: z.string(),
  entries: z.array(z.unknown()),
});
export type TranscriptMirror = z.infer<typeof TranscriptMirrorSchema>;

/** The runtime-only non-system frame schemas, for the frame registry. */
export const RUNTIME_FRAME_SCHEMAS = [
  QueuedNotificationSchema,
  CommandLifecycleSchema,
  AutocompactStateSchema,
  AgentMetadataSchema,
  SourcesChangedSchema,
  EnvManagerLogSchema,
  TranscriptMirrorSchema,
] as const;
