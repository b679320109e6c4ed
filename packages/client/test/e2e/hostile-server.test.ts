import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { ClientError } from '../../src/errors';
import { Session } from '../../src/session/session';
import { SseTransport } from '../../src/transport/sse';
import { WebSocketTransport, type WebSocketConstructor } from '../../src/transport/websocket';
import { until } from './helpers';

// Hostile servers on real loopback sockets: whatever they send, the client reports it and goes on.

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

function assistant(text: string, uuid: string): string {
  return JSON.stringify({
    type: 'assistant',
    uuid,
    session_id: 's1',
    parent_tool_use_id: null,
    message: { id: `msg_${uuid}`, type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
  });
}

/** A v1 server that answers `initialize` and then runs `script` on the socket. */
async function wsServer(script: (socket: WebSocket, connection: number) => void): Promise<{ url: string; connections: () => number }> {
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  let connections = 0;
  wss.on('connection', (socket) => {
    const n = connections++;
    socket.on('message', (data) => {
      for (const line of String(data).split('\n')) {
        if (!line) continue;
        const frame = JSON.parse(line) as { type?: string; request_id?: string; request?: { subtype?: string } };
        if (frame.type === 'control_request' && frame.request?.subtype === 'initialize') {
          socket.send(`${JSON.stringify({ type: 'control_response', response: { subtype: 'success', request_id: frame.request_id, response: {} } })}\n`);
          script(socket, n);
        }
      }
    });
  });
  const port = await listen(http);
  closers.push(async () => {
    for (const client of wss.clients) client.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
  return { url: `ws://127.0.0.1:${port}/v1/sessions/ws/s1/subscribe`, connections: () => connections };
}

function wsSession(url: string, extra: Partial<ConstructorParameters<typeof Session>[0]> = {}) {
  const texts: string[] = [];
  const errors: Error[] = [];
  const session = new Session({
    sessionId: 's1',
    transport: () => new WebSocketTransport({ url, WebSocket: WebSocket as unknown as WebSocketConstructor }),
    backoff: { initialDelay: 5, maxDelay: 20 },
    onAssistantMessage: (m) => texts.push(...m.message.content.flatMap((b) => (b.type === 'text' && b.text !== undefined ? [b.text] : []))),
    onError: (e) => errors.push(e),
    ...extra,
  });
  closers.push(async () => session.disconnect());
  return { session, texts, errors };
}

describe('a hostile v1 server cannot crash the client', () => {
  it('valid JSON that is not a frame object (null, [1], "x", 42, true) is reported with its line number; later frames still arrive', async () => {
    const server = await wsServer((socket) => {
      socket.send(['null', '[1]', '"x"', '42', 'true', assistant('after the junk', '11111111-1111-4111-8111-111111111111')].join('\n') + '\n');
    });
    const { session, texts, errors } = wsSession(server.url);
    await session.connect();
    await until(() => texts.length === 1, 5_000, 'the frame after the junk');
    expect(texts).toEqual(['after the junk']);
    const invalid = errors.filter((e) => e instanceof ClientError && e.code === 'INVALID_FRAME').map((e) => e.message);
    // line 1 is the initialize answer
    expect(invalid).toEqual([
      'Dropped line 2 of the WebSocket stream: a frame must be a JSON object, got null.',
      'Dropped line 3 of the WebSocket stream: a frame must be a JSON object, got an array of 1.',
      'Dropped line 4 of the WebSocket stream: a frame must be a JSON object, got a string of 1 characters.',
      'Dropped line 5 of the WebSocket stream: a frame must be a JSON object, got the number 42.',
      'Dropped line 6 of the WebSocket stream: a frame must be a JSON object, got the boolean true.',
    ]);
    expect(session.state).toBe('connected');
  });

  it('frames whose fields have the wrong types (message null, content a string, type a number) reach onUnknownFrame or onError, never a throw', async () => {
    const bad = [
      { type: 'assistant', uuid: '21111111-1111-4111-8111-111111111111', message: null },
      { type: 'assistant', uuid: '31111111-1111-4111-8111-111111111111', message: { content: 'not blocks' } },
      { type: 42 },
      { type: 'result', uuid: '41111111-1111-4111-8111-111111111111', subtype: null },
      { type: 'stream_event', uuid: '51111111-1111-4111-8111-111111111111', event: null },
      { type: 'control_request', request_id: 7, request: null },
      { type: 'control_response', response: null },
    ];
    const server = await wsServer((socket) => {
      socket.send(bad.map((f) => JSON.stringify(f)).join('\n') + '\n' + assistant('still alive', '61111111-1111-4111-8111-111111111111') + '\n');
    });
    const unknown: unknown[] = [];
    const { session, texts } = wsSession(server.url, { onUnknownFrame: (f) => unknown.push(f) });
    await session.connect();
    await until(() => texts.includes('still alive'), 5_000, 'the frame after the bad ones');
    expect(unknown.length).toBeGreaterThanOrEqual(4);
  });

  it('gives up after maxRetries when every connection is accepted and closed at once without progress (1011, 4090, 3000)', async () => {
    const codes = [1011, 4090, 3000, 1000, 4999];
    const server = await wsServer((socket, n) => socket.close(codes[n % codes.length], 'go away'));
    const { session, errors } = wsSession(server.url, { maxRetries: 3 });
    await session.connect().catch(() => undefined);
    await until(() => session.state === 'error', 10_000, 'the reconnect budget to run out');
    expect(server.connections()).toBe(4);
    expect(errors.at(-1)?.message).toMatch(/gave up after 4 connections closed without progress \(maxRetries 3\)/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.connections()).toBe(4);
  });
});

/** A v2 SSE server that sends `events` (raw SSE text) on every stream and answers initialize posts. */
async function sseServer(events: string): Promise<{ url: string; streams: () => number; stop: () => void }> {
  let streams = 0;
  const open = new Set<ServerResponse>();
  const http = createServer((req, res) => {
    streams++;
    open.add(res);
    res.on('close', () => open.delete(res));
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(events);
  });
  const port = await listen(http);
  const stop = () => {
    for (const res of open) res.destroy();
  };
  closers.push(async () => {
    stop();
    http.closeAllConnections();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${port}/v1/code/sessions/s1/events/stream`, streams: () => streams, stop };
}

describe('a hostile v2 server cannot stall or storm the client', () => {
  it('an ephemeral_event whose payload is null (or payload_json "null") is reported; connect() settles and nothing reconnects', async () => {
    const junk =
      'event: ephemeral_event\ndata: {"event_type":"x","payload":null}\n\n' +
      'event: ephemeral_event\ndata: {"event_type":"x","payload_json":"null"}\n\n' +
      'event: ephemeral_event\ndata: {"event_type":"x","payload_json":"[1,2]"}\n\n' +
      'event: client_event\nid: 1\ndata: {"event_id":"e1","sequence_num":1,"event_type":"x","payload":null}\n\n' +
      'event: client_event\nid: 2\ndata: {"event_id":"e2","sequence_num":100000000000000000000000000,"event_type":"x","payload":{"type":"user"}}\n\n' +
      'event: client_event\nid: 3\ndata: null\n\n';
    const server = await sseServer(junk);
    const errors: Error[] = [];
    let posted = 0;
    let sse: SseTransport | undefined;
    const session = new Session({
      sessionId: 's1',
      initializeTimeout: 300,
      backoff: { initialDelay: 5, maxDelay: 20 },
      transport: (context) =>
        (sse = new SseTransport({
          url: server.url,
          lastEventId: context.lastSequenceNum,
          post: async () => {
            posted++;
          },
        })),
      onError: (e) => errors.push(e),
    });
    closers.push(async () => session.disconnect());
    await session.connect();
    expect(sse).toBeDefined();
    await until(() => errors.filter((e) => (e as ClientError).code === 'INVALID_FRAME').length >= 5, 5_000, 'the bad events to be reported');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(server.streams()).toBe(1);
    expect(session.state).toBe('connected');
    expect(posted).toBe(1);
    const messages = errors.map((e) => e.message).join('\n');
    expect(messages).toMatch(/payload must be a JSON object, got null/);
    expect(messages).toMatch(/client_event \(id 2\) whose data does not match the contract/);
  });
});
