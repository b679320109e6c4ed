import { contract } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import { CorsPolicy } from '../src/http/cors';
import type { MockServer } from '../src/index';
import { CORS_EXPOSED_HEADERS } from '../src/index';
import { api, SseClient, startServer, WsClient } from './helpers';

let server: MockServer | undefined;
const open: { close(): void }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

const ORIGIN = 'http://localhost:5173';
const WANTED = 'anthropic-version, anthropic-beta, x-organization-uuid, content-type, authorization, last-event-id';

function preflight(path: string, method: string, origin = ORIGIN): Promise<Response> {
  return fetch(`${server!.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': WANTED },
  });
}

function fillPath(template: string): string {
  return template.replace(/\{[^}]+\}/g, 'x_1');
}

describe('CORS for browser clients on another origin', () => {
  it('answers the preflight of every contract endpoint and both event streams, echoing origin and headers', async () => {
    server = (await startServer()).server;
    const targets = [
      ...Object.values(contract.endpoints).map((e) => ({ path: fillPath(e.path), method: e.method })),
      { path: fillPath(contract.channels.v2EventStream.path), method: 'GET' },
      { path: fillPath(contract.channels.workerEventStream.path), method: 'GET' },
      { path: '/__admin/sessions', method: 'POST' },
    ];
    for (const { path, method } of targets) {
      const res = await preflight(path, method);
      expect(res.status, `${method} ${path}`).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('access-control-allow-credentials')).toBe('true');
      expect(res.headers.get('access-control-allow-methods')?.split(', '), `${method} ${path}`).toContain(method);
      expect(res.headers.get('access-control-allow-headers')).toBe(WANTED);
      expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    }
    expect((await preflight('/v1/nowhere', 'GET')).status).toBe(404);
  });

  it('puts the allow-origin headers on answers, errors and the SSE stream; `*` without an Origin', async () => {
    server = (await startServer({ auth: 'strict' })).server;
    const { id } = await server.admin.createSession({ surface: 'v2' });
    const bearer = { authorization: `Bearer ${server.credentials.accessToken}`, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'ccr-byoc-2025-07-29' };
    expect((await preflight(`/v1/sessions/${id}`, 'GET')).status).toBe(204);

    const ok = await api(server, 'GET', `/v1/sessions/${id}`, undefined, { ...bearer, origin: ORIGIN });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
    expect(ok.headers.get('access-control-expose-headers')?.split(', ')).toEqual([...CORS_EXPOSED_HEADERS]);
    expect(ok.headers.get('request-id')).toMatch(/^req_/);
    expect(ok.headers.get('vary')).toContain('Origin');

    const unauthorized = await api(server, 'GET', `/v1/sessions/${id}`, undefined, { origin: ORIGIN });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const missing = await api(server, 'GET', '/v1/sessions/session_missing', undefined, { ...bearer, origin: ORIGIN });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    server.admin.setFaults({ httpError: { status: 503, count: 1 } });
    const faulted = await api(server, 'GET', `/v1/sessions/${id}`, undefined, { ...bearer, origin: ORIGIN });
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('access-control-allow-origin')).toBe(ORIGIN);

    const stream = await fetch(`${server.url}/v1/code/sessions/${id}/events/stream`, { headers: { ...bearer, origin: ORIGIN } });
    open.push({ close: () => void stream.body?.cancel() });
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const anonymous = await api(server, 'GET', '/__admin/sessions');
    expect(anonymous.headers.get('access-control-allow-origin')).toBe('*');
    expect(anonymous.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('with an origin list, lets listed origins in and refuses others (preflight 403, no headers, WebSocket 403)', async () => {
    server = (await startServer({ cors: { origins: [ORIGIN] } })).server;
    const { id } = await server.admin.createSession();
    expect((await preflight(`/v1/sessions/${id}/events`, 'POST')).status).toBe(204);
    const refused = await preflight(`/v1/sessions/${id}/events`, 'POST', 'http://evil.example');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      `Origin http://evil.example is not allowed by this server's cors option (allowed: ${ORIGIN}); add it to cors.origins.`,
    );
    const foreign = await api(server, 'GET', `/v1/sessions/${id}`, undefined, { origin: 'http://evil.example' });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const url = `${server.wsUrl}/v1/sessions/ws/${id}/subscribe`;
    open.push(await WsClient.open(url, { origin: ORIGIN }));
    await expect(WsClient.open(url, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('by default lets only loopback origins in, with credentials; never a foreign or the null origin (preflight, answers, WebSocket)', async () => {
    server = (await startServer()).server;
    const { id } = await server.admin.createSession();
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080']) {
      const ok = await preflight(`/v1/sessions/${id}/events`, 'POST', origin);
      expect(ok.status, origin).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
      expect(ok.headers.get('access-control-allow-private-network')).toBeNull();
    }
    for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', 'file://']) {
      const refused = await preflight(`/v1/sessions/${id}/events`, 'POST', origin);
      expect(refused.status, origin).toBe(403);
      expect(refused.headers.get('access-control-allow-origin'), origin).toBeNull();
      const answer = await api(server, 'GET', `/v1/sessions/${id}`, undefined, { origin });
      expect(answer.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(answer.headers.get('access-control-allow-credentials'), origin).toBeNull();
    }
    const pna = await fetch(`${server.url}/v1/sessions/${id}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-private-network': 'true' } });
    expect(pna.status).toBe(403);
    expect(pna.headers.get('access-control-allow-private-network')).toBeNull();
    const url = `${server.wsUrl}/v1/sessions/ws/${id}/subscribe`;
    open.push(await WsClient.open(url, { origin: ORIGIN }));
    await expect(WsClient.open(url, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    await expect(WsClient.open(url, { origin: 'null' })).rejects.toThrow(/403/);
  });

  it('cors: true lets any origin read answers without credentials (never an echoed origin with credentials), and never null', async () => {
    server = (await startServer({ cors: true })).server;
    const { id } = await server.admin.createSession();
    const answer = await api(server, 'GET', `/v1/sessions/${id}`, undefined, { origin: 'https://elsewhere.example' });
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight(`/v1/sessions/${id}`, 'GET', 'null')).status).toBe(403);
  });

  it('answers a private-network preflight only for an origin listed explicitly', async () => {
    server = (await startServer({ cors: { origins: ['https://app.example'] } })).server;
    const { id } = await server.admin.createSession();
    const listed = await fetch(`${server.url}/v1/sessions/${id}`, { method: 'OPTIONS', headers: { origin: 'https://app.example', 'access-control-request-method': 'GET', 'access-control-request-private-network': 'true' } });
    expect(listed.status).toBe(204);
    expect(listed.headers.get('access-control-allow-private-network')).toBe('true');
    expect(listed.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('cors: false sends no CORS headers and leaves OPTIONS unrouted (405)', async () => {
    server = (await startServer({ cors: false })).server;
    const { id } = await server.admin.createSession({ surface: 'v2' });
    const res = await preflight(`/v1/code/sessions/${id}/events`, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const sse = await SseClient.open(`${server.url}/v1/code/sessions/${id}/events/stream`, { origin: ORIGIN });
    open.push(sse);
    expect(sse.status).toBe(200);
  });

  it('is on by default only when bound to a loopback address', () => {
    expect(new CorsPolicy(undefined, '127.0.0.1').enabled).toBe(true);
    expect(new CorsPolicy(undefined, '::1').enabled).toBe(true);
    expect(new CorsPolicy(undefined, 'localhost').enabled).toBe(true);
    expect(new CorsPolicy(undefined, '0.0.0.0').enabled).toBe(false);
    expect(new CorsPolicy(true, '0.0.0.0').enabled).toBe(true);
  });
});
