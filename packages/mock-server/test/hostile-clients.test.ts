import { request, type IncomingMessage } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { demoAgent, type MockServer } from '../src/index';
import { api, startServer, until, userFrame, WsClient } from './helpers';

let server: MockServer | undefined;
const open: { close(): void }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

/** JSON text nested `depth` levels deep, built as text (JSON.stringify cannot go that deep). */
function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

function control(requestId: string, request: Record<string, unknown>): Record<string, unknown> {
  return { type: 'control_request', request_id: requestId, request };
}

describe('every host control_request over the WebSocket gets a control_response with its id and an error_code', () => {
  it('refused requests are answered like the CLI answers them, never with a bare error line', async () => {
    server = (await startServer({ agent: demoAgent() })).server;
    const { id } = await server.admin.createSession();
    const ws = await WsClient.open(`${server.wsUrl}/v1/sessions/ws/${id}/subscribe`);
    open.push(ws);
    ws.send(
      control('r-mode', { subtype: 'set_permission_mode', mode: 42 }),
      control('r-hook', { subtype: 'hook_callback', callback_id: 'x', input: {} }),
      control('r-unknown', { subtype: 'frobnicate' }),
      control('r-model', { subtype: 'set_model', model: 5 }),
    );
    const answers = await until(() => {
      const found = ws.ofType('control_response').filter((f) => ['r-mode', 'r-hook', 'r-unknown', 'r-model'].includes(String((f.response as { request_id?: string }).request_id)));
      return found.length === 4 ? found : undefined;
    }, `four control responses (got ${JSON.stringify(ws.frames).slice(0, 1500)})`);
    const byId = Object.fromEntries(answers.map((f) => [(f.response as { request_id: string }).request_id, f.response as Record<string, unknown>]));
    expect(byId['r-mode']).toMatchObject({ subtype: 'error', error_code: 'invalid_mode', error: expect.stringContaining('$.request.mode') });
    expect(byId['r-hook']).toMatchObject({ subtype: 'error', error_code: 'unsupported_request' });
    expect(byId['r-unknown']).toMatchObject({ subtype: 'error', error_code: 'unsupported_request', error: 'Unsupported control request subtype: frobnicate' });
    expect(byId['r-model']).toMatchObject({ subtype: 'error', error_code: 'invalid_request' });
    expect(ws.ofType('error')).toEqual([]);
  });
});

describe('depth and size are checked before anything is stored', () => {
  it('a POST of two events whose second is nested 10,000 deep is a 400 naming the path, and the first is not stored', async () => {
    server = (await startServer()).server;
    const { id } = await server.admin.createSession({ surface: 'v2' });
    const first = JSON.stringify({ payload: userFrame('stored?', '11111111-2222-4333-8444-555555555555') });
    const body = `{"events":[${first},{"payload":{"type":"user","deep":${deepJson(10_000)}}}]}`;
    const res = await api(server, 'POST', `/v1/code/sessions/${id}/events`, body);
    expect(res.status).toBe(400);
    expect((res.body as { error: { message: string } }).error.message).toMatch(/^Invalid body: body\.events\[1\]\.payload\.deep(\.a)+: nested deeper than 256 levels; nothing was stored\.$/);
    const listed = await api(server, 'GET', `/v1/code/sessions/${id}/events`);
    expect(JSON.stringify(listed.body)).not.toContain('11111111-2222-4333-8444-555555555555');
    expect(server.admin.journal().some((e) => /Maximum call stack/.test(e.message))).toBe(false);
  });

  it('a WebSocket line nested 10,000 deep gets an error line naming the line and path; the socket stays usable', async () => {
    server = (await startServer({ agent: demoAgent() })).server;
    const { id } = await server.admin.createSession();
    const ws = await WsClient.open(`${server.wsUrl}/v1/sessions/ws/${id}/subscribe`);
    open.push(ws);
    ws.socket.send(`{"type":"user","deep":${deepJson(10_000)}}\n`);
    const error = await ws.waitFor((f) => f.type === 'error', 'the error line');
    expect((error.error as { message: string; path: string }).message).toMatch(/^line 1: \$\.deep(\.a)+: nested deeper than 256 levels; the frame was dropped$/);
    ws.send(control('after', { subtype: 'mcp_status' }));
    await ws.waitFor((f) => f.type === 'control_response' && (f.response as { request_id?: string }).request_id === 'after', 'an answer after the bad line');
  });
});

describe('resume cursors beyond the head are refused', () => {
  it('Last-Event-ID of 10^26, 2^53 or head+1 is a 400 that names it', async () => {
    server = (await startServer()).server;
    const { id } = await server.admin.createSession({ surface: 'v2' });
    await api(server, 'POST', `/v1/code/sessions/${id}/events`, { events: [{ payload: userFrame('one') }] });
    const stream = `/v1/code/sessions/${id}/events/stream`;
    for (const value of ['100000000000000000000000000', String(2 ** 53)]) {
      const res = await fetch(`${server.url}${stream}`, { headers: { 'last-event-id': value } });
      expect(res.status, value).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Last-Event-ID must be a sequence_num \(a non-negative safe integer\)/);
    }
    const listed = (await api(server, 'GET', `/v1/code/sessions/${id}/events`)).body as { data: { sequence_num: number }[] };
    const head = Math.max(...listed.data.map((e) => e.sequence_num));
    const beyond = await fetch(`${server.url}${stream}`, { headers: { 'last-event-id': String(head + 1) } });
    expect(beyond.status).toBe(400);
    expect(((await beyond.json()) as { error: { message: string } }).error.message).toBe(
      `Invalid header Last-Event-ID: ${head + 1} is beyond the newest event of this session (sequence_num ${head}); resume from at most ${head}, or omit it to start over.`,
    );
    const atHead = await fetch(`${server.url}${stream}`, { headers: { 'last-event-id': String(head) } });
    expect(atHead.status).toBe(200);
    await atHead.body?.cancel();
  });
});

describe('a consumer that never reads cannot hold the server memory', () => {
  function big(i: number): Record<string, unknown> {
    return {
      type: 'assistant',
      parent_tool_use_id: null,
      message: { id: `msg_${i}`, type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text: 'x'.repeat(64 * 1024) }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
    };
  }

  it('WebSocket and SSE subscribers that stop reading are disconnected once 256 KiB wait for them; a reading one gets every frame', async () => {
    server = (await startServer({ maxBufferedBytes: 256 * 1024 })).server;
    const { id } = await server.admin.createSession({ surface: 'v2' });
    const stalledWs = await WsClient.open(`${server.wsUrl}/v1/sessions/ws/${id}/subscribe`);
    open.push(stalledWs);
    (stalledWs.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const stalledSse = await new Promise<IncomingMessage>((resolve) => {
      request(`${server!.url}/v1/code/sessions/${id}/events/stream`, (res) => {
        res.pause();
        resolve(res);
      }).end();
    });
    open.push({ close: () => stalledSse.destroy() });
    const reader = await WsClient.open(`${server.wsUrl}/v1/sessions/ws/${id}/subscribe`);
    open.push(reader);
    for (let i = 0; i < 200; i++) {
      await server.admin.inject(id, big(i));
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    const journal = () => server!.admin.journal().map((e) => e.message);
    await until(() => (journal().filter((m) => /consumer fell behind/.test(m)).length >= 2 ? true : undefined), 'both stalled consumers to be disconnected', 10_000);
    expect(journal().filter((m) => /consumer fell behind/.test(m)).map((m) => m.split(':')[0])).toEqual(expect.arrayContaining([expect.stringMatching(/^ws sub_/), expect.stringMatching(/^sse sub_/)]));
    await until(() => (reader.ofType('assistant').length === 200 ? true : undefined), 'every frame at the reading client', 10_000);
    await until(() => (server!.admin.session(id).subscribers.length === 1 ? true : undefined), `the stalled subscribers to leave the session (${JSON.stringify(server.admin.session(id).subscribers)})`, 5_000);
  });
});
