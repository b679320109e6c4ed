import { afterEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../src/index';
import { api, SseClient, startServer, until, userFrame, WsClient } from './helpers';

let server: MockServer | undefined;
const clients: { close(): void }[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await server?.close();
  server = undefined;
});

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name));
}

async function setup() {
  server = (await startServer({ auth: 'strict' })).server;
  const { organizationUuid, sessionKey, accessToken } = server.credentials;
  const cookie = { cookie: `sessionKey=${sessionKey}; other=1`, 'x-organization-uuid': organizationUuid, 'anthropic-version': '2023-06-01', 'anthropic-beta': 'ccr-byoc-2025-07-29' };
  const bearer = { authorization: `Bearer ${accessToken}`, 'anthropic-version': '2023-06-01' };
  const { id } = await server.admin.createSession({ title: 'auth' });
  return { cookie, bearer, id, organizationUuid, accessToken };
}

describe('strict auth', () => {
  it('accepts the claude.ai cookie with the organization header, and an OAuth bearer token', async () => {
    const { cookie, bearer, id } = await setup();
    expect((await api(server!, 'GET', `/v1/sessions/${id}`, undefined, cookie)).status).toBe(200);
    const posted = await api(server!, 'POST', `/v1/code/sessions/${id}/events`, { events: [{ payload: userFrame('hi') }] }, bearer);
    expect(posted.status).toBe(200);
  });

  it('answers 401 with an authentication_error body when credentials are missing or wrong', async () => {
    const { cookie, id } = await setup();
    const none = await api(server!, 'GET', `/v1/sessions/${id}`, undefined, { 'anthropic-version': '2023-06-01' });
    expect(none.status).toBe(401);
    expect(none.body).toEqual({ type: 'error', error: { type: 'authentication_error', message: expect.stringMatching(/Missing credentials/) } });
    const wrongKey = await api(server!, 'GET', `/v1/sessions/${id}`, undefined, { ...cookie, cookie: 'sessionKey=sk-ant-sid01-wrong' });
    expect(wrongKey.status).toBe(401);
    const wrongToken = await api(server!, 'GET', `/v1/sessions/${id}`, undefined, { authorization: 'Bearer nope', 'anthropic-version': '2023-06-01' });
    expect(wrongToken.status).toBe(401);
    const noOrg = await api(server!, 'GET', `/v1/sessions/${id}`, undefined, without(cookie, 'x-organization-uuid'));
    expect(noOrg.status).toBe(401);
    expect((await SseClient.open(`${server!.url}/v1/code/sessions/${id}/events/stream`)).status).toBe(401);
  });

  it('answers 403 with a permission_error body for another organization', async () => {
    const { cookie, id, organizationUuid } = await setup();
    const other = await api(server!, 'GET', `/v1/sessions/${id}`, undefined, { ...cookie, 'x-organization-uuid': 'another-org' });
    expect(other.status).toBe(403);
    expect(other.body.error.type).toBe('permission_error');
    const envs = await api(server!, 'GET', '/v1/environment_providers/private/organizations/another-org/environments', undefined, { ...cookie, 'x-organization-uuid': organizationUuid });
    expect(envs.status).toBe(403);
  });

  it('requires anthropic-version, and the ccr beta flag on the v1 web API', async () => {
    const { cookie, id } = await setup();
    const noVersion = await api(server!, 'GET', `/v1/sessions/${id}`, undefined, without(cookie, 'anthropic-version'));
    expect(noVersion.status).toBe(400);
    expect(noVersion.body.error.message).toMatch(/anthropic-version/);
    const noBeta = await api(server!, 'GET', `/v1/sessions/${id}`, undefined, without(cookie, 'anthropic-beta'));
    expect(noBeta.body.error.message).toMatch(/ccr-byoc-2025-07-29/);
  });

  it('lets a WebSocket in with the cookie and organization_uuid, or with an auth frame; refuses others', async () => {
    const { id, organizationUuid, accessToken } = await setup();
    const url = `${server!.wsUrl}/v1/sessions/ws/${id}/subscribe`;
    const withCookie = await WsClient.open(`${url}?organization_uuid=${organizationUuid}`, { cookie: `sessionKey=${server!.credentials.sessionKey}` });
    clients.push(withCookie);
    await expect(WsClient.open(`${url}?organization_uuid=another-org`, { cookie: `sessionKey=${server!.credentials.sessionKey}` })).rejects.toThrow(/403/);

    const withFrame = await WsClient.open(url);
    clients.push(withFrame);
    withFrame.send({ type: 'auth', credential: { type: 'oauth', token: accessToken } }, userFrame('authenticated'));
    await withFrame.waitFor((f) => f.type === 'result', 'answer after auth frame');

    const noAuth = await WsClient.open(url);
    clients.push(noAuth);
    noAuth.send(userFrame('who am I'));
    expect((await noAuth.waitClosed()).code).toBe(4001);
    await until(() => (withCookie.ofType('result').length > 0 ? true : undefined), 'cookie socket sees the turn');
  });

  it('the admin API (journal with every prompt, injection, faults) needs the mock credentials too', async () => {
    await setup();
    const anonymous = await api(server!, 'GET', '/__admin/journal');
    expect(anonymous.status).toBe(401);
    expect((anonymous.body as { error: { message: string } }).error.message).toMatch(/admin API needs credentials/);
    expect((await api(server!, 'POST', '/__admin/sessions', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api(server!, 'GET', '/__admin/sessions', undefined, { authorization: `Bearer ${server!.credentials.accessToken}` })).status).toBe(200);
    expect((await api(server!, 'GET', '/__admin/sessions', undefined, { cookie: `sessionKey=${server!.credentials.sessionKey}` })).status).toBe(200);
  });

  it('refuses to bind a non-loopback address with auth off unless told to, naming the way out', async () => {
    await expect(createMockServer({ host: '0.0.0.0' })).rejects.toThrow(/Refusing to bind 0\.0\.0\.0 with auth off.*--auth strict.*allowUnauthenticatedNetwork/);
  });
});
