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
  const a = (await server.admin.createSession({ title: 'a' })).id;
  const b = (await server.admin.createSession({ title: 'b' })).id;
  await api(server, 'POST', `/v1/sessions/${a}/events`, { events: [userFrame('before')] });
  return { ...started, a, b };
}

async function ws(id: string): Promise<WsClient> {
  const client = await WsClient.open(`${server!.wsUrl}/v1/sessions/ws/${id}/subscribe`);
  clients.push(client);
  return client;
}

/** The other session is still served and the first session's log still starts with what it had. */
async function stillServing(a: string, b: string): Promise<void> {
  const other = await ws(b);
  await api(server!, 'POST', `/v1/sessions/${b}/events`, { events: [userFrame('still here')] });
  await other.waitFor((f) => f.type === 'result', 'other session answers');
  const log = await api(server!, 'GET', `/v1/sessions/${a}/events`);
  expect(log.body.data.slice(0, 3).map((e: { type: string }) => e.type)).toEqual(['user', 'assistant', 'result']);
}

describe('bad input gets a clear error and hurts nobody else', () => {
  it('closes a socket that sends malformed JSON with 1007 and an error line', async () => {
    const { a, b } = await setup();
    const client = await ws(a);
    client.socket.send('{"type":"user",\n');
    const closed = await client.waitClosed();
    expect(closed.code).toBe(1007);
    expect(closed.reason).toMatch(/line 1/);
    expect(client.ofType('error')[0]).toMatchObject({ error: { type: 'invalid_request_error' } });
    await stillServing(a, b);
  });

  it('answers an unknown frame with an error line naming the field and keeps the socket open', async () => {
    const { a, b } = await setup();
    const client = await ws(a);
    client.send({ type: 'not_a_frame' });
    const error = await client.waitFor((f) => f.type === 'error', 'error line');
    expect(error.error).toMatchObject({ path: '$.type' });
    expect(String((error.error as { message: string }).message)).toMatch(/unknown frame type "not_a_frame"/);
    client.send({ type: 'keep_alive' });
    client.send(userFrame('after the error'));
    await client.waitFor((f) => f.type === 'result', 'socket still works');
    expect(client.closed).toBeUndefined();
    await stillServing(a, b);
  });

  it('closes a socket that sends an oversized message with 1009', async () => {
    const { a, b } = await setup({ maxFrameBytes: 1024 });
    const client = await ws(a);
    client.send(userFrame('x'.repeat(4096)));
    expect((await client.waitClosed()).code).toBe(1009);
    await stillServing(a, b);
  });

  it('refuses an oversized body with 413', async () => {
    const { a } = await setup({ maxBodyBytes: 512 });
    const res = await api(server!, 'POST', `/v1/sessions/${a}/events`, { events: [userFrame('y'.repeat(2048))] });
    expect(res.status).toBe(413);
    expect(res.body.error).toMatchObject({ type: 'request_too_large' });
    expect(res.body.error.message).toMatch(/512 bytes/);
  });

  it('answers 404 for an unknown session on REST, SSE and WebSocket', async () => {
    await setup();
    const rest = await api(server!, 'GET', '/v1/sessions/session_nope/events');
    expect(rest.status).toBe(404);
    expect(rest.body).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    expect(rest.body.error.message).toMatch(/session_nope/);
    expect((await SseClient.open(`${server!.url}/v1/code/sessions/cse_nope/events/stream`)).status).toBe(404);
    await expect(WsClient.open(`${server!.wsUrl}/v1/sessions/ws/session_nope/subscribe`)).rejects.toThrow(/404/);
    expect((await api(server!, 'GET', '/v1/nothing/here')).status).toBe(404);
  });

  it('answers 405 with Allow for a wrong method', async () => {
    const { a } = await setup();
    const res = await api(server!, 'DELETE', `/v1/sessions/${a}/events`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, POST');
    expect(res.body.error.message).toMatch(/DELETE is not allowed/);
  });

  it('names the failing field of a body that breaks its schema, and stores nothing from it', async () => {
    const { a, b } = await setup();
    const missingType = await api(server!, 'POST', `/v1/sessions/${a}/events`, { events: [userFrame('ok'), {}] });
    expect(missingType.status).toBe(400);
    expect(missingType.body.error.message).toMatch(/body\.events\[1\]\.type/);
    const unknown = await api(server!, 'POST', `/v1/sessions/${a}/events`, { events: [userFrame('ok'), { type: 'bogus' }] });
    expect(unknown.body.error.message).toMatch(/body\.events\[1\]\.type: unknown frame type "bogus"/);
    const wrongWay = await api(server!, 'POST', `/v1/sessions/${a}/events`, { events: [{ type: 'result', subtype: 'success' }] });
    expect(wrongWay.status).toBe(400);
    const v2 = await api(server!, 'POST', `/v1/code/sessions/${a}/events`, { events: [{ nopayload: true }] });
    expect(v2.body.error.message).toMatch(/body\.events\[0\]\.payload/);
    const notJson = await api(server!, 'POST', `/v1/sessions/${a}/events`, '{"events": [');
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.message).toMatch(/not valid JSON/);
    const badLimit = await api(server!, 'GET', `/v1/sessions/${a}/events?limit=abc`);
    expect(badLimit.body.error.message).toMatch(/query\.limit/);
    const badCursor = await api(server!, 'GET', `/v1/sessions/${a}/events?after_id=nope`);
    expect(badCursor.body.error.message).toMatch(/query\.after_id: nope is not an event/);
    await stillServing(a, b);
  });

  it('refuses a Last-Event-ID that is not a sequence number', async () => {
    const { a } = await setup();
    const client = await SseClient.open(`${server!.url}/v1/code/sessions/${a}/events/stream`, { 'last-event-id': 'abc' });
    expect(client.status).toBe(400);
    await until(() => (client.ended ? true : undefined), 'answer read');
  });
});
