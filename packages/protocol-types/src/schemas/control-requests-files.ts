import { z } from 'zod';

/**
 * Host→agent requests about files and background tasks: suggestions, reads, repo roots, stopping
 * and backgrounding tasks. Requests are outbound (strict); replies inbound (tolerant).
 */

/** `file_suggestions`: @-mention completions for a partial path (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const FileSuggestionsRequestSchema = z.object({
  subtype: z.literal('file_suggestions'),
  query: z.string(),
});
export type FileSuggestionsRequest = z.infer<typeof FileSuggestionsRequestSchema>;

/** Success payload of `file_suggestions` (runtime; PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const FileSuggestionsResponseSchema = z.object({
  suggestions: z.array(z.object({ path: z.string() })),
});
export type FileSuggestionsResponse = z.infer<typeof FileSuggestionsResponseSchema>;

/** `read_file`: read a file in the agent's workspace (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const ReadFileRequestSchema = z.object({
  subtype: z.literal('read_file'),
  path: z.string(),
  max_bytes: z.number().optional(),
  encoding: z.enum(['utf-8', 'base64']).optional(),
  /** Runtime: byte offset to start from. */
  offset: z.number().optional(),
  /** Runtime: upload the file instead when it is larger than `max_bytes`. */
  upload_if_larger: z.boolean().optional(),
  /** Runtime: answer live-only (not stored), see `control_response.live_only`. */
  liveReply: z.boolean().optional(),
});
export type ReadFileRequest = z.infer<typeof ReadFileRequestSchema>;

/** Success payload of `read_file` (`SDKControlReadFileResponse`, PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const ReadFileResponseSchema = z.object({
  contents: z.string(),
  absPath: z.string(),
  truncated: z.boolean().optional(),
  encoding: z.literal('base64').optional(),
  lossy: z.boolean().optional(),
});
export type ReadFileResponse = z.infer<typeof ReadFileResponseSchema>;

/** `seed_read_state`: mark a file as already read at `mtime` (ms) (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const SeedReadStateRequestSchema = z.object({
  subtype: z.literal('seed_read_state'),
  path: z.string(),
  mtime: z.number(),
});
export type SeedReadStateRequest = z.infer<typeof SeedReadStateRequestSchema>;

/** `register_repo_root`: add a repository directory to the session (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const RegisterRepoRootRequestSchema = z.object({
  subtype: z.literal('register_repo_root'),
  directory: z.string(),
  reload_claude_md: z.boolean().optional(),
  reload_plugins: z.boolean().optional(),
  reload_skills: z.boolean().optional(),
});
export type RegisterRepoRootRequest = z.infer<typeof RegisterRepoRootRequestSchema>;

/** `stop_task`: stop a background task; a `task_notification` follows (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const StopTaskRequestSchema = z.object({ subtype: z.literal('stop_task'), task_id: z.string() });
export type StopTaskRequest = z.infer<typeof StopTaskRequestSchema>;

/** `background_tasks`: background one foreground task, or all of them like Ctrl+B (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const BackgroundTasksRequestSchema = z.object({
  subtype: z.literal('background_tasks'),
  tool_use_id: z.string().optional(),
});
export type BackgroundTasksRequest = z.infer<typeof BackgroundTasksRequestSchema>;

/** Success payload of `background_tasks`; `backgrounded` only when one task was targeted (PROTOCOL.md#control-subtypes). */
export const BackgroundTasksResponseSchema = z.object({ backgrounded: z.boolean().optional() });
export type BackgroundTasksResponse = z.infer<typeof BackgroundTasksResponseSchema>;

/** `get_task_output`: the last 8 KiB of a task's output (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const GetTaskOutputRequestSchema = z.object({
  subtype: z.literal('get_task_output'),
  task_id: z.string(),
});
export type GetTaskOutputRequest = z.infer<typeof GetTaskOutputRequestSchema>;

/** Success payload of `get_task_output` (PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const GetTaskOutputResponseSchema = z.object({
  output: z.string(),
  total_bytes: z.number(),
  truncated: z.boolean(),
});
export type GetTaskOutputResponse = z.infer<typeof GetTaskOutputResponseSchema>;
