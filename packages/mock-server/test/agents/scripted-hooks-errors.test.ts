import { describe, expect, it } from 'vitest';
import { scenario, text } from '../../src/scenario/builder';
import { demoAgent, scriptedAgent } from '../../src/agents';
import { attach } from './fake-context';

describe('scripted agent: hooks', () => {
  it('PreToolUse fires before can_use_tool; UserPromptSubmit before system/init', async () => {
    const h = await attach(demoAgent());
    await h.session.initialize!({
      subtype: 'initialize',
      hooks: { PreToolUse: [{ matcher: 'Bash', hookCallbackIds: ['hook_0'] }], UserPromptSubmit: [{ hookCallbackIds: ['hook_1'] }] },
    });
    h.prompt('run a bash command');
    await h.advance(10);
    expect(h.kinds()).toEqual(['state/running', 'control_request/hook_callback']);
    const submit = h.lastRequest('hook_callback');
    expect(submit.request).toMatchObject({ callback_id: 'hook_1', input: { hook_event_name: 'UserPromptSubmit', prompt: 'run a bash command' } });
    h.answer(submit, {});
    await h.advance(5_000);
    const pre = h.lastRequest('hook_callback');
    expect(pre.request).toMatchObject({ callback_id: 'hook_0', input: { hook_event_name: 'PreToolUse', tool_name: 'Bash' }, tool_use_id: expect.stringMatching(/^toolu_/) });
    expect(h.kinds()).not.toContain('control_request/can_use_tool');
    h.answer(pre, {});
    await h.advance(10);
    expect(h.kinds()).toContain('control_request/can_use_tool');
  });

  it('PreToolUse allow skips the prompt; deny becomes an is_error tool_result with the reason', async () => {
    for (const [decision, expected] of [
      ['allow', { is_error: undefined, content: '(Bash completed with no output)' }],
      ['deny', { is_error: true, content: 'Policy says no.' }],
    ] as const) {
      const h = await attach(demoAgent());
      await h.session.initialize!({ subtype: 'initialize', hooks: { PreToolUse: [{ hookCallbackIds: ['h'] }] } });
      h.prompt('bash');
      await h.advance(5_000);
      h.answer(h.lastRequest('hook_callback'), { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: decision, permissionDecisionReason: 'Policy says no.' } });
      await h.advance(5_000);
      expect(h.kinds()).not.toContain('control_request/can_use_tool');
      const user = h.frames.find((f) => f.type === 'user')!;
      const block = (user.message as { content: Record<string, unknown>[] }).content[0]!;
      expect({ is_error: block.is_error, content: block.content }).toEqual(expected);
      expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ subtype: 'success' });
    }
  });
});

describe('scripted agent: API retries and errors', () => {
  it('retries: api_retry frames with growing delays on the clock, then the answer', async () => {
    const h = await attach(demoAgent());
    h.prompt('retry please');
    await h.flush();
    const retries = (): Record<string, unknown>[] => h.frames.filter((f) => f.subtype === 'api_retry');
    expect(retries()).toHaveLength(1);
    expect(retries()[0]).toMatchObject({ attempt: 1, max_retries: 10, error_status: 529, error: 'overloaded' });
    const first = retries()[0]!.retry_delay_ms as number;
    expect(first).toBeGreaterThanOrEqual(500);
    expect(first).toBeLessThanOrEqual(625);
    await h.advance(first);
    expect(retries()).toHaveLength(2);
    expect(retries()[1]!.retry_delay_ms).toBeGreaterThanOrEqual(1000);
    await h.advance(5_000);
    expect(h.kinds().slice(-4)).toEqual(['system/api_retry', 'assistant', 'result/success', 'state/idle']);
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ is_error: false });
  });

  it('a 400 ends the turn at once: a synthetic assistant and result/success with is_error', async () => {
    const h = await attach(demoAgent());
    h.prompt('show an error');
    await h.advance(10);
    expect(h.kinds()).toEqual(['state/running', 'system/init', 'assistant', 'result/success', 'state/idle']);
    const assistant = h.frames.find((f) => f.type === 'assistant')!;
    expect(assistant).toMatchObject({ error: 'unknown', message: { model: '<synthetic>' } });
    const result = h.frames.find((f) => f.type === 'result')!;
    expect(result).toMatchObject({ is_error: true, api_error_status: 400 });
    expect(result.result).toMatch(/^API Error: 400 \{"type":"error","error":\{"type":"invalid_request_error"/);
  });

  it('exhausted 529s end with api_error_status null after max_retries retries', async () => {
    const overloaded = scenario('o').turn('x').fail(529, 'Overloaded', { times: 5 }).reply(text('never')).build();
    const h = await attach(scriptedAgent({ scenarios: [overloaded], maxRetries: 3 }));
    h.prompt('x');
    await h.advance(60_000);
    expect(h.frames.filter((f) => f.subtype === 'api_retry').map((f) => f.attempt)).toEqual([1, 2, 3]);
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ is_error: true, api_error_status: null, result: 'API Error: Repeated 529 Overloaded errors' });
  });

  it('a mid-stream error is not retried and keeps the blocks streamed before it', async () => {
    const broken = scenario('b')
      .turn('x')
      .respond({ blocks: [{ type: 'text', text: 'Partial' }, { type: 'text', text: 'lost' }], midStreamError: { message: 'Overloaded', afterBlocks: 1 } })
      .build();
    const h = await attach(scriptedAgent({ scenarios: [broken] }));
    h.prompt('x');
    await h.advance(10);
    expect(h.kinds()).toEqual(['state/running', 'system/init', 'assistant', 'assistant', 'result/success', 'state/idle']);
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ is_error: true, api_error_status: null });
    expect(h.kinds()).not.toContain('system/api_retry');
  });
});
