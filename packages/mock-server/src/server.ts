import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { contract, matchPath, realClock } from '@ccr-kit/protocol-types';
import { MockAdmin } from './admin/admin';
import { adminRoutes } from './admin/admin-routes';
import { DEFAULT_CREDENTIALS, checkAdminAuth, type MockCredentials } from './auth';
import { FaultRegistry } from './faults';
import { Access } from './http/access';
import { CorsPolicy, isLoopbackHost } from './http/cors';
import { errorBody } from './http/errors';
import { sendJson } from './http/io';
import { Router } from './http/router';
import { serveEventStream } from './http/streams';
import { handleUpgrade } from './http/upgrade';
import { v1Routes } from './http/v1-routes';
import { v2Routes } from './http/v2-routes';
import { Hub } from './hub';
import { IdFactory } from './internal/ids';
import { WsUpgrader } from './internal/ws';
import { Journal } from './journal';
import { DEFAULT_LIMITS, type MockServer, type MockServerOptions } from './options';
import { SessionStore } from './store/session-store';
import { WorkerTokens } from './worker/jwt';
import { WorkerRegistry } from './worker/worker-link';
import { workerRoutes } from './worker/worker-routes';
import { defaultAgent } from './default-agent';

const SESSION_IN_PATH = /\/sessions\/(?:ws\/)?([A-Za-z0-9_-]+)/;
const ADMIN_METHODS = ['DELETE', 'GET', 'POST', 'PUT'];

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
  const host = options.host ?? '127.0.0.1';
  const exposed = !isLoopbackHost(host);
  if (exposed && !strict && options.allowUnauthenticatedNetwork !== true) {
    throw new Error(
      `Refusing to bind ${host} with auth off: anyone who can reach it could read every prompt through the journal and inject frames. ` +
        "Use auth: 'strict' (--auth strict), bind 127.0.0.1, or pass allowUnauthenticatedNetwork: true (--allow-unauthenticated-network) if you really mean it.",
    );
  }
  // The admin API (journal, injection, faults) needs credentials whenever the API does, and always beyond loopback.
  const adminNeedsAuth = strict || exposed;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_LIMITS.maxBodyBytes;
  const maxFrameBytes = options.maxFrameBytes ?? DEFAULT_LIMITS.maxFrameBytes;
  const agent = options.agent ?? defaultAgent(options.seed);
  const store = new SessionStore({ ids, clock, journal, hub, historyLimit: options.historyLimit ?? DEFAULT_LIMITS.historyLimit, agent });
  const workers = new WorkerRegistry();
  const admin = new MockAdmin({ store, hub, clock, ids, journal, faults, workers });
  const tokens = new WorkerTokens(options.seed);
  const access = new Access({ strict, credentials, tokens, nowMs: () => ids.nowMs() });
  const cors = new CorsPolicy(options.cors, host);
  const startedAt = ids.timestamp();
  let baseUrl = '';
  const router = new Router(
    {
      ...v1Routes({ store, credentials, startedAt, strictOrganization: strict }),
      ...v2Routes(store),
      ...workerRoutes({ store, workers, tokens, hub, ids, baseUrl: () => baseUrl }),
    },
    { journal, clock, maxBodyBytes, faultsFor: (id) => faults.resolve(id).faults },
  );
  const serveAdmin = adminRoutes(admin, maxBodyBytes);
  const upgrader = new WsUpgrader({ maxPayload: maxFrameBytes });
  let nextSubscriber = 1;
  let nextRequest = 1;
  const nextId = (): string => `sub_${nextSubscriber++}`;
  const maxBufferedBytes = options.maxBufferedBytes;
  const streams = { store, workers, clock, ids, hub, journal, faults, nextId, maxBufferedBytes };

  /** Methods served on a path, for preflights (empty when nothing is served there). */
  const methodsFor = (pathname: string): string[] => {
    if (pathname.startsWith('/__admin/')) return ADMIN_METHODS;
    const { v2EventStream, workerEventStream } = contract.channels;
    if (matchPath(v2EventStream.path, pathname) !== undefined || matchPath(workerEventStream.path, pathname) !== undefined) return ['GET'];
    return router.methodsFor(pathname);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    const method = req.method ?? 'GET';
    const started = Date.now();
    res.on('finish', () => journal.write('http', `${method} ${url.pathname}${url.search} → ${res.statusCode} (${Date.now() - started} ms)`, SESSION_IN_PATH.exec(url.pathname)?.[1]));
    res.setHeader('request-id', `req_mock_${String(nextRequest++).padStart(8, '0')}`);
    cors.decorate(req, res);
    if (method === 'OPTIONS' && cors.enabled) {
      const methods = methodsFor(url.pathname);
      if (methods.length > 0) {
        cors.preflight(req, res, methods);
        return;
      }
    }
    if (url.pathname.startsWith('/__admin/')) {
      if (adminNeedsAuth) {
        const failure = checkAdminAuth(req.headers, credentials);
        if (failure !== undefined) {
          req.resume();
          sendJson(res, 401, errorBody(401, failure), { headers: { 'www-authenticate': 'Bearer realm="ccr-mock admin"' } });
          return;
        }
      }
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
    const auth = access.check(req, url, false);
    if (auth.ok !== true) {
      req.resume();
      const failure = auth.ok === false ? auth.failure : { status: 401 as const, message: 'Missing credentials.' };
      sendJson(res, failure.status, errorBody(failure.status, failure.message));
      return;
    }
    if (serveEventStream(streams, req, res, url)) return;
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
    handleUpgrade({ store, access, cors, credentials, upgrader, clock, ids, hub, journal, faults, maxFrameBytes, nextId, maxBufferedBytes }, req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  baseUrl = `http://${urlHost}:${port}`;
  journal.write('server', `listening on http://${urlHost}:${port} (agent: ${agent?.name ?? 'none'}, auth: ${strict ? 'strict' : 'off'})`);
  if (exposed && !strict) {
    journal.write('server', `WARNING: bound to ${host} with auth off (allowUnauthenticatedNetwork): every session is open to anyone who can reach this address; the admin API still needs the mock credentials.`);
  }

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
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
