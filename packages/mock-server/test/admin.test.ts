import { VirtualClock } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../src/index';
import { allow, api, startServer, until, userFrame, WsClient } from './helpers';

let server: MockServer | undefined;
const clients: { close(): void }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

describe('admin API over HTTP', () => {
  it('creates a session, lists it with its subscribers, injects a frame and reads the journal', async () => {
    server = (await startServer()).server;
    const created = await api(server, 'POST', '/__admin/sessions', { title: 'from admin', surface: 'v2' });
    expect(created.body).toMatchObject({ title: 'from admin', surface: 'v2', state: 'idle', agent: 'probe' });
    const id = created.body.id as string;
    const ws = await WsClient.open(`${server.wsUrl}/v1/sessions/ws/${id}/subscribe`);
    clients.push(ws);
    await until(() => (server!.admin.subscribers(id).length === 1 ? true : undefined), 'subscriber');
    const listed = await api(server, 'GET', '/__admin/sessions');
    expect(listed.body.sessions[0].subscribers).toMatchObject([{ transport: 'ws', sessionId: id }]);
    const injected = await api(server, 'POST', `/__admin/sessions/${id}/frames`, { frame: { type: 'system', subtype: 'status', status: 'compacting' } });
    expect(injected.body).toMatchObject({ sequenceNum: 1 });
    await ws.waitFor((f) => f.type === 'system' && f.status === 'compacting', 'injected frame');
    const asClient = await api(server, 'POST', `/__admin/sessions/${id}/frames`, { frame: userFrame('typed by admin'), as: 'client' });
    expect(asClient.body.sequenceNum).toBe(2);
    await ws.waitFor((f) => f.type === 'result', 'agent answered the admin user message');
    const journal = await api(server, 'GET', `/__admin/journal?session_id=${id}&kind=frame.out`);
    expect(journal.body.entries.map((e: { message: string }) => e.message)).toEqual(['#1 worker system', '#2 client user', '#3 worker assistant', '#4 worker result']);
    const bad = await api(server, 'POST', `/__admin/sessions/${id}/frames`, { frame: { type: 'bogus' }, as: 'client' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/\$\.frame\.type/);
    expect((await api(server, 'GET', '/__admin/sessions/nope')).status).toBe(404);
    expect((await api(server, 'DELETE', '/__admin/sessions')).status).toBe(405);
  });

  it('starts the permission, question and end-turn flows now', async () => {
    server = (await startServer()).server;
    const { id } = await server.admin.createSession();
    const ws = await WsClient.open(`${server.wsUrl}/v1/sessions/ws/${id}/subscribe`);
    clients.push(ws);
    await until(() => (server!.admin.subscribers(id).length === 1 ? true : undefined), 'subscriber');
    const permission = await api(server, 'POST', `/__admin/sessions/${id}/flows/permission`, { toolName: 'Write', input: { file_path: '/x' } });
    const prompt = await ws.waitFor((f) => f.type === 'control_request', 'prompt');
    expect(prompt).toMatchObject({ request_id: permission.body.requestId, request: { subtype: 'can_use_tool', tool_name: 'Write', tool_use_id: permission.body.toolUseId } });
    expect(ws.ofType('assistant')[0]).toMatchObject({ message: { content: [{ type: 'tool_use', id: permission.body.toolUseId, name: 'Write' }] } });
    expect(server.admin.session(id).state).toBe('requires_action');
    expect((await api(server, 'POST', `/v1/sessions/${id}/events`, { events: [allow(permission.body.requestId)] })).status).toBe(200);
    const question = await api(server, 'POST', `/__admin/sessions/${id}/flows/question`, {});
    await ws.waitFor((f) => f.type === 'control_request' && f.request_id === question.body.requestId, 'question');
    expect(server.admin.session(id).pending).toMatchObject([{ requestId: question.body.requestId, subtype: 'can_use_tool' }]);
    await api(server, 'POST', `/__admin/sessions/${id}/flows/end_turn`, { result: 'finished' });
    await ws.waitFor((f) => f.type === 'result' && f.result === 'finished', 'result');
  });

  it('advances a virtual clock and refuses to on the real one', async () => {
    const clock = new VirtualClock(5);
    server = (await startServer({ clock })).server;
    expect((await api(server, 'POST', '/__admin/clock/advance', { ms: 1000 })).body).toEqual({ now: 1005 });
    await server.close();
    server = (await startServer()).server;
    const refused = await api(server, 'POST', '/__admin/clock/advance', { ms: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/VirtualClock/);
    expect((await api(server, 'POST', '/__admin/clock/advance', { ms: -1 })).body.error.message).toMatch(/body\.ms/);
  });

  it('gives the same ids and timestamps for the same seed', async () => {
    const run = async () => {
      const s = await createMockServer({ seed: 7, agent: { name: 'none', attach: () => ({ deliver: () => undefined, stop: async () => undefined }) } });
      try {
        const a = await s.admin.createSession();
        await s.admin.inject(a.id, { type: 'system', subtype: 'status', status: null });
        const events = await fetch(`${s.url}/v1/sessions/${a.id}/events`).then((r) => r.json());
        return { id: a.id, createdAt: a.createdAt, events };
      } finally {
        await s.close();
      }
    };
    const [one, two] = [await run(), await run()];
    expect(one).toEqual(two);
    expect(one.createdAt).toMatch(/^2026-01-01T/);
  });
});
