import { describe, expect, it } from 'vitest';
import { MessageAssembler } from '../../src/assembler/assembler';
import { assistantFrames, expectedMessage, streamFrames, type BlockSpec } from './frames';

const blocks: BlockSpec[] = [
  { type: 'thinking', pieces: ['Let me ', 'think.'], signature: 'sig==' },
  { type: 'text', pieces: ['Hel', 'lo ', 'world'] },
  { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls -la', timeout: 5 }, pieces: ['{"comm', 'and": "ls -la", ', '"timeout": 5}'] },
];

describe('MessageAssembler', () => {
  it('builds the message progressively from stream deltas', () => {
    const assembler = new MessageAssembler();
    const texts: string[] = [];
    for (const frame of streamFrames('msg_1', blocks)) {
      const message = assembler.push(frame);
      const text = message?.content[1];
      if (text && text.type === 'text') texts.push(String(text.text));
    }
    expect([...new Set(texts)]).toEqual(['', 'Hel', 'Hello ', 'Hello world']);
    const message = assembler.get('msg_1')!;
    expect(message.content[2]).toEqual({ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls -la', timeout: 5 } });
    expect(message).toMatchObject({ stop_reason: 'end_turn', complete: true, usage: { input_tokens: 12, output_tokens: 42 } });
  });

  it('keeps tool input as partial_json until the block stops', () => {
    const assembler = new MessageAssembler();
    const frames = streamFrames('msg_1', [blocks[2]!]);
    // message_start, block_start, two deltas
    for (const frame of frames.slice(0, 4)) assembler.push(frame);
    expect(assembler.get('msg_1')!.content[0]).toMatchObject({ type: 'tool_use', input: {}, partial_json: '{"command": "ls -la", ' });
  });

  it('assembles per-block assistant frames alone (no partial messages)', () => {
    const assembler = new MessageAssembler();
    for (const frame of assistantFrames('msg_1', blocks)) assembler.push(frame);
    assembler.push({ type: 'result', subtype: 'success' });
    expect(assembler.get('msg_1')).toMatchObject({ content: expectedMessage('msg_1', blocks).content, complete: true });
  });

  it('assembles the older cumulative snapshots (same id, growing content)', () => {
    const assembler = new MessageAssembler();
    const finals = assistantFrames('msg_1', blocks).map((f) => ((f.message as { content: unknown[] }).content[0]));
    for (let n = 1; n <= finals.length; n++) {
      assembler.push({ type: 'assistant', uuid: `snap-${n}`, parent_tool_use_id: null, message: { id: 'msg_1', model: 'm', content: finals.slice(0, n), stop_reason: n === finals.length ? 'tool_use' : null } });
    }
    expect(assembler.get('msg_1')).toMatchObject({ content: finals, stop_reason: 'tool_use' });
  });

  it('lets the assistant frame win over deltas, and ignores duplicates by uuid', () => {
    const assembler = new MessageAssembler();
    const stream = streamFrames('msg_1', [blocks[1]!]);
    const [final] = assistantFrames('msg_1', [{ type: 'text', pieces: ['Hello world'] }]);
    assembler.push(stream[0]);
    assembler.push(stream[1]);
    assembler.push(stream[2]);
    assembler.push(stream[2]);
    expect(assembler.get('msg_1')!.content[0]).toMatchObject({ text: 'Hel' });
    assembler.push(final);
    assembler.push(stream[3]);
    expect(assembler.get('msg_1')!.content[0]).toEqual({ type: 'text', text: 'Hello world' });
    expect(assembler.push(final)).toBeUndefined();
  });

  it('keeps subagent streams apart from the main thread', () => {
    const assembler = new MessageAssembler();
    const main = streamFrames('msg_main', [{ type: 'text', pieces: ['main'] }]);
    const sub = streamFrames('msg_sub', [{ type: 'text', pieces: ['sub'] }], 'toolu_agent');
    for (let i = 0; i < Math.max(main.length, sub.length); i++) {
      if (main[i]) assembler.push(main[i]);
      if (sub[i]) assembler.push(sub[i]);
    }
    expect(assembler.get('msg_main')!.content).toEqual([{ type: 'text', text: 'main' }]);
    expect(assembler.get('msg_sub')).toMatchObject({ parent_tool_use_id: 'toolu_agent', content: [{ type: 'text', text: 'sub' }] });
  });

  it('forgets the oldest messages beyond maxMessages', () => {
    const assembler = new MessageAssembler({ maxMessages: 2 });
    for (const id of ['a', 'b', 'c']) for (const frame of assistantFrames(id, [blocks[1]!])) assembler.push(frame);
    expect(assembler.messages().map((m) => m.id)).toEqual(['b', 'c']);
    expect(assembler.get('a')).toBeUndefined();
  });

  it('ignores frames that are not part of an assistant message', () => {
    const assembler = new MessageAssembler();
    expect(assembler.push({ type: 'user', message: { role: 'user', content: 'x' } })).toBeUndefined();
    expect(assembler.push(null)).toBeUndefined();
    expect(assembler.push({ type: 'stream_event', event: { type: 'content_block_delta', index: 0 } })).toBeUndefined();
  });
});
