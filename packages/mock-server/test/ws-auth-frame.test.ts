import { VirtualClock } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { WS_AUTH_FRAME_TIMEOUT_MS } from '../src/transports/ws-subscriber';
import { api, startServer, until, userFrame, WsClient, type ProbeAgent } from './helpers';

/** A credential-shaped token built at run time, so no tracked file holds one. */
const FAKE_OAUTH_TOKEN = ['sk', 'ant', 'oat01', 'whatever-the-client-has'].join('-');

let server: MockServer | undefined;
const clients: WsClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

const assistant = (text: string): Record<string, unknown> => ({
  type: 'assistant',
  message: { id: `msg_${text}`, type: 'message', role: 'assistant', model: 'probe', content: [{ type: 'text', text }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
  parent_tool_use_id: null,
});

async function setup(auth: 'strict' | 'off') {
  const started = await startServer({ auth, clock: new VirtualClock() });
  server = started.server;
  const { id } = await server.admin.createSession({ title: 'auth frame' });
  return { agent: started.agent, id, url: `${server.wsUrl}/v1/sessions/ws/${id}/subscribe` };
}

async function open(url: string, headers: Record<string, string> = {}): Promise<WsClient> {
  const client = await WsClient.open(url, headers);
  clients.push(client);
  await until(() => (server!.admin.subscribers().length >= clients.length ? true : undefined), 'the server to see the socket');
  return client;
}

function authFrame(token: string, type = 'oauth'): Record<string, unknown> {
  return { type: 'auth', credential: { type, token } };
}

/** Everything a token could leak into: the journal, the event log, the agent's inbox. */
async function leakedAnywhere(agent: ProbeAgent, id: string, token: string): Promise<boolean> {
  const events = await api(server!, 'GET', `/v1/sessions/${id}/events`, undefined, { authorization: `Bearer ${server!.credentials.accessToken}`, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'ccr-byoc-2025-07-29' });
  const places = [server!.admin.journal({ limit: 100_000 }), events.body, agent.delivered.get(id) ?? []];
  return places.some((place) => JSON.stringify(place).includes(token));
}

describe('the WebSocket auth frame of the official browser transport', () => {
  it('strict: a socket without credentials gets nothing until its auth frame, then the replay and live frames', async () => {
    const { agent, id, url } = await setup('strict');
    await server!.admin.inject(id, assistant('before connect'));
    const socket = await open(`${url}?replay=true`);
    await server!.admin.inject(id, assistant('while unauthenticated'));
    await server!.admin.advanceClock(WS_AUTH_FRAME_TIMEOUT_MS - 1);
    expect(socket.closed).toBeUndefined();

    const token = server!.credentials.accessToken;
    socket.send(authFrame(token), userFrame('hello'));
    await socket.waitFor((f) => f.type === 'result', 'the turn after the auth frame');
    const texts = socket.ofType('assistant').map((f) => ((f.message as { content: { text: string }[] }).content[0]!.text));
    expect(texts).toEqual(['before connect', 'while unauthenticated', 'echo: hello']);
    expect(agent.delivered.get(id)!.map((f) => f.type)).toEqual(['user']);
    expect(socket.frames.some((f) => f.type === 'auth')).toBe(false);
    expect(await leakedAnywhere(agent, id, token)).toBe(false);
    expect(JSON.stringify(server!.admin.journal({ kind: 'frame.in' }))).toContain('[redacted]');
    await server!.admin.advanceClock(WS_AUTH_FRAME_TIMEOUT_MS);
    expect(socket.closed).toBeUndefined();
  });

  it.each([
    ['a wrong token', [authFrame('sk-ant-oat01-stolen')], /invalid OAuth token/],
    ['a credential that is not oauth', [authFrame('sk-ant-oat01-stolen', 'api_key')], /needs credential \{type:"oauth", token\}/],
    ['a user frame first', [userFrame('let me in')], /first frame must be an auth frame, got user/],
  ])('strict: %s closes the socket with 4001 and a clear reason, sending no session data', async (_name, frames, reason) => {
    const { agent, id, url } = await setup('strict');
    await server!.admin.inject(id, assistant('secret history'));
    const socket = await open(`${url}?replay=true`);
    socket.send(...frames);
    const closed = await socket.waitClosed();
    expect(closed.code).toBe(4001);
    expect(closed.reason).toMatch(reason);
    expect(socket.frames).toEqual([{ type: 'error', error: { type: 'authentication_error', message: closed.reason } }]);
    expect(agent.delivered.get(id)).toEqual([]);
    expect(await leakedAnywhere(agent, id, 'sk-ant-oat01-stolen')).toBe(false);
  });

  it(`strict: a socket that sends nothing is closed with 4001 after ${WS_AUTH_FRAME_TIMEOUT_MS / 1000} s on the server clock`, async () => {
    const { url } = await setup('strict');
    const socket = await open(url);
    await server!.admin.advanceClock(WS_AUTH_FRAME_TIMEOUT_MS);
    const closed = await socket.waitClosed();
    expect(closed).toEqual({ code: 4001, reason: 'unauthorized: no auth frame within 10 s' });
  });

  it('strict with a bearer header, and auth off: an auth frame is consumed quietly and the session works', async () => {
    for (const mode of ['strict', 'off'] as const) {
      const { agent, id, url } = await setup(mode);
      const headers = mode === 'strict' ? { authorization: `Bearer ${server!.credentials.accessToken}` } : {};
      const socket = await open(url, headers);
      socket.send(authFrame(FAKE_OAUTH_TOKEN), userFrame('hi'));
      await socket.waitFor((f) => f.type === 'result', `the turn (${mode})`);
      expect(socket.ofType('error')).toEqual([]);
      expect(agent.delivered.get(id)!.map((f) => f.type)).toEqual(['user']);
      expect(await leakedAnywhere(agent, id, FAKE_OAUTH_TOKEN)).toBe(false);
      socket.close();
      clients.splice(0);
      await server!.close();
      server = undefined;
    }
  });
});
