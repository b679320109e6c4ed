import { InMemoryTransport, Session, WebSocketTransport, type SessionMessage, type WebSocketConstructor } from '@ccr-kit/client';
import { createMockServer } from '@ccr-kit/mock-server';
import type { TapeEvent } from '@ccr-kit/protocol-types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { WebSocket } from '../src/internal/ws';
import { recordTransport, tapeFrames } from '../src/index';
import { fake, memoryRecorder } from './fixtures';
import { until } from './proxy/clients';

describe('recordTransport', () => {
  it('records what a transport sends and receives, and hands both on unchanged', async () => {
    const tape = memoryRecorder();
    const [client, service] = InMemoryTransport.createLinkedPair();
    const recorded = recordTransport(client, tape.recorder, { id: 'mem-1', url: 'memory://session' });
    expectTypeOf(recorded).toEqualTypeOf<InMemoryTransport>();
    expect(recorded).toBe(client);
    const got: unknown[] = [];
    const closes: unknown[] = [];
    recorded.onmessage = (message) => got.push(message);
    recorded.onclose = (info) => closes.push(info);
    const atService: unknown[] = [];
    service.onmessage = (message) => atService.push(message);
    await Promise.all([recorded.start(), service.start()]);
    await recorded.send({ type: 'user', message: { role: 'user', content: `my key is ${fake.apiKey()}` } });
    await service.send({ type: 'assistant', message: { content: [] } });
    await recorded.close();
    await until(() => closes.length === 1, 'the close');

    expect(atService).toEqual([{ kind: 'frame', frame: { type: 'user', message: { role: 'user', content: `my key is ${fake.apiKey()}` } } }]);
    expect(got).toEqual([{ kind: 'frame', frame: { type: 'assistant', message: { content: [] } } }]);
    expect(tape.events()).toEqual([
      { t: expect.any(Number), kind: 'ws.open', id: 'mem-1', url: 'memory://session' },
      { t: expect.any(Number), kind: 'ws.frame', id: 'mem-1', dir: 'to-server', text: '{"type":"user","message":{"role":"user","content":"my key is redacted-token-1"}}\n' },
      { t: expect.any(Number), kind: 'ws.frame', id: 'mem-1', dir: 'to-client', text: '{"type":"assistant","message":{"content":[]}}\n' },
      { t: expect.any(Number), kind: 'ws.close', id: 'mem-1', code: expect.any(Number), reason: expect.any(String) },
    ]);
  });

  it("as: 'sse' records the stream as SSE envelopes and each send as a POST of {events: [{payload}]}", async () => {
    const tape = memoryRecorder();
    const [client, service] = InMemoryTransport.createLinkedPair();
    recordTransport(client, tape.recorder, { id: 'v2', url: 'https://h/v1/code/sessions/cse_9/events/stream', as: 'sse' });
    await Promise.all([client.start(), service.start()]);
    await client.send({ type: 'user', uuid: 'u1' });
    client.onmessage?.({ kind: 'frame', frame: { type: 'result', subtype: 'success' }, sequenceNum: 4, eventId: 'e4', source: 'worker' });
    client.onmessage?.({ kind: 'delivery_update', update: { event_id: 'u1', status: 'DELIVERY_STATUS_PROCESSED' } });
    const events = tape.events();
    expect(events.map((e) => e.kind)).toEqual(['http.request', 'http.request', 'sse.event', 'sse.event']);
    expect(events[1]).toMatchObject({ method: 'POST', url: 'https://h/v1/code/sessions/cse_9/events', body: '{"events":[{"payload":{"type":"user","uuid":"u1"}}]}' });
    expect(events[2]).toMatchObject({ event: 'client_event', lastEventId: '4', data: '{"event_id":"e4","sequence_num":4,"source":"worker","payload":{"type":"result","subtype":"success"}}' });
    expect(tapeFrames(events).map((f) => [f.dir, f.frame])).toEqual([
      ['to-server', { type: 'user', uuid: 'u1' }],
      ['to-client', { type: 'result', subtype: 'success' }],
      ['to-client', { event_id: 'u1', status: 'DELIVERY_STATUS_PROCESSED' }],
    ]);
  });

  it('wraps the WebSocket transport of a client Session talking to the mock server', async () => {
    const server = await createMockServer({});
    try {
      const created = await server.admin.createSession({ surface: 'v1' });
      const tape = memoryRecorder();
      const url = `${server.wsUrl}/v1/sessions/ws/${created.id}/subscribe`;
      const frames: SessionMessage[] = [];
      let results = 0;
      const session = new Session({
        sessionId: created.id,
        transport: () => recordTransport(new WebSocketTransport({ url, WebSocket: WebSocket as unknown as WebSocketConstructor }), tape.recorder, { url }),
        onFrame: (f) => frames.push(f),
        onResult: () => (results += 1),
      });
      await session.connect();
      await session.sendMessage('hello');
      await until(() => results === 1, 'the result');
      session.disconnect();
      await until(() => tape.events().some((e) => e.kind === 'ws.close'), 'the close');
      const received = frames.map((f) => ('raw' in f ? f.raw : f));
      const onTape = tapeFrames(tape.events()).filter((f) => f.dir === 'to-client').map((f) => f.frame);
      for (const frame of received) expect(onTape).toContainEqual(frame);
      const sent = tape.events().filter((e): e is Extract<TapeEvent, { kind: 'ws.frame' }> => e.kind === 'ws.frame' && e.dir === 'to-server');
      expect(sent.map((e) => (JSON.parse(e.text) as { type: string }).type)).toEqual(expect.arrayContaining(['control_request', 'user']));
    } finally {
      await server.close();
    }
  });
});
