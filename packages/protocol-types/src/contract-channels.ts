import { z } from 'zod';
import { defineChannel } from './contract-define';
import { ToAgentFrameSchema, ToClientFrameSchema } from './frames';
import { SseEventSchemas } from './schemas/rest-v2';
import { WorkerSseEventSchemas, WorkerStreamQuerySchema } from './schemas/worker';

const SessionParams = z.object({ session_id: z.string() });

/** Query of the v1 subscribe socket; `replay=true` re-sends what the client missed (PROTOCOL.md#v1-websocket). */
export const SubscribeQuerySchema = z.object({
  replay: z.enum(['true', 'false']).optional(),
  organization_uuid: z.string().optional(),
});
export type SubscribeQuery = z.infer<typeof SubscribeQuerySchema>;

/** The stream channels: where frames flow continuously (PROTOCOL.md#contract). */
export const channels = {
  v1Subscribe: defineChannel({
    name: 'v1Subscribe',
    surface: 'v1',
    transport: 'ndjson-ws',
    path: '/v1/sessions/ws/{session_id}/subscribe',
    params: SessionParams,
    query: SubscribeQuerySchema,
    inbound: ToClientFrameSchema,
    outbound: ToAgentFrameSchema,
    summary: 'NDJSON WebSocket: agent frames to the client; initialize, control responses and keep_alive (50 s) back.',
  }),
  v2EventStream: defineChannel({
    name: 'v2EventStream',
    surface: 'v2',
    transport: 'sse',
    path: '/v1/code/sessions/{session_id}/events/stream',
    params: SessionParams,
    inbound: ToClientFrameSchema,
    outbound: z.never(),
    sseEvents: SseEventSchemas,
    sendEndpoint: 'postClientEvents',
    summary: 'SSE to clients; resume with the Last-Event-ID header (a sequence_num), never a query parameter.',
  }),
  workerEventStream: defineChannel({
    name: 'workerEventStream',
    surface: 'worker',
    transport: 'sse',
    path: '/v1/code/sessions/{session_id}/worker/events/stream',
    params: SessionParams,
    query: WorkerStreamQuerySchema,
    inbound: ToAgentFrameSchema,
    outbound: z.never(),
    sseEvents: WorkerSseEventSchemas,
    sendEndpoint: 'postWorkerEvents',
    summary: 'SSE to the worker: client events to run and server signals; resume with from_sequence_num or Last-Event-ID.',
  }),
};
