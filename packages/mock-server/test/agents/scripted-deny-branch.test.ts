import { describe, expect, it } from 'vitest';
import { demoAgent, scriptedAgent } from '../../src/agents';
import { BASH_ALLOWED, BASH_DENIED } from '../../src/agents/scripted/demo';
import { scenario, text, toolUse } from '../../src/scenario/builder';
import { attach, type Harness } from './fake-context';

const touch = scenario('touch')
  .turn('touch')
  .reply([
    text('Creating it.'),
    toolUse('Bash', { command: 'touch a.txt' }, { id: 'toolu_a', result: '', onDeny: (branch) => branch.fail(529, 'Overloaded').reply([text('Then I will ask first.'), toolUse('AskUserQuestion', { questions: [] }, { id: 'toolu_q' })]).reply(text('Asked.')) }),
  ])
  .reply(text('Created a.txt.'))
  .build();

function resultText(h: Harness): unknown {
  return h.frames.find((f) => f.type === 'result')?.result;
}

describe('scripted agent: onDeny branches', () => {
  it('allow: the turn goes on with its own answers', async () => {
    const h = await attach(scriptedAgent({ scenarios: [touch] }));
    h.prompt('touch it');
    await h.advance(10);
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'allow' });
    await h.advance(10);
    expect(resultText(h)).toBe('Created a.txt.');
  });

  it('deny: the branch replaces the rest of the turn (its retries, tool calls and prompts included)', async () => {
    const h = await attach(scriptedAgent({ scenarios: [touch] }));
    h.prompt('touch it');
    await h.advance(10);
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'deny', message: 'No files today.' });
    await h.advance(5_000);
    expect(h.kinds()).toContain('system/api_retry');
    const question = h.lastRequest('can_use_tool');
    expect(question.request).toMatchObject({ tool_name: 'AskUserQuestion', tool_use_id: 'toolu_q' });
    h.answer(question, { behavior: 'allow', updatedInput: { questions: [], answers: {} } });
    await h.advance(10);
    expect(resultText(h)).toBe('Asked.');
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ num_turns: 3, permission_denials: [{ tool_use_id: 'toolu_a' }] });
  });

  it('a PreToolUse hook deny and an error answer to the prompt are denials too; a failing tool is not', async () => {
    const failing = scenario('failing')
      .turn('touch')
      .reply(toolUse('Bash', { command: 'touch a.txt' }, { result: { content: 'Exit code 1', is_error: true }, onDeny: [{ blocks: [text('Denied branch.')] }] }))
      .reply(text('Failed branch.'))
      .build();
    const hooked = await attach(scriptedAgent({ scenarios: [failing] }));
    await hooked.session.initialize!({ subtype: 'initialize', hooks: { PreToolUse: [{ hookCallbackIds: ['pre'] }] } });
    hooked.prompt('touch');
    await hooked.advance(10);
    hooked.answer(hooked.lastRequest('hook_callback'), { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'Policy.' } });
    await hooked.advance(10);
    expect(resultText(hooked)).toBe('Denied branch.');

    const errored = await attach(scriptedAgent({ scenarios: [failing] }));
    errored.prompt('touch');
    await errored.advance(10);
    errored.send({ type: 'control_response', response: { subtype: 'error', request_id: errored.lastRequest('can_use_tool').request_id, error: 'Prompt failed.' } });
    await errored.advance(10);
    expect(resultText(errored)).toBe('Denied branch.');

    const ran = await attach(scriptedAgent({ scenarios: [failing] }));
    ran.prompt('touch');
    await ran.advance(10);
    ran.answer(ran.lastRequest('can_use_tool'), { behavior: 'allow' });
    await ran.advance(10);
    expect(resultText(ran)).toBe('Failed branch.');
  });

  it('deny with interrupt still ends the turn without playing the branch', async () => {
    const h = await attach(scriptedAgent({ scenarios: [touch] }));
    h.prompt('touch it');
    await h.advance(10);
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'deny', message: 'Stop.', interrupt: true });
    await h.advance(5_000);
    expect(h.kinds()).not.toContain('system/api_retry');
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ subtype: 'error_during_execution', terminal_reason: 'aborted_tools' });
  });

  it('the demo Bash flow answers differently after allow and after deny', async () => {
    const answers: string[] = [];
    for (const response of [{ behavior: 'allow' }, { behavior: 'deny', message: 'Not here.' }]) {
      const h = await attach(demoAgent());
      h.prompt('run a bash command');
      await h.advance(5_000);
      h.answer(h.lastRequest('can_use_tool'), response);
      await h.advance(5_000);
      answers.push(String(resultText(h)));
    }
    expect(answers).toEqual([BASH_ALLOWED, BASH_DENIED]);
  });
});

describe('scripted agent: tool durationMs', () => {
  const slow = scenario('slow-tool')
    .turn('build')
    .reply(toolUse('Bash', { command: 'make build' }, { id: 'toolu_make', result: 'built', permission: 'auto', durationMs: 30_000 }))
    .reply(text('Built.'))
    .build();

  it('the tool_result arrives only after the tool ran for durationMs on the clock', async () => {
    const h = await attach(scriptedAgent({ scenarios: [slow] }));
    h.prompt('build it');
    await h.advance(10);
    await h.advance(29_000);
    expect(h.kinds()).not.toContain('user');
    await h.advance(1_000);
    expect(h.kinds().slice(-4)).toEqual(['user', 'assistant', 'result/success', 'state/idle']);
    const result = h.frames.find((f) => f.type === 'result')!;
    expect(result.duration_ms).toBeGreaterThanOrEqual(30_000);
  });

  it('an interrupt while the tool runs ends the turn at once with aborted_tools', async () => {
    const h = await attach(scriptedAgent({ scenarios: [slow] }));
    h.prompt('build it');
    await h.advance(5_000);
    h.send({ type: 'control_request', request_id: 'int1', request: { subtype: 'interrupt' } });
    await h.advance(10);
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ subtype: 'error_during_execution', terminal_reason: 'aborted_tools' });
    expect(h.clock.now() - 1_000_000).toBeLessThan(30_000);
  });
});
