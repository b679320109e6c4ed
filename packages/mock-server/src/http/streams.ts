import type { IncomingMessage, ServerResponse } from 'node:http';
import { contract, matchPath, type Clock } from '@ccr-kit/protocol-types';
import type { FaultRegistry } from '../faults';
import type { Hub } from '../hub';
import type { IdFactory } from '../internal/ids';
import type { Journal } from '../journal';
import type { SessionStore } from '../store/session-store';
import { SseSubscriber } from '../transports/sse-subscriber';
import type { WorkerRegistry } from '../worker/worker-link';
import { WorkerStream } from '../worker/worker-stream';
import { errorBody } from './errors';
import { sendJson } from './io';

/** What the event-stream handlers need from the server. */
export interface StreamDeps {
  readonly store: SessionStore;
  readonly workers: WorkerRegistry;
  readonly clock: Clock;
  readonly ids: IdFactory;
  readonly hub: Hub;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
  /** A fresh subscriber id (`sub_N`). */
  readonly nextId: () => string;
  /** Most bytes waiting for one subscriber before it is disconnected. */
  readonly maxBufferedBytes?: number | undefined;
}

function remoteOf(req: IncomingMessage): string {
  return `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
}

/** Reads a sequence-number cursor; `undefined` when absent, `null` when malformed. */
function cursor(raw: string | string[] | null | undefined): number | undefined | null {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === null || value === '') return undefined;
  if (!/^\d{1,16}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : null;
}

/** The 400 for a resume cursor past the newest stored event (a client that resumed against another server, or a bug). */
function beyondHead(res: ServerResponse, where: string, after: number, head: number): void {
  sendJson(res, 400, errorBody(400, `Invalid ${where}: ${after} is beyond the newest event of this session (sequence_num ${head}); resume from at most ${head}, or omit it to start over.`));
}

/**
 * Serves the two SSE channels of the contract: the v2 client stream (`…/events/stream`) and the
 * worker stream (`…/worker/events/stream`). Returns `false` when the request is for neither.
 */
export function serveEventStream(deps: StreamDeps, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  if (req.method !== 'GET') return false;
  const client = matchPath(contract.channels.v2EventStream.path, url.pathname);
  if (client !== undefined) {
    serveClientStream(deps, req, res, client.session_id);
    return true;
  }
  const worker = matchPath(contract.channels.workerEventStream.path, url.pathname);
  if (worker !== undefined) {
    serveWorkerStream(deps, req, res, worker.session_id, url);
    return true;
  }
  return false;
}

function serveClientStream(deps: StreamDeps, req: IncomingMessage, res: ServerResponse, sessionId: string): void {
  const session = deps.store.get(sessionId);
  if (session === undefined) {
    sendJson(res, 404, errorBody(404, `Session ${sessionId} does not exist on this server.`));
    return;
  }
  const after = cursor(req.headers['last-event-id']);
  if (after === null) {
    sendJson(res, 400, errorBody(400, `Invalid header: Last-Event-ID must be a sequence_num (a non-negative safe integer), got ${JSON.stringify(String(req.headers['last-event-id']).slice(0, 40))}.`));
    return;
  }
  if (after !== undefined && after > session.log.lastSeq) {
    beyondHead(res, 'header Last-Event-ID', after, session.log.lastSeq);
    return;
  }
  new SseSubscriber({
    id: deps.nextId(),
    maxBufferedBytes: deps.maxBufferedBytes,
    session,
    response: res,
    remote: remoteOf(req),
    connectedAt: deps.ids.timestamp(),
    after: after ?? 0,
    clock: deps.clock,
    hub: deps.hub,
    journal: deps.journal,
    faults: deps.faults,
  }).start();
}

function serveWorkerStream(deps: StreamDeps, req: IncomingMessage, res: ServerResponse, sessionId: string, url: URL): void {
  req.resume();
  const session = deps.store.get(sessionId);
  if (session === undefined) {
    sendJson(res, 404, errorBody(404, `Session ${sessionId} does not exist on this server.`));
    return;
  }
  const fromQuery = cursor(url.searchParams.get('from_sequence_num'));
  const fromHeader = cursor(req.headers['last-event-id']);
  if (fromQuery === null || fromHeader === null) {
    const where = fromQuery === null ? 'query.from_sequence_num' : 'header Last-Event-ID';
    sendJson(res, 400, errorBody(400, `Invalid ${where}: must be a sequence_num (a non-negative integer).`));
    return;
  }
  const link = deps.workers.linkFor(session);
  if (session.archived) {
    sendJson(res, 409, errorBody(409, `Session ${sessionId} is archived; its worker stream is closed.`, 'session_not_active'), { headers: { 'x-ccr-conflict-reason': 'session_not_active' } });
    return;
  }
  if (link.epoch === 0) {
    sendJson(res, 409, errorBody(409, `No worker is registered on session ${sessionId}; call POST /v1/code/sessions/${sessionId}/bridge before opening the worker stream.`, 'epoch_stale'), {
      headers: { 'x-ccr-conflict-reason': 'epoch_stale' },
    });
    return;
  }
  const after = Math.max(fromQuery ?? 0, fromHeader ?? 0);
  if (after > session.log.lastSeq) {
    beyondHead(res, fromQuery !== undefined && fromQuery >= (fromHeader ?? 0) ? 'query.from_sequence_num' : 'header Last-Event-ID', after, session.log.lastSeq);
    return;
  }
  const stream = new WorkerStream({
    id: deps.nextId(),
    sessionId,
    response: res,
    clock: deps.clock,
    journal: deps.journal,
    faults: deps.faults,
    onEnd: (ended) => link.removeStream(ended),
  });
  link.addStream(stream);
  stream.start(session.log.after(after).filter((event) => event.source === 'client'), after);
}
