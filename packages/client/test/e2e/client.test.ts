import type { MockServer } from '@ccr-kit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaudeClient } from '../../src/client';
import { SessionManager } from '../../src/session/manager';
import { clientFor, startServer, until } from './helpers';

let server: MockServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe('ClaudeClient (drop-in for claude-remote-protocol)', () => {
  it('runs several sessions in parallel and tracks them', async () => {
    const client = clientFor(server);
    const done: string[] = [];
    const [a, b] = await Promise.all([
      client.create({ title: 'A', onResult: () => done.push('A') }),
      client.create({ title: 'B', onResult: () => done.push('B') }),
    ]);
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(client.getConnected(a.sessionId)).toBe(a);
    await Promise.all([a.sendMessage('hello'), b.sendMessage('hi')]);
    await until(() => done.length === 2, 5_000, 'both results');
    expect(done.sort()).toEqual(['A', 'B']);
    const listed = await client.listSessions();
    expect(listed.data.map((s) => s.id)).toEqual(expect.arrayContaining([a.sessionId, b.sessionId]));
    await expect(client.getSession(a.sessionId)).resolves.toMatchObject({ id: a.sessionId, title: 'A' });
    client.disconnect(a.sessionId);
    expect(a.state).toBe('disconnected');
    expect(client.getConnected(a.sessionId)).toBeUndefined();
    client.disconnectAll();
    expect(b.state).toBe('disconnected');
  });

  it('reconnects to an existing session with its history replayed', async () => {
    const client = clientFor(server);
    const first = await client.create({ title: 'history' });
    await first.sendMessage('hello');
    await until(() => server.admin.session(first.sessionId).state === 'idle' && server.admin.session(first.sessionId).lastSeq > 4, 5_000, 'the turn');
    client.disconnect(first.sessionId);
    const results: unknown[] = [];
    const types: string[] = [];
    const again = await client.connect(first.sessionId, {
      onResult: (r) => results.push(r),
      onFrame: (f) => types.push(String((('raw' in f ? f.raw : f) as { type?: unknown }).type)),
    });
    await until(() => results.length === 1, 5_000, 'the replayed result');
    expect(types).toEqual(expect.arrayContaining(['user', 'assistant', 'result']));
    expect(types.filter((t) => t === 'result')).toHaveLength(1);
    client.disconnectAll();
    expect(again.state).toBe('disconnected');
  });

  it('SessionManager works from the seed README options (wsHost, credentials, callbacks)', async () => {
    const api = clientFor(server).api;
    const created = await api.createSession({ environment_id: 'env_mock', session_context: { model: 'claude-sonnet-4-6' } });
    const states: string[] = [];
    const results: unknown[] = [];
    const session = new SessionManager({
      organizationUuid: 'org-e2e',
      sessionKey: 'sk-ant-sid02-x',
      cfClearance: 'cf',
      userAgent: 'Mozilla/5.0',
      sessionId: created.id,
      baseUrl: server.url,
      wsHost: server.wsUrl,
      replay: true,
      maxRetries: 5,
      idleTimeout: 300_000,
      onStateChange: (s) => states.push(s),
      onResult: (r) => results.push(r),
      onAssistantMessage: () => undefined,
      onToolPermission: async (_tool, input, { toolUseID, signal, suggestions }) => {
        expect(typeof toolUseID).toBe('string');
        expect(signal.aborted).toBe(false);
        expect(suggestions === undefined || Array.isArray(suggestions)).toBe(true);
        return { behavior: 'allow', updatedInput: input };
      },
    });
    await session.connect();
    await session.sendMessage('Hello, Claude!');
    await until(() => results.length === 1, 5_000, 'the result');
    await session.setModel('claude-sonnet-4-6');
    await session.setPermissionMode('acceptEdits');
    await session.setMaxThinkingTokens(10_000);
    session.disconnect();
    expect(states).toEqual(['connecting', 'connected', 'disconnected']);
  });

  it('create() picks an active environment and explains when there is none', async () => {
    const fetch = (async (url: string) =>
      new Response(JSON.stringify(String(url).includes('environments') ? { environments: [{ environment_id: 'env_off', name: 'laptop', kind: 'bridge', state: 'inactive' }], has_more: false, first_id: null, last_id: null } : {}), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })) as unknown as typeof globalThis.fetch;
    const client = new ClaudeClient({ baseUrl: 'http://127.0.0.1:9', organizationUuid: 'org', fetch });
    await expect(client.create()).rejects.toThrow(/No active environment among 1; start one \(e.g. claude remote-control\) or pass environmentId/);
  });

  it('rejects connect() on a session that does not exist, without retrying forever', async () => {
    const client = clientFor(server);
    await expect(client.connect('session_nope', { backoff: { initialDelay: 5 } })).rejects.toMatchObject({ status: 404 });
    expect(client.getConnected('session_nope')).toBeUndefined();
  });
});
