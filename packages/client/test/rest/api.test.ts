import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProtocolError, VirtualClock } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { ClientError, HttpError } from '../../src/errors';
import { buildHeaders, subscribeUrl } from '../../src/auth';
import { ClaudeApi } from '../../src/rest/api';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeFetch(answer: (call: Call, n: number) => Response) {
  const calls: Call[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    const call: Call = {
      url,
      method: String(init.method),
      headers: init.headers as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    return answer(call, calls.length);
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const session = {
  id: 'session_01',
  title: 'T',
  session_status: 'active',
  environment_id: 'env_1',
  session_context: { model: 'claude-sonnet-4-6' },
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

/** Advances the virtual clock until the promise settles, yielding to real I/O in between. */
async function drive<T>(clock: VirtualClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  for (let i = 0; i < 200 && !settled; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(250);
  }
  return watched;
}

const credentials = { organizationUuid: 'org-1', sessionKey: 'sk-ant-sid02-abc', cfClearance: 'cf-xyz', userAgent: 'Mozilla/5.0 Test', baseUrl: 'https://example.test/' };

describe('auth headers', () => {
  it('sends the web client headers with the cookie set', () => {
    expect(buildHeaders(credentials)).toEqual({
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'ccr-byoc-2025-07-29',
      'anthropic-client-feature': 'ccr',
      'anthropic-client-platform': 'web_claude_ai',
      'anthropic-client-version': '1.0.0',
      'x-organization-uuid': 'org-1',
      'user-agent': 'Mozilla/5.0 Test',
      cookie: 'sessionKey=sk-ant-sid02-abc; cf_clearance=cf-xyz',
    });
  });

  it('uses a full cookie override, or a bearer token instead of cookies, and extra headers win', () => {
    expect(buildHeaders({ ...credentials, cookie: 'a=b' }).cookie).toBe('a=b');
    const oauth = buildHeaders({ accessToken: 'tok', headers: { 'anthropic-client-platform': 'my_app' } });
    expect(oauth.authorization).toBe('Bearer tok');
    expect(oauth.cookie).toBeUndefined();
    expect(oauth['anthropic-client-platform']).toBe('my_app');
  });

  it('derives the subscribe URL from baseUrl or wsHost', () => {
    expect(subscribeUrl(credentials, 'session_01', true)).toBe('wss://example.test/v1/sessions/ws/session_01/subscribe?organization_uuid=org-1&replay=true');
    expect(subscribeUrl({ wsHost: '127.0.0.1:9' }, 's', false)).toBe('ws://127.0.0.1:9/v1/sessions/ws/s/subscribe');
    expect(subscribeUrl({ wsHost: 'wss://h.test/' }, 's', false)).toBe('wss://h.test/v1/sessions/ws/s/subscribe');
  });
});

describe('ClaudeApi over the contract', () => {
  it('builds typed paths and queries, and returns the validated body with unknown keys kept', async () => {
    const { fetch, calls } = fakeFetch(() => json({ data: [{ type: 'user', uuid: 'u1', extra_key: 1 }], has_more: false, first_id: 'u1', last_id: 'u1' }));
    const api = new ClaudeApi({ ...credentials, fetch });
    const page = await api.listEvents('session 01', 'u0', 50);
    expect(calls[0]!.url).toBe('https://example.test/v1/sessions/session%2001/events?after_id=u0&limit=50');
    expect(calls[0]!.method).toBe('GET');
    expect(calls[0]!.headers.cookie).toBe('sessionKey=sk-ant-sid02-abc; cf_clearance=cf-xyz');
    expect(page.data[0]).toEqual({ type: 'user', uuid: 'u1', extra_key: 1 });
  });

  it('posts user messages, interrupts, permission answers and mode changes as events', async () => {
    const { fetch, calls } = fakeFetch(() => json({}));
    const api = new ClaudeApi({ ...credentials, fetch });
    await api.sendMessage({ sessionId: 's1', uuid: 'u-1', message: { role: 'user', content: 'hi' } });
    await api.interrupt('s1');
    await api.respondToolPermission({ sessionId: 's1', requestId: 'r1', toolName: 'Bash', toolUseId: 't1', decision: 'allow', input: { command: 'ls' } });
    await api.respondToolPermission({ sessionId: 's1', requestId: 'r2', toolName: 'Bash', decision: 'deny' });
    await api.setPermissionMode('s1', 'plan');
    expect(calls.every((c) => c.method === 'POST' && c.url === 'https://example.test/v1/sessions/s1/events')).toBe(true);
    expect(calls[0]!.headers['content-type']).toBe('application/json');
    const events = calls.map((c) => (c.body as { events: Record<string, unknown>[] }).events[0]);
    expect(events[0]).toEqual({ type: 'user', uuid: 'u-1', session_id: 's1', parent_tool_use_id: null, message: { role: 'user', content: 'hi' } });
    expect(events[1]).toMatchObject({ type: 'control_request', request: { subtype: 'interrupt' } });
    expect(events[2]).toEqual({ type: 'control_response', response: { subtype: 'success', request_id: 'r1', response: { behavior: 'allow', toolUseID: 't1', updatedInput: { command: 'ls' } } } });
    expect(events[3]).toMatchObject({ response: { response: { behavior: 'deny', message: 'Denied by user' } } });
    expect(events[4]).toMatchObject({ request: { subtype: 'set_permission_mode', mode: 'plan' } });
  });

  it('lists environments under the organization and pages through events', async () => {
    const pages = [
      { data: [{ type: 'user', uuid: 'a' }, { type: 'assistant', uuid: 'b' }], has_more: true, first_id: 'a', last_id: 'b' },
      { data: [{ type: 'result', uuid: 'c' }], has_more: false, first_id: 'c', last_id: 'c' },
    ];
    const { fetch, calls } = fakeFetch((call, n) =>
      call.url.includes('environments') ? json({ environments: [], has_more: false, first_id: null, last_id: null }) : json(pages[n - 2]),
    );
    const api = new ClaudeApi({ ...credentials, fetch });
    await api.listEnvironments();
    expect(calls[0]!.url).toBe('https://example.test/v1/environment_providers/private/organizations/org-1/environments');
    const uuids: unknown[] = [];
    for await (const event of api.eventsAfter('s1', 'z')) uuids.push(event.uuid);
    expect(uuids).toEqual(['a', 'b', 'c']);
    expect(calls.slice(1).map((c) => new URL(c.url).searchParams.get('after_id'))).toEqual(['z', 'b']);
    await expect(new ClaudeApi({ fetch }).listEnvironments()).rejects.toThrow(/needs organizationUuid/);
  });

  it('throws HttpError with status, body and request id', async () => {
    const { fetch } = fakeFetch(() => json({ type: 'error', error: { type: 'not_found_error', message: 'no such session' } }, 404, { 'request-id': 'req_123' }));
    const api = new ClaudeApi({ ...credentials, fetch });
    const error = await api.getSession('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 404, requestId: 'req_123', body: { error: { type: 'not_found_error' } } });
    expect((error as Error).message).toBe(
      'GET https://example.test/v1/sessions/nope failed with HTTP 404 (request id req_123): not_found_error: no such session; check the session or environment id.',
    );
  });

  it('retries 429 / 5xx on the clock, honouring retry-after, but never repeats createSession', async () => {
    const clock = new VirtualClock(0);
    let fails = 2;
    const { fetch, calls } = fakeFetch(() => (fails-- > 0 ? json({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }, 429, { 'retry-after': '2' }) : json(session)));
    const api = new ClaudeApi({ ...credentials, fetch, clock });
    const start = clock.now();
    await expect(drive(clock, api.getSession('session_01'))).resolves.toMatchObject({ id: 'session_01' });
    expect(clock.now() - start).toBeGreaterThanOrEqual(4_000);
    expect(calls).toHaveLength(3);

    const once = fakeFetch(() => json({ type: 'error', error: { type: 'api_error', message: 'boom' } }, 503));
    const api2 = new ClaudeApi({ ...credentials, fetch: once.fetch, clock });
    await expect(api2.createSession({ environment_id: 'env', session_context: {} })).rejects.toMatchObject({ status: 503 });
    expect(once.calls).toHaveLength(1);
  });

  it('rejects bad input before sending, naming the field', async () => {
    const { fetch, calls } = fakeFetch(() => json({}));
    const api = new ClaudeApi({ ...credentials, fetch });
    await expect(api.createSession({ environment_id: 7 } as never)).rejects.toThrow(/createSession \(POST \/v1\/sessions\): the request body does not match the contract: body.environment_id: .*/);
    await expect(api.request('getSession', { params: {} as never })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(api.request('nope' as never, {})).rejects.toBeInstanceOf(ClientError);
    expect(calls).toHaveLength(0);
  });

  it('rejects a response that does not match the contract with a ProtocolError', async () => {
    const { fetch } = fakeFetch(() => json({ id: 42 }));
    const api = new ClaudeApi({ ...credentials, fetch });
    const error = await api.getSession('s').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).issues.map((i) => i.path)).toContain('$.id');
  });

  it('reports an unreachable server after retries', async () => {
    const clock = new VirtualClock(0);
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof globalThis.fetch;
    const api = new ClaudeApi({ ...credentials, fetch, clock, retries: 1 });
    await expect(drive(clock, api.listSessions().catch((e: unknown) => e))).resolves.toMatchObject({ code: 'CONNECTION_CLOSED', message: expect.stringMatching(/could not reach https:\/\/example.test\/v1\/sessions: fetch failed/) });
  });
});

describe('requestTimeout bounds every REST call', () => {
  it('a server that accepts the request and never answers fails the call with TIMEOUT (real socket)', async () => {
    const hung: ServerResponse[] = [];
    const server = createServer((_req, res) => {
      hung.push(res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    try {
      const api = new ClaudeApi({ baseUrl: `http://127.0.0.1:${port}`, organizationUuid: 'org', sessionKey: 'k', requestTimeout: 150, retries: 1 });
      const started = Date.now();
      const error = await api.sendMessage({ sessionId: 'session_01', message: { role: 'user', content: 'hi' } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ClientError);
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      expect((error as Error).message).toMatch(/sendEvents \(POST \/v1\/sessions\/{session_id}\/events\) got no complete answer within 150 ms/);
      // one retry of a POST that is safe to repeat (same uuid), each attempt bounded
      expect(hung).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(5_000);
      // a per-session timeout overrides the client's
      const quick = api.withRequestTimeout(50);
      await expect(quick.getSession('session_01')).rejects.toMatchObject({ code: 'TIMEOUT' });
    } finally {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('times out on the injected clock, and a body that stalls after the headers counts too', async () => {
    const clock = new VirtualClock(0);
    const fetch = (async (_url: string, init: RequestInit) => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
          init.signal?.addEventListener('abort', () => controller.error(init.signal?.reason));
        },
      });
      return new Response(stream, { status: 200 });
    }) as unknown as typeof globalThis.fetch;
    const api = new ClaudeApi({ baseUrl: 'http://h', organizationUuid: 'org', fetch, clock, requestTimeout: 1_000, retries: 0 });
    const pending = api.getSession('session_01').catch((e: unknown) => e);
    await clock.advanceAsync(999, 100);
    await clock.advanceAsync(1, 1);
    await expect(pending).resolves.toMatchObject({ code: 'TIMEOUT' });
  });
});
