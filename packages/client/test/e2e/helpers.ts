import { createMockServer, type MockServer, type MockServerOptions } from '@ccr-kit/mock-server';
import { afterAll, beforeAll, expect } from 'vitest';
import { ClaudeClient } from '../../src/client';
import type { ConnectOptions } from '../../src/client';
import type { SessionManager, TransportKind } from '../../src/session/manager';

/** Polls until `condition` holds (real time: these tests use real sockets), failing after `ms`. */
export async function until(condition: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) expect.fail(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Starts a mock server on 127.0.0.1:0. */
export function startServer(options: MockServerOptions = {}): Promise<MockServer> {
  return createMockServer({ seed: 7, ...options });
}

/** A client for the server with claude.ai-style credentials. */
export function clientFor(server: MockServer): ClaudeClient {
  return new ClaudeClient({ baseUrl: server.url, organizationUuid: 'org-e2e', sessionKey: 'sk-ant-sid02-e2e', cfClearance: 'cf', userAgent: 'ccr-kit-tests' });
}

/** Opens a fresh session on the chosen transport: a v1 session over the WebSocket, a v2 code session over SSE. */
export async function openSession(client: ClaudeClient, kind: TransportKind, options: ConnectOptions = {}): Promise<SessionManager> {
  const fast = { backoff: { initialDelay: 10, maxDelay: 50 }, ...options };
  if (kind === 'websocket') return client.create({ title: 'e2e', ...fast });
  const created = await client.api.createCodeSession({ title: 'e2e', config: { cwd: '/workspace' } });
  return client.connect(created.session.id, { ...fast, transport: 'sse' });
}

/** The text of every assistant text block in frames. */
export function textsOf(frames: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const frame of frames) {
    const f = frame as { type?: string; message?: { content?: { type: string; text?: string }[] } };
    if (f.type !== 'assistant') continue;
    for (const block of f.message?.content ?? []) if (block.type === 'text' && block.text) out.push(block.text);
  }
  return out;
}

/** One mock server and client for a test file: started before its tests, closed after them. */
export function sharedServer(options: MockServerOptions = {}): { readonly server: () => MockServer; readonly client: () => ClaudeClient } {
  let server: MockServer | undefined;
  let client: ClaudeClient | undefined;
  beforeAll(async () => {
    server = await startServer(options);
    client = clientFor(server);
  });
  afterAll(async () => {
    client?.disconnectAll();
    await server?.close();
  });
  return { server: () => server!, client: () => client! };
}
