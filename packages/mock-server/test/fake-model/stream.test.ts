import { describe, expect, it } from 'vitest';
import { createIdSource, planMessage } from '../../src/fake-model/index';
import { text, toolUse } from '../../src/scenario/index';

describe('planMessage', () => {
  it('opens every tool input with an empty partial_json and streams the JSON in pieces', () => {
    const planned = planMessage(
      { blocks: [text('hi'), toolUse('Bash', { command: 'touch a' }, { chunks: 3 })] },
      { ids: createIdSource(7), requestModel: 'claude-x' },
    );
    const pieces = planned.steps
      .filter(
        (s) =>
          s.event === 'content_block_delta' && (s.data.delta as { type: string }).type === 'input_json_delta',
      )
      .map((s) => (s.data.delta as { partial_json: string }).partial_json);
    expect(pieces[0]).toBe('');
    expect(pieces).toHaveLength(4);
    expect(JSON.parse(pieces.join(''))).toEqual({ command: 'touch a' });
    expect(planned.message.stop_reason).toBe('tool_use');
    expect(planned.steps.map((s) => s.event).slice(0, 2)).toEqual(['message_start', 'ping']);
  });

  it('gives the same ids for the same seed', () => {
    const plan = (): string =>
      planMessage(
        { blocks: [toolUse('Read', { file_path: '/x' })] },
        { ids: createIdSource(3), requestModel: 'm' },
      )
        .message.content.map((b) => ('id' in b ? b.id : ''))
        .join();
    expect(plan()).toBe(plan());
    expect(plan()).toMatch(/^toolu_01/);
  });
});
