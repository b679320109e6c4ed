import { describe, expect, it } from 'vitest';
import { ConversationPlayer, viewRequest, type Selection } from '../../src/fake-model/index';
import { listTurns, scenario, text } from '../../src/scenario/index';

const reminder = { type: 'text', text: '<system-reminder>\nToday is a day.\n</system-reminder>' };

function userPrompt(value: string): Record<string, unknown> {
  return { role: 'user', content: [reminder, { type: 'text', text: value }] };
}

function replyText(selection: Selection): string {
  if (selection.kind !== 'response') return `(${selection.reason})`;
  const response = selection.response;
  if ('error' in response) return `error ${response.error.status}`;
  return response.blocks.map((b) => (b.type === 'tool_use' ? `tool ${b.name}` : b.text)).join(' ');
}

describe('viewRequest', () => {
  it('reads the prompt from the last user message, skipping system reminders and trailing system messages', () => {
    const view = viewRequest({
      messages: [userPrompt('make a file'), { role: 'system', content: 'Available agents...' }],
    });
    expect(view).toEqual({ kind: 'prompt', text: 'make a file', key: '0:1:make a file' });
  });

  it('treats a last user message that ends in tool results as a follow-up, pairing each call with its result', () => {
    const view = viewRequest({
      messages: [
        userPrompt('make a file'),
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'Two calls.' },
            { type: 'tool_use', id: 't1', name: 'Bash', input: {} },
          ],
        },
        { role: 'assistant', content: [{ type: 'tool_use', id: 't2', name: 'Write', input: {} }] },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 't2', content: 'No.', is_error: true },
            { type: 'tool_result', tool_use_id: 't1', content: [{ type: 'text', text: 'ok' }] },
            reminder,
          ],
        },
      ],
    });
    expect(view).toEqual({
      kind: 'tool_results',
      calls: [
        { id: 't1', name: 'Bash', result: { isError: false, content: [{ type: 'text', text: 'ok' }] } },
        { id: 't2', name: 'Write', result: { isError: true, content: 'No.' } },
      ],
    });
  });

  it('accepts plain string content', () => {
    expect(viewRequest({ messages: [{ role: 'user', content: 'hello' }] })).toMatchObject({
      kind: 'prompt',
      text: 'hello',
    });
  });
});

describe('ConversationPlayer', () => {
  const script = scenario('script')
    .turn('first')
    .fail(500, 'boom')
    .reply(text('one'))
    .reply(text('one, after tools'))
    .turn('second')
    .reply(text('two'))
    .build();

  it('keeps serving the same turn for retries and follow-ups, then moves to the next turn', () => {
    const player = new ConversationPlayer(listTurns([script]), 'scenario "script"');
    const first = viewRequest({ messages: [userPrompt('the first question')] });
    expect(replyText(player.next(first))).toBe('error 500');
    expect(replyText(player.next(first))).toBe('one');
    expect(replyText(player.next({ kind: 'tool_results', calls: [] }))).toBe('one, after tools');
    const second = viewRequest({
      messages: [
        userPrompt('the first question'),
        { role: 'assistant', content: 'one' },
        userPrompt('the second question'),
      ],
    });
    expect(replyText(player.next(second))).toBe('two');
  });

  it('starts over from the first matching turn when later turns do not match', () => {
    const player = new ConversationPlayer(listTurns([script]), 'scenario "script"');
    expect(replyText(player.next(viewRequest({ messages: [userPrompt('second')] })))).toBe('two');
    expect(
      replyText(player.next(viewRequest({ messages: [userPrompt('x'), userPrompt('first again')] }))),
    ).toBe('error 500');
  });

  it('explains tool results that arrive outside any turn', () => {
    const player = new ConversationPlayer(listTurns([script]), 'scenario "script"');
    expect(player.next({ kind: 'tool_results', calls: [] })).toEqual({
      kind: 'no_script',
      reason: 'tool results arrived but no turn of scenario "script" is in progress',
    });
  });
});
