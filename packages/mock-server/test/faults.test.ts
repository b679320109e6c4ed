import { VirtualClock } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import type { Faults, MockServer } from '../src/index';
import { api, SseClient, startServer, until, WsClient } from './helpers';

let server: MockServer | undefined;
const clients: { close(): void }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

const tick = () => new Promise((r) => setTimeout(r, 20));

async function setup(faults?: Faults) {
  const clock = new VirtualClock(0);
  const started = await startServer({ clock });
  server = started.server;
  const { id } = await server.admin.createSession({ title: 'faults' });
  if (faults !== undefined) server.admin.setFaults(faults, id);
  return { id, clock };
}

async function ws(id: string): Promise<WsClient> {
  const client = await WsClient.open(`${server!.wsUrl}/v1/sessions/ws/${id}/subscribe`);
  clients.push(client);
  await until(() => (server!.admin.subscribers(id).some((s) => s.transport === 'ws') ? true : undefined), 'subscribed');
  return client;
}

async function sse(id: string): Promise<SseClient> {
  const client = await SseClient.open(`${server!.url}/v1/code/sessions/${id}/events/stream`);
  clients.push(client);
  return client;
}

async function emit(id: string, n: number): Promise<void> {
  for (let i = 1; i <= n; i++) await server!.admin.inject(id, { type: 'system', subtype: 'status', status: null, n: i });
}

describe('fault injection', () => {
  it('drops the socket after N frames without a close frame; the log keeps everything', async () => {
    const { id } = await setup({ dropAfterFrames: 2 });
    const client = await ws(id);
    const stream = await sse(id);
    await emit(id, 5);
    expect((await client.waitClosed()).code).toBe(1006);
    expect(client.frames.map((f) => f.n)).toEqual([1, 2]);
    await until(() => (stream.ended ? true : undefined), 'sse cut');
    expect(stream.named('client_event').length).toBe(2);
    expect(server!.admin.session(id).lastSeq).toBe(5);
  });

  it('closes with a chosen code after N frames', async () => {
    const { id } = await setup({ close: { code: 4001, reason: 'go away', afterFrames: 1 } });
    const client = await ws(id);
    await emit(id, 3);
    expect(await client.waitClosed()).toEqual({ code: 4001, reason: 'go away' });
    expect(client.frames.map((f) => f.n)).toEqual([1]);
  });

  it('closes subscribers on demand with a code', async () => {
    const { id } = await setup();
    const client = await ws(id);
    expect(server!.admin.disconnect(id, { code: 4003, reason: 'bye' })).toBe(1);
    expect(await client.waitClosed()).toEqual({ code: 4003, reason: 'bye' });
  });

  it('delays frames on the server clock', async () => {
    const { id } = await setup({ delayMs: 1000 });
    const client = await ws(id);
    await emit(id, 1);
    await tick();
    await server!.admin.advanceClock(999);
    await tick();
    expect(client.frames).toEqual([]);
    await server!.admin.advanceClock(1);
    await client.waitFor((f) => f.n === 1, 'delayed frame');
  });

  it('duplicates frames', async () => {
    const { id } = await setup({ duplicateFrames: true });
    const client = await ws(id);
    await emit(id, 2);
    await until(() => (client.frames.length === 4 ? true : undefined), 'four frames');
    expect(client.frames.map((f) => f.n)).toEqual([1, 1, 2, 2]);
  });

  it('splits each NDJSON line across several WebSocket messages', async () => {
    const { id } = await setup({ splitLines: 3 });
    const client = await ws(id);
    await emit(id, 2);
    await until(() => (client.frames.length === 2 ? true : undefined), 'two frames');
    expect(client.messages.length).toBe(6);
    expect(client.messages.filter((m) => m.endsWith('\n')).length).toBe(2);
  });

  it('packs several lines into one WebSocket message, flushing a partial pack on the clock', async () => {
    const { id } = await setup({ packLines: 3, packWaitMs: 50 });
    const client = await ws(id);
    for (let i = 1; i <= 4; i++) {
      await server!.admin.inject(id, { type: 'system', subtype: 'status', status: null, n: i });
      await tick();
    }
    await until(() => (client.frames.length === 3 ? true : undefined), 'first pack');
    expect(client.messages).toHaveLength(1);
    expect(client.messages[0]!.split('\n').filter(Boolean)).toHaveLength(3);
    await server!.admin.advanceClock(50);
    await until(() => (client.frames.length === 4 ? true : undefined), 'partial pack');
    expect(client.messages).toHaveLength(2);
  });

  it('answers the next N requests with 429 and Retry-After, then serves again', async () => {
    const { id } = await setup();
    server!.admin.setFaults({ httpError: { status: 429, count: 2, retryAfterSeconds: 3 } });
    for (let i = 0; i < 2; i++) {
      const res = await api(server!, 'GET', `/v1/sessions/${id}`);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(res.body.error.type).toBe('rate_limit_error');
    }
    expect((await api(server!, 'GET', `/v1/sessions/${id}`)).status).toBe(200);
  });

  it('fails one session’s requests (REST, SSE and WebSocket upgrade) with 5xx, not the others', async () => {
    const { id } = await setup({ httpError: { status: 503, count: 3 } });
    const other = await server!.admin.createSession({ title: 'other' });
    expect((await api(server!, 'GET', `/v1/sessions/${other.id}`)).status).toBe(200);
    expect((await api(server!, 'GET', `/v1/sessions/${id}/events`)).status).toBe(503);
    expect((await SseClient.open(`${server!.url}/v1/code/sessions/${id}/events/stream`)).status).toBe(503);
    await expect(WsClient.open(`${server!.wsUrl}/v1/sessions/ws/${id}/subscribe`)).rejects.toThrow(/503/);
    expect((await api(server!, 'GET', `/v1/sessions/${id}/events`)).status).toBe(200);
  });

  it('dribbles a stream a few bytes at a time on the server clock', async () => {
    const { id } = await setup({ dribble: { bytes: 16, intervalMs: 100 } });
    const stream = await sse(id);
    await emit(id, 1);
    await tick();
    expect(stream.named('client_event')).toEqual([]);
    for (let i = 0; i < 40 && stream.named('client_event').length === 0; i++) {
      await server!.admin.advanceClock(100);
      await tick();
    }
    expect(stream.named('client_event').map((e) => e.data.payload.n)).toEqual([1]);
  });

  it('refuses invalid fault settings with the field path', async () => {
    const { id } = await setup();
    const res = await api(server!, 'PUT', '/__admin/faults', { faults: { splitLines: 1 }, session_id: id });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/faults\.splitLines/);
  });
});
