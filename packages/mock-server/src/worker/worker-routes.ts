import type { DeliveryAck, WorkerEventInput } from '@ccr-kit/protocol-types';
import type { DeliveryStatus, Hub } from '../hub';
import { parseLimit, requireSession } from '../http/client-events';
import { HttpError } from '../http/errors';
import type { RouteHandlers } from '../http/router';
import type { IdFactory } from '../internal/ids';
import type { Session } from '../store/session';
import type { SessionStore } from '../store/session-store';
import { WORKER_JWT_LIFETIME_S, type WorkerTokens } from './jwt';
import { INTERNAL_EVENTS_MAX_PAGE, INTERNAL_EVENTS_PAGE } from './internal-events';
import type { WorkerRegistry } from './worker-link';

/** The heartbeat cadence the server advises, in seconds (the worker default). */
export const WORKER_HEARTBEAT_INTERVAL_S = 20;

const DELIVERY_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  received: 'DELIVERY_STATUS_RECEIVED',
  processing: 'DELIVERY_STATUS_PROCESSING',
  processed: 'DELIVERY_STATUS_PROCESSED',
};

/** What the worker handlers need. */
export interface WorkerRouteDeps {
  readonly store: SessionStore;
  readonly workers: WorkerRegistry;
  readonly tokens: WorkerTokens;
  readonly hub: Hub;
  readonly ids: IdFactory;
  /** The base URL workers call back on (`api_base_url`), known once the server listens. */
  readonly baseUrl: () => string;
}

/** Appends a worker's uploaded events: durable ones are sequenced, ephemeral ones only fanned out. */
function appendWorkerEvents(session: Session, events: readonly WorkerEventInput[]): void {
  for (const event of events) session.emitFromAgent(event.payload, { ephemeral: event.ephemeral });
}

/**
 * Checks every ack first (nothing is published when one is bad), then reports each to v2 clients.
 * @throws {HttpError} 400 naming the first ack with an unknown status or an event that is not a client event.
 */
function applyAcks(session: Session, acks: readonly DeliveryAck[], where: string): void {
  const checked = acks.map((ack, i) => {
    const status = DELIVERY_STATUS[ack.status];
    if (status === undefined) throw new HttpError(400, `Invalid body: ${where}[${i}].status: expected received, processing or processed, got ${JSON.stringify(ack.status)}.`);
    const seq = session.log.seqOf(ack.event_id);
    const event = seq === undefined ? undefined : session.log.after(seq - 1, 1)[0];
    if (seq === undefined || (event !== undefined && event.source !== 'client')) {
      throw new HttpError(400, `Invalid body: ${where}[${i}].event_id: ${ack.event_id} is not a client event of session ${session.id}.`);
    }
    return { eventId: ack.event_id, status };
  });
  for (const { eventId, status } of checked) session.reportDelivery(eventId, status);
}

/** Handlers of the worker API (`/v1/code/sessions/{id}/bridge`, `/worker…`): how an external worker attaches. */
export function workerRoutes(deps: WorkerRouteDeps): RouteHandlers {
  const { store, workers } = deps;
  const linkOf = (id: string) => {
    const session = requireSession(store, id);
    return { session, link: workers.linkFor(session) };
  };
  return {
    bridge: async ({ params, body }) => {
      const { session, link } = linkOf(params.session_id);
      const epoch = await link.register(body.expected_epoch);
      return {
        body: {
          worker_jwt: deps.tokens.issue(session.id, epoch, deps.ids.nowMs()),
          api_base_url: deps.baseUrl(),
          expires_in: WORKER_JWT_LIFETIME_S,
          worker_epoch: epoch,
        },
      };
    },
    registerWorker: async ({ params }) => ({ body: { worker_epoch: await linkOf(params.session_id).link.register() } }),
    getWorker: ({ params }) => ({ body: { worker: linkOf(params.session_id).link.record } }),
    putWorker: ({ params, body }) => {
      const { link } = linkOf(params.session_id);
      link.requireEpoch(body.worker_epoch);
      link.update(body);
      return { body: {} };
    },
    postWorkerEvents: ({ params, body }) => {
      const { session, link } = linkOf(params.session_id);
      link.requireEpoch(body.worker_epoch);
      appendWorkerEvents(session, body.events);
      return { body: { has_subscribers: deps.hub.count(session.id) > 0 } };
    },
    postWorkerEventBatch: ({ params, body }) => {
      const { session, link } = linkOf(params.session_id);
      link.requireEpoch(body.worker_epoch);
      appendWorkerEvents(session, body.events);
      if (body.delivery_updates !== undefined) applyAcks(session, body.delivery_updates, 'body.delivery_updates');
      return { body: { worker_results: [], delivery_updates_applied: true, has_subscribers: deps.hub.count(session.id) > 0 } };
    },
    postWorkerDelivery: ({ params, body }) => {
      const { session, link } = linkOf(params.session_id);
      link.requireEpoch(body.worker_epoch);
      applyAcks(session, body.updates, 'body.updates');
      return { body: {} };
    },
    getWorkerEvent: ({ params }) => {
      const session = requireSession(store, params.session_id);
      const seq = session.log.seqOf(params.event_id.toLowerCase());
      const event = seq === undefined ? undefined : session.log.after(seq - 1, 1)[0];
      if (event === undefined || event.source !== 'client' || event.seq !== seq) {
        throw new HttpError(404, `Client event ${params.event_id} is not in the kept history of session ${session.id}.`);
      }
      return { body: { event_id: event.id, source: 'client', created_at: event.createdAt, payload: event.frame as { type: string }, session_agent_owned: false } };
    },
    workerHeartbeat: ({ params, body }) => {
      const { link } = linkOf(params.session_id);
      if (body.session_id !== params.session_id) {
        throw new HttpError(400, `Invalid body: body.session_id: ${body.session_id} does not match the session in the path (${params.session_id}).`);
      }
      link.requireEpoch(body.worker_epoch);
      link.heartbeat(deps.ids.timestamp(), body.release_lease === true);
      return { body: { heartbeat_interval_seconds: WORKER_HEARTBEAT_INTERVAL_S } };
    },
    postInternalEvents: ({ params, body }) => {
      const { link } = linkOf(params.session_id);
      link.requireEpoch(body.worker_epoch);
      return { body: { results: link.internalEvents.append(body.events, deps.ids.timestamp(), () => deps.ids.uuid()) } };
    },
    listInternalEvents: ({ params, query }) => {
      const { link } = linkOf(params.session_id);
      const page = link.internalEvents.list({
        limit: parseLimit(query.limit, INTERNAL_EVENTS_PAGE, INTERNAL_EVENTS_MAX_PAGE),
        sessionAgentId: query.session_agent_id,
        subagents: query.subagents === 'true',
        cursor: query.cursor,
        afterEventId: query.after_event_id,
      });
      return { body: page };
    },
  };
}
