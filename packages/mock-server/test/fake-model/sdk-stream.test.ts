import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeModelServer, type FakeModelServer } from '../../src/fake-model/index';
import { scenario, text, thinking, toolUse } from '../../src/scenario/index';

let server: FakeModelServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function client(url: string): Anthropic {
  return new Anthropic({ apiKey: 'sk-test', baseURL: url, maxRetries: 0 });
}

const tools: Anthropic.Tool[] = [
  {
    name: 'Bash',
    description: 'Run a shell command',
    input_schema: { type: 'object', properties: { command: { type: 'string' } } },
  },
];

describe('fake model through the official Anthropic SDK', () => {
  it('streams text and a tool call that the SDK assembles into the scripted message', async () => {
    server = await createFakeModelServer({
      scenarios: [
        scenario('touch')
          .turn('make a file')
          .reply([
            text("I'll create the file now.", { chunks: 4 }),
            toolUse(
              'Bash',
              { command: 'touch made.txt', nested: { list: [1, 2, 3], flag: true } },
              { chunks: 5 },
            ),
          ])
          .build(),
      ],
    });
    const stream = client(server.url).messages.stream({
      model: 'claude-test-1',
      max_tokens: 1024,
      tools,
      messages: [{ role: 'user', content: 'Please make a file' }],
    });
    const textDeltas: string[] = [];
    const jsonDeltas: string[] = [];
    const eventTypes: string[] = [];
    stream.on('streamEvent', (event) => {
      eventTypes.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
        textDeltas.push(event.delta.text);
      if (event.type === 'content_block_delta' && event.delta.type === 'input_json_delta')
        jsonDeltas.push(event.delta.partial_json);
    });
    const message = await stream.finalMessage();

    expect(message.model).toBe('claude-test-1');
    expect(message.id).toMatch(/^msg_01[1-9A-HJ-NP-Za-km-z]{22}$/);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toHaveLength(2);
    expect(message.content[0]).toMatchObject({ type: 'text', text: "I'll create the file now." });
    const call = message.content[1];
    expect(call).toMatchObject({
      type: 'tool_use',
      name: 'Bash',
      input: { command: 'touch made.txt', nested: { list: [1, 2, 3], flag: true } },
    });
    expect(call?.type === 'tool_use' && call.id).toMatch(/^toolu_01/);
    expect(textDeltas).toHaveLength(4);
    expect(jsonDeltas.length).toBeGreaterThan(2);
    expect(eventTypes[0]).toBe('message_start');
    expect(eventTypes.at(-1)).toBe('message_stop');
    expect(message.usage.output_tokens).toBeGreaterThan(1);
  });

  it('streams thinking with a signature, then text', async () => {
    server = await createFakeModelServer({
      scenarios: [
        scenario('think')
          .turn()
          .reply([
            thinking('Seven has no divisors but one and itself.', { signature: 'sig-abc' }),
            text('Yes.'),
          ])
          .build(),
      ],
    });
    const message = await client(server.url)
      .messages.stream({
        model: 'claude-test-1',
        max_tokens: 2048,
        messages: [{ role: 'user', content: 'Is 7 prime?' }],
      })
      .finalMessage();
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'Seven has no divisors but one and itself.', signature: 'sig-abc' },
      { type: 'text', text: 'Yes.' },
    ]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('answers a non-streaming request with the complete message JSON', async () => {
    server = await createFakeModelServer({
      scenarios: [
        scenario('plain')
          .turn()
          .reply(text('Plain answer.'), { usage: { input_tokens: 42, output_tokens: 7 } })
          .build(),
      ],
    });
    const message = await client(server.url).messages.create({
      model: 'claude-test-1',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'Plain answer.' }]);
    expect(message.usage).toMatchObject({ input_tokens: 42, output_tokens: 7 });
    expect(server.requests.at(-1)).toMatchObject({
      method: 'POST',
      status: 200,
      answer: 'message',
      served: { scenario: 'plain', turnIndex: 0, responseIndex: 0 },
    });
  });

  it('feeds the next scripted answer once tool results come back', async () => {
    server = await createFakeModelServer({
      scenarios: [
        scenario('loop')
          .turn()
          .reply(toolUse('Bash', { command: 'ls' }, { id: 'toolu_fixed' }))
          .reply(text('The folder is empty.'))
          .build(),
      ],
    });
    const api = client(server.url);
    const first = await api.messages.create({
      model: 'm',
      max_tokens: 10,
      tools,
      messages: [{ role: 'user', content: 'list files' }],
    });
    expect(first.content[0]).toMatchObject({ type: 'tool_use', id: 'toolu_fixed' });
    const second = await api.messages.create({
      model: 'm',
      max_tokens: 10,
      tools,
      messages: [
        { role: 'user', content: 'list files' },
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_fixed', content: '' }] },
      ],
    });
    expect(second.content).toEqual([{ type: 'text', text: 'The folder is empty.' }]);
  });
});
