import type { MockServer } from '@ccr-kit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaudeClient } from '../../src/client';
import { HttpError } from '../../src/errors';
import { startServer, until } from './helpers';

let server: MockServer;
beforeAll(async () => {
  server = await startServer({ auth: 'strict' });
});
afterAll(async () => {
  await server.close();
});

describe('credentials against a server that checks them (auth: strict)', () => {
  it.each([
    ['the claude.ai cookie set', () => ({ organizationUuid: server.credentials.organizationUuid, sessionKey: server.credentials.sessionKey, cfClearance: 'cf' })],
    ['an OAuth bearer token', () => ({ accessToken: server.credentials.accessToken })],
  ])('completes a turn with %s over both transports', async (_name, credentials) => {
    const client = new ClaudeClient({ baseUrl: server.url, ...credentials() });
    const results: unknown[] = [];
    const v1 = await client.connect((await client.api.createSession({ environment_id: 'env_mock', session_context: {} })).id, { onResult: (r) => results.push(r) });
    const created = await client.api.createCodeSession({ title: 't', config: { cwd: '/w' } });
    const v2 = await client.connect(created.session.id, { transport: 'sse', onResult: (r) => results.push(r) });
    await v1.sendMessage('hello');
    await v2.sendMessage('hello');
    await until(() => results.length === 2, 5_000, 'both results');
    client.disconnectAll();
  });

  it('reports a wrong session key as a permanent HTTP 401 with the server message', async () => {
    const client = new ClaudeClient({ baseUrl: server.url, organizationUuid: server.credentials.organizationUuid, sessionKey: 'sk-ant-sid02-wrong' });
    const error = await client.listSessions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 401, body: { type: 'error', error: { type: 'authentication_error' } } });
    expect((error as Error).message).toMatch(/HTTP 401.*Invalid sessionKey cookie.*check the session key, cookie or access token/);
  });

  it('reports another organization as HTTP 403', async () => {
    const client = new ClaudeClient({ baseUrl: server.url, organizationUuid: 'someone-else', sessionKey: server.credentials.sessionKey });
    await expect(client.listEnvironments()).rejects.toMatchObject({ status: 403 });
  });
});
