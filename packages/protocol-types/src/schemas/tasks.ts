import { z } from 'zod';
import { BaseFields, JsonObjectSchema, frameSchema, openEnum } from './common';

/**
 * Task frames for background shells, subagents, workflows and monitors. `task_started` and
 * `task_notification` are edge bookends; `background_tasks_changed` is a level signal.
 */

/** Kinds of task (`task_type`), e.g. a shell or a subagent. Open. */
export const TaskTypeSchema = openEnum([
  'local_bash',
  'local_agent',
  'local_workflow',
  'mcp_task',
  'monitor_ws',
]);
export type TaskType = z.infer<typeof TaskTypeSchema>;

/** Token, tool and time totals of a task. */
export const TaskUsageSchema = z.object({
  total_tokens: z.number(),
  tool_uses: z.number(),
  duration_ms: z.number(),
});
export type TaskUsage = z.infer<typeof TaskUsageSchema>;

/** Fields naming one run of a task. */
const TaskRunFields = {
  ...BaseFields,
  task_id: z.string(),
  run_id: z.string().optional(),
} as const;

/** A task was registered (PROTOCOL.md#tasks). Inbound: tolerant. */
export const TaskStartedSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('task_started'),
  ...TaskRunFields,
  description: z.string(),
  tool_use_id: z.string().optional(),
  subagent_type: z.string().optional(),
  is_backgrounded: z.boolean().optional(),
  spawn_depth: z.number().optional(),
  parent_task_id: z.string().optional(),
  task_type: TaskTypeSchema.optional(),
  workflow_name: z.string().optional(),
  prompt: z.string().optional(),
  skip_transcript: z.boolean().optional(),
  ambient: z.boolean().optional(),
});
export type TaskStarted = z.infer<typeof TaskStartedSchema>;

/** Periodic task progress (PROTOCOL.md#tasks). Inbound: tolerant. */
export const TaskProgressSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('task_progress'),
  ...TaskRunFields,
  description: z.string(),
  usage: TaskUsageSchema,
  tool_use_id: z.string().optional(),
  subagent_type: z.string().optional(),
  last_tool_name: z.string().optional(),
  summary: z.string().optional(),
  workflow_progress: z.unknown().optional(),
  resent: z.boolean().optional(),
});
export type TaskProgress = z.infer<typeof TaskProgressSchema>;

/** Status of a task in a `task_updated` patch. Open. */
export const TaskStatusSchema = openEnum(['pending', 'running', 'completed', 'failed', 'killed', 'paused']);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** Changes to merge into the local copy of a task. */
export const TaskPatchSchema = z.object({
  status: TaskStatusSchema.optional(),
  description: z.string().optional(),
  end_time: z.number().optional(),
  total_paused_ms: z.number().optional(),
  error: z.string().optional(),
  is_backgrounded: z.boolean().optional(),
});
export type TaskPatch = z.infer<typeof TaskPatchSchema>;

/** Merge `patch` into the task map (PROTOCOL.md#tasks). Inbound: tolerant. */
export const TaskUpdatedSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('task_updated'),
  ...TaskRunFields,
  patch: TaskPatchSchema,
});
export type TaskUpdated = z.infer<typeof TaskUpdatedSchema>;

/** An MCP resource a task produced (`SDKMcpResourceLink`). */
export const McpResourceLinkSchema = z.object({
  uri: z.string(),
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  mimeType: z.string().optional(),
  size: z.number().optional(),
  annotations: JsonObjectSchema.optional(),
});
export type McpResourceLink = z.infer<typeof McpResourceLinkSchema>;

/** A task ended (PROTOCOL.md#tasks). Inbound: tolerant. */
export const TaskNotificationSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('task_notification'),
  ...TaskRunFields,
  status: openEnum(['completed', 'failed', 'stopped']),
  output_file: z.string(),
  summary: z.string(),
  tool_use_id: z.string().optional(),
  reason: openEnum(['worker_restart', 'unfinished_at_resume']).optional(),
  usage: TaskUsageSchema.optional(),
  /** CLI 2.1.3xx: how long the task ran. */
  duration_ms: z.number().optional(),
  resource_links: z.array(McpResourceLinkSchema).optional(),
  skip_transcript: z.boolean().optional(),
  ambient: z.boolean().optional(),
});
export type TaskNotification = z.infer<typeof TaskNotificationSchema>;

/** One live background task. */
export const BackgroundTaskSchema = z.object({
  task_id: z.string(),
  run_id: z.string().optional(),
  task_type: TaskTypeSchema,
  subagent_type: z.string().optional(),
  description: z.string(),
  parent_task_id: z.string().optional(),
  ambient: z.boolean().optional(),
});
export type BackgroundTask = z.infer<typeof BackgroundTaskSchema>;

/** Every live background task after a change: replace the whole set with `tasks` (PROTOCOL.md#tasks). Inbound: tolerant. */
export const BackgroundTasksChangedSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('background_tasks_changed'),
  ...BaseFields,
  tasks: z.array(BackgroundTaskSchema),
});
export type BackgroundTasksChanged = z.infer<typeof BackgroundTasksChangedSchema>;

/** The task frame schemas, for the frame registry. */
export const TASK_FRAME_SCHEMAS = [
  TaskStartedSchema,
  TaskProgressSchema,
  TaskUpdatedSchema,
  TaskNotificationSchema,
  BackgroundTasksChangedSchema,
] as const;
