import { describe, expect, it } from 'vitest';
import { ProtocolError } from '@ccr-kit/protocol-types';
import type { CommandLifecycleEvent } from '../../src/session/agent-state';
import type { TransportKind } from '../../src/session/manager';
import { openSession, sharedServer, until } from './helpers';

const shared = sharedServer();

describe.each<TransportKind>(['websocket', 'sse'])('what the agent says about itself, over %s (the mock answers as CLI 2.1.337)', (kind) => {
  it('announces its capabilities, and reports each prompt\'s lifecycle until it completes', async () => {
    const events: CommandLifecycleEvent[] = [];
    const session = await openSession(shared.client(), kind, { onCommandLifecycle: (e) => events.push(e) });
    expect(session.supports('interrupt_cancel_queued_v1')).toBe(true);
    expect(session.capabilities).toEqual(expect.arrayContaining(['interrupt_receipt_v1', 'msg_lifecycle_v1']));
    const uuid = await session.sendMessage('hello there');
    await expect(session.waitForCommand(uuid, { timeout: 10_000 })).resolves.toEqual({ commandUuid: uuid, state: 'completed', idle: false });
    expect(events.map((e) => e.state)).toEqual(['queued', 'started', 'completed']);
    expect(session.commandState(uuid)?.state).toBe('completed');
    session.disconnect();
  });

  it('interrupt returns the receipt; cancelQueued drops the prompts waiting behind the turn', async () => {
    const session = await openSession(shared.client(), kind);
    const first = await session.sendMessage('a long story please');
    await until(() => session.commandState(first)?.state === 'started', 5_000, 'the first turn to start');
    const second = await session.sendMessage('hello');
    await until(() => session.commandState(second)?.state === 'queued', 5_000, 'the second prompt to queue');
    const receipt = await session.interrupt({ cancelQueued: true });
    expect(receipt).toEqual({ receipt: true, stillQueued: [], cancelled: [second] });
    await expect(session.waitForCommand(first, { timeout: 10_000 })).resolves.toMatchObject({ state: 'cancelled', idle: true });
    expect(session.commandState(second)?.state).toBe('cancelled');
    session.disconnect();
  });

  it('setPermissionMode resolves with the mode in use (manual means default) and rejects a mode the agent refuses', async () => {
    const session = await openSession(shared.client(), kind);
    await expect(session.setPermissionMode('acceptEdits')).resolves.toEqual({ mode: 'acceptEdits' });
    await expect(session.setPermissionMode('manual')).resolves.toEqual({ mode: 'default' });
    await expect(session.setModel('opus')).resolves.toEqual({ model: 'claude-opus-4-1' });
    session.disconnect();
  });
});

describe('what a caller cannot send', () => {
  it('a mode or model name the newest CLI refuses is refused before it leaves, naming the field', async () => {
    const session = await openSession(shared.client(), 'websocket');
    for (const mode of ['DEFAULT', 'bogus', '']) {
      const error = await session.setPermissionMode(mode).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).issues).toEqual([expect.objectContaining({ path: '$.request.mode', message: expect.stringContaining(`unexpected value ${JSON.stringify(mode)}`) })]);
    }
    const empty = await session.setModel('').then(() => undefined, (e: unknown) => e);
    expect((empty as ProtocolError).issues).toEqual([expect.objectContaining({ path: '$.request.model' })]);
    // The session is still usable: nothing was sent.
    await expect(session.setPermissionMode('plan')).resolves.toEqual({ mode: 'plan' });
    session.disconnect();
  });
});
