import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TapeEvent } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from '../../src/internal/ws';
import { createRecordingProxy, type RecordingProxy } from '../../src/index';
import { fake, memoryRecorder } from '../fixtures';

interface Upstream {
  url: string;
  server: Server;
  wss: WebSocketServer;
  seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

async function upstream(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<Upstream> {
  const seen: Upstream['seen'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  const wss = new WebSocketServer({ server, handleProtocols: (set) => (set.has('ccr.v1') ? 'ccr.v1' : false) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    wss,
    seen,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(handler: Parameters<typeof upstream>[0] = (_q, res) => res.end('ok')) {
  const up = await upstream(handler);
  cleanups.push(() => up.close());
  const tape = memoryRecorder();
  const warnings: string[] = [];
  const proxy: RecordingProxy = await createRecordingProxy({ target: up.url, recorder: tape.recorder, onWarning: (m) => warnings.push(m) });
  cleanups.push(() => proxy.close());
  return { up, proxy, tape, warnings };
}

function waitFor<T>(ws: WebSocket, event: string): Promise<T> {
  return new Promise((resolve) => ws.once(event, (...args: unknown[]) => resolve(args as T)));
}

describe('recording proxy: REST', () => {
  it('forwards requests untouched (credentials included) and records them redacted', async () => {
    const { up, proxy, tape } = await setup((_req, res, body) => {
      res.writeHead(201, { 'content-type': 'application/json', 'set-cookie': `sessionKey=${fake.sessionKey('n')}; Path=/` });
      res.end(JSON.stringify({ echo: JSON.parse(body), id: 'cse_01X' }));
    });
    const response = await fetch(`${proxy.url}/v1/sessions?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${fake.oauth()}`, 'x-organization-uuid': fake.uuid(4) },
      body: JSON.stringify({ title: 'hi', owner: 'me@corp.example' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('set-cookie')).toBe(`sessionKey=${fake.sessionKey('n')}; Path=/`);
    expect(await response.json()).toEqual({ echo: { title: 'hi', owner: 'me@corp.example' }, id: 'cse_01X' });
    expect(up.seen[0]).toMatchObject({ method: 'POST', url: '/v1/sessions?x=1', body: '{"title":"hi","owner":"me@corp.example"}' });
    expect(up.seen[0]?.headers.authorization).toBe(`Bearer ${fake.oauth()}`);

    const [request, reply] = tape.events() as [Extract<TapeEvent, { kind: 'http.request' }>, Extract<TapeEvent, { kind: 'http.response' }>];
    expect(request).toMatchObject({ kind: 'http.request', id: 'req-1', method: 'POST', url: `${up.url}/v1/sessions?x=1`, body: '{"title":"hi","owner":"redacted-1@example.com"}' });
    expect(request.headers.authorization).toBe('Bearer redacted-token-1');
    expect(request.headers['x-organization-uuid']).toBe('00000000-0000-4000-8000-000000000001');
    expect(reply).toMatchObject({ kind: 'http.response', id: 'req-1', status: 201, body: '{"echo":{"title":"hi","owner":"redacted-1@example.com"},"id":"cse_01X"}' });
    expect(reply.headers['set-cookie']).toBe('sessionKey=redacted-cookie-1; Path=/');
  });

  it('answers 502 with a JSON error when the target is down', async () => {
    const tape = memoryRecorder();
    const warnings: string[] = [];
    const proxy = await createRecordingProxy({ target: 'http://127.0.0.1:1', recorder: tape.recorder, onWarning: (m) => warnings.push(m) });
    cleanups.push(() => proxy.close());
    const response = await fetch(`${proxy.url}/v1/sessions`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'proxy_error', message: expect.stringContaining('ECONNREFUSED') } });
    expect(warnings[0]).toMatch(/GET http:\/\/127\.0\.0\.1:1\/v1\/sessions failed upstream/);
  });
});

describe('recording proxy: SSE', () => {
  it('relays each event as it arrives and appends it to the tape before the stream ends', async () => {
    let release: () => void = () => undefined;
    const { proxy, tape } = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: client_event\nid: 1\ndata: {"payload":{"type":"user"}}\n\n');
      release = () => res.end(': bye\n\nevent: client_event\nid: 2\ndata: {"payload":{"type":"result"}}\n\n');
    });
    const response = await fetch(`${proxy.url}/v1/code/sessions/cse_1/events/stream`, { headers: { accept: 'text/event-stream' } });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('id: 1');
    // The first event is already on the tape while the upstream still holds the stream open.
    expect(tape.events().map((e) => e.kind)).toEqual(['http.request', 'http.response', 'sse.event']);
    release();
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += new TextDecoder().decode(r.value);
    expect(rest).toContain('id: 2');
    const sse = tape.events().filter((e) => e.kind === 'sse.event');
    expect(sse).toEqual([
      { t: expect.any(Number), kind: 'sse.event', id: 'req-1', event: 'client_event', data: '{"payload":{"type":"user"}}', lastEventId: '1' },
      { t: expect.any(Number), kind: 'sse.event', id: 'req-1', event: 'client_event', data: '{"payload":{"type":"result"}}', lastEventId: '2' },
    ]);
  });
});

describe('recording proxy: WebSocket', () => {
  it('relays frames both ways with the subprotocol, and passes the close code through', async () => {
    const { up, proxy, tape } = await setup();
    up.wss.on('connection', (socket, req) => {
      socket.send('{"type":"keep_alive"}\n');
      socket.on('message', (data) => {
        socket.send(`{"type":"echo","of":${data.toString().trim()},"path":"${req.url}"}\n`);
        socket.close(4001, 'session ended');
      });
    });
    const client = new WebSocket(`${proxy.wsUrl}/v1/sessions/ws/cse_2/subscribe?replay=true`, ['ccr.v1'], {
      headers: { cookie: `sessionKey=${fake.sessionKey('w')}` },
    });
    const received: string[] = [];
    const first = new Promise((resolve) => client.once('message', resolve));
    client.on('message', (data) => received.push(data.toString()));
    await waitFor(client, 'open');
    expect(client.protocol).toBe('ccr.v1');
    await first;
    client.send('{"type":"user"}\n');
    const [code, reason] = await waitFor<[number, Buffer]>(client, 'close');
    expect(code).toBe(4001);
    expect(reason.toString()).toBe('session ended');
    expect(received).toEqual(['{"type":"keep_alive"}\n', '{"type":"echo","of":{"type":"user"},"path":"/v1/sessions/ws/cse_2/subscribe?replay=true"}\n']);

    const events = tape.events();
    expect(events.map((e) => [e.kind, 'dir' in e ? e.dir : ''])).toEqual([
      ['ws.open', ''],
      ['ws.frame', 'to-client'],
      ['ws.frame', 'to-server'],
      ['ws.frame', 'to-client'],
      ['ws.close', ''],
    ]);
    expect(events[0]).toMatchObject({ url: `${up.url.replace('http', 'ws')}/v1/sessions/ws/cse_2/subscribe?replay=true` });
    expect((events[0] as Extract<TapeEvent, { kind: 'ws.open' }>).headers?.cookie).toBe('sessionKey=redacted-cookie-1');
    expect(events[4]).toMatchObject({ code: 4001, reason: 'session ended' });
  });

  it('passes an upstream refusal back as the same HTTP answer and records it', async () => {
    const { up, proxy, tape } = await setup();
    up.server.removeAllListeners('upgrade');
    up.server.on('upgrade', (_req, socket) => {
      const body = '{"type":"error","error":{"type":"authentication_error","message":"Invalid bearer token."}}';
      socket.end(`HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`);
    });
    const client = new WebSocket(`${proxy.wsUrl}/v1/sessions/ws/cse_3/subscribe`);
    client.on('error', () => undefined);
    const [, response] = await waitFor<[unknown, IncomingMessage]>(client, 'unexpected-response');
    expect(response.statusCode).toBe(401);
    client.terminate();
    await new Promise((r) => setImmediate(r));
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (tape.events().length >= 2) resolve();
        else setImmediate(check);
      };
      check();
    });
    expect(tape.events()).toMatchObject([
      { kind: 'http.request', id: 'ws-1', method: 'GET' },
      { kind: 'http.response', id: 'ws-1', status: 401, body: '{"type":"error","error":{"type":"authentication_error","message":"Invalid bearer token."}}' },
    ]);
  });
});
