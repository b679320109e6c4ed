import { VirtualClock } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { api, startServer, until, userFrame, WsClient } from './helpers';

let server: MockServer | undefined;
const sockets: WsClient[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.close();
  await server?.close();
  server = undefined;
});

async function setup(options: Parameters<typeof startServer>[0] = {}) {
  const started = await startServer(options);
  server = started.server;
  const created = await api(server, 'POST', '/v1/sessions', { environment_id: 'env_mock', session_context: { model: 'claude-test' }, title: 'T' });
  expect(created.status).toBe(200);
  return { ...started, id: created.body.id as string };
}

async function subscribe(id: string, query = ''): Promise<WsClient> {
  const client = await WsClient.open(`${server!.wsUrl}/v1/sessions/ws/${id}/subscribe${query}`);
  sockets.push(client);
  return client;
}

describe('v1 sessions and WebSocket subscribe', () => {
  it('creates, lists, reads, renames and archives a session', async () => {
    const { id, agent } = await setup();
    expect(id).toMatch(/^session_01/);
    const listed = await api(server!, 'GET', '/v1/sessions');
    expect(listed.body.data.map((s: { id: string }) => s.id)).toEqual([id]);
    expect(listed.body).toMatchObject({ first_id: id, last_id: id, has_more: false });
    const got = await api(server!, 'GET', `/v1/sessions/${id}`);
    expect(got.body).toMatchObject({ id, title: 'T', session_status: 'idle', session_context: { model: 'claude-test' } });
    const patched = await api(server!, 'PATCH', `/v1/sessions/${id}`, { title: 'Renamed' });
    expect(patched.body.title).toBe('Renamed');
    const archived = await api(server!, 'POST', `/v1/sessions/${id}/archive`);
    expect(archived.body).toEqual({ id, session_status: 'archived' });
    expect(agent.stopped).toEqual([id]);
    const late = await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('hi')] });
    expect(late.status).toBe(400);
    expect(late.body.error.reason).toBe('session_not_active');
  });

  it('delivers a POSTed user message to the agent and its answer to every subscriber', async () => {
    const { id, agent } = await setup();
    const a = await subscribe(id);
    const b = await subscribe(id);
    const posted = await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('hello')] });
    expect(posted.status).toBe(200);
    expect(posted.body.data[0]).toMatchObject({ type: 'user', session_id: id });
    for (const client of [a, b]) {
      await client.waitFor((f) => f.type === 'result', 'result');
      expect(client.frames.map((f) => f.type)).toEqual(['user', 'assistant', 'result']);
      const assistant = client.ofType('assistant')[0] as { message: { content: { text: string }[] }; session_id: string; created_at: string };
      expect(assistant.message.content[0]!.text).toBe('echo: hello');
      expect(assistant.session_id).toBe(id);
      expect(typeof assistant.created_at).toBe('string');
    }
    expect(agent.delivered.get(id)!.map((f) => f.type)).toEqual(['user']);
  });

  it('takes initialize and user frames over the socket and does not echo them back to the sender', async () => {
    const { id, agent } = await setup();
    const ws = await subscribe(id);
    ws.send({ type: 'control_request', request_id: 'init-1', request: { subtype: 'initialize' } }, userFrame('over the socket'));
    const answer = await ws.waitFor((f) => f.type === 'control_response', 'initialize answer');
    expect(answer).toMatchObject({
      response: { subtype: 'success', request_id: 'init-1', response: { output_style: 'normal', available_output_styles: ['normal'], commands: [], models: [], account: {} } },
    });
    expect((answer.response as { pending_permission_requests: unknown[] }).pending_permission_requests).toEqual([]);
    await ws.waitFor((f) => f.type === 'result', 'result');
    expect(ws.frames.map((f) => f.type)).toEqual(['control_response', 'assistant', 'result']);
    expect(agent.delivered.get(id)!.map((f) => f.type)).toEqual(['user']);
  });

  it('replays the whole log to a subscriber that asks with replay=true', async () => {
    const { id } = await setup();
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('one')] });
    const live = await subscribe(id);
    const replayed = await subscribe(id, '?replay=true');
    await replayed.waitFor((f) => f.type === 'result', 'replayed result');
    expect(replayed.frames.map((f) => f.type)).toEqual(['user', 'assistant', 'result']);
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('two')] });
    await until(() => (replayed.ofType('result').length === 2 ? true : undefined), 'second result');
    await until(() => (live.ofType('result').length === 1 ? true : undefined), 'live result');
    expect(live.frames.map((f) => f.type)).toEqual(['user', 'assistant', 'result']);
  });

  it('pages the event list with after_id and resumes without losing or repeating an event', async () => {
    const { id } = await setup();
    const ws = await subscribe(id);
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('one')] });
    await ws.waitFor((f) => f.type === 'result', 'first result');
    const seen = ws.frames.map((f) => f.uuid as string);
    ws.close();
    await ws.waitClosed();
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('two'), userFrame('three')] });
    // Reconnect first, then fetch what was missed after the last uuid seen.
    const again = await subscribe(id);
    const missed: string[] = [];
    let after = seen[seen.length - 1];
    for (;;) {
      const page = await api(server!, 'GET', `/v1/sessions/${id}/events?after_id=${after}&limit=2`);
      expect(page.status).toBe(200);
      missed.push(...page.body.data.map((e: { uuid: string }) => e.uuid));
      if (!page.body.has_more) break;
      expect(page.body.last_id).toBe(page.body.data[page.body.data.length - 1].uuid);
      after = page.body.last_id;
    }
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('four')] });
    await again.waitFor((f) => f.type === 'result', 'live result after resume');
    const all = [...seen, ...missed, ...again.frames.map((f) => f.uuid as string)];
    expect(new Set(all).size).toBe(all.length);
    const full = await api(server!, 'GET', `/v1/sessions/${id}/events`);
    expect(all).toEqual(full.body.data.map((e: { uuid: string }) => e.uuid));
    expect(full.body.data.length).toBe(12);
  });

  it('pages from the oldest kept event when after_id points into trimmed history', async () => {
    const { id } = await setup({ historyLimit: 4 });
    const first = await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('one')] });
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('two')] });
    const trimmedId = first.body.data[0].uuid as string;
    const page = await api(server!, 'GET', `/v1/sessions/${id}/events?after_id=${trimmedId}&limit=3`);
    expect(page.status).toBe(200);
    expect(page.body.data.map((e: { type: string }) => e.type)).toEqual(['result', 'user', 'assistant']);
    expect(page.body.has_more).toBe(true);
    // first_id is not the event right after after_id: the client can tell that it missed some.
    const all = await api(server!, 'GET', `/v1/sessions/${id}/events`);
    expect(page.body.first_id).toBe(all.body.first_id);
    expect(all.body.data).toHaveLength(4);
  });

  it('sends keep_alive every 50 s on the injected clock and accepts the client’s', async () => {
    const clock = new VirtualClock(1_000_000);
    const { id, agent } = await setup({ clock });
    const ws = await subscribe(id);
    ws.send({ type: 'keep_alive' });
    await until(() => (server!.admin.journal({ kind: 'frame.in' }).length > 0 ? true : undefined), 'keep_alive received');
    await server!.admin.advanceClock(49_999);
    expect(ws.ofType('keep_alive')).toHaveLength(0);
    await server!.admin.advanceClock(1);
    await ws.waitFor((f) => f.type === 'keep_alive', 'first keep_alive');
    await server!.admin.advanceClock(100_000);
    await until(() => (ws.ofType('keep_alive').length === 3 ? true : undefined), 'three keep_alives');
    expect(agent.delivered.get(id)).toEqual([]);
    const events = await api(server!, 'GET', `/v1/sessions/${id}/events`);
    expect(events.body.data).toEqual([]);
  });

  it('serves environments and share status', async () => {
    const { id } = await setup();
    const org = server!.credentials.organizationUuid;
    const envs = await api(server!, 'GET', `/v1/environment_providers/private/organizations/${org}/environments`);
    expect(envs.body.environments[0]).toMatchObject({ environment_id: 'env_mock', kind: 'bridge', state: 'active' });
    const env = await api(server!, 'GET', `/v1/environment_providers/private/organizations/${org}/environments/env_mock`);
    expect(env.body.bridge_info.online).toBe(true);
    expect((await api(server!, 'GET', `/v1/sessions/${id}/share-status`)).status).toBe(200);
  });
});
