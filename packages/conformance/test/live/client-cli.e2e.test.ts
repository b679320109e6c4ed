import { ClaudeClient, type CommandLifecycleEvent } from '@ccr-kit/client';
import { claudeCliAgent, createMockServer, scenario, text, type ClaudeCliBackend, type MockServer } from '@ccr-kit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Our client against the real Claude Code CLI (the version this package pins, 2.1.337) behind the
 * mock server, fully offline: the new replies and frames reach the client's typed helpers.
 */
const SLOW = scenario('slow')
  .turn('first')
  .reply(text('This answer streams slowly enough for a second prompt to queue behind it and be cancelled.', { chunks: 30, chunkDelayMs: 200 }))
  .turn('second')
  .reply(text('Not reached.'))
  .turn('third')
  .reply(text('The third answer.'))
  .build();

let server: MockServer;
let backend: ClaudeCliBackend;
let client: ClaudeClient;
beforeAll(async () => {
  backend = claudeCliAgent({ scenarios: [SLOW], maxRetries: 0, partialMessages: true });
  server = await createMockServer({ agent: backend });
  client = new ClaudeClient({ baseUrl: server.url, organizationUuid: 'org-live', sessionKey: 'sk-ant-sid02-live', cfClearance: 'cf', userAgent: 'ccr-kit-tests' });
});
afterAll(async () => {
  client.disconnectAll();
  await server?.close();
});

describe('@ccr-kit/client with the real CLI 2.1.337', () => {
  it('reads capabilities, command lifecycles and the interrupt receipt with cancel_queued', { timeout: 120_000 }, async () => {
    const events: CommandLifecycleEvent[] = [];
    const session = await client.create({ title: 'live', onCommandLifecycle: (e) => events.push(e), backoff: { initialDelay: 10, maxDelay: 50 } });
    const first = await session.sendMessage('The first prompt');
    const deadline = Date.now() + 60_000;
    // The initialize reply lists a few capabilities; system/init, right after `started`, lists them all.
    while ((session.commandState(first)?.state !== 'started' || !session.supports('msg_lifecycle_v1')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(session.initializeResponse?.capabilities).not.toContain('interrupt_cancel_queued_v1');
    expect(session.supports('interrupt_cancel_queued_v1')).toBe(true);
    expect(session.capabilities).toEqual(expect.arrayContaining(['interrupt_receipt_v1', 'msg_lifecycle_v1']));
    const second = await session.sendMessage('The second prompt');
    while (session.commandState(second)?.state !== 'queued' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const receipt = await session.interrupt({ cancelQueued: true });
    expect(receipt).toEqual({ receipt: true, stillQueued: [], cancelled: [second] });
    await expect(session.waitForCommand(first, { timeout: 30_000 })).resolves.toMatchObject({ commandUuid: first, state: 'cancelled' });
    const third = await session.sendMessage('The third prompt');
    await expect(session.waitForCommand(third, { timeout: 60_000 })).resolves.toMatchObject({ state: 'completed' });
    expect(events.filter((e) => e.commandUuid === third).map((e) => e.state)).toEqual(['queued', 'started', 'completed']);
    await expect(session.setPermissionMode('manual')).resolves.toEqual({ mode: 'default' });
    session.disconnect();
  });
});
