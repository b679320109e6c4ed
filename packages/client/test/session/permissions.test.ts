import { VirtualClock } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session';
import type { SessionOptions, ToolPermissionContext } from '../../src/session/types';
import { FakeService, flush, permissionRequest } from '../fixtures/fake-service';

function open(service: FakeService, options: Partial<SessionOptions> = {}) {
  const clock = new VirtualClock(0);
  const errors: Error[] = [];
  const session = new Session({ sessionId: 'sess_1', transport: service.factory, history: service.history, clock, onError: (e) => errors.push(e), ...options });
  return { session, clock, errors };
}

describe('tool permission prompts', () => {
  it('passes tool name, input and context to onToolPermission and sends its answer with toolUseID', async () => {
    const service = new FakeService();
    const calls: [string, Record<string, unknown>, ToolPermissionContext][] = [];
    const { session } = open(service, {
      onToolPermission: async (name, input, context) => {
        calls.push([name, input, context]);
        return { behavior: 'allow', updatedInput: { ...input, command: 'ls -la' } };
      },
    });
    await session.connect();
    service.emit(permissionRequest('req1', 'Bash', { command: 'ls' }, { permission_suggestions: [{ type: 'addRules', rules: [{ toolName: 'Bash' }], behavior: 'allow', destination: 'session' }], title: 'Run ls?' }));
    await flush();
    expect(calls).toHaveLength(1);
    const [name, input, context] = calls[0]!;
    expect(name).toBe('Bash');
    expect(input).toEqual({ command: 'ls' });
    expect(context).toMatchObject({ toolUseID: 'toolu_req1', requestId: 'req1', suggestions: [{ type: 'addRules' }], request: { title: 'Run ls?' } });
    expect(context.signal.aborted).toBe(false);
    expect(service.answers).toEqual([
      { subtype: 'success', request_id: 'req1', response: { behavior: 'allow', updatedInput: { command: 'ls -la' }, toolUseID: 'toolu_req1' } },
    ]);
    session.disconnect();
  });

  it('denies by default when no handler is set, and allows only when configured to', async () => {
    const service = new FakeService();
    const { session } = open(service);
    await session.connect();
    service.emit(permissionRequest('req1', 'Write', { file_path: '/x' }));
    await flush();
    expect(service.answers[0]).toMatchObject({ response: { behavior: 'deny', toolUseID: 'toolu_req1' } });
    expect((service.answers[0]!.response as { message: string }).message).toMatch(/No permission handler is configured, so Write was denied/);
    session.disconnect();

    const permissive = new FakeService();
    const allowing = open(permissive, { defaultPermission: 'allow' });
    await allowing.session.connect();
    permissive.emit(permissionRequest('req2', 'Write', { file_path: '/y' }));
    await flush();
    expect(permissive.answers[0]).toMatchObject({ response: { behavior: 'allow', updatedInput: { file_path: '/y' } } });
    allowing.session.disconnect();
  });

  it('turns a throwing or malformed handler into a deny and reports the error', async () => {
    const service = new FakeService();
    let call = 0;
    const { session, errors } = open(service, {
      onToolPermission: async () => {
        call++;
        if (call === 1) throw new Error('UI crashed');
        return { behaviour: 'allow' } as never;
      },
    });
    await session.connect();
    service.emit(permissionRequest('req1', 'Bash', { command: 'rm -rf /' }));
    service.emit(permissionRequest('req2', 'Bash', { command: 'ls' }));
    await flush();
    expect(service.answers.map((a) => (a.response as { behavior: string }).behavior)).toEqual(['deny', 'deny']);
    expect((service.answers[0]!.response as { message: string }).message).toMatch(/permission handler failed \(UI crashed\)/);
    expect(errors.map((e) => e.message)).toEqual([
      'UI crashed',
      expect.stringMatching(/onToolPermission for Bash returned \{"behaviour":"allow"\}/),
    ]);
    expect(session.state).toBe('connected');
    session.disconnect();
  });

  it('fills a missing deny message', async () => {
    const service = new FakeService();
    const { session } = open(service, { onToolPermission: async () => ({ behavior: 'deny' }) as never });
    await session.connect();
    service.emit(permissionRequest('req1', 'Bash', {}));
    await flush();
    expect(service.answers[0]).toMatchObject({ response: { behavior: 'deny', message: 'Denied by the user.' } });
    session.disconnect();
  });

  it('aborts the handler signal on control_cancel_request and sends no answer', async () => {
    const service = new FakeService();
    let signal: AbortSignal | undefined;
    let release: () => void = () => undefined;
    const { session } = open(service, {
      onToolPermission: async (_name, _input, context) => {
        signal = context.signal;
        await new Promise<void>((resolve) => (release = resolve));
        return { behavior: 'allow' };
      },
    });
    await session.connect();
    service.emit(permissionRequest('req1', 'Bash', {}));
    await flush();
    expect(signal?.aborted).toBe(false);
    service.emit({ type: 'control_cancel_request', request_id: 'req1' });
    await flush();
    expect(signal?.aborted).toBe(true);
    release();
    await flush();
    expect(service.sent('control_response')).toHaveLength(0);
    session.disconnect();
  });

  it('hands a prompt re-offered in initialize pending_permission_requests to the app once, not twice', async () => {
    const service = new FakeService();
    const asked: string[] = [];
    let release: () => void = () => undefined;
    const { session, clock } = open(service, {
      onToolPermission: async (_name, _input, context) => {
        asked.push(context.requestId);
        await new Promise<void>((resolve) => (release = resolve));
        return { behavior: 'allow' };
      },
    });
    await session.connect();
    service.emit(permissionRequest('req1', 'Bash', {}));
    await flush();
    service.drop();
    await flush();
    await clock.advanceAsync(2_000, 50);
    expect(session.state).toBe('connected');
    // The reconnect replays the log and initialize lists req1 as pending: still one prompt.
    expect(asked).toEqual(['req1']);
    release();
    await flush();
    expect(service.answers).toHaveLength(1);
    session.disconnect();
  });

  it('a prompt pending from before the client started is offered once via initialize', async () => {
    const service = new FakeService();
    service.emit(permissionRequest('old', 'Edit', { file_path: 'a' }));
    const asked: string[] = [];
    const { session } = open(service, {
      replay: true,
      onToolPermission: async (_n, _i, c) => {
        asked.push(c.requestId);
        return { behavior: 'allow' };
      },
    });
    await session.connect();
    await flush();
    expect(asked).toEqual(['old']);
    expect(service.answers).toHaveLength(1);
    session.disconnect();
  });

  it('keeps an answer given while disconnected and sends it after the reconnect', async () => {
    const service = new FakeService();
    let release: () => void = () => undefined;
    const { session, clock } = open(service, {
      onToolPermission: async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return { behavior: 'allow' };
      },
    });
    await session.connect();
    service.emit(permissionRequest('req1', 'Bash', {}));
    await flush();
    service.drop();
    await flush();
    release();
    await flush();
    expect(service.answers).toHaveLength(0);
    await clock.advanceAsync(2_000, 50);
    await flush();
    expect(service.answers).toHaveLength(1);
    expect(service.pending.size).toBe(0);
    session.disconnect();
  });
});

describe('other agent requests', () => {
  it('answers unsupported subtypes with an error, and elicitation / dialogs with safe defaults', async () => {
    const service = new FakeService();
    const { session } = open(service);
    await session.connect();
    service.emit({ type: 'control_request', request_id: 'r1', request: { subtype: 'teleport', where: 'mars' } });
    service.emit({ type: 'control_request', request_id: 'r2', request: { subtype: 'elicitation', mcp_server_name: 'x', message: 'token?' } });
    service.emit({ type: 'control_request', request_id: 'r3', request: { subtype: 'request_user_dialog', dialog_kind: 'k', payload: {} } });
    await flush();
    expect(service.answers).toEqual([
      { subtype: 'error', request_id: 'r1', error: 'Unsupported control request subtype: teleport' },
      { subtype: 'success', request_id: 'r2', response: { action: 'decline' } },
      { subtype: 'success', request_id: 'r3', response: { behavior: 'cancelled' } },
    ]);
    session.disconnect();
  });

  it('routes other subtypes to onControlRequest handlers', async () => {
    const service = new FakeService();
    const { session } = open(service, {
      onControlRequest: { elicitation: async (request) => ({ action: 'accept', content: { echo: request.message } }) },
    });
    await session.connect();
    service.emit({ type: 'control_request', request_id: 'r1', request: { subtype: 'elicitation', mcp_server_name: 'x', message: 'token?' } });
    await flush();
    expect(service.answers).toEqual([{ subtype: 'success', request_id: 'r1', response: { action: 'accept', content: { echo: 'token?' } } }]);
    session.disconnect();
  });

  it('calls the seed-style onHookCallback for unregistered callback ids', async () => {
    const service = new FakeService();
    const { session } = open(service, {
      onHookCallback: async (id, input, toolUseId, signal) => ({ id, input, toolUseId, aborted: signal.aborted }),
    });
    await session.connect();
    service.emit({ type: 'control_request', request_id: 'h1', request: { subtype: 'hook_callback', callback_id: 'cb7', input: { hook_event_name: 'Stop' }, tool_use_id: 'tu' } });
    await flush();
    expect(service.answers[0]).toEqual({
      subtype: 'success',
      request_id: 'h1',
      response: { id: 'cb7', input: { hook_event_name: 'Stop' }, toolUseId: 'tu', aborted: false },
    });
    session.disconnect();
  });
});
