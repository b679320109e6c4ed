import { z } from 'zod';
import { IsoTimeSchema, JsonObjectSchema, openEnum } from './common';

/**
 * Bodies of the v1 web API (`/v1/sessions…` and the environment list) that claude.ai and
 * `claude-remote-protocol` speak. Shapes follow recorded web traffic; fields the recordings do not
 * pin down are optional. Frames inside bodies are loose records: their own schemas live in the
 * frame domain files, so a new frame type never makes a REST body invalid.
 */

/** Any frame as carried inside a REST body or SSE envelope: an object with a string `type`, other keys kept (PROTOCOL.md#contract). */
export const LooseFrameSchema = z.looseObject({ type: z.string() });
export type LooseFrame = z.infer<typeof LooseFrameSchema>;

/** Lifecycle state of a web session (PROTOCOL.md#v1-rest). */
export const SessionStatusSchema = openEnum(['active', 'idle', 'archived']);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** Whether a session is private to its owner or shared (PROTOCOL.md#v1-rest). */
export const SessionTypeSchema = openEnum(['internal_session', 'shared_session']);
export type SessionType = z.infer<typeof SessionTypeSchema>;

/** Where a git source or outcome lives: `{type:'github', repo:'owner/name', branches}` (PROTOCOL.md#v1-rest). */
export const GitInfoSchema = z.object({
  type: openEnum(['github']),
  repo: z.string(),
  branches: z.array(z.string()),
});
export type GitInfo = z.infer<typeof GitInfoSchema>;

/** A repository the session starts from or pushes to (`sources[]` / `outcomes[]`) (PROTOCOL.md#v1-rest). */
export const SessionRepositorySchema = z.object({
  type: openEnum(['git_repository']),
  git_info: GitInfoSchema.optional(),
});
export type SessionRepository = z.infer<typeof SessionRepositorySchema>;

/** An MCP tool exposed to the session, named with its server (PROTOCOL.md#v1-rest). */
export const SessionMcpToolSchema = z.object({ name: z.string(), server_name: z.string() });
export type SessionMcpTool = z.infer<typeof SessionMcpToolSchema>;

/** How the agent of a session is set up: model, repositories, tools, prompt (PROTOCOL.md#v1-rest). */
export const SessionContextSchema = z.object({
  model: z.string().optional(),
  sources: z.array(SessionRepositorySchema).optional(),
  outcomes: z.array(SessionRepositorySchema).optional(),
  cwd: z.string().optional(),
  allowed_tools: z.array(z.string()).optional(),
  disallowed_tools: z.array(z.string()).optional(),
  environment_variables: z.record(z.string(), z.string()).optional(),
  knowledge_base_ids: z.array(z.string()).optional(),
  custom_system_prompt: z.string().optional(),
  mcp_config: JsonObjectSchema.optional(),
  mcp_tools: z.array(SessionMcpToolSchema).optional(),
});
export type SessionContext = z.infer<typeof SessionContextSchema>;

/** A web session as `GET /v1/sessions/{id}` returns it (PROTOCOL.md#v1-rest). */
export const SessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  session_status: SessionStatusSchema,
  environment_id: z.string(),
  session_context: SessionContextSchema,
  created_at: IsoTimeSchema,
  updated_at: IsoTimeSchema,
  type: SessionTypeSchema.optional(),
  active_mount_paths: z.array(z.string()).optional(),
  metadata: JsonObjectSchema.optional(),
});
export type Session = z.infer<typeof SessionSchema>;

/** Pagination query of list endpoints; values arrive as URL text (PROTOCOL.md#v1-rest). */
export const ListQuerySchema = z.object({
  after_id: z.string().optional(),
  limit: z.string().regex(/^\d+$/, 'limit must be a non-negative integer').optional(),
});
export type ListQuery = z.infer<typeof ListQuerySchema>;

/** `GET /v1/sessions` answer: one page of sessions, newest first (PROTOCOL.md#v1-rest). */
export const ListSessionsResponseSchema = z.object({
  data: z.array(SessionSchema),
  first_id: z.string().nullable(),
  last_id: z.string().nullable(),
  has_more: z.boolean(),
});
export type ListSessionsResponse = z.infer<typeof ListSessionsResponseSchema>;

/** An event stored in a session: a frame plus its envelope keys; control frames may lack a `uuid` (PROTOCOL.md#v1-rest). */
export const SessionEventSchema = z.looseObject({
  type: z.string(),
  uuid: z.string().optional(),
  session_id: z.string().optional(),
  created_at: IsoTimeSchema.optional(),
});
export type SessionEvent = z.infer<typeof SessionEventSchema>;

/** `POST /v1/sessions` body; `events` seeds the session (e.g. the first user message) (PROTOCOL.md#v1-rest). */
export const CreateSessionBodySchema = z.object({
  environment_id: z.string(),
  session_context: SessionContextSchema,
  title: z.string().optional(),
  events: z.array(SessionEventSchema).optional(),
});
export type CreateSessionBody = z.infer<typeof CreateSessionBodySchema>;

/** `POST /v1/sessions` answer: the new session (PROTOCOL.md#v1-rest). */
export const CreateSessionResponseSchema = SessionSchema;
export type CreateSessionResponse = z.infer<typeof CreateSessionResponseSchema>;

/** `PATCH /v1/sessions/{id}` body: rename and/or change status (PROTOCOL.md#v1-rest). */
export const UpdateSessionBodySchema = z.object({
  title: z.string().optional(),
  session_status: SessionStatusSchema.optional(),
});
export type UpdateSessionBody = z.infer<typeof UpdateSessionBodySchema>;

/** `POST /v1/sessions/{id}/archive` answer; only the id and status are relied on (PROTOCOL.md#v1-rest). */
export const ArchiveSessionResponseSchema = z.object({
  id: z.string().optional(),
  session_status: SessionStatusSchema.optional(),
});
export type ArchiveSessionResponse = z.infer<typeof ArchiveSessionResponseSchema>;

/** `GET /v1/sessions/{id}/events` answer: one page, oldest first; continue with `?after_id=<last_id>` (PROTOCOL.md#v1-rest). */
export const ListEventsResponseSchema = z.object({
  data: z.array(SessionEventSchema),
  first_id: z.string().nullable().optional(),
  last_id: z.string().nullable().optional(),
  has_more: z.boolean(),
});
export type ListEventsResponse = z.infer<typeof ListEventsResponseSchema>;

/** `POST /v1/sessions/{id}/events` body: user messages and control frames sent to the agent (PROTOCOL.md#v1-rest). */
export const SendEventsBodySchema = z.object({
  events: z.array(SessionEventSchema),
});
export type SendEventsBody = z.infer<typeof SendEventsBodySchema>;

/** `POST /v1/sessions/{id}/events` answer; web clients ignore it, ccr-kit's mock echoes the stored events (PROTOCOL.md#v1-rest). */
export const SendEventsResponseSchema = z.object({
  data: z.array(SessionEventSchema).optional(),
});
export type SendEventsResponse = z.infer<typeof SendEventsResponseSchema>;

/** `GET /v1/sessions/{id}/share-status` answer; its fields are not publicly documented, so any object (PROTOCOL.md#v1-rest). */
export const ShareStatusResponseSchema = JsonObjectSchema;
export type ShareStatusResponse = z.infer<typeof ShareStatusResponseSchema>;

/** The machine a `bridge` environment runs on (PROTOCOL.md#v1-rest). */
export const BridgeInfoSchema = z.object({
  max_sessions: z.number(),
  machine_name: z.string(),
  directory: z.string(),
  branch: z.string().nullable(),
  git_repo_url: z.string().nullable(),
  online: z.boolean(),
  spawn_mode: z.string().nullable(),
});
export type BridgeInfo = z.infer<typeof BridgeInfoSchema>;

/** Where sessions run: a local bridge (Remote Control) or a cloud sandbox (PROTOCOL.md#v1-rest). */
export const EnvironmentSchema = z.object({
  environment_id: z.string(),
  name: z.string(),
  kind: openEnum(['bridge', 'cloud']),
  state: openEnum(['active', 'inactive']),
  created_at: IsoTimeSchema.optional(),
  config: z.unknown().optional(),
  bridge_info: BridgeInfoSchema.optional(),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

/** Environment list answer (`…/organizations/{org}/environments`) (PROTOCOL.md#v1-rest). */
export const ListEnvironmentsResponseSchema = z.object({
  environments: z.array(EnvironmentSchema),
  has_more: z.boolean(),
  first_id: z.string().nullable(),
  last_id: z.string().nullable(),
});
export type ListEnvironmentsResponse = z.infer<typeof ListEnvironmentsResponseSchema>;

/** `error.type` values of Anthropic API error bodies (PROTOCOL.md#errors). */
export const ApiErrorTypeSchema = openEnum([
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'conflict_error',
  'request_too_large',
  'rate_limit_error',
  'api_error',
  'overloaded_error',
]);
export type ApiErrorType = z.infer<typeof ApiErrorTypeSchema>;

/** The `error` object of an error body; `reason` refines `type` on CCR endpoints (PROTOCOL.md#errors). */
export const ApiErrorDetailSchema = z.object({
  type: ApiErrorTypeSchema,
  message: z.string(),
  reason: z.string().optional(),
});
export type ApiErrorDetail = z.infer<typeof ApiErrorDetailSchema>;

/** Body of every non-2xx answer: `{type:'error', error:{type, message}}` (PROTOCOL.md#errors). */
export const ApiErrorBodySchema = z.object({
  type: z.literal('error'),
  error: ApiErrorDetailSchema,
  request_id: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>;
