import { describe, expect, it } from 'vitest';
import { scenario, text, thinking, toolUse } from '../../src/scenario/builder';
import { scriptedAgent } from '../../src/agents';
import { attach } from './fake-context';

const plain = scenario('plain').turn('hello').reply(text('Hi there, how can I help?', { chunks: 3, chunkDelayMs: 100 })).build();

describe('scripted agent: a plain turn', () => {
  it('emits init, per-block assistant frames sharing one message id, one result and idle', async () => {
    const h = await attach(scriptedAgent({ scenarios: [plain] }));
    h.prompt('hello');
    await h.advance(1_000);
    expect(h.kinds()).toEqual(['state/running', 'system/init', 'assistant', 'result/success', 'state/idle']);
    expect(h.kinds({ partials: true })).toEqual([
      'state/running',
      'system/init',
      'stream_event/message_start',
      'stream_event/content_block_start',
      'stream_event/content_block_delta',
      'stream_event/content_block_delta',
      'stream_event/content_block_delta',
      'assistant',
      'stream_event/content_block_stop',
      'stream_event/message_delta',
      'stream_event/message_stop',
      'result/success',
      'state/idle',
    ]);
    const assistant = h.frames.find((f) => f.type === 'assistant')!;
    expect(assistant.message).toMatchObject({ stop_reason: null, content: [{ type: 'text', text: 'Hi there, how can I help?' }], usage: { output_tokens: 1 } });
    const result = h.frames.find((f) => f.type === 'result')!;
    expect(result).toMatchObject({ is_error: false, result: 'Hi there, how can I help?', num_turns: 1, permission_denials: [], stop_reason: 'end_turn' });
    expect(result.duration_ms).toBe(200);
    expect(result.total_cost_usd).toBeGreaterThan(0);
  });

  it('streams on the injected clock: nothing past the first chunk until time advances', async () => {
    const h = await attach(scriptedAgent({ scenarios: [plain] }));
    h.prompt('hello');
    await h.flush();
    const deltas = (): number => h.kinds({ partials: true }).filter((k) => k === 'stream_event/content_block_delta').length;
    expect(deltas()).toBe(1);
    await h.advance(100);
    expect(deltas()).toBe(2);
    expect(h.kinds()).not.toContain('result/success');
  });

  it('sends system/init at the start of every turn and runs a prompt sent mid-turn after the first result', async () => {
    const two = scenario('two').turn('first').reply(text('One', { chunkDelayMs: 50, chunks: 2 })).turn('second').reply(text('Two')).build();
    const h = await attach(scriptedAgent({ scenarios: [two] }));
    h.prompt('first');
    await h.flush();
    h.prompt('second');
    await h.advance(500);
    expect(h.kinds()).toEqual([
      'state/running',
      'system/init',
      'assistant',
      'result/success',
      'state/idle',
      'state/running',
      'system/init',
      'assistant',
      'result/success',
      'state/idle',
    ]);
    expect(h.frames.filter((f) => f.type === 'result').map((f) => f.result)).toEqual(['One', 'Two']);
  });

  it('gives thinking and text blocks their own assistant frames and reports the model from the settings', async () => {
    const think = scenario('think').turn('why').reply([thinking('Hmm.'), text('Because.')]).build();
    const h = await attach(scriptedAgent({ scenarios: [think] }), { model: 'claude-opus-4-1', cwd: '/home/me' });
    h.prompt('why?');
    await h.advance(10);
    const init = h.frames.find((f) => f.subtype === 'init')!;
    expect(init).toMatchObject({ model: 'claude-opus-4-1', cwd: '/home/me', permissionMode: 'default', claude_code_version: '2.1.197' });
    const assistants = h.frames.filter((f) => f.type === 'assistant').map((f) => f.message as Record<string, unknown>);
    expect(assistants.map((m) => (m.content as Record<string, unknown>[])[0]!.type)).toEqual(['thinking', 'text']);
    expect(new Set(assistants.map((m) => m.id)).size).toBe(1);
    expect((assistants[0]!.content as Record<string, unknown>[])[0]).toMatchObject({ thinking: 'Hmm.', signature: expect.any(String) });
    const result = h.frames.find((f) => f.type === 'result')!;
    expect(Object.keys(result.modelUsage as object)).toEqual(['claude-opus-4-1']);
  });

  it('answers an unmatched prompt with the fallback listing the prompts it knows', async () => {
    const h = await attach(scriptedAgent({ scenarios: [plain] }));
    h.prompt('what can you do');
    await h.advance(10);
    const result = h.frames.find((f) => f.type === 'result')!;
    expect(result.result).toContain('none of its scenarios has a turn for "what can you do"');
    expect(result.result).toContain('"hello"');
    expect(h.journal.join('\n')).toContain('no scenario turn matches');
  });

  it('appends a shouldQuery:false message without starting a turn', async () => {
    const h = await attach(scriptedAgent({ scenarios: [plain] }));
    h.send({ type: 'user', message: { role: 'user', content: 'hello' }, parent_tool_use_id: null, shouldQuery: false });
    await h.advance(1_000);
    expect(h.frames).toEqual([]);
  });

  it('omits stream_event partials when partialMessages is off', async () => {
    const h = await attach(scriptedAgent({ scenarios: [plain], partialMessages: false }));
    h.prompt('hello');
    await h.advance(1_000);
    expect(h.kinds({ partials: true })).toEqual(h.kinds());
  });

  it('runs a tool that needs no permission at once and counts two model requests', async () => {
    const read = scenario('read')
      .turn('read')
      .reply(toolUse('Read', { file_path: '/workspace/a.txt' }, { result: 'alpha\nbeta' }))
      .reply(text('Two lines.'))
      .build();
    const h = await attach(scriptedAgent({ scenarios: [read] }));
    h.prompt('read it');
    await h.advance(10);
    expect(h.kinds()).toEqual(['state/running', 'system/init', 'assistant', 'user', 'assistant', 'result/success', 'state/idle']);
    const user = h.frames.find((f) => f.type === 'user')!;
    expect(user.message).toMatchObject({ content: [{ type: 'tool_result', content: '     1\talpha\n     2\tbeta' }] });
    expect(user.tool_use_result).toMatchObject({ type: 'text', file: { filePath: '/workspace/a.txt', numLines: 2 } });
    const messages = h.frames.filter((f) => f.type === 'assistant').map((f) => (f.message as Record<string, unknown>).id);
    expect(messages[0]).not.toBe(messages[1]);
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ num_turns: 2, result: 'Two lines.' });
  });

  it('rejects an invalid scenario with the path of the problem', () => {
    expect(() => scriptedAgent({ scenarios: [{ name: 'x', turns: [{ responses: [{ blocks: [{ type: 'txt', text: 'a' }] }] }] } as never] })).toThrow(
      /scenarios\[0\].*\$\.turns\[0\]\.responses\[0\]\.blocks\[0\]/s,
    );
  });
});
