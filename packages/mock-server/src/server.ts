import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { contract, matchPath, realClock } from '@ccr-kit/protocol-types';
import { MockAdmin } from './admin/admin';
import { adminRoutes } from './admin/admin-routes';
import { checkAuth, checkAuthFrame, DEFAULT_CREDENTIALS, type AuthResult, type MockCredentials } from './auth';
import { FaultRegistry } from './faults';
import { errorBody } from './http/errors';
import { sendJson } from './http/io';
import { Router } from './http/router';
import { v1Routes } from './http/v1-routes';
import { v2Routes } from './http/v2-routes';
import { Hub } from './hub';
import { IdFactory } from './internal/ids';
import { WsUpgrader } from './internal/ws';
import { Journal } from './journal';
import { DEFAULT_LIMITS, type MockServer, type MockServerOptions } from './options';
import { SessionStore } from './store/session-store';
import { SseSubscriber } from './transports/sse-subscriber';
import { WsSubscriber } from './transports/ws-subscriber';
import { defaultAgent } from './default-agent';

const SESSION_IN_PATH = /\/sessions\/(?:ws\/)?([A-Za-z0-9_-]+)/;
const ORG_IN_PATH = /\/organizations\/([^/]+)/;

function remoteOf(req: IncomingMessage): string {
  return `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
}

function rejectUpgrade(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(errorBody(status, message));
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}connection: close\r\n\r\n${body}`,
  );
}

/**
 * Starts a mock CCR service: the v1 REST API + WebSocket subscribe, the v2 REST API + SSE stream,
 * routes registered from the protocol-types contract, one agent per session, faults, a journal and
 * the admin API. Binds 127.0.0.1 on a free port unless told otherwise.
 */
export async function createMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const clock = options.clock ?? realClock;
  const ids = new IdFactory(clock, options.seed);
  const journal = new Journal(() => ids.nowMs(), { capacity: options.journalCapacity, sink: options.onJournal });
  const hub = new Hub();
  const faults = new FaultRegistry(options.faults);
  const credentials: MockCredentials = { ...DEFAULT_CREDENTIALS, ...options.credentials };
  const strict = options.auth === 'strict';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes;
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_LIMITS.maxFrameBytes;
  const agent = options.agent ?? defaultAgent(options.seed);
  const store = new SessionStore({ ids, clock, journal, hub, historyLimit: options.historyLimit ?? DEFAULT_LIMITS.historyLimit, agent });
  const admin = new MockAdmin({ store, hub, clock, ids, journal, faults });
  const startedAt = ids.timestamp();
  const router = new Router(
    { ...v1Routes({ store, credentials, startedAt, strictOrganization: strict }), ...v2Routes(store) },
    { journal, clock, maxBodyBytes, faultsFor: (id) => faults.resolve(id).faults },
  );
  const serveAdmin = adminRoutes(admin, maxBodyBytes);
  const upgrader = new WsUpgrader({ maxPayload: maxFrameBytes });
  let nextSubscriber = 1;

  const authorize = (req: IncomingMessage, url: URL, websocket: boolean): AuthResult => {
    if (!strict) return { ok: true };
    const v1Web = url.pathname.startsWith('/v1/sessions') || url.pathname.startsWith('/v1/environment_providers');
    const organizationFromUrl = url.searchParams.get('organization_uuid') ?? ORG_IN_PATH.exec(url.pathname)?.[1];
    return checkAuth(req.headers, { websocket, v1Web, organizationFromUrl }, credentials);
  };

  const serveSse = (req: IncomingMessage, res: ServerResponse, sessionId: string): void => {
    const session = store.get(sessionId);
    if (session === undefined) {
      sendJson(res, 404, errorBody(404, `Session ${sessionId} does not exist on this server.`));
      return;
    }
    const raw = req.headers['last-event-id'];
    const cursor = Array.isArray(raw) ? raw[0] : raw;
    if (cursor !== undefined && cursor !== '' && !/^\d+$/.test(cursor)) {
      sendJson(res, 400, errorBody(400, `Invalid header: Last-Event-ID must be a sequence_num (a non-negative integer), got ${JSON.stringify(cursor)}.`));
      return;
    }
    const subscriber = new SseSubscriber({
      id: `sub_${nextSubscriber++}`,
      session,
      response: res,
      remote: remoteOf(req),
      connectedAt: ids.timestamp(),
      after: cursor === undefined || cursor === '' ? 0 : Number(cursor),
      clock,
      hub,
      journal,
      faults,
    });
    subscriber.start();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const method = req.method ?? 'GET';
    const started = Date.now();
    res.on('finish', () => journal.write('http', `${method} ${url.pathname}${url.search} → ${res.statusCode} (${Date.now() - started} ms)`, SESSION_IN_PATH.exec(url.pathname)?.[1]));
    if (url.pathname.startsWith('/__admin/')) {
      await serveAdmin(req, res, url);
      return;
    }
    const sessionId = SESSION_IN_PATH.exec(url.pathname)?.[1];
    const fault = faults.takeHttpError(sessionId);
    if (fault !== undefined) {
      journal.write('fault', `answered ${method} ${url.pathname} with HTTP ${fault.status}`, sessionId);
      req.resume();
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      sendJson(res, fault.status, errorBody(fault.status, `Injected fault: HTTP ${fault.status}.`), { headers });
      return;
    }
    const auth = authorize(req, url, false);
    if (auth.ok !== true) {
      req.resume();
      const failure = auth.ok === false ? auth.failure : { status: 401 as const, message: 'Missing credentials.' };
      sendJson(res, failure.status, errorBody(failure.status, failure.message));
      return;
    }
    if (method === 'GET') {
      const stream = matchPath(contract.channels.v2EventStream.path, url.pathname);
      if (stream !== undefined) {
        serveSse(req, res, stream.session_id);
        return;
      }
    }
    if (await router.handle(req, res, url, sessionId)) return;
    req.resume();
    sendJson(res, 404, errorBody(404, `No route for ${method} ${url.pathname}; see the contract in @ccr-kit/protocol-types for the paths this server serves.`));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      journal.write('error', `request failed: ${String(error)}`, undefined, { stack: (error as Error).stack });
      if (!res.headersSent) sendJson(res, 500, errorBody(500, `The mock server failed: ${String(error)}`));
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    socket.on('error', () => undefined);
    const channel = contract.channels.v1Subscribe;
    const params = matchPath(channel.path, url.pathname);
    journal.write('http', `UPGRADE ${url.pathname}${url.search}`, params?.session_id);
    if (params === undefined) {
      rejectUpgrade(socket, 404, `No WebSocket at ${url.pathname}; subscribe at ${channel.path}.`);
      return;
    }
    const fault = faults.takeHttpError(params.session_id);
    if (fault !== undefined) {
      journal.write('fault', `refused the WebSocket upgrade with HTTP ${fault.status}`, params.session_id);
      rejectUpgrade(socket, fault.status, `Injected fault: HTTP ${fault.status}.`, fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) });
      return;
    }
    const query = channel.query.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success) {
      const issue = query.error.issues[0];
      rejectUpgrade(socket, 400, `Invalid query: query.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}.`);
      return;
    }
    const auth = authorize(req, url, true);
    if (auth.ok === false) {
      rejectUpgrade(socket, auth.failure.status, auth.failure.message);
      return;
    }
    const session = store.get(params.session_id);
    if (session === undefined) {
      rejectUpgrade(socket, 404, `Session ${params.session_id} does not exist on this server.`);
      return;
    }
    upgrader.upgrade(req, socket, head, (connection) => {
      new WsSubscriber({
        id: `sub_${nextSubscriber++}`,
        session,
        connection,
        remote: remoteOf(req),
        connectedAt: ids.timestamp(),
        replay: query.data.replay === 'true',
        clock,
        hub,
        journal,
        faults,
        maxLineBytes: maxFrameBytes,
        awaitAuthFrame: auth.ok === 'deferred' ? (frame) => checkAuthFrame(frame, credentials) : undefined,
      }).start();
    });
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  journal.write('server', `listening on http://${urlHost}:${port} (agent: ${agent?.name ?? 'none'}, auth: ${strict ? 'strict' : 'off'})`);

  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    wsUrl: `ws://${urlHost}:${port}`,
    host,
    port,
    admin,
    credentials,
    close: () => {
      closing ??= (async () => {
        journal.write('server', 'closing');
        hub.closeAll(undefined, 1001, 'server closing');
        await upgrader.close();
        await store.closeAll();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
