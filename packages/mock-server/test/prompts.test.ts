import { afterEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { allow, api, canUseTool, probeAgent, SseClient, startServer, userFrame, WsClient } from './helpers';

let server: MockServer | undefined;
const clients: { close(): void }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

async function setup(agent = probeAgent({ echo: false })) {
  const started = await startServer({ agent });
  server = started.server;
  const created = await api(server, 'POST', '/v1/sessions', { environment_id: 'env_mock', session_context: {} });
  const id = created.body.id as string;
  return { ...started, id, ctx: started.agent.contexts.get(id)! };
}

async function subscribe(id: string, query = ''): Promise<WsClient> {
  const ws = await WsClient.open(`${server!.wsUrl}/v1/sessions/ws/${id}/subscribe${query}`);
  clients.push(ws);
  return ws;
}

const state = async (id: string) => server!.admin.session(id).state;

describe('prompts stay open until answered or withdrawn', () => {
  it('re-offers an open permission prompt on initialize, and drops it once answered', async () => {
    const { id, ctx, agent } = await setup();
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('run ls')] });
    expect(await state(id)).toBe('running');
    ctx.emit(canUseTool('perm-1'));
    expect(await state(id)).toBe('requires_action');
    expect((await api(server!, 'GET', `/v1/sessions/${id}`)).body.session_status).toBe('active');

    // A client that connects later learns about the prompt from initialize.
    const late = await subscribe(id);
    late.send({ type: 'control_request', request_id: 'init-a', request: { subtype: 'initialize' } });
    const answer = await late.waitFor((f) => f.type === 'control_response', 'initialize answer');
    const pending = (answer.response as { pending_permission_requests: { request_id: string; request: { subtype: string } }[] }).pending_permission_requests;
    expect(pending.map((p) => [p.request_id, p.request.subtype])).toEqual([['perm-1', 'can_use_tool']]);

    const res = await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [allow('perm-1')] });
    expect(res.status).toBe(200);
    expect(await state(id)).toBe('running');
    expect(agent.delivered.get(id)!.map((f) => f.type)).toEqual(['user', 'control_response']);

    // A second answer to the same prompt is ignored: not delivered, not stored.
    const again = await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [allow('perm-1')] });
    expect(again.status).toBe(200);
    expect(again.body.data).toEqual([]);
    expect(agent.delivered.get(id)!.length).toBe(2);

    late.send({ type: 'control_request', request_id: 'init-b', request: { subtype: 'initialize' } });
    const second = await late.waitFor((f) => f.type === 'control_response' && (f.response as { request_id: string }).request_id === 'init-b', 'second initialize');
    expect((second.response as { pending_permission_requests: unknown[] }).pending_permission_requests).toEqual([]);
  });

  it('withdraws a prompt on the agent’s control_cancel_request; a late answer is ignored', async () => {
    const { id, ctx, agent } = await setup();
    const ws = await subscribe(id);
    ctx.emit(canUseTool('perm-2'));
    ctx.emit({ type: 'control_cancel_request', request_id: 'perm-2' });
    await ws.waitFor((f) => f.type === 'control_cancel_request', 'cancel reaches clients');
    expect(server!.admin.session(id).pending).toEqual([]);
    expect(await state(id)).toBe('running');
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [allow('perm-2')] });
    expect(agent.delivered.get(id)!).toEqual([]);
  });

  it('accepts an answer addressed by tool_use_id and delivers it with the real request_id', async () => {
    const { id, ctx, agent } = await setup();
    ctx.emit(canUseTool('perm-3', 'toolu_abc'));
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [allow('toolu_abc')] });
    const delivered = agent.delivered.get(id)![0] as unknown as { response: { request_id: string } };
    expect(delivered.response.request_id).toBe('perm-3');
    expect(server!.admin.session(id).pending).toEqual([]);
  });

  it('merges the agent’s initialize answer and passes hooks to it', async () => {
    const agent = probeAgent({ echo: false, initialize: { models: [{ value: 'm', displayName: 'M', description: '' }], commands: [{ name: 'x', description: '', argumentHint: '' }] } });
    const { id } = await setup(agent);
    const sse = await SseClient.open(`${server!.url}/v1/code/sessions/${id}/events/stream`);
    clients.push(sse);
    const hooks = { PreToolUse: [{ hookCallbackIds: ['h1'] }] };
    await api(server!, 'POST', `/v1/code/sessions/${id}/events`, { session_id: id, events: [{ payload: { type: 'control_request', request_id: 'i1', request: { subtype: 'initialize', hooks } } }] });
    const reply = await sse.waitFor((e) => e.event === 'client_event' && e.data.payload.type === 'control_response', 'initialize answer');
    expect(reply.data.source).toBe('worker');
    expect(reply.data.payload.response.response).toMatchObject({ models: [{ value: 'm' }], commands: [{ name: 'x' }], output_style: 'normal' });
    expect(agent.initialized.get(id)).toEqual([{ subtype: 'initialize', hooks }]);
  });

  it('goes idle when the turn ends with a result', async () => {
    const { id } = await setup(probeAgent());
    const ws = await subscribe(id);
    await api(server!, 'POST', `/v1/sessions/${id}/events`, { events: [userFrame('hi')] });
    expect(await state(id)).toBe('idle');
    await ws.waitFor((f) => f.type === 'result', 'result');
    expect((await api(server!, 'GET', `/v1/sessions/${id}`)).body.session_status).toBe('idle');
  });
});
