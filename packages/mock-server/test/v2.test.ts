import { VirtualClock } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { api, SseClient, startServer, until, userFrame, WsClient } from './helpers';

let server: MockServer | undefined;
const clients: { close(): void }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

async function setup(options: Parameters<typeof startServer>[0] = {}) {
  const started = await startServer(options);
  server = started.server;
  const created = await api(server, 'POST', '/v1/code/sessions', { title: 'code', bridge: {}, config: { cwd: '/tmp' } });
  expect(created.status).toBe(201);
  return { ...started, id: created.body.session.id as string };
}

async function stream(id: string, lastEventId?: number): Promise<SseClient> {
  const client = await SseClient.open(
    `${server!.url}/v1/code/sessions/${id}/events/stream`,
    lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) },
  );
  clients.push(client);
  return client;
}

function post(id: string, ...frames: Record<string, unknown>[]) {
  return api(server!, 'POST', `/v1/code/sessions/${id}/events`, { session_id: id, events: frames.map((payload) => ({ payload })) });
}

describe('v2 code sessions over SSE', () => {
  it('streams durable events with dense sequence numbers as SSE ids, client echoes marked source client', async () => {
    const { id } = await setup();
    expect(id).toMatch(/^cse_01/);
    const sse = await stream(id);
    const posted = await post(id, userFrame('hi', 'u-1'));
    expect(posted.body.data).toEqual([{ event_id: 'u-1', sequence_num: 1 }]);
    await sse.waitFor((e) => e.event === 'client_event' && e.data.event_type === 'result', 'result');
    const durable = sse.named('client_event');
    expect(durable.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(durable.map((e) => [e.data.sequence_num, e.data.event_type, e.data.source])).toEqual([
      [1, 'user', 'client'],
      [2, 'assistant', 'worker'],
      [3, 'result', 'worker'],
    ]);
    expect(durable[0]!.data).toMatchObject({ event_id: 'u-1', payload: { type: 'user', uuid: 'u-1', session_id: id } });
    expect(typeof durable[1]!.data.created_at).toBe('string');
  });

  it('reports delivery of a user message: received, processing, processed', async () => {
    const { id } = await setup();
    const sse = await stream(id);
    await post(id, userFrame('hi', 'u-1'));
    await sse.waitFor((e) => e.event === 'delivery_update' && e.data.status === 'DELIVERY_STATUS_PROCESSED', 'processed');
    expect(sse.named('delivery_update').map((e) => [e.data.event_id, e.data.status])).toEqual([
      ['u-1', 'DELIVERY_STATUS_RECEIVED'],
      ['u-1', 'DELIVERY_STATUS_PROCESSING'],
      ['u-1', 'DELIVERY_STATUS_PROCESSED'],
    ]);
    expect(sse.named('delivery_update').every((e) => e.id === undefined)).toBe(true);
  });

  it('resumes from Last-Event-ID with every event exactly once', async () => {
    const { id } = await setup();
    const first = await stream(id);
    await post(id, userFrame('one'));
    await first.waitFor((e) => e.data.event_type === 'result', 'first result');
    const last = Number(first.named('client_event').at(-1)!.id);
    first.close();
    await post(id, userFrame('two'));
    const resumed = await stream(id, last);
    await post(id, userFrame('three'));
    await until(() => (resumed.named('client_event').filter((e) => e.data.event_type === 'result').length === 2 ? true : undefined), 'two results');
    const seqs = [...first.named('client_event'), ...resumed.named('client_event')].map((e) => e.data.sequence_num);
    expect(seqs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('says catch_up_truncated when the cursor points into trimmed history, then replays what is kept', async () => {
    const { id } = await setup({ historyLimit: 4 });
    await post(id, userFrame('one'));
    await post(id, userFrame('two'));
    const sse = await stream(id, 1);
    await sse.waitFor((e) => e.event === 'client_event', 'replay');
    expect(sse.events[0]).toMatchObject({ event: 'catch_up_truncated', data: { requested_after_sequence_num: 1, oldest_available_sequence_num: 3 } });
    expect(sse.named('client_event').map((e) => e.data.sequence_num)).toEqual([3, 4, 5, 6]);
    const fresh = await stream(id, 4);
    await fresh.waitFor((e) => e.event === 'client_event', 'replay after 4');
    expect(fresh.named('catch_up_truncated')).toEqual([]);
    const listed = await api(server!, 'GET', `/v1/code/sessions/${id}/events?after_sequence_num=0&limit=3`);
    expect(listed.body.data.map((e: { sequence_num: number }) => e.sequence_num)).toEqual([3, 4, 5]);
    expect(listed.body.has_more).toBe(true);
  });

  it('sends stream_event frames as unsequenced ephemeral events that are not stored', async () => {
    const { id, agent } = await setup();
    const sse = await stream(id);
    const ws = await WsClient.open(`${server!.wsUrl}/v1/sessions/ws/${id}/subscribe`);
    clients.push(ws);
    await until(() => (server!.admin.subscribers(id).length === 2 ? true : undefined), 'two subscribers');
    agent.contexts.get(id)!.emit({ type: 'stream_event', event: { type: 'message_start', message: {} }, parent_tool_use_id: null });
    const eph = await sse.waitFor((e) => e.event === 'ephemeral_event', 'ephemeral');
    expect(eph.id).toBeUndefined();
    expect(eph.data).toMatchObject({ event_type: 'stream_event', payload: { type: 'stream_event', session_id: id } });
    await ws.waitFor((f) => f.type === 'stream_event', 'stream_event over ws');
    expect((await api(server!, 'GET', `/v1/code/sessions/${id}/events`)).body.data).toEqual([]);
  });

  it('keeps the stream alive with comments on the injected clock', async () => {
    const clock = new VirtualClock();
    const { id } = await setup({ clock });
    const sse = await stream(id);
    await until(() => (server!.admin.subscribers(id).length === 1 ? true : undefined), 'subscriber');
    await server!.admin.advanceClock(15_000);
    await until(() => (sse.comments.length === 1 ? true : undefined), 'keep-alive comment');
    expect(sse.comments).toEqual(['keep-alive']);
  });

  it('treats a retried POST with the same uuid as one event', async () => {
    const { id, agent } = await setup();
    await post(id, userFrame('once', 'same'));
    const again = await post(id, userFrame('once', 'same'));
    expect(again.body.data).toEqual([{ event_id: 'same', sequence_num: 1 }]);
    expect(agent.delivered.get(id)!.length).toBe(1);
  });
});
