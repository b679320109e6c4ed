import type { TapeEvent, TapeHeader } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { RecorderError, harToTapeEvents, importHar, normalizeTapeEvents, tapeToHar, type MemoryTapeSink } from '../../src/index';
import { fake, parseTapeText } from '../fixtures';

const header: TapeHeader = {
  kind: 'header',
  format: 'ccr-tape',
  version: 1,
  capture: 'proxy',
  tool: { name: 'test', version: '0' },
  started_at: '2026-02-03T04:05:06.000Z',
  redaction: { rules: [], counts: {}, complete: true },
};

const session = '/v1/code/sessions/cse_01HAR';
const events: TapeEvent[] = [
  { t: 0, kind: 'http.request', id: 'req-1', method: 'POST', url: `http://127.0.0.1:9/v1/sessions`, headers: { 'content-type': 'application/json' }, body: '{"title":"x"}' },
  { t: 7, kind: 'http.response', id: 'req-1', status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"cse_01HAR"}' },
  { t: 10, kind: 'http.request', id: 'req-2', method: 'GET', url: `http://127.0.0.1:9${session}/events/stream`, headers: { accept: 'text/event-stream' } },
  { t: 12, kind: 'http.response', id: 'req-2', status: 200, headers: { 'content-type': 'text/event-stream' } },
  { t: 15.5, kind: 'sse.event', id: 'req-2', event: 'client_event', data: '{"sequence_num":1,"payload":{"type":"user"}}', lastEventId: '1' },
  { t: 20, kind: 'sse.event', id: 'req-2', event: 'client_event', data: '{"sequence_num":2,"payload":{"type":"result"}}', lastEventId: '2' },
  { t: 30, kind: 'ws.open', id: 'ws-1', url: 'ws://127.0.0.1:9/v1/sessions/ws/cse_01HAR/subscribe', headers: { 'sec-websocket-version': '13' } },
  { t: 31, kind: 'ws.frame', id: 'ws-1', dir: 'to-server', text: '{"type":"control_request","request_id":"r1","request":{"subtype":"initialize"}}\n' },
  { t: 33.25, kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: '{"type":"keep_alive"}\n' },
  { t: 40, kind: 'ws.close', id: 'ws-1', code: 4001, reason: 'session ended' },
  { t: 41, kind: 'http.response', id: 'nobody', status: 200, headers: {} },
  { t: 42, kind: 'stdio.line', dir: 'stdout', text: '{"type":"x"}' },
];

describe('HAR export and import', () => {
  it('round-trips a tape through HAR: every HTTP, SSE and WebSocket event comes back with its time', () => {
    const { har, skipped } = tapeToHar(header, events);
    expect(skipped).toBe(2);
    expect(har.log.entries.map((e) => [e.request.method, e.response.status, e._resourceType ?? 'http'])).toEqual([
      ['POST', 201, 'http'],
      ['GET', 200, 'http'],
      ['GET', 101, 'websocket'],
    ]);
    expect(har.log.entries[1]?.response.content.text).toBe(
      'event: client_event\nid: 1\ndata: {"sequence_num":1,"payload":{"type":"user"}}\n\nevent: client_event\nid: 2\ndata: {"sequence_num":2,"payload":{"type":"result"}}\n\n',
    );
    const back = harToTapeEvents(JSON.parse(JSON.stringify(har)));
    expect(back.startedAt).toBe(Date.parse(header.started_at));
    const kept = events.slice(0, 10);
    expect(back.events.map((e) => e.t)).toEqual(kept.map((e) => e.t));
    expect(normalizeTapeEvents(back.events as TapeEvent[])).toEqual(normalizeTapeEvents(kept));
  });

  it('imports a Chrome DevTools HAR: HTTP/2 pseudo-headers dropped, frames from _webSocketMessages, SSE bodies decoded, secrets redacted', () => {
    const started = Date.parse('2026-05-06T07:08:09.000Z');
    const cookie = `sessionKey=${fake.sessionKey()}; lastActiveOrg=${fake.uuid(2)}`;
    const chromeHar = {
      log: {
        version: '1.2',
        creator: { name: 'WebInspector', version: '537.36' },
        pages: [],
        entries: [
          {
            startedDateTime: new Date(started).toISOString(),
            time: 80,
            request: {
              method: 'GET',
              url: `https://claude.ai/v1/sessions?organization_uuid=${fake.uuid(2)}`,
              httpVersion: 'http/2.0',
              headers: [
                { name: ':authority', value: 'claude.ai' },
                { name: 'cookie', value: cookie },
                { name: 'anthropic-version', value: '2023-06-01' },
              ],
              queryString: [],
              cookies: [{ name: 'sessionKey', value: fake.sessionKey() }],
            },
            response: {
              status: 200,
              statusText: '',
              headers: [{ name: 'content-type', value: 'application/json' }],
              content: { size: 10, mimeType: 'application/json', text: Buffer.from('{"data":[],"email":"me@corp.example"}').toString('base64'), encoding: 'base64' },
            },
            timings: { send: 0, wait: 70, receive: 10 },
            _resourceType: 'fetch',
          },
          {
            startedDateTime: new Date(started + 100).toISOString(),
            time: 0,
            request: { method: 'GET', url: 'https://claude.ai/api/x/events/stream', headers: [] },
            response: { status: 200, headers: [], content: { mimeType: 'text/event-stream', text: 'event: client_event\nid: 4\ndata: {"payload":{"type":"user"}}\n\n' } },
            timings: { wait: 5 },
          },
          {
            startedDateTime: new Date(started + 200).toISOString(),
            time: 1,
            request: { method: 'GET', url: 'https://claude.ai/favicon.ico', headers: [] },
            response: { status: 0, headers: [], content: {} },
          },
          {
            startedDateTime: new Date(started + 300).toISOString(),
            time: 0,
            request: { method: 'GET', url: 'wss://claude.ai/v1/sessions/ws/cse_9/subscribe', headers: [{ name: 'Cookie', value: cookie }] },
            response: { status: 101, headers: [], content: {} },
            _resourceType: 'websocket',
            _webSocketMessages: [
              { type: 'send', time: (started + 310) / 1000, opcode: 1, data: '{"type":"auth","credential":{"type":"oauth","token":"' + fake.oauth() + '"}}' },
              { type: 'receive', time: (started + 320) / 1000, opcode: 2, data: 'AAEC' },
              { type: 'receive', time: (started + 330) / 1000, opcode: 1, data: '{"type":"keep_alive"}\n' },
            ],
          },
        ],
      },
    };
    const result = importHar(chromeHar, { redaction: { env: false } });
    const text = (result.sink as MemoryTapeSink).text();
    for (const secret of [fake.sessionKey(), fake.uuid(2), fake.oauth(), 'me@corp.example']) expect(text).not.toContain(secret);
    const tape = parseTapeText(text);
    expect(tape.header).toMatchObject({ capture: 'har', started_at: '2026-05-06T07:08:09.000Z', redaction: { complete: true } });
    expect(tape.events.map((e) => `${e.t} ${e.kind}`)).toEqual([
      '0 http.request',
      '80 http.response',
      '100 http.request',
      '105 http.response',
      '105 sse.event',
      '200 http.request',
      '300 ws.open',
      '310 ws.frame',
      '330 ws.frame',
    ]);
    const first = tape.events[0] as Extract<TapeEvent, { kind: 'http.request' }>;
    expect(first.headers).toEqual({ cookie: 'sessionKey=redacted-cookie-1; lastActiveOrg=00000000-0000-4000-8000-000000000001', 'anthropic-version': '2023-06-01' });
    expect(first.url).toBe('https://claude.ai/v1/sessions?organization_uuid=00000000-0000-4000-8000-000000000001');
    const body = tape.events.find((e) => e.kind === 'http.response' && e.id === 'req-1') as Extract<TapeEvent, { kind: 'http.response' }>;
    expect(Buffer.from(body.body ?? '', 'base64').toString('utf8')).toBe('{"data":[],"email":"redacted-1@example.com"}');
    const auth = tape.events.find((e) => e.kind === 'ws.frame' && e.dir === 'to-server') as Extract<TapeEvent, { kind: 'ws.frame' }>;
    expect(JSON.parse(auth.text)).toEqual({ type: 'auth', credential: { type: 'oauth', token: 'redacted-token-1' } });
  });

  it('names the first bad field of a broken HAR', () => {
    expect(() => harToTapeEvents({ log: { entries: [{ startedDateTime: 'yesterday', request: {} }] } })).toThrow(
      /log\.entries\[0\]\.startedDateTime should be an ISO date/,
    );
    expect(() => harToTapeEvents([])).toThrow(RecorderError);
  });
});

describe('HAR import skips only the entry it cannot redact', () => {
  it('an entry that still holds a secret after redaction is left out and named; the entries after it are imported', () => {
    const secret = `cfg-${'Zq7'.repeat(8)}`;
    const entry = (i: number, method = 'GET') => ({
      startedDateTime: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      time: 5,
      request: { method, url: `https://claude.ai/v1/sessions/s${i}`, headers: [], httpVersion: 'HTTP/1.1', cookies: [], queryString: [], headersSize: -1, bodySize: 0 },
      response: { status: 200, statusText: 'OK', headers: [{ name: 'content-type', value: 'application/json' }], content: { size: 2, mimeType: 'application/json', text: `{"n":${i}}` }, httpVersion: 'HTTP/1.1', cookies: [], redirectURL: '', headersSize: -1, bodySize: 2 },
      cache: {},
      timings: { send: 0, wait: 5, receive: 0 },
    });
    // The secret as the request *method*: no rule rewrites it, so only the leak scan can see it.
    const har = { log: { version: '1.2', creator: { name: 't', version: '0' }, entries: [entry(1), entry(2, secret), entry(3), entry(4)] } };
    const result = importHar(har, { redaction: { env: false, secrets: [secret] } });
    const text = (result.sink as MemoryTapeSink).text();
    expect(text).not.toContain(secret);
    expect(result.skippedEntries).toEqual([{ entry: 'log.entries[1]', url: 'https://claude.ai/v1/sessions/s2', what: 'the value of configured secret #1', field: expect.any(String) }]);
    const tape = parseTapeText(text);
    expect(tape.events.filter((e) => e.kind === 'http.response').map((e) => (e as { body?: string }).body)).toEqual(['{"n":1}', '{"n":3}', '{"n":4}']);
    expect(tape.header?.incomplete?.reason).toMatch(/1 event\(s\) could not be redacted and were left out/);
    expect(result.complete).toBe(false);
  });
});
