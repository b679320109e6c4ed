import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { contract, matchPath, type Clock } from '@ccr-kit/protocol-types';
import { checkAuthFrame, type MockCredentials } from '../auth';
import type { FaultRegistry } from '../faults';
import type { Hub } from '../hub';
import type { IdFactory } from '../internal/ids';
import type { WsUpgrader } from '../internal/ws';
import type { Journal } from '../journal';
import type { SessionStore } from '../store/session-store';
import { WsSubscriber } from '../transports/ws-subscriber';
import type { Access } from './access';
import type { CorsPolicy } from './cors';
import { errorBody } from './errors';

/** What the WebSocket upgrade handler needs from the server. */
export interface UpgradeDeps {
  readonly store: SessionStore;
  readonly access: Access;
  readonly cors: CorsPolicy;
  readonly credentials: MockCredentials;
  readonly upgrader: WsUpgrader;
  readonly clock: Clock;
  readonly ids: IdFactory;
  readonly hub: Hub;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
  readonly maxFrameBytes: number;
  /** A fresh subscriber id (`sub_N`). */
  readonly nextId: () => string;
  /** Most bytes waiting for one subscriber before it is disconnected. */
  readonly maxBufferedBytes?: number | undefined;
}

function reject(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(errorBody(status, message));
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}connection: close\r\n\r\n${body}`,
  );
}

/**
 * Handles an HTTP upgrade: only the v1 subscribe socket exists. Refuses with an HTTP error before
 * the handshake for an unknown path, an injected fault, a bad query, an origin outside the CORS
 * list, failed auth or an unknown session; a socket without credentials in strict mode must send
 * an `auth` frame first.
 */
export function handleUpgrade(deps: UpgradeDeps, req: IncomingMessage, socket: Duplex, head: Buffer): void {
  const url = new URL(req.url ?? '/', 'http://mock.invalid');
  socket.on('error', () => undefined);
  const channel = contract.channels.v1Subscribe;
  const params = matchPath(channel.path, url.pathname);
  deps.journal.write('http', `UPGRADE ${url.pathname}${url.search}`, params?.session_id);
  if (params === undefined) {
    reject(socket, 404, `No WebSocket at ${url.pathname}; subscribe at ${channel.path}.`);
    return;
  }
  const fault = deps.faults.takeHttpError(params.session_id);
  if (fault !== undefined) {
    deps.journal.write('fault', `refused the WebSocket upgrade with HTTP ${fault.status}`, params.session_id);
    reject(socket, fault.status, `Injected fault: HTTP ${fault.status}.`, fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) });
    return;
  }
  const query = channel.query.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    reject(socket, 400, `Invalid query: query.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`);
    return;
  }
  const origin = req.headers.origin;
  if (deps.cors.refusesUpgrade(origin)) {
    reject(socket, 403, `Origin ${String(origin)} is not allowed by this server's cors option; add it to cors.origins.`);
    return;
  }
  const auth = deps.access.check(req, url, true);
  if (auth.ok === false) {
    reject(socket, auth.failure.status, auth.failure.message);
    return;
  }
  const session = deps.store.get(params.session_id);
  if (session === undefined) {
    reject(socket, 404, `Session ${params.session_id} does not exist on this server.`);
    return;
  }
  deps.upgrader.upgrade(req, socket, head, (connection) => {
    new WsSubscriber({
      maxBufferedBytes: deps.maxBufferedBytes,
      id: deps.nextId(),
      session,
      connection,
      remote: `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`,
      connectedAt: deps.ids.timestamp(),
      replay: query.data.replay === 'true',
      clock: deps.clock,
      hub: deps.hub,
      journal: deps.journal,
      faults: deps.faults,
      maxLineBytes: deps.maxFrameBytes,
      awaitAuthFrame: auth.ok === 'deferred' ? (frame) => checkAuthFrame(frame, deps.credentials) : undefined,
    }).start();
  });
}
