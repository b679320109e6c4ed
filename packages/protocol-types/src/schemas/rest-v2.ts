import { z } from 'zod';
import { IsoTimeSchema, JsonObjectSchema, openEnum } from './common';
import { LooseFrameSchema, SessionRepositorySchema } from './rest-v1';

/**
 * Bodies of the v2 client API (`/v1/code/sessions…`, the browser SDK's `sse` transport) and the
 * `data` of its SSE events. Durable events carry a dense, session-wide `sequence_num` that is also
 * the SSE `id:`; ephemeral events and delivery updates carry none and are never replayed.
 */

/** Text of a non-negative integer in a query string (`?limit=50`). */
const QueryIntSchema = z.string().regex(/^\d+$/, 'expected a non-negative integer');

/** Agent setup of a new code session (PROTOCOL.md#v2-rest). */
export const CodeSessionConfigSchema = z.object({
  cwd: z.string(),
  model: z.string().optional(),
  sources: z.array(SessionRepositorySchema).optional(),
  outcomes: z.array(SessionRepositorySchema).optional(),
  reuse_outcome_branches: z.boolean().optional(),
});
export type CodeSessionConfig = z.infer<typeof CodeSessionConfigSchema>;

/** `POST /v1/code/sessions` body; `bridge: {}` asks for a Remote Control (bridge) session (PROTOCOL.md#v2-rest). */
export const CreateCodeSessionBodySchema = z.object({
  title: z.string(),
  bridge: JsonObjectSchema.optional(),
  tags: z.array(z.string()).optional(),
  session_grouping_id: z.string().optional(),
  config: CodeSessionConfigSchema,
});
export type CreateCodeSessionBody = z.infer<typeof CreateCodeSessionBodySchema>;

/** `POST /v1/code/sessions` answer: the new session, whose id starts with `cse_` (PROTOCOL.md#v2-rest). */
export const CreateCodeSessionResponseSchema = z.object({
  session: z.looseObject({ id: z.string() }),
});
export type CreateCodeSessionResponse = z.infer<typeof CreateCodeSessionResponseSchema>;

/** One event a client sends: a frame, given a `uuid` by the sender when it lacks one (PROTOCOL.md#v2-rest). */
export const ClientEventInputSchema = z.object({
  payload: LooseFrameSchema,
});
export type ClientEventInput = z.infer<typeof ClientEventInputSchema>;

/** `POST /v1/code/sessions/{id}/events` body (`AddClientEventFromClient`); the official client sends one event per POST (PROTOCOL.md#v2-rest). */
export const PostClientEventsBodySchema = z.object({
  session_id: z.string().optional(),
  events: z.array(ClientEventInputSchema),
});
export type PostClientEventsBody = z.infer<typeof PostClientEventsBodySchema>;

/** `POST /v1/code/sessions/{id}/events` answer; the official client ignores it, ccr-kit's mock lists the stored events (PROTOCOL.md#v2-rest). */
export const PostClientEventsResponseSchema = z.object({
  data: z.array(z.object({ event_id: z.string(), sequence_num: z.number().optional() })).optional(),
});
export type PostClientEventsResponse = z.infer<typeof PostClientEventsResponseSchema>;

/** Who wrote a durable event; server-assigned (PROTOCOL.md#v2-sse). */
export const ClientEventSourceSchema = openEnum(['client', 'worker']);
export type ClientEventSource = z.infer<typeof ClientEventSourceSchema>;

/** `data` of SSE `client_event`: one durable event; the SSE `id:` equals `sequence_num` (PROTOCOL.md#v2-sse). */
export const ClientEventDataSchema = z.object({
  event_id: z.string(),
  sequence_num: z.number().int().positive(),
  event_type: z.string(),
  payload: LooseFrameSchema,
  source: ClientEventSourceSchema.optional(),
  created_at: IsoTimeSchema.optional(),
  processing_at: IsoTimeSchema.optional(),
  device_attestation_status: z.string().optional(),
});
export type ClientEventData = z.infer<typeof ClientEventDataSchema>;

/** `data` of SSE `ephemeral_event` on the client stream: a live-only frame such as `stream_event` (PROTOCOL.md#v2-sse). */
export const EphemeralEventDataSchema = z.object({
  event_type: z.string(),
  payload: LooseFrameSchema.optional(),
  payload_json: z.string().optional(),
  device_attestation_status: z.string().optional(),
});
export type EphemeralEventData = z.infer<typeof EphemeralEventDataSchema>;

/** How far the worker got with one client event, as the client stream reports it (PROTOCOL.md#v2-sse). */
export const DeliveryStatusSchema = openEnum([
  'DELIVERY_STATUS_RECEIVED',
  'DELIVERY_STATUS_PROCESSING',
  'DELIVERY_STATUS_PROCESSED',
]);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** `data` of SSE `delivery_update`: the worker's ack of the client event `event_id`; not replayed (PROTOCOL.md#v2-sse). */
export const DeliveryUpdateDataSchema = z.object({
  event_id: z.string(),
  status: DeliveryStatusSchema,
  timestamp: IsoTimeSchema.optional(),
});
export type DeliveryUpdateData = z.infer<typeof DeliveryUpdateDataSchema>;

/**
 * `data` of SSE `catch_up_truncated`: events after the resume cursor `requested_after_sequence_num`
 * were dropped from retention, so replay restarts at `oldest_available_sequence_num`; the client
 * re-fetches the gap with `listClientEvents`. The official client reads no field (PROTOCOL.md#v2-sse).
 */
export const CatchUpTruncatedDataSchema = z.object({
  requested_after_sequence_num: z.number().int().nonnegative().optional(),
  oldest_available_sequence_num: z.number().int().positive().optional(),
});
export type CatchUpTruncatedData = z.infer<typeof CatchUpTruncatedDataSchema>;

/** SSE event name → schema of its JSON `data` on `/v1/code/sessions/{id}/events/stream` (PROTOCOL.md#v2-sse). */
export const SseEventSchemas = {
  client_event: ClientEventDataSchema,
  ephemeral_event: EphemeralEventDataSchema,
  delivery_update: DeliveryUpdateDataSchema,
  catch_up_truncated: CatchUpTruncatedDataSchema,
} as const;
/** An SSE event name of the v2 client stream. */
export type SseEventName = keyof typeof SseEventSchemas;

/**
 * Query of `GET /v1/code/sessions/{id}/events` (REST refetch of a gap): durable events with
 * `sequence_num > after_sequence_num` (default 0), oldest first, at most `limit` (PROTOCOL.md#v2-rest).
 */
export const ListClientEventsQuerySchema = z.object({
  after_sequence_num: QueryIntSchema.optional(),
  limit: QueryIntSchema.optional(),
});
export type ListClientEventsQuery = z.infer<typeof ListClientEventsQuerySchema>;

/**
 * Answer of `GET /v1/code/sessions/{id}/events`: the page in `sequence_num` order; when `has_more`,
 * ask again with `after_sequence_num` = the last item's `sequence_num` (PROTOCOL.md#v2-rest).
 */
export const ListClientEventsResponseSchema = z.object({
  data: z.array(ClientEventDataSchema),
  has_more: z.boolean(),
});
export type ListClientEventsResponse = z.infer<typeof ListClientEventsResponseSchema>;
