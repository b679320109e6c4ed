import { describe, expect, it } from 'vitest';
import { scenario, text, toolUse } from '../../src/scenario/builder';
import { demoAgent, scriptedAgent } from '../../src/agents';
import { attach, type Harness } from './fake-context';

const bash = scenario('bash')
  .turn('touch')
  .reply([text('Creating it.'), toolUse('Bash', { command: 'touch a.txt' }, { id: 'toolu_bash1', result: '' })])
  .reply(text('Done.'))
  .build();

function toolResults(h: Harness): Record<string, unknown>[] {
  return h.frames
    .filter((f) => f.type === 'user')
    .flatMap((f) => ((f.message as Record<string, unknown>).content as Record<string, unknown>[]).filter((b) => b.type === 'tool_result'));
}

describe('scripted agent: permission prompts', () => {
  it('asks with can_use_tool right after the tool_use assistant frame, before content_block_stop, and waits', async () => {
    const h = await attach(scriptedAgent({ scenarios: [bash] }));
    h.prompt('touch it');
    await h.advance(10);
    expect(h.kinds({ partials: true }).slice(-6)).toEqual([
      'assistant',
      'control_request/can_use_tool',
      'state/requires_action',
      'stream_event/content_block_stop',
      'stream_event/message_delta',
      'stream_event/message_stop',
    ]);
    const request = h.lastRequest('can_use_tool');
    expect(request.request).toEqual({
      subtype: 'can_use_tool',
      tool_name: 'Bash',
      input: { command: 'touch a.txt' },
      tool_use_id: 'toolu_bash1',
      permission_suggestions: [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 'touch:*' }], behavior: 'allow', destination: 'session' }],
    });
    await h.advance(60_000);
    expect(h.kinds()).not.toContain('result/success');
  });

  it('allow: runs the tool with updatedInput, then continues the turn', async () => {
    const h = await attach(scriptedAgent({ scenarios: [bash] }));
    h.prompt('touch it');
    await h.advance(10);
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'allow', updatedInput: { command: 'touch renamed.txt' }, toolUseID: 'toolu_bash1' });
    await h.advance(10);
    expect(h.kinds().slice(-7)).toEqual(['control_request/can_use_tool', 'state/requires_action', 'state/running', 'user', 'assistant', 'result/success', 'state/idle']);
    expect(toolResults(h)).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_bash1', content: '(Bash completed with no output)' }]);
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ result: 'Done.', permission_denials: [], num_turns: 2 });
  });

  it('deny: an is_error tool_result with the message, the turn goes on, the denial is listed', async () => {
    const h = await attach(scriptedAgent({ scenarios: [bash] }));
    h.prompt('touch it');
    await h.advance(10);
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'deny', message: 'Not today.' });
    await h.advance(10);
    expect(toolResults(h)).toEqual([{ type: 'tool_result', tool_use_id: 'toolu_bash1', content: 'Not today.', is_error: true }]);
    expect(h.frames.find((f) => f.type === 'user')!.tool_use_result).toBe('Error: Not today.');
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({
      subtype: 'success',
      result: 'Done.',
      permission_denials: [{ tool_name: 'Bash', tool_use_id: 'toolu_bash1', tool_input: { command: 'touch a.txt' } }],
    });
  });

  it('deny with interrupt: the canned rejection, the interrupted-for-tool-use text and aborted_tools', async () => {
    const h = await attach(scriptedAgent({ scenarios: [bash] }));
    h.prompt('touch it');
    await h.advance(10);
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'deny', message: 'Stop.', interrupt: true });
    await h.advance(10);
    expect(h.kinds().slice(-5)).toEqual(['state/running', 'user', 'user', 'result/error_during_execution', 'state/idle']);
    expect(toolResults(h)[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/^The user doesn't want to proceed with this tool use/) });
    const texts = h.frames.filter((f) => f.type === 'user').map((f) => (f.message as { content: { text?: string }[] }).content[0]!.text);
    expect(texts[1]).toBe('[Request interrupted by user for tool use]');
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ is_error: true, terminal_reason: 'aborted_tools', permission_denials: [{ tool_name: 'Bash' }] });
    h.prompt('touch again');
    await h.advance(10);
    expect(h.kinds().filter((k) => k === 'system/init')).toHaveLength(2);
  });

  it('updatedPermissions addRules: a later matching call runs without a prompt', async () => {
    const twice = scenario('twice')
      .turn('touch')
      .reply(toolUse('Bash', { command: 'touch one.txt' }))
      .reply(toolUse('Bash', { command: 'touch two.txt' }))
      .reply(text('Both done.'))
      .build();
    const h = await attach(scriptedAgent({ scenarios: [twice] }));
    h.prompt('touch both');
    await h.advance(10);
    const request = h.lastRequest('can_use_tool');
    h.answer(request, { behavior: 'allow', updatedPermissions: (request.request as Record<string, unknown>).permission_suggestions });
    await h.advance(10);
    expect(h.kinds().filter((k) => k === 'control_request/can_use_tool')).toHaveLength(1);
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ result: 'Both done.', num_turns: 3 });
  });

  it('answers to a cancelled or unknown request are ignored and journaled', async () => {
    const h = await attach(scriptedAgent({ scenarios: [bash] }));
    h.send({ type: 'control_response', response: { subtype: 'success', request_id: 'nope', response: { behavior: 'allow' } } });
    expect(h.journal.join('\n')).toMatch(/ignored a control_response for nope/);
    expect(h.frames).toEqual([]);
  });

  it('file write: updatedInput decides which file the tool_result names', async () => {
    const h = await attach(demoAgent());
    h.prompt('please write the notes');
    await h.advance(5_000);
    const request = h.lastRequest('can_use_tool');
    const input = (request.request as Record<string, unknown>).input as Record<string, unknown>;
    h.answer(request, { behavior: 'allow', updatedInput: { ...input, file_path: '/workspace/renamed.md' } });
    await h.advance(5_000);
    expect(toolResults(h)[0]).toMatchObject({ content: 'File created successfully at: /workspace/renamed.md' });
    expect(h.frames.find((f) => f.type === 'user')!.tool_use_result).toMatchObject({ type: 'create', filePath: '/workspace/renamed.md' });
  });
});

describe('scripted agent: AskUserQuestion and plan mode', () => {
  it('AskUserQuestion (single): always asks, and the tool_result quotes the answer', async () => {
    const h = await attach(demoAgent());
    h.prompt('ask me a question');
    await h.advance(5_000);
    const request = h.lastRequest('can_use_tool');
    const input = (request.request as Record<string, unknown>).input as Record<string, unknown>;
    expect((request.request as Record<string, unknown>).tool_name).toBe('AskUserQuestion');
    h.answer(request, { behavior: 'allow', updatedInput: { ...input, answers: { 'Which color theme should the demo use?': 'Dark' } } });
    await h.advance(5_000);
    expect(toolResults(h)[0]!.content).toBe(
      'User has answered your questions: "Which color theme should the demo use?"="Dark". You can now continue with the user\'s answers in mind.',
    );
    expect(h.frames.find((f) => f.type === 'user')!.tool_use_result).toMatchObject({ answers: { 'Which color theme should the demo use?': 'Dark' } });
  });

  it('AskUserQuestion (multi): several questions, multi-select answers joined with ", "', async () => {
    const h = await attach(demoAgent());
    h.prompt('run the survey');
    await h.advance(5_000);
    const request = h.lastRequest('can_use_tool');
    const input = (request.request as Record<string, unknown>).input as { questions: { question: string }[] };
    expect(input.questions).toHaveLength(2);
    const answers = { [input.questions[0]!.question]: 'Linting, CI', [input.questions[1]!.question]: 'pnpm' };
    h.answer(request, { behavior: 'allow', updatedInput: { ...input, answers } });
    await h.advance(5_000);
    expect(toolResults(h)[0]!.content).toContain('"Which checks should run on every push?"="Linting, CI", "Which package manager should the project use?"="pnpm"');
  });

  it('plan mode: EnterPlanMode reports plan without a prompt; approving ExitPlanMode reports default before its result', async () => {
    const h = await attach(demoAgent());
    h.prompt('make a plan');
    await h.advance(5_000);
    const request = h.lastRequest('can_use_tool');
    expect((request.request as Record<string, unknown>).tool_name).toBe('ExitPlanMode');
    expect(h.kinds().filter((k) => k === 'control_request/can_use_tool')).toHaveLength(1);
    const plan = (request.request as { input: { plan: string } }).input.plan;
    h.answer(request, { behavior: 'allow', updatedInput: { plan: `${plan}\n4. Ship it` } });
    await h.advance(5_000);
    const statuses = h.frames.filter((f) => f.subtype === 'status').map((f) => f.permissionMode);
    expect(statuses).toEqual(['plan', 'default']);
    const order = h.kinds();
    expect(order.lastIndexOf('system/status')).toBe(order.lastIndexOf('user') - 1);
    const exit = h.frames.filter((f) => f.type === 'user').at(-1)!;
    expect(exit.tool_use_result).toMatchObject({ planWasEdited: true, plan: expect.stringContaining('4. Ship it') });
    h.prompt('hello');
    await h.advance(5_000);
    expect(h.frames.filter((f) => f.subtype === 'init').map((f) => f.permissionMode)).toEqual(['default', 'default']);
  });

  it('plan mode: denying ExitPlanMode keeps plan mode', async () => {
    const h = await attach(demoAgent());
    h.prompt('make a plan');
    await h.advance(5_000);
    h.answer(h.lastRequest('can_use_tool'), { behavior: 'deny', message: 'Keep planning.' });
    await h.advance(5_000);
    expect(h.frames.filter((f) => f.subtype === 'status').map((f) => f.permissionMode)).toEqual(['plan']);
    h.prompt('hello');
    await h.advance(5_000);
    expect(h.frames.filter((f) => f.subtype === 'init').at(-1)!.permissionMode).toBe('plan');
  });
});
