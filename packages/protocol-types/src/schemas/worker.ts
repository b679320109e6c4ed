import { z } from 'zod';
import { IsoTimeSchema, JsonObjectSchema, openEnum } from './common';
import { ApiErrorDetailSchema, LooseFrameSchema } from './rest-v1';
import { ClientEventDataSchema } from './rest-v2';

/**
 * Bodies of the worker API under `/v1/code/sessions/{id}` (`/bridge`, `/worker…`), spoken by a
 * Claude Code CLI or a host attached through the official bridge. Every `/worker*` write carries
 * the `worker_epoch` of its registration; a stale one gets 409.
 */

/** A worker epoch as sent by clients: an integer (PROTOCOL.md#worker-api). */
export const WorkerEpochSchema = z.number().int().nonnegative();
export type WorkerEpoch = z.infer<typeof WorkerEpochSchema>;

/** A worker epoch as servers answer it: a number or its decimal text (PROTOCOL.md#worker-api). */
export const WorkerEpochWireSchema = z.union([WorkerEpochSchema, z.string().regex(/^\d+$/, 'expected decimal digits')]);
export type WorkerEpochWire = z.infer<typeof WorkerEpochWireSchema>;

/** `POST …/bridge` body; each call registers a worker and bumps the epoch (PROTOCOL.md#worker-api). */
export const BridgeBodySchema = z.object({ expected_epoch: WorkerEpochSchema.optional() });
export type BridgeBody = z.infer<typeof BridgeBodySchema>;

/** `POST …/bridge` answer: the worker JWT (about 4 h), its API base URL and the new epoch (PROTOCOL.md#worker-api). */
export const BridgeResponseSchema = z.object({
  worker_jwt: z.string(),
  api_base_url: z.string(),
  expires_in: z.number(),
  worker_epoch: WorkerEpochWireSchema,
  mcp_config: z.object({ content: z.string() }).optional(),
});
export type BridgeResponse = z.infer<typeof BridgeResponseSchema>;

/** `POST …/worker/register` body: empty (PROTOCOL.md#worker-api). */
export const RegisterWorkerBodySchema = z.object({});
export type RegisterWorkerBody = z.infer<typeof RegisterWorkerBodySchema>;

/** `POST …/worker/register` answer: the new epoch (PROTOCOL.md#worker-api). */
export const RegisterWorkerResponseSchema = z.object({ worker_epoch: WorkerEpochWireSchema });
export type RegisterWorkerResponse = z.infer<typeof RegisterWorkerResponseSchema>;

/** What the worker is doing, as claude.ai shows it (PROTOCOL.md#worker-api). */
export const WorkerStatusSchema = openEnum(['idle', 'running', 'requires_action']);
export type WorkerStatus = z.infer<typeof WorkerStatusSchema>;

/** The permission card shown while `worker_status` is `requires_action` (PROTOCOL.md#worker-api). */
export const RequiresActionDetailsSchema = z.object({
  tool_name: z.string(),
  display_tool_name: z.string().optional(),
  action_description: z.string(),
  raw_command: z.string().optional(),
  request_id: z.string(),
  tool_use_id: z.string(),
  suppressed_request_id: z.string().optional(),
  cut_request_id: z.string().optional(),
  shown_texts_whole: z.unknown().optional(),
});
export type RequiresActionDetails = z.infer<typeof RequiresActionDetailsSchema>;

/** The stored worker record (PROTOCOL.md#worker-api). */
export const WorkerRecordSchema = z.object({
  worker_status: WorkerStatusSchema.optional(),
  external_metadata: JsonObjectSchema.optional(),
  internal_metadata: JsonObjectSchema.optional(),
});
export type WorkerRecord = z.infer<typeof WorkerRecordSchema>;

/** `GET …/worker` query (PROTOCOL.md#worker-api). */
export const GetWorkerQuerySchema = z.object({ include_chrome_tab_group_title: z.enum(['true', 'false']).optional() });
export type GetWorkerQuery = z.infer<typeof GetWorkerQuerySchema>;

/** `GET …/worker` answer, read at start-up to recover a pending permission card (PROTOCOL.md#worker-api). */
export const GetWorkerResponseSchema = z.object({ worker: WorkerRecordSchema });
export type GetWorkerResponse = z.infer<typeof GetWorkerResponseSchema>;

/** `PUT …/worker` body: status and metadata; metadata keys merge shallowly and `null` deletes one (PROTOCOL.md#worker-api). */
export const PutWorkerBodySchema = z.object({
  worker_epoch: WorkerEpochSchema,
  worker_status: WorkerStatusSchema.optional(),
  requires_action_details: RequiresActionDetailsSchema.nullable().optional(),
  external_metadata: JsonObjectSchema.optional(),
  internal_metadata: JsonObjectSchema.optional(),
  connection_status: openEnum(['disconnected']).optional(),
});
export type PutWorkerBody = z.infer<typeof PutWorkerBodySchema>;

/** A 2xx answer whose body carries nothing the caller reads; any JSON object (PROTOCOL.md#worker-api). */
export const EmptyResponseSchema = z.object({});
export type EmptyResponse = z.infer<typeof EmptyResponseSchema>;

/** One event a worker uploads; ephemeral ones (`stream_event`, `keep_alive`, …) are not sequenced (PROTOCOL.md#worker-api). */
export const WorkerEventInputSchema = z.object({
  payload: LooseFrameSchema,
  ephemeral: z.boolean().optional(),
  historical: z.boolean().optional(),
});
export type WorkerEventInput = z.infer<typeof WorkerEventInputSchema>;

/** Upload-hold diagnostics a worker may attach to an events POST (PROTOCOL.md#worker-api). */
export const UploadHoldSchema = z.object({
  held: z.boolean(),
  flush_reason: z.string().optional(),
  held_count: z.number().optional(),
  hold_age_ms: z.number().optional(),
  inflight_retry_count: z.number().optional(),
  hold_rule: z.string().optional(),
  post_index: z.number().optional(),
  policy_version: z.union([z.string(), z.number()]).optional(),
});
export type UploadHold = z.infer<typeof UploadHoldSchema>;

/** At most this many events per worker events POST (PROTOCOL.md#worker-api). */
export const MAX_WORKER_EVENTS_PER_POST = 100;

/** `POST …/worker/events` body (PROTOCOL.md#worker-api). */
export const PostWorkerEventsBodySchema = z.object({
  worker_epoch: WorkerEpochSchema,
  events: z.array(WorkerEventInputSchema).max(MAX_WORKER_EVENTS_PER_POST),
  upload_hold: UploadHoldSchema.optional(),
});
export type PostWorkerEventsBody = z.infer<typeof PostWorkerEventsBodySchema>;

/** `POST …/worker/events` answer; `has_subscribers` says whether any client is watching (PROTOCOL.md#worker-api). */
export const PostWorkerEventsResponseSchema = z.object({ has_subscribers: z.boolean().optional() });
export type PostWorkerEventsResponse = z.infer<typeof PostWorkerEventsResponseSchema>;

/** Progress of the worker on one client event (PROTOCOL.md#worker-api). */
export const WorkerDeliveryStatusSchema = openEnum(['received', 'processing', 'processed']);
export type WorkerDeliveryStatus = z.infer<typeof WorkerDeliveryStatusSchema>;

/** One delivery ack; `unrun` marks an event the worker dropped without running it (PROTOCOL.md#worker-api). */
export const DeliveryAckSchema = z.object({
  event_id: z.string(),
  status: WorkerDeliveryStatusSchema,
  unrun: z.boolean().optional(),
});
export type DeliveryAck = z.infer<typeof DeliveryAckSchema>;

/** `POST …/worker/event-batch` body: an events upload plus worker rows and delivery acks in one call (PROTOCOL.md#worker-api). */
export const PostWorkerEventBatchBodySchema = z.object({
  ...PostWorkerEventsBodySchema.shape,
  worker_events: z.array(JsonObjectSchema).optional(),
  delivery_updates: z.array(DeliveryAckSchema).optional(),
});
export type PostWorkerEventBatchBody = z.infer<typeof PostWorkerEventBatchBodySchema>;

/** `POST …/worker/event-batch` answer (PROTOCOL.md#worker-api). */
export const PostWorkerEventBatchResponseSchema = z.object({
  worker_results: z.array(z.unknown()).optional(),
  delivery_updates_applied: z.boolean().optional(),
  has_subscribers: z.boolean().optional(),
});
export type PostWorkerEventBatchResponse = z.infer<typeof PostWorkerEventBatchResponseSchema>;

/** `POST …/worker/events/delivery` body: acks that fill the client's `delivery_update`s (PROTOCOL.md#worker-api). */
export const PostWorkerDeliveryBodySchema = z.object({
  worker_epoch: WorkerEpochSchema,
  updates: z.array(DeliveryAckSchema),
});
export type PostWorkerDeliveryBody = z.infer<typeof PostWorkerDeliveryBodySchema>;

/** `GET …/worker/events/{event_id}` answer: the worker's copy of one client event (PROTOCOL.md#worker-api). */
export const GetWorkerEventResponseSchema = z.object({
  event_id: z.string(),
  source: openEnum(['client', 'worker']),
  created_at: IsoTimeSchema,
  payload: LooseFrameSchema,
  sent_by_account_id: z.string().optional(),
  device_attestation_status: z.string().optional(),
  session_agent_owned: z.boolean(),
});
export type GetWorkerEventResponse = z.infer<typeof GetWorkerEventResponseSchema>;

/** `POST …/worker/heartbeat` body; `release_lease` (with `drained`) ends the lease gracefully (PROTOCOL.md#worker-api). */
export const HeartbeatBodySchema = z.object({
  session_id: z.string(),
  worker_epoch: WorkerEpochSchema,
  supports_heartbeat_probe: z.boolean().optional(),
  current_interval_seconds: z.number().optional(),
  idle_seconds: z.number().optional(),
  release_lease: z.boolean().optional(),
  drained: z.boolean().optional(),
});
export type HeartbeatBody = z.infer<typeof HeartbeatBodySchema>;

/** `POST …/worker/heartbeat` answer: the server-advised cadence wins after the first beat (PROTOCOL.md#worker-api). */
export const HeartbeatResponseSchema = z.object({
  heartbeat_interval_seconds: z.number().optional(),
  event_flush_policy: JsonObjectSchema.optional(),
  refreshed_auth: z.looseObject({ expires_in_seconds: z.number() }).optional(),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponseSchema>;

/** One transcript-lane event a worker stores for resume (PROTOCOL.md#worker-api). */
export const InternalEventInputSchema = z.object({
  payload: LooseFrameSchema,
  is_compaction: z.boolean().optional(),
  session_agent_id: z.string().optional(),
  preserved_event_ids: z.array(z.string()).max(1536).optional(),
});
export type InternalEventInput = z.infer<typeof InternalEventInputSchema>;

/** `POST …/worker/internal-events` body (PROTOCOL.md#worker-api). */
export const PostInternalEventsBodySchema = z.object({
  worker_epoch: WorkerEpochSchema,
  events: z.array(InternalEventInputSchema),
});
export type PostInternalEventsBody = z.infer<typeof PostInternalEventsBodySchema>;

/** `POST …/worker/internal-events` answer: one result per event, in order (PROTOCOL.md#worker-api). */
export const PostInternalEventsResponseSchema = z.object({
  results: z.array(z.object({ event_id: z.string(), duplicate: z.boolean() })),
});
export type PostInternalEventsResponse = z.infer<typeof PostInternalEventsResponseSchema>;

/** `GET …/worker/internal-events` query; page with `cursor` (or anchor with `after_event_id`) (PROTOCOL.md#worker-api). */
export const ListInternalEventsQuerySchema = z.object({
  limit: z.string().regex(/^\d+$/, 'limit must be a non-negative integer').optional(),
  session_agent_id: z.string().optional(),
  subagents: z.enum(['true', 'false']).optional(),
  cursor: z.string().optional(),
  after_event_id: z.string().optional(),
});
export type ListInternalEventsQuery = z.infer<typeof ListInternalEventsQuerySchema>;

/** A stored transcript-lane event (PROTOCOL.md#worker-api). */
export const InternalEventSchema = z.object({
  event_id: z.string(),
  event_type: z.string(),
  payload: LooseFrameSchema,
  event_metadata: JsonObjectSchema.nullable().optional(),
  is_compaction: z.boolean(),
  created_at: IsoTimeSchema,
  session_agent_id: z.string().optional(),
});
export type InternalEvent = z.infer<typeof InternalEventSchema>;

/** `GET …/worker/internal-events` answer; no `next_cursor` means the last page (PROTOCOL.md#worker-api). */
export const ListInternalEventsResponseSchema = z.object({
  data: z.array(InternalEventSchema),
  next_cursor: z.string().nullable().optional(),
});
export type ListInternalEventsResponse = z.infer<typeof ListInternalEventsResponseSchema>;

/** Why a worker write got 409; also sent as header `x-ccr-conflict-reason` (PROTOCOL.md#errors). */
export const ConflictReasonSchema = openEnum([
  'superseded_by_worker',
  'epoch_stale',
  'session_not_active',
  'organization_moved_away',
  'epoch_conflict',
]);
export type ConflictReason = z.infer<typeof ConflictReasonSchema>;

/** 409 body of `/bridge` and `/worker*`: the epoch the server expected and the one it holds (PROTOCOL.md#errors). */
export const WorkerConflictBodySchema = z.object({
  type: z.literal('error'),
  error: z.object({
    ...ApiErrorDetailSchema.shape,
    reason: ConflictReasonSchema.optional(),
    expected_epoch: WorkerEpochWireSchema.optional(),
    actual_epoch: WorkerEpochWireSchema.optional(),
  }),
});
export type WorkerConflictBody = z.infer<typeof WorkerConflictBodySchema>;

/** 403 body of `/bridge`: `resource` names what must be fixed (device enrolment, re-login, a new session) (PROTOCOL.md#errors). */
export const BridgeForbiddenBodySchema = z.object({
  type: z.literal('error'),
  error: z.object({
    ...ApiErrorDetailSchema.shape,
    resource: openEnum(['untrusted_device', 'session_stale_relogin', 'session_security_tier_below_org_policy']).optional(),
    sub_reason: z.string().optional(),
  }),
});
export type BridgeForbiddenBody = z.infer<typeof BridgeForbiddenBodySchema>;

/** Query of the worker SSE stream `…/worker/events/stream` (PROTOCOL.md#worker-api). */
export const WorkerStreamQuerySchema = z.object({
  from_sequence_num: z.string().regex(/^\d+$/, 'from_sequence_num must be a non-negative integer').optional(),
  keepalive_tolerance_seconds: z.string().regex(/^\d+$/, 'keepalive_tolerance_seconds must be an integer').optional(),
  long_poll_timeout_seconds: z.string().regex(/^\d+$/, 'long_poll_timeout_seconds must be an integer').optional(),
  worker_capabilities: z.string().optional(),
});
export type WorkerStreamQuery = z.infer<typeof WorkerStreamQuerySchema>;

/** `event_type` of a worker-stream `ephemeral_event`; `heartbeat_probe` asks for a heartbeat now (PROTOCOL.md#worker-api). */
export const WorkerEphemeralTypeSchema = openEnum([
  'heartbeat_probe',
  'owner_present',
  'checkpoint_request',
  'session_claimed',
  'memory_ask_started',
  'prefetch_attachments_asked',
]);
export type WorkerEphemeralType = z.infer<typeof WorkerEphemeralTypeSchema>;

/** `data` of a worker-stream `ephemeral_event`: a server signal, not a frame (PROTOCOL.md#worker-api). */
export const WorkerEphemeralEventDataSchema = z.object({
  event_type: WorkerEphemeralTypeSchema,
  payload: JsonObjectSchema.optional(),
  payload_json: z.string().optional(),
  device_attestation_status: z.string().optional(),
});
export type WorkerEphemeralEventData = z.infer<typeof WorkerEphemeralEventDataSchema>;

/** SSE event name → schema of its JSON `data` on the worker stream; other names are ignored (PROTOCOL.md#worker-api). */
export const WorkerSseEventSchemas = {
  client_event: ClientEventDataSchema,
  ephemeral_event: WorkerEphemeralEventDataSchema,
} as const;
/** An SSE event name of the worker stream. */
export type WorkerSseEventName = keyof typeof WorkerSseEventSchemas;

/** Terminal close codes of a worker transport and what each asks the host to do (PROTOCOL.md#worker-api). */
export const WORKER_CLOSE_CODES = {
  4090: {
    name: 'epoch_superseded',
    meaning: 'Another registration took over (409) or the session is gone; call /bridge again for a fresh epoch.',
  },
  4091: { name: 'init_failed', meaning: 'The worker could not initialise (PUT /worker retries exhausted, or no epoch or auth).' },
  4092: { name: 'codeless_close', meaning: 'The transport closed without a code; the cause is unknown.' },
  4093: {
    name: 'heartbeat_lost',
    meaning: 'Heartbeats kept failing while the event stream stayed healthy; rebuild the transport.',
  },
  4094: {
    name: 'credential_rejected',
    meaning: 'The worker credential expired or was rejected on the request path; re-attach with a fresh one.',
  },
} as const;
/** One of the worker close codes 4090–4094. */
export type WorkerCloseCode = keyof typeof WORKER_CLOSE_CODES;

/** Whether `code` is one of the worker close codes 4090–4094. */
export function isWorkerCloseCode(code: number): code is WorkerCloseCode {
  return Object.hasOwn(WORKER_CLOSE_CODES, code);
}
