import { describe, expect, it } from 'vitest';
import { scenario, text, toolUse } from '../../src/scenario/builder';
import { demoAgent, scriptedAgent } from '../../src/agents';
import { attach } from './fake-context';

const interrupt = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'control_request', request_id: id, request: { subtype: 'interrupt', ...extra } });
const user = (text: string, uuid: string): Record<string, unknown> => ({ type: 'user', uuid, session_id: 's', parent_tool_use_id: null, message: { role: 'user', content: text } });

describe('scripted agent: queued prompts, as CLI 2.1.337', () => {
  it('reports command_lifecycle for prompts with a uuid; completed comes after the result', async () => {
    const h = await attach(demoAgent());
    h.send(user('hello', 'u-1'));
    h.send(user('hello again', 'u-2'));
    await h.advance(10_000);
    const lifecycle = h.frames.filter((f) => f.type === 'command_lifecycle').map((f) => `${String(f.command_uuid)} ${String(f.state)}`);
    expect(lifecycle).toEqual(['u-1 queued', 'u-1 started', 'u-2 queued', 'u-1 completed', 'u-2 started', 'u-2 completed']);
    const kinds = h.kinds();
    expect(kinds.indexOf('result/success')).toBeLessThan(kinds.indexOf('command_lifecycle', kinds.indexOf('result/success')));
  });

  it('interrupt answers still_queued; with cancel_queued the queued prompts are cancelled and listed', async () => {
    const h = await attach(demoAgent());
    h.send(user('a long story please', 'u-1'));
    h.send(user('hello', 'u-2'));
    await h.advance(600);
    h.send(interrupt('int-a'));
    await h.advance(10);
    expect(h.frames.find((f) => f.type === 'control_response')).toMatchObject({ response: { request_id: 'int-a', response: { still_queued: ['u-2'] } } });
    await h.advance(10_000);
    h.send(user('a long story please', 'u-3'));
    h.send(user('hello', 'u-4'));
    await h.advance(600);
    h.send(interrupt('int-b', { cancel_queued: true }));
    await h.advance(10_000);
    const answer = h.frames.filter((f) => f.type === 'control_response').at(-1);
    expect(answer).toMatchObject({ response: { request_id: 'int-b', response: { still_queued: [], cancelled: ['u-4'] } } });
    const states = h.frames.filter((f) => f.type === 'command_lifecycle').map((f) => `${String(f.command_uuid)} ${String(f.state)}${f.idle === true ? ' idle' : ''}`);
    expect(states).toEqual(['u-1 queued', 'u-1 started', 'u-2 queued', 'u-1 cancelled', 'u-2 started', 'u-2 completed', 'u-3 queued', 'u-3 started', 'u-4 queued', 'u-4 cancelled', 'u-3 cancelled idle']);
    expect(h.frames.filter((f) => f.type === 'result').map((f) => f.subtype)).toEqual(['error_during_execution', 'success', 'error_during_execution']);
  });
});

describe('scripted agent: interrupts', () => {
  it('mid-stream: success with no response, the partial text, the interrupted text and aborted_streaming', async () => {
    const h = await attach(demoAgent());
    h.prompt('tell me a slow story');
    await h.advance(1_000);
    const streamed = h.frames.filter((f) => f.type === 'stream_event' && (f.event as Record<string, unknown>).type === 'content_block_delta');
    expect(streamed.length).toBeGreaterThan(2);
    h.send(interrupt('int-1'));
    await h.advance(10_000);
    expect(h.kinds().slice(-5)).toEqual(['control_response/success', 'assistant', 'user', 'result/error_during_execution', 'state/idle']);
    expect(h.frames.find((f) => f.type === 'control_response')).toEqual({ type: 'control_response', response: { subtype: 'success', request_id: 'int-1', response: { still_queued: [] } } });
    const partial = h.frames.find((f) => f.type === 'assistant')!.message as { content: { text: string }[] };
    const streamedText = streamed.map((f) => ((f.event as Record<string, unknown>).delta as { text: string }).text).join('');
    expect(partial.content[0]!.text).toBe(streamedText);
    expect(partial.content[0]!.text.length).toBeLessThan(200);
    const user = h.frames.find((f) => f.type === 'user')!;
    expect(user.message).toEqual({ role: 'user', content: [{ type: 'text', text: '[Request interrupted by user]' }] });
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({
      is_error: true,
      terminal_reason: 'aborted_streaming',
      total_cost_usd: 0,
      errors: ['[ede_diagnostic] result_type=user last_content_type=n/a stop_reason=null'],
    });
    expect(h.frames.filter((f) => f.type === 'stream_event' && (f.event as Record<string, unknown>).type === 'message_stop')).toEqual([]);
  });

  it('with a prompt pending: control_cancel_request for it before the interrupt answer, then aborted_tools', async () => {
    const bash = scenario('bash').turn('go').reply(toolUse('Bash', { command: 'rm -rf build' }, { id: 'toolu_x' })).reply(text('ok')).build();
    const h = await attach(scriptedAgent({ scenarios: [bash] }));
    h.prompt('go');
    await h.advance(10);
    const prompt = h.lastRequest('can_use_tool');
    h.send(interrupt('int-2'));
    await h.advance(10);
    expect(h.kinds().slice(-7)).toEqual([
      'control_cancel_request',
      'state/running',
      'control_response/success',
      'user',
      'user',
      'result/error_during_execution',
      'state/idle',
    ]);
    expect(h.frames.find((f) => f.type === 'control_cancel_request')).toEqual({ type: 'control_cancel_request', request_id: prompt.request_id });
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ terminal_reason: 'aborted_tools' });
    const count = h.frames.length;
    h.answer(prompt, { behavior: 'allow' });
    await h.advance(10);
    expect(h.frames).toHaveLength(count);
    expect(h.journal.join('\n')).toContain(`ignored a control_response for ${String(prompt.request_id)}`);
  });

  it('when idle: just the success answer', async () => {
    const h = await attach(demoAgent());
    h.send(interrupt('int-3'));
    expect(h.kinds()).toEqual(['control_response/success']);
  });

  it('the next prompt after an interrupt starts a fresh turn', async () => {
    const h = await attach(demoAgent());
    h.prompt('a long story please');
    await h.advance(600);
    h.send(interrupt('int-4'));
    await h.advance(10);
    h.prompt('hello');
    await h.advance(5_000);
    expect(h.frames.filter((f) => f.type === 'result').map((f) => f.subtype)).toEqual(['error_during_execution', 'success']);
  });

  it('stop() ends the session silently', async () => {
    const h = await attach(demoAgent());
    h.prompt('a long story please');
    await h.advance(600);
    const count = h.frames.length;
    await h.session.stop();
    await h.advance(20_000);
    h.prompt('hello');
    await h.advance(5_000);
    expect(h.frames).toHaveLength(count);
  });
});
