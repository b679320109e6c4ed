import { afterEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { WORKER_HEARTBEAT_INTERVAL_S, WORKER_JWT_LIFETIME_S } from '../src/index';
import { api, resultFrame, SseClient, startServer, until, userFrame, WsClient, type ProbeAgent } from './helpers';
import { TestWorker, type WorkerStreamReader } from './worker-client';

let server: MockServer | undefined;
const open: { close(): void }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

function track<T extends { close(): void }>(value: T): T {
  open.push(value);
  return value;
}

const assistant = (text: string): Record<string, unknown> => ({
  type: 'assistant',
  message: { id: 'msg_worker', type: 'message', role: 'assistant', model: 'worker', content: [{ type: 'text', text }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
  parent_tool_use_id: null,
});
const delta = { type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'worker' } }, parent_tool_use_id: null };

async function setup(): Promise<{ agent: ProbeAgent; id: string; worker: TestWorker }> {
  const started = await startServer({ seed: 7 });
  server = started.server;
  const { id } = await server.admin.createSession({ surface: 'v1', title: 'worker' });
  return { agent: started.agent, id, worker: new TestWorker(server.url, id) };
}

const textOf = (frame: Record<string, unknown>): string => ((frame.message as { content: { text: string }[] }).content[0]!.text);

describe('worker API: an external worker attached over HTTP', () => {
  it('registers with /bridge, receives a v1 client message on its stream, and its answer reaches the v1 WebSocket', async () => {
    const { agent, id, worker } = await setup();
    const bridged = await worker.bridge();
    expect(bridged.status).toBe(200);
    expect(bridged.body).toMatchObject({ api_base_url: server!.url, expires_in: WORKER_JWT_LIFETIME_S, worker_epoch: 1 });
    const claims = JSON.parse(Buffer.from(worker.jwt.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number; iat: number; session_id: string };
    expect(claims).toMatchObject({ session_id: id, exp: claims.iat + WORKER_JWT_LIFETIME_S });
    expect(agent.stopped).toEqual([id]);
    expect((await worker.call('PUT', '/worker', { worker_status: 'idle', external_metadata: { task_summary: 'ready', pending_action: null } })).status).toBe(200);

    const stream = track(await worker.stream());
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const ws = track(await WsClient.open(`${server!.wsUrl}/v1/sessions/ws/${id}/subscribe`));
    const sse = track(await SseClient.open(`${server!.url}/v1/code/sessions/${id}/events/stream`));

    const posted = await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('hello worker')] });
    expect(posted.status).toBe(200);
    const received = await stream.waitFor((e) => e.data.payload.type === 'user', 'the user message on the worker stream');
    expect(received.data).toMatchObject({ event_type: 'user', source: 'client', sequence_num: Number(received.id) });
    expect(received.data.payload.message.content[0].text).toBe('hello worker');
    const eventId = received.data.event_id as string;

    await worker.call('POST', '/worker/events/delivery', { updates: [{ event_id: eventId, status: 'received' }, { event_id: eventId, status: 'processing' }] });
    await worker.call('PUT', '/worker', { worker_status: 'running' });
    expect((await api(server!, 'GET', `/v1/sessions/${id}`)).body.metadata.worker_status).toBe('running');
    const upload = await worker.call('POST', '/worker/events', { events: [{ payload: delta, ephemeral: true }, { payload: assistant('hello from the worker') }, { payload: resultFrame() }] });
    expect(upload).toMatchObject({ status: 200, body: { has_subscribers: true } });
    await worker.call('POST', '/worker/events/delivery', { updates: [{ event_id: eventId, status: 'processed' }] });
    await worker.call('PUT', '/worker', { worker_status: 'idle' });

    await ws.waitFor((f) => f.type === 'result', 'the worker result on the v1 socket');
    expect(ws.frames.map((f) => f.type)).toEqual(['user', 'stream_event', 'assistant', 'result']);
    expect(textOf(ws.ofType('assistant')[0]!)).toBe('hello from the worker');
    const listed = await api(server!, 'GET', `/v1/sessions/${id}/events`);
    expect(listed.body.data.map((e: { type: string }) => e.type)).toEqual(['user', 'assistant', 'result']);
    await sse.waitFor((e) => e.event === 'delivery_update' && e.data.status === 'DELIVERY_STATUS_PROCESSED', 'the processed ack');
    expect(sse.named('delivery_update').map((e) => [e.data.event_id, e.data.status])).toEqual([
      [eventId, 'DELIVERY_STATUS_RECEIVED'],
      [eventId, 'DELIVERY_STATUS_PROCESSING'],
      [eventId, 'DELIVERY_STATUS_PROCESSED'],
    ]);
    expect(sse.named('client_event').find((e) => e.data.event_type === 'assistant')?.data.source).toBe('worker');

    expect(agent.delivered.get(id)).toEqual([]);
    expect(server!.admin.session(id)).toMatchObject({ agent: 'worker', state: 'idle', worker: { epoch: 1, status: 'idle', connected: true, streams: 1 } });
    expect(await worker.call('GET', '/worker')).toMatchObject({ status: 200, body: { worker: { worker_status: 'idle', external_metadata: { task_summary: 'ready' } } } });
    const heartbeat = await worker.call('POST', '/worker/heartbeat', { session_id: id });
    expect(heartbeat).toMatchObject({ status: 200, body: { heartbeat_interval_seconds: WORKER_HEARTBEAT_INTERVAL_S } });
    expect((await worker.call('GET', `/worker/events/${eventId}`)).body).toMatchObject({ event_id: eventId, source: 'client', payload: { type: 'user' } });
  });

  it('a second /bridge supersedes the first: stale writes get 409 with x-ccr-conflict-reason, and the old stream ends', async () => {
    const { id, worker } = await setup();
    await worker.bridge();
    const oldStream = track(await worker.stream());
    const newer = new TestWorker(server!.url, id);
    expect((await newer.bridge()).body.worker_epoch).toBe(2);
    await expect.poll(() => oldStream.ended).toBe(true);

    const stale = await worker.call('PUT', '/worker', { worker_status: 'running' });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('x-ccr-conflict-reason')).toBe('superseded_by_worker');
    expect(stale.body.error).toMatchObject({ type: 'conflict_error', reason: 'superseded_by_worker', expected_epoch: 2, actual_epoch: 1 });
    expect(stale.body.error.message).toMatch(/worker_epoch 1 was superseded .* call \/bridge again/);
    expect((await worker.call('POST', '/worker/events', { events: [{ payload: assistant('ghost') }] })).status).toBe(409);
    expect((await api(server!, 'GET', `/v1/sessions/${id}/events`)).body.data).toEqual([]);
    expect((await newer.call('POST', '/worker/events', { events: [{ payload: assistant('current') }] })).status).toBe(200);

    const refused = await newer.bridge({ expected_epoch: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ expected_epoch: 1, actual_epoch: 2 });
  });

  it('resumes the worker stream from from_sequence_num or Last-Event-ID with only newer client events', async () => {
    const { id, worker } = await setup();
    await worker.bridge();
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('one'), userFrame('two'), userFrame('three')] });
    const all = track(await worker.stream());
    await all.waitFor((e) => e.data.payload.message.content[0].text === 'three', 'the backlog');
    const texts = (r: WorkerStreamReader) => r.events.map((e) => e.data.payload.message.content[0].text as string);
    expect(texts(all)).toEqual(['one', 'two', 'three']);
    const fromQuery = track(await worker.stream({ fromSequenceNum: Number(all.events[0]!.id) }));
    const fromHeader = track(await worker.stream({ lastEventId: all.events[1]!.id! }));
    await fromQuery.waitFor((e) => e.data.payload.message.content[0].text === 'three', 'resume by query');
    await fromHeader.waitFor((e) => e.data.payload.message.content[0].text === 'three', 'resume by header');
    expect(texts(fromQuery)).toEqual(['two', 'three']);
    expect(texts(fromHeader)).toEqual(['three']);
  });

  it('keeps the transcript lane (internal-events) across registrations: stored once, paged, anchored, split by subagent', async () => {
    const { id, worker } = await setup();
    await worker.bridge();
    const transcript = (uuid: string | undefined, text: string) => ({ type: 'transcript', ...(uuid === undefined ? {} : { uuid }), text });
    const first = await worker.call('POST', '/worker/internal-events', {
      events: [
        { payload: transcript('t-1', 'one') },
        { payload: transcript('t-2', 'two'), session_agent_id: 'agent-a' },
        { payload: transcript(undefined, 'three') },
        { payload: transcript('t-1', 'one again') },
      ],
    });
    expect(first.status).toBe(200);
    const results = first.body.results as { event_id: string; duplicate: boolean }[];
    expect(results.map((r) => r.duplicate)).toEqual([false, false, false, true]);
    expect(results[0]!.event_id).toBe('t-1');
    expect(results[2]!.event_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(results[3]!.event_id).toBe('t-1');

    // A later worker (the first one crashed) resumes from what the session kept.
    const next = new TestWorker(server!.url, id);
    await next.bridge();
    expect((await next.call('POST', '/worker/internal-events', { events: [{ payload: transcript('t-4', 'four'), is_compaction: true }] })).body.results).toEqual([{ event_id: 't-4', duplicate: false }]);
    const texts = (body: { data: { payload: { text: string } }[] }) => body.data.map((e) => e.payload.text);

    const main = await next.call('GET', '/worker/internal-events');
    expect(main.status).toBe(200);
    expect(texts(main.body)).toEqual(['one', 'three', 'four']);
    expect(main.body.next_cursor).toBeNull();
    expect(main.body.data[0]).toMatchObject({ event_id: 't-1', event_type: 'transcript', is_compaction: false });
    expect(main.body.data[2]).toMatchObject({ event_id: 't-4', is_compaction: true });
    expect(texts((await next.call('GET', '/worker/internal-events?subagents=true')).body)).toEqual(['one', 'two', 'three', 'four']);
    const agentA = await next.call('GET', '/worker/internal-events?session_agent_id=agent-a');
    expect(agentA.body.data).toEqual([expect.objectContaining({ event_id: 't-2', session_agent_id: 'agent-a' })]);

    const page1 = await next.call('GET', '/worker/internal-events?subagents=true&limit=3');
    expect(texts(page1.body)).toEqual(['one', 'two', 'three']);
    expect(typeof page1.body.next_cursor).toBe('string');
    const page2 = await next.call('GET', `/worker/internal-events?subagents=true&limit=3&cursor=${encodeURIComponent(page1.body.next_cursor as string)}`);
    expect(texts(page2.body)).toEqual(['four']);
    expect(page2.body.next_cursor).toBeNull();
    expect(texts((await next.call('GET', '/worker/internal-events?after_event_id=t-1')).body)).toEqual(['three', 'four']);

    const lostAnchor = await next.call('GET', '/worker/internal-events?after_event_id=t-999');
    expect(lostAnchor.status).toBe(404);
    expect(lostAnchor.body.error).toMatchObject({ reason: 'after_event_id_not_found' });
    expect(lostAnchor.body.error.message).toMatch(/t-999.*without after_event_id/);
    const badCursor = await next.call('GET', '/worker/internal-events?cursor=page-2');
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.message).toMatch(/query\.cursor/);
    expect((await next.call('GET', '/worker/internal-events?limit=0')).body.error.message).toMatch(/query\.limit/);
    const stale = await worker.call('POST', '/worker/internal-events', { events: [{ payload: transcript('t-5', 'ghost') }] });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('x-ccr-conflict-reason')).toBe('superseded_by_worker');
    expect(texts((await next.call('GET', '/worker/internal-events')).body)).toEqual(['one', 'three', 'four']);
  });

  it('the admin API probes the worker: a heartbeat_probe on its stream, and the worker\'s beat shows in the session info', async () => {
    const { id, worker } = await setup();
    const refused = await api(server!, 'POST', `/__admin/sessions/${id}/worker/probe`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/No worker is registered.*\/bridge/);
    await worker.bridge();
    const stream = track(await worker.stream());
    expect(stream.status).toBe(200);
    expect(server!.admin.session(id).worker?.lastHeartbeatAt).toBeUndefined();
    const probed = await api(server!, 'POST', `/__admin/sessions/${id}/worker/probe`);
    expect(probed).toMatchObject({ status: 200, body: { streams: 1 } });
    await until(() => (stream.ephemeral.length > 0 ? true : undefined), 'the probe on the worker stream');
    expect(stream.ephemeral).toEqual([{ event_type: 'heartbeat_probe' }]);
    expect(stream.events).toEqual([]);
    // The worker answers the probe with a beat, as a bridge worker does.
    expect((await worker.call('POST', '/worker/heartbeat', { session_id: id, supports_heartbeat_probe: true })).status).toBe(200);
    expect(server!.admin.session(id).worker?.lastHeartbeatAt).toEqual(expect.any(String));
    expect(server!.admin.probeWorker(id)).toBe(1);
  });

  it('refuses bad worker calls with clear errors', async () => {
    const { id, worker } = await setup();
    const early = await worker.call('PUT', '/worker', { worker_epoch: 1, worker_status: 'idle' });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain(`call POST /v1/code/sessions/${id}/bridge first`);
    expect((await worker.stream()).status).toBe(409);

    await worker.bridge();
    const noEpoch = await worker.call('PUT', '/worker', { worker_epoch: 'one' });
    expect(noEpoch.status).toBe(400);
    expect(noEpoch.body.error.message).toMatch(/body\.worker_epoch/);
    const unknownAck = await worker.call('POST', '/worker/events/delivery', { updates: [{ event_id: 'nope', status: 'received' }] });
    expect(unknownAck.status).toBe(400);
    expect(unknownAck.body.error.message).toMatch(/body\.updates\[0\]\.event_id: nope is not a client event/);
    const otherSession = await worker.call('POST', '/worker/heartbeat', { session_id: 'cse_other' });
    expect(otherSession.body.error.message).toMatch(/body\.session_id: cse_other does not match/);

    await api(server!, 'POST', `/v1/sessions/${id}/archive`);
    const archived = await worker.call('POST', '/worker/events', { events: [{ payload: assistant('late') }] });
    expect(archived.status).toBe(409);
    expect(archived.headers.get('x-ccr-conflict-reason')).toBe('session_not_active');
  });

  it('strict auth: /bridge takes the OAuth token, /worker… the worker JWT of that session', async () => {
    const started = await startServer({ auth: 'strict' });
    server = started.server;
    const oauth = { authorization: `Bearer ${server.credentials.accessToken}` };
    const a = await server.admin.createSession({ surface: 'v2' });
    const b = await server.admin.createSession({ surface: 'v2' });
    expect((await new TestWorker(server.url, a.id).bridge()).status).toBe(401);
    const workerA = new TestWorker(server.url, a.id, oauth);
    const workerB = new TestWorker(server.url, b.id, oauth);
    expect((await workerA.bridge()).status).toBe(200);
    expect((await workerB.bridge()).status).toBe(200);
    expect((await workerA.call('PUT', '/worker', { worker_status: 'idle' })).status).toBe(200);
    expect(track(await workerA.stream()).status).toBe(200);

    workerA.jwt = workerB.jwt;
    const crossed = await workerA.call('PUT', '/worker', { worker_status: 'idle' });
    expect(crossed.status).toBe(401);
    expect(crossed.body.error.message).toMatch(`issued for session ${b.id}, not ${a.id}`);
    workerA.jwt = `${workerB.jwt.slice(0, -4)}AAAA`;
    expect((await workerA.call('PUT', '/worker', { worker_status: 'idle' })).body.error.message).toMatch(/signature is invalid/);
  });
});
