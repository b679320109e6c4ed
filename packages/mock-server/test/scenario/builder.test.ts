import { describe, expect, it } from 'vitest';
import {
  ScenarioError,
  parseScenarioJson,
  scenario,
  text,
  thinking,
  toolUse,
} from '../../src/scenario/index';

describe('scenario builder', () => {
  it('builds the same value as the equivalent JSON file', () => {
    const built = scenario('touch', 'Bash touch, allowed')
      .turn(/make (a|the) file/i)
      .reply([
        thinking('Use touch.', { chunks: 2 }),
        text('Creating it.'),
        toolUse('Bash', { command: 'touch a' }, { id: 'toolu_1', result: '', permission: 'ask' }),
      ])
      .fail(500, 'boom', { retryAfter: 1 })
      .reply(text('Done.', { chunkDelayMs: 5 }))
      .turn('thanks')
      .reply(text('You are welcome.'), { stop_reason: 'end_turn', usage: { output_tokens: 4 } })
      .build();
    const json = parseScenarioJson(
      JSON.stringify({
        name: 'touch',
        description: 'Bash touch, allowed',
        turns: [
          {
            match: { text: { regex: 'make (a|the) file', flags: 'i' } },
            responses: [
              {
                blocks: [
                  { type: 'thinking', text: 'Use touch.', chunks: 2 },
                  { type: 'text', text: 'Creating it.' },
                  {
                    type: 'tool_use',
                    name: 'Bash',
                    input: { command: 'touch a' },
                    id: 'toolu_1',
                    result: { content: '' },
                    permission: 'ask',
                  },
                ],
              },
              { error: { status: 500, message: 'boom', retryAfter: 1 } },
              { blocks: [{ type: 'text', text: 'Done.', chunkDelayMs: 5 }] },
            ],
          },
          {
            match: { text: 'thanks' },
            responses: [
              {
                blocks: [{ type: 'text', text: 'You are welcome.' }],
                stop_reason: 'end_turn',
                usage: { output_tokens: 4 },
              },
            ],
          },
        ],
      }),
    );
    expect(built).toEqual(json);
  });

  it('builds onDeny branches from a list or a callback, with durationMs', () => {
    const branch = [{ blocks: [text('Not created.')] }];
    const fromList = scenario('deny')
      .turn()
      .reply(toolUse('Bash', { command: 'touch a' }, { durationMs: 500, onDeny: branch }))
      .build();
    const fromCallback = scenario('deny')
      .turn()
      .reply(
        toolUse(
          'Bash',
          { command: 'touch a' },
          { durationMs: 500, onDeny: (b) => b.reply(text('Not created.')) },
        ),
      )
      .build();
    const json = parseScenarioJson(
      JSON.stringify({
        name: 'deny',
        turns: [
          {
            responses: [
              {
                blocks: [
                  {
                    type: 'tool_use',
                    name: 'Bash',
                    input: { command: 'touch a' },
                    durationMs: 500,
                    onDeny: [{ blocks: [{ type: 'text', text: 'Not created.' }] }],
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(fromList).toEqual(json);
    expect(fromCallback).toEqual(json);
    expect(() =>
      scenario('empty-branch')
        .turn()
        .reply(toolUse('Bash', {}, { onDeny: () => undefined }))
        .build(),
    ).toThrow('$.turns[0].responses[0].blocks[0].onDeny');
  });

  it('validates on build and names the builder in the error', () => {
    const build = (): unknown =>
      scenario('broken')
        .turn()
        .reply(text('x', { chunks: 0 }))
        .build();
    expect(build).toThrow(ScenarioError);
    expect(build).toThrow('scenario builder "broken": $.turns[0].responses[0].blocks[0].chunks');
    expect(() => scenario('no-answers').turn().build()).toThrow('$.turns[0].responses');
  });
});
