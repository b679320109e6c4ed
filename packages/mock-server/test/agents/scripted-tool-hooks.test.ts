import { describe, expect, it } from 'vitest';
import { scriptedAgent } from '../../src/agents';
import { scenario, text, toolUse } from '../../src/scenario/builder';
import { attach, type Harness } from './fake-context';

const bash = scenario('bash')
  .turn('touch')
  .reply([text('Creating it.'), toolUse('Bash', { command: 'touch a.txt' }, { id: 'toolu_bash', result: 'made it', durationMs: 1_500 })])
  .reply(text('Done.'))
  .build();

function hookCalls(h: Harness): Record<string, unknown>[] {
  return h.frames.filter((f) => f.type === 'control_request' && (f.request as Record<string, unknown>).subtype === 'hook_callback').map((f) => f.request as Record<string, unknown>);
}

async function withHooks(hooks: Record<string, unknown>): Promise<Harness> {
  const h = await attach(scriptedAgent({ scenarios: [bash] }));
  await h.session.initialize!({ subtype: 'initialize', hooks });
  return h;
}

describe('scripted agent: PostToolUse and Stop hooks', () => {
  it('PostToolUse fires after the tool ran and before its tool_result; Stop fires before the result; the turn waits for both', async () => {
    const h = await withHooks({ PostToolUse: [{ matcher: 'Bash', hookCallbackIds: ['post'] }], Stop: [{ hookCallbackIds: ['stop'] }] });
    h.prompt('touch it');
    await h.advance(10);
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'allow', updatedInput: { command: 'touch b.txt' } });
    await h.advance(1_500);
    const post = h.lastRequest('hook_callback');
    expect(post.request).toEqual({
      subtype: 'hook_callback',
      callback_id: 'post',
      tool_use_id: 'toolu_bash',
      input: {
        session_id: 'cse_test',
        transcript_path: '/tmp/claude/cse_test.jsonl',
        cwd: '/workspace',
        prompt_id: expect.any(String),
        permission_mode: 'default',
        hook_event_name: 'PostToolUse',
        tool_name: 'Bash',
        tool_input: { command: 'touch b.txt' },
        tool_response: { stdout: 'made it', stderr: '', interrupted: false, isImage: false },
        tool_use_id: 'toolu_bash',
        duration_ms: 1_500,
      },
    });
    expect(h.kinds()).not.toContain('user');
    h.answer(post, {});
    await h.advance(10);
    expect(h.kinds().slice(-3)).toEqual(['user', 'assistant', 'control_request/hook_callback']);
    const stop = h.lastRequest('hook_callback');
    expect(stop.request).toMatchObject({
      callback_id: 'stop',
      tool_use_id: expect.not.stringMatching(/^toolu_/),
      input: { hook_event_name: 'Stop', stop_hook_active: false, last_assistant_message: 'Done.', background_tasks: [], session_crons: [], prompt_id: (post.request as { input: { prompt_id: string } }).input.prompt_id },
    });
    expect(h.kinds()).not.toContain('result/success');
    h.answer(stop, {});
    await h.advance(10);
    expect(h.kinds().slice(-2)).toEqual(['result/success', 'state/idle']);
  });

  it('a failing tool fires PostToolUseFailure with the error instead of PostToolUse; a denied one fires neither', async () => {
    const failing = scenario('failing')
      .turn('x')
      .reply(toolUse('Bash', { command: 'false' }, { result: { content: 'Exit code 1', is_error: true }, permission: 'auto' }))
      .reply(toolUse('Bash', { command: 'touch c' }))
      .reply(text('Done.'))
      .build();
    const h = await attach(scriptedAgent({ scenarios: [failing] }));
    await h.session.initialize!({ subtype: 'initialize', hooks: { PostToolUse: [{ hookCallbackIds: ['post'] }], PostToolUseFailure: [{ hookCallbackIds: ['fail'] }] } });
    h.prompt('x');
    await h.advance(10);
    const failure = h.lastRequest('hook_callback');
    expect(failure.request).toMatchObject({ callback_id: 'fail', input: { hook_event_name: 'PostToolUseFailure', error: 'Exit code 1', is_interrupt: false, duration_ms: 0 } });
    h.answer(failure, {});
    await h.advance(10);
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'deny', message: 'No.' });
    await h.advance(10);
    expect(hookCalls(h).map((r) => r.callback_id)).toEqual(['fail']);
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ result: 'Done.' });
  });
});

describe('scripted agent: PermissionRequest hooks', () => {
  it('fire right after can_use_tool, with the suggestions; the client answer decides when it comes first', async () => {
    const h = await withHooks({ PermissionRequest: [{ matcher: 'Bash', hookCallbackIds: ['perm'] }] });
    h.prompt('touch it');
    await h.advance(10);
    expect(h.kinds().slice(-3)).toEqual(['control_request/can_use_tool', 'state/requires_action', 'control_request/hook_callback']);
    const hook = h.lastRequest('hook_callback');
    expect(hook.request).toMatchObject({
      callback_id: 'perm',
      tool_use_id: 'toolu_bash',
      input: {
        hook_event_name: 'PermissionRequest',
        tool_name: 'Bash',
        tool_input: { command: 'touch a.txt' },
        permission_suggestions: [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 'touch:*' }], behavior: 'allow', destination: 'session' }],
      },
    });
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'deny', message: 'Client says no.' });
    await h.advance(10);
    h.answer(hook, { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision: { behavior: 'allow' } } });
    await h.advance(2_000);
    const block = (h.frames.find((f) => f.type === 'user')!.message as { content: Record<string, unknown>[] }).content[0];
    expect(block).toMatchObject({ is_error: true, content: 'Client says no.' });
    expect(h.kinds()).not.toContain('control_cancel_request');
  });

  it('a hook decision that comes first wins: the prompt is withdrawn and the decision applies', async () => {
    for (const [decision, expected] of [
      [{ behavior: 'allow', updatedInput: { command: 'touch hooked.txt' } }, { content: 'made it' }],
      [{ behavior: 'deny', message: 'Hook says no.' }, { content: 'Hook says no.', is_error: true }],
    ] as const) {
      const h = await withHooks({ PermissionRequest: [{ hookCallbackIds: ['perm'] }] });
      h.prompt('touch it');
      await h.advance(10);
      const prompt = h.lastRequest('can_use_tool');
      h.answer(h.lastRequest('hook_callback'), { hookSpecificOutput: { hookEventName: 'PermissionRequest', decision } });
      await h.advance(2_000);
      expect(h.frames.find((f) => f.type === 'control_cancel_request')).toEqual({ type: 'control_cancel_request', request_id: prompt.request_id });
      const block = (h.frames.find((f) => f.type === 'user')!.message as { content: Record<string, unknown>[] }).content[0];
      expect(block).toMatchObject(expected);
      h.answer(prompt, { behavior: 'allow' });
      await h.advance(10);
      expect(h.journal.join('\n')).toMatch(/ignored a control_response/);
      expect(h.frames.filter((f) => f.type === 'result')).toHaveLength(1);
    }
  });
});
