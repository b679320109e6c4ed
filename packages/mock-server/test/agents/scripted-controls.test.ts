import { describe, expect, it } from 'vitest';
import { demoAgent } from '../../src/agents';
import { attach } from './fake-context';

const request = (id: string, body: Record<string, unknown>): Record<string, unknown> => ({ type: 'control_request', request_id: id, request: body });

describe('scripted agent: host control requests', () => {
  it('set_model: the local-command output first, then success with the model; the next turn uses it', async () => {
    const h = await attach(demoAgent());
    h.send(request('m1', { subtype: 'set_model', model: 'opus' }));
    expect(h.frames).toEqual([
      {
        type: 'user',
        message: { role: 'user', content: '<local-command-stdout>Set model to opus (claude-opus-4-1)</local-command-stdout>' },
        parent_tool_use_id: null,
        session_id: 'cse_test',
      },
      { type: 'control_response', response: { subtype: 'success', request_id: 'm1', response: { model: 'claude-opus-4-1' } } },
    ]);
    h.prompt('hello');
    await h.advance(5_000);
    expect(h.frames.find((f) => f.subtype === 'init')!.model).toBe('claude-opus-4-1');
    expect(Object.keys(h.frames.find((f) => f.type === 'result')!.modelUsage as object)).toEqual(['claude-opus-4-1']);
  });

  it('set_permission_mode: success, then system/status; manual means default; anything else is refused with invalid_mode, as CLI 2.1.337', async () => {
    const h = await attach(demoAgent());
    h.send(request('p1', { subtype: 'set_permission_mode', mode: 'acceptEdits' }));
    h.send(request('p2', { subtype: 'set_permission_mode', mode: 'manual' }));
    // The CLI answers first, then announces the mode (corpus flow 12, 2.1.337).
    expect(h.kinds()).toEqual(['control_response/success', 'system/status', 'control_response/success', 'system/status']);
    expect(h.frames[1]).toMatchObject({ permissionMode: 'acceptEdits' });
    expect(h.frames[2]).toMatchObject({ response: { response: { mode: 'default' } } });
    const refused = ['bogus', '', 'DEFAULT', null, 5];
    refused.forEach((mode, i) => h.send(request(`bad-${i}`, { subtype: 'set_permission_mode', mode })));
    const errors = h.frames.slice(4);
    expect(errors).toHaveLength(refused.length);
    for (const frame of errors) {
      expect(frame).toMatchObject({ response: { subtype: 'error', error: 'Cannot set permission mode: must be one of acceptEdits, auto, bypassPermissions, default, dontAsk, plan', error_code: 'invalid_mode' } });
    }
  });

  it('set_model refuses what CLI 2.1.337 refuses, with its error codes', async () => {
    const h = await attach(demoAgent());
    h.send(request('a', { subtype: 'set_model', model: 5 }));
    h.send(request('b', { subtype: 'set_model', model: '' }));
    h.send(request('c', { subtype: 'set_model', model: 'opus', only_if_model_is_current: 'sonnet' }));
    expect(h.frames.map((f) => (f.response as Record<string, unknown>).error_code)).toEqual(['invalid_request', 'catalog_unknown', 'invalid_request']);
    expect(h.frames[0]).toMatchObject({ response: { error: 'set_model: model must be a string' } });
  });

  it('acceptEdits: a file write runs without a prompt', async () => {
    const h = await attach(demoAgent());
    h.send(request('p1', { subtype: 'set_permission_mode', mode: 'acceptEdits' }));
    h.prompt('write something');
    await h.advance(5_000);
    expect(h.kinds()).not.toContain('control_request/can_use_tool');
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ subtype: 'success' });
    expect(h.frames.find((f) => f.subtype === 'init')).toMatchObject({ permissionMode: 'acceptEdits' });
  });

  it('set_max_thinking_tokens and mcp_status are answered; unknown subtypes get the CLI error', async () => {
    const h = await attach(demoAgent());
    h.send(request('t1', { subtype: 'set_max_thinking_tokens', max_thinking_tokens: 1024 }));
    h.send(request('s1', { subtype: 'mcp_status' }));
    h.send(request('u1', { subtype: 'get_usage' }));
    expect(h.frames).toEqual([
      { type: 'control_response', response: { subtype: 'success', request_id: 't1' } },
      { type: 'control_response', response: { subtype: 'success', request_id: 's1', response: { mcpServers: [] } } },
      { type: 'control_response', response: { subtype: 'error', request_id: 'u1', error: 'Unsupported control request subtype: get_usage', error_code: 'unsupported_request' } },
    ]);
  });

  it('initialize: answers with the CLI capabilities', async () => {
    const h = await attach(demoAgent());
    const reply = await h.session.initialize!({ subtype: 'initialize' });
    expect(reply).toMatchObject({ output_style: 'default', models: expect.any(Array), commands: expect.any(Array), pid: process.pid });
  });
});
