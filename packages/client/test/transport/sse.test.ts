import { describe, expect, it } from 'vitest';
import { SseTransport } from '../../src/transport/sse';
import type { TransportCloseInfo, TransportMessage } from '../../src/transport/types';

function streamOf(chunks: string[]): { body: ReadableStream<Uint8Array>; push: (s: string) => void; end: () => void } {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const encoder = new TextEncoder();
  for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
  return { body, push: (s) => controller.enqueue(encoder.encode(s)), end: () => controller.close() };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('SseTransport (v2 event stream)', () => {
  it('sends Last-Event-ID, maps client_event / ephemeral_event / delivery_update / catch_up_truncated, posts frames', async () => {
    const stream = streamOf([': keep-alive\n\n', 'event: client_event\nid: 7\ndata: {"event_id":"e7","sequence_num":7,"event_type":"assistant",', '"payload":{"type":"assistant","uuid":"u7"},"source":"worker"}\n\n']);
    const requests: { url: string; headers: Record<string, string> }[] = [];
    const fetch = (async (url: string, init: RequestInit) => {
      requests.push({ url, headers: init.headers as Record<string, string> });
      return new Response(stream.body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    }) as unknown as typeof globalThis.fetch;
    const posted: unknown[] = [];
    const transport = new SseTransport({ url: 'http://h/v1/code/sessions/cse_1/events/stream', headers: { authorization: 'Bearer t' }, lastEventId: 6, fetch, post: async (f) => void posted.push(f) });
    const messages: TransportMessage[] = [];
    const closes: TransportCloseInfo[] = [];
    transport.onmessage = (m) => messages.push(m);
    transport.onclose = (i) => closes.push(i);
    await transport.start();
    expect(requests[0]!.headers).toMatchObject({ authorization: 'Bearer t', accept: 'text/event-stream', 'last-event-id': '6' });
    stream.push('event: ephemeral_event\ndata: {"event_type":"stream_event","payload":{"type":"stream_event","event":{"type":"message_stop"}}}\n\n');
    stream.push('event: delivery_update\ndata: {"event_id":"e1","status":"DELIVERY_STATUS_PROCESSED"}\n\n');
    stream.push('event: catch_up_truncated\ndata: {"requested_after_sequence_num":6}\n\n');
    await tick();
    expect(messages).toEqual([
      { kind: 'frame', frame: { type: 'assistant', uuid: 'u7' }, sequenceNum: 7, eventId: 'e7', source: 'worker' },
      { kind: 'frame', frame: { type: 'stream_event', event: { type: 'message_stop' } } },
      { kind: 'delivery_update', update: { event_id: 'e1', status: 'DELIVERY_STATUS_PROCESSED' } },
      { kind: 'catch_up_truncated', data: { requested_after_sequence_num: 6 } },
    ]);
    await transport.send({ type: 'keep_alive' });
    expect(posted).toEqual([{ type: 'keep_alive' }]);
    stream.end();
    await tick();
    expect(closes).toEqual([{ reason: 'event stream ended' }]);
    await expect(transport.send({ type: 'keep_alive' })).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('drops malformed events with a reason and keeps reading', async () => {
    const stream = streamOf(['event: client_event\ndata: {oops\n\n', 'event: client_event\ndata: {"event_id":"e"}\n\n', 'event: client_event\ndata: {"event_id":"e1","sequence_num":1,"event_type":"user","payload":{"type":"user"}}\n\n']);
    const fetch = (async () => new Response(stream.body, { status: 200 })) as unknown as typeof globalThis.fetch;
    const transport = new SseTransport({ url: 'http://h/s', fetch, post: async () => undefined });
    const messages: TransportMessage[] = [];
    const errors: Error[] = [];
    transport.onmessage = (m) => messages.push(m);
    transport.onerror = (e) => errors.push(e);
    await transport.start();
    await tick();
    expect(messages).toHaveLength(1);
    expect(errors.map((e) => e.message)).toEqual([
      'Dropped an SSE client_event whose data is not JSON.',
      'Dropped an SSE client_event whose data does not match the contract (got an object).',
    ]);
    await transport.close();
  });

  it('fails start with an HttpError on a refused stream', async () => {
    const fetch = (async () => new Response('{"type":"error","error":{"type":"authentication_error","message":"bad token"}}', { status: 401 })) as unknown as typeof globalThis.fetch;
    const transport = new SseTransport({ url: 'http://h/s', fetch, post: async () => undefined });
    await expect(transport.start()).rejects.toMatchObject({ status: 401, message: expect.stringMatching(/authentication_error: bad token/) });
  });
});
