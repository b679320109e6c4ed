import { VirtualClock } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { AgentState, interruptReceiptOf } from '../../src/session/agent-state';

describe('AgentState', () => {
  it('reads an interrupt reply; CLI 2.1.197 sends none, which is no receipt', () => {
    expect(interruptReceiptOf(undefined)).toEqual({ receipt: false, stillQueued: [], cancelled: [] });
    expect(interruptReceiptOf({})).toEqual({ receipt: false, stillQueued: [], cancelled: [] });
    expect(interruptReceiptOf({ still_queued: ['a', 7], cancelled: ['b'] })).toEqual({ receipt: true, stillQueued: ['a'], cancelled: ['b'] });
  });

  it('unites the capabilities of the initialize reply and of system/init, whichever comes first', () => {
    const state = new AgentState();
    state.observeInitialize({ capabilities: ['ui_surface_v1'] });
    expect(state.capabilities).toEqual(['ui_surface_v1']);
    state.observe({ type: 'system', subtype: 'init', capabilities: ['msg_lifecycle_v1', 'ui_surface_v1'] });
    expect(state.capabilities).toEqual(['msg_lifecycle_v1', 'ui_surface_v1']);
    state.observe({ type: 'system', subtype: 'init', capabilities: 'not a list' });
    expect(state.capabilities).toEqual(['msg_lifecycle_v1', 'ui_surface_v1']);
  });

  it('keeps the last background-task snapshot and ignores malformed frames', () => {
    const state = new AgentState();
    expect(state.backgroundTasks).toBeUndefined();
    state.observe({ type: 'system', subtype: 'background_tasks_changed', tasks: [{ task_id: 't', task_type: 'local_bash', description: 'sleep' }] });
    expect(state.backgroundTasks).toEqual([{ task_id: 't', task_type: 'local_bash', description: 'sleep' }]);
    state.observe({ type: 'system', subtype: 'background_tasks_changed', tasks: null });
    state.observe({ type: 'command_lifecycle', command_uuid: 5, state: 'queued' });
    expect(state.backgroundTasks).toHaveLength(1);
    expect(state.commandState('5')).toBeUndefined();
  });

  it('waits for a command to end on the injected clock: resolves on completed, times out without sleeping', async () => {
    const clock = new VirtualClock(0);
    const state = new AgentState();
    const done = state.waitForCommand('u1', clock, { timeoutMs: 1000 });
    state.observe({ type: 'command_lifecycle', command_uuid: 'u1', state: 'started' });
    state.observe({ type: 'command_lifecycle', command_uuid: 'u1', state: 'completed' });
    await expect(done).resolves.toEqual({ commandUuid: 'u1', state: 'completed', idle: false });
    await expect(state.waitForCommand('u1', clock)).resolves.toMatchObject({ state: 'completed' });
    const late = state.waitForCommand('u2', clock, { timeoutMs: 1000 });
    clock.advance(1000);
    await expect(late).rejects.toMatchObject({ code: 'TIMEOUT' });
    const aborted = new AbortController();
    const waiting = state.waitForCommand('u3', clock, { signal: aborted.signal });
    aborted.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
