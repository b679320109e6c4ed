import { VirtualClock, isUnknownFrame } from '@ccr-kit/protocol-types';
import { describe, expect, it, vi } from 'vitest';
import { ClientError, ControlRequestError } from '../../src/errors';
import { Session } from '../../src/session/session';
import type { SessionOptions } from '../../src/session/types';
import { FakeService, assistantFrame, flush, resultFrame } from '../fixtures/fake-service';

function open(service: FakeService, options: Partial<SessionOptions> = {}) {
  const clock = new VirtualClock(1_000_000);
  const session = new Session({ sessionId: 'sess_1', transport: service.factory, history: service.history, clock, ...options });
  return { session, clock };
}

describe('Session basics over the in-memory transport', () => {
  it('connects, sends initialize and exposes its reply', async () => {
    const service = new FakeService();
    const states: string[] = [];
    const { session } = open(service, { onStateChange: (s) => states.push(s) });
    await session.connect();
    expect(session.state).toBe('connected');
    expect(states).toEqual(['connecting', 'connected']);
    expect(service.sent('control_request').map((f) => (f.request as { subtype: string }).subtype)).toEqual(['initialize']);
    expect(session.initializeResponse?.commands).toEqual([{ name: 'help' }]);
    await expect(session.supportedCommands()).resolves.toEqual([{ name: 'help' }]);
    session.disconnect();
    expect(session.state).toBe('disconnected');
  });

  it('sends user messages with a uuid, text or blocks, and attachments', async () => {
    const service = new FakeService();
    const { session } = open(service);
    await session.connect();
    const uuid = await session.sendMessage('Hello, Claude!');
    await session.sendMessage([{ type: 'text', text: 'look' }], { attachments: [{ file_name: 'a.txt', file_type: 'text/plain', file_content: 'x' }] });
    await session.sendMessage('seed style', [{ file_name: 'b.txt', file_type: 'text/plain', file_content: 'y' }]);
    await flush();
    const users = service.sent('user');
    expect(users).toHaveLength(3);
    expect(users[0]).toMatchObject({ type: 'user', uuid, session_id: 'sess_1', parent_tool_use_id: null, message: { role: 'user', content: 'Hello, Claude!' } });
    expect(users[1]).toMatchObject({ message: { content: [{ type: 'text', text: 'look' }] }, file_attachments: [{ file_name: 'a.txt' }] });
    expect(users[2]).toMatchObject({ file_attachments: [{ file_name: 'b.txt' }] });
    await expect(session.sendMessage(42 as never)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    session.disconnect();
  });

  it('sends user messages by REST when postEvents is given', async () => {
    const service = new FakeService();
    const posted: unknown[] = [];
    const { session } = open(service, { postEvents: async (frames) => void posted.push(...frames) });
    await session.connect();
    await session.sendMessage('via rest');
    expect(posted).toMatchObject([{ type: 'user', message: { content: 'via rest' } }]);
    expect(service.sent('user')).toHaveLength(0);
    session.disconnect();
  });

  it('calls onAssistantMessage, onResult, onFrame and onMessageUpdate, and feeds messages()', async () => {
    const service = new FakeService();
    const seen = { assistant: 0, result: 0, frames: [] as string[], updates: [] as string[] };
    const { session } = open(service, {
      onAssistantMessage: () => seen.assistant++,
      onResult: (r) => {
        seen.result++;
        expect(r.num_turns).toBe(1);
      },
      onFrame: (f) => seen.frames.push(isUnknownFrame(f) ? `unknown:${f.type}` : f.type),
      onMessageUpdate: (m) => seen.updates.push(m.content.map((b) => b.type).join('+')),
    });
    await session.connect();
    const iterator = session.messages();
    service.emit(assistantFrame('msg_1', { type: 'thinking', thinking: 'hmm', signature: 'sig' }));
    service.emit(assistantFrame('msg_1', { type: 'text', text: 'Hi!' }));
    service.emit(resultFrame());
    await flush();
    expect(seen.assistant).toBe(2);
    expect(seen.result).toBe(1);
    expect(seen.frames).toEqual(['assistant', 'assistant', 'result']);
    expect(seen.updates).toEqual(['thinking', 'thinking+text']);
    expect(session.assembler.get('msg_1')).toMatchObject({ content: [{ thinking: 'hmm' }, { text: 'Hi!' }], complete: true });
    const types: string[] = [];
    for (let i = 0; i < 3; i++) types.push(((await iterator.next()).value as { type: string }).type);
    expect(types).toEqual(['assistant', 'assistant', 'result']);
    session.disconnect();
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('hands unknown frame types to onUnknownFrame and keeps going', async () => {
    const service = new FakeService();
    const unknown: string[] = [];
    const results: unknown[] = [];
    const { session } = open(service, { onUnknownFrame: (f) => unknown.push(`${f.reason}:${f.type}`), onResult: (r) => results.push(r) });
    await session.connect();
    service.emit({ type: 'hologram_event', payload: { x: 1 } });
    service.emit(resultFrame());
    await flush();
    expect(unknown).toEqual(['unknown_type:hologram_event']);
    expect(results).toHaveLength(1);
    session.disconnect();
  });

  it('ends messages() with the abort reason when its signal aborts', async () => {
    const service = new FakeService();
    const { session } = open(service);
    await session.connect();
    const controller = new AbortController();
    const iterator = session.messages({ signal: controller.signal });
    const next = iterator.next();
    controller.abort(new Error('stop reading'));
    await expect(next).rejects.toThrow('stop reading');
    session.disconnect();
  });

  it('reports an exception thrown by a callback through onError and delivers the next frame', async () => {
    const service = new FakeService();
    const errors: Error[] = [];
    let calls = 0;
    const { session } = open(service, {
      onResult: () => {
        calls++;
        throw new Error('app bug');
      },
      onError: (e) => errors.push(e),
    });
    await session.connect();
    service.emit(resultFrame());
    service.emit(resultFrame());
    await flush();
    expect(calls).toBe(2);
    expect(errors.map((e) => e.message)).toEqual(['app bug', 'app bug']);
    session.disconnect();
  });
});

describe('Session control requests', () => {
  it('correlates responses by request_id and resolves typed helpers', async () => {
    const service = new FakeService();
    service.answerControl = (request) => (request.subtype === 'mcp_status' ? { mcpServers: [{ name: 'fs', status: 'connected' }] } : {});
    const { session } = open(service);
    await session.connect();
    await session.setModel('claude-opus-4-1');
    await session.setPermissionMode('acceptEdits');
    await session.setMaxThinkingTokens(10_000);
    await session.interrupt();
    await expect(session.mcpServerStatus()).resolves.toEqual([{ name: 'fs', status: 'connected' }]);
    await expect(session.request('get_context_usage', { detail: 'summary' })).resolves.toEqual({});
    const requests = service.sent('control_request').map((f) => f.request);
    expect(requests).toEqual([
      { subtype: 'initialize' },
      { subtype: 'set_model', model: 'claude-opus-4-1' },
      { subtype: 'set_permission_mode', mode: 'acceptEdits' },
      { subtype: 'set_max_thinking_tokens', max_thinking_tokens: 10_000 },
      { subtype: 'interrupt' },
      { subtype: 'mcp_status' },
      { subtype: 'get_context_usage', detail: 'summary' },
    ]);
    const ids = service.sent('control_request').map((f) => f.request_id);
    expect(new Set(ids).size).toBe(ids.length);
    session.disconnect();
  });

  it('rejects with ControlRequestError when the agent answers with an error', async () => {
    const service = new FakeService();
    const { session } = open(service);
    await session.connect();
    service.answerControl = () => undefined;
    const pending = session.setModel('nope');
    await flush();
    const last = service.sent('control_request').at(-1)!;
    service.deliverRaw({
      kind: 'frame',
      frame: { type: 'control_response', response: { subtype: 'error', request_id: last.request_id, error: 'unknown model', error_code: 'not_found' } },
    });
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ControlRequestError);
    expect(error).toMatchObject({ code: 'CONTROL_ERROR', subtype: 'set_model', errorCode: 'not_found' });
    expect((error as Error).message).toContain('unknown model');
    session.disconnect();
  });

  it('times out a control request on the injected clock and ignores the late answer', async () => {
    const service = new FakeService();
    const { session, clock } = open(service, { requestTimeout: 5_000 });
    await session.connect();
    service.answerControl = () => undefined;
    const pending = session.interrupt().catch((e: unknown) => e);
    await flush();
    clock.advance(4_999);
    await flush();
    clock.advance(1);
    const error = await pending;
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect((error as Error).message).toMatch(/interrupt .* no response within 5000 ms/);
    const last = service.sent('control_request').at(-1)!;
    service.deliverRaw({ kind: 'frame', frame: { type: 'control_response', response: { subtype: 'success', request_id: last.request_id } } });
    await flush();
    session.disconnect();
  });

  it('aborting a request sends control_cancel_request and rejects with ABORTED', async () => {
    const service = new FakeService();
    const { session } = open(service);
    await session.connect();
    service.answerControl = () => undefined;
    const controller = new AbortController();
    const pending = session.request('mcp_status', {}, { signal: controller.signal }).catch((e: unknown) => e);
    await flush();
    controller.abort();
    await expect(pending).resolves.toMatchObject({ code: 'ABORTED' });
    await flush();
    const id = service.sent('control_request').at(-1)!.request_id;
    expect(service.sent('control_cancel_request')).toEqual([{ type: 'control_cancel_request', request_id: id }]);
    session.disconnect();
  });

  it('ignores echoes of its own control requests and unknown control responses', async () => {
    const service = new FakeService();
    const onToolPermission = vi.fn();
    const { session } = open(service, { onToolPermission });
    await session.connect();
    const init = service.sent('control_request')[0]!;
    service.deliverRaw({ kind: 'frame', frame: init });
    service.deliverRaw({ kind: 'frame', frame: { type: 'control_response', response: { subtype: 'success', request_id: 'not-ours' } } });
    await flush();
    expect(onToolPermission).not.toHaveBeenCalled();
    expect(service.sent('control_response')).toHaveLength(0);
    session.disconnect();
  });

  it('refuses to send when never connected', async () => {
    const service = new FakeService();
    const { session } = open(service);
    await expect(session.sendMessage('hi')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    await expect(session.interrupt()).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('validates its options', () => {
    expect(() => new Session({ sessionId: '', transport: new FakeService().factory })).toThrow(/sessionId/);
    expect(() => new Session({ sessionId: 's', transport: undefined as never })).toThrow(/transport/);
  });
});
