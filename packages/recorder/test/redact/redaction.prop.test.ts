import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { WebSocket, WebSocketServer } from '../../src/internal/ws';
import { CdpNetworkRecorder, MemoryTapeSink, TapeRecorder, createRecordingProxy, importHar, recordTransport, tapProcess, type RecordableTransport, type TapeSummary } from '../../src/index';
import { leaks, plant, planted, type Planted } from './planting';

function recorderFor(p: Planted, capture: 'proxy' | 'browser' | 'har' | 'stdio' = 'proxy') {
  const sink = new MemoryTapeSink();
  return { sink, recorder: new TapeRecorder({ capture, sink, redaction: p.redaction }) };
}

/** Everything the recorder wrote: the tape and the redaction summary. */
function written(sink: MemoryTapeSink, summary: TapeSummary): string {
  return `${sink.text()}\n${sink.summary ?? ''}\n${JSON.stringify(summary)}`;
}

function expectSafe(p: Planted, sink: MemoryTapeSink, summary: TapeSummary): void {
  expect(leaks(written(sink, summary), p.secret), `${p.kind} secret at ${p.placement} reached the tape`).toBe(false);
  // Every planted secret is known or rule-covered, so redaction (not the fail-closed stop) handles it.
  expect(summary.failure, summary.failure?.message).toBeUndefined();
}

describe('a planted secret never reaches the tape', () => {
  test.prop([planted(['header', 'cookie', 'query', 'body', 'ws-frame', 'sse-data', 'stdio-line'])], { numRuns: 300 })('recorder, any event field', (p) => {
    const { sink, recorder } = recorderFor(p);
    recorder.record({ kind: 'http.request', id: 'req-1', method: 'POST', url: `https://claude.ai${p.path}`, headers: p.headers, body: p.body });
    recorder.record({ kind: 'http.response', id: 'req-1', status: 200, headers: p.headers, body: p.body });
    recorder.record({ kind: 'ws.open', id: 'ws-1', url: `wss://claude.ai${p.path}`, headers: p.headers });
    recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: p.frame });
    recorder.record({ kind: 'sse.event', id: 'req-1', event: 'client_event', data: p.sseData, lastEventId: '1' });
    recorder.record({ kind: 'stdio.line', dir: 'stdout', text: p.line });
    expectSafe(p, sink, recorder.finish());
  });

  test.prop([planted(['header', 'cookie', 'query', 'body', 'ws-frame', 'sse-data'])], { numRuns: 150 })('HAR import', (p) => {
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    const pairs = Object.entries(p.headers).map(([name, value]) => ({ name, value }));
    const har = {
      log: {
        entries: [
          {
            startedDateTime: at(0),
            time: 5,
            request: { method: 'POST', url: `https://claude.ai${p.path}`, headers: pairs, postData: { mimeType: 'application/json', text: p.body } },
            response: { status: 200, headers: pairs, content: { mimeType: 'application/json', text: p.body } },
          },
          {
            startedDateTime: at(10),
            time: 5,
            request: { method: 'GET', url: 'https://claude.ai/x/events/stream', headers: [] },
            response: { status: 200, headers: [], content: { mimeType: 'text/event-stream', text: `event: client_event\ndata: ${p.sseData}\n\n` } },
          },
          {
            startedDateTime: at(20),
            time: 5,
            request: { method: 'GET', url: `wss://claude.ai${p.path}`, headers: pairs },
            response: { status: 101, headers: [] },
            _webSocketMessages: [{ type: 'receive', time: (Date.UTC(2026, 0, 1) + 21) / 1000, opcode: 1, data: p.frame }],
          },
        ],
      },
    };
    const sink = new MemoryTapeSink();
    expectSafe(p, sink, importHar(har, { sink, redaction: p.redaction }));
  });

  test.prop([planted(['header', 'cookie', 'query', 'body', 'ws-frame', 'sse-data'])], { numRuns: 150 })('browser DevTools capture', async (p) => {
    const { sink, recorder } = recorderFor(p, 'browser');
    const cdp = {
      send: async <T,>(method: string): Promise<T> => {
        if (method === 'Network.getResponseBody') return { body: p.body, base64Encoded: false } as T;
        throw new Error(`unexpected ${method}`);
      },
    };
    const network = new CdpNetworkRecorder(cdp, { record: (e) => recorder.record(e), now: () => recorder.now() });
    const { cookie, ...visible } = p.headers;
    const events: [string, Record<string, unknown>][] = [
      ['Network.requestWillBeSent', { requestId: '1', type: 'Fetch', request: { url: `https://claude.ai${p.path}`, method: 'POST', headers: visible, postData: p.body } }],
      ['Network.requestWillBeSentExtraInfo', { requestId: '1', headers: { ...visible, ...(cookie !== undefined ? { cookie } : {}) } }],
      ['Network.responseReceived', { requestId: '1', type: 'Fetch', response: { status: 200, headers: p.headers, mimeType: 'application/json' } }],
      ['Network.loadingFinished', { requestId: '1' }],
      ['Network.requestWillBeSent', { requestId: '2', type: 'EventSource', request: { url: 'https://claude.ai/x/stream', method: 'GET', headers: {} } }],
      ['Network.responseReceived', { requestId: '2', type: 'EventSource', response: { status: 200, headers: {}, mimeType: 'text/event-stream' } }],
      ['Network.eventSourceMessageReceived', { requestId: '2', eventName: 'client_event', eventId: '1', data: p.sseData }],
      ['Network.webSocketCreated', { requestId: '3', url: `wss://claude.ai${p.path}` }],
      ['Network.webSocketWillSendHandshakeRequest', { requestId: '3', request: { headers: p.headers } }],
      ['Network.webSocketFrameReceived', { requestId: '3', response: { opcode: 1, payloadData: p.frame } }],
      ['Network.webSocketClosed', { requestId: '3' }],
    ];
    for (const [method, params] of events) network.handle({ method, params });
    await network.settled();
    expectSafe(p, sink, recorder.finish());
  });

  test.prop([planted(['ws-frame', 'sse-data'])], { numRuns: 150 })('recordTransport (ws and sse)', async (p) => {
    const { sink, recorder } = recorderFor(p);
    const make = (): RecordableTransport => ({ start: async () => undefined, send: async () => undefined, close: async () => undefined });
    const ws = recordTransport(make(), recorder, { id: 't-ws', url: `wss://claude.ai${p.path}` });
    const sse = recordTransport(make(), recorder, { id: 't-sse', url: 'https://claude.ai/v1/code/sessions/cse_1/events/stream', as: 'sse' });
    for (const t of [ws, sse]) {
      await t.start();
      await t.send(JSON.parse(p.frame) as Record<string, unknown>);
      t.onmessage?.({ kind: 'frame', frame: JSON.parse(p.frame), sequenceNum: 1, eventId: 'e1', source: 'worker' });
      t.onmessage?.({ kind: 'frame', frame: (JSON.parse(p.sseData) as { payload: unknown }).payload, sequenceNum: 2 });
      t.onclose?.({ code: 1000, reason: '' });
    }
    expectSafe(p, sink, recorder.finish());
  });

  test.prop([planted(['stdio-line'])], { numRuns: 12 })('CLI stdio tap (through cat)', async (p) => {
    const { sink, recorder } = recorderFor(p, 'stdio');
    const output = new PassThrough();
    output.resume();
    const tap = tapProcess({ command: 'cat', recorder, input: Readable.from([`${p.line}\n`]), output, errorOutput: output });
    await tap.exited;
    const summary = recorder.finish();
    expectSafe(p, sink, summary);
    expect(summary.events).toBe(2);
  });
});

describe('a planted secret never reaches the tape through the live proxy', () => {
  let upstream: Server;
  let wss: WebSocketServer;
  let target = '';
  let current: Planted = plant('api-key', 'header', 'x'.repeat(30));
  beforeAll(async () => {
    upstream = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        if (req.url?.startsWith('/stream')) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.end(`event: client_event\nid: 1\ndata: ${current.sseData}\n\n`);
        } else {
          res.writeHead(200, { 'content-type': 'application/json', ...(current.placement === 'cookie' ? { 'set-cookie': `${current.headers.cookie?.split('; ')[1] ?? ''}; Path=/` } : {}) });
          res.end(current.body);
        }
      });
    });
    wss = new WebSocketServer({ server: upstream });
    wss.on('connection', (socket) => socket.send(current.frame, () => socket.close(1000)));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    wss.close();
    upstream.closeAllConnections();
    await new Promise((resolve) => upstream.close(resolve));
  });

  test.prop([planted(['header', 'cookie', 'query', 'body', 'ws-frame', 'sse-data'])], { numRuns: 15 })('proxy: REST, SSE and WebSocket', async (p) => {
    current = p;
    const { sink, recorder } = recorderFor(p);
    const proxy = await createRecordingProxy({ target, recorder });
    try {
      await (await fetch(`${proxy.url}${p.path}`, { method: 'POST', headers: p.headers, body: p.body })).text();
      await (await fetch(`${proxy.url}/stream`)).text();
      const client = new WebSocket(`${proxy.wsUrl}${p.path}`, { headers: p.headers });
      await new Promise((resolve) => client.once('close', resolve));
    } finally {
      await proxy.close();
    }
    expectSafe(p, sink, recorder.finish());
    expect(sink.lines.length).toBeGreaterThanOrEqual(8);
  });
});

describe('fail closed', () => {
  test.prop([planted(['header', 'cookie', 'query', 'body', 'ws-frame', 'sse-data', 'stdio-line'], ['api-key', 'jwt'])], { numRuns: 150 })(
    'with every redaction rule removed, a credential-shaped secret stops the recording instead of being written',
    (p) => {
      const sink = new MemoryTapeSink();
      const recorder = new TapeRecorder({ capture: 'proxy', sink, redaction: { env: false, rules: [] } });
      recorder.record({ kind: 'http.request', id: 'req-1', method: 'POST', url: `https://claude.ai${p.path}`, headers: p.headers, body: p.body });
      recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: p.frame });
      recorder.record({ kind: 'sse.event', id: 'req-1', data: p.sseData });
      recorder.record({ kind: 'stdio.line', dir: 'stdout', text: p.line });
      const summary = recorder.finish();
      expect(leaks(written(sink, summary), p.secret)).toBe(false);
      expect(summary.complete).toBe(false);
      expect(summary.header.incomplete?.reason).toMatch(/^Recording stopped: event #\d/);
    },
  );
});
