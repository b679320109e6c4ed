import { afterEach, describe, expect, it } from 'vitest';
import {
  ConversationPlayer,
  createFakeModelServer,
  looksDenied,
  viewRequest,
  type FakeModelServer,
  type Selection,
} from '../../src/fake-model/index';
import { listTurns, scenario, text, toolUse, type Scenario } from '../../src/scenario/index';

/** The corpus's tool_result texts (cli-2.1.197) and the CLI's own tool errors, seen on the wire. */
const HOST_DENY = 'The host said no.';
const INTERRUPT_DENY =
  "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.";

describe('looksDenied', () => {
  it.each([
    [HOST_DENY, true],
    ['', true],
    [INTERRUPT_DENY, true],
    ['Permission to use Bash with command rm -rf / has been denied.', true],
    ['Exit code 1', false],
    ["Exit code 1\ntouch: cannot touch 'x': Permission denied", false],
    ['File does not exist. Note: your current working directory is /tmp/w.', false],
    ['<tool_use_error>String to replace not found in file.</tool_use_error>', false],
    ['Error: No such tool available: mcp__x__y', false],
  ])('is_error %j reads as denied: %s', (content, denied) => {
    expect(looksDenied({ isError: true, content })).toBe(denied);
  });

  it('never calls a successful or structured result a denial', () => {
    expect(looksDenied({ isError: false, content: HOST_DENY })).toBe(false);
    expect(looksDenied({ isError: true, content: [{ type: 'text', text: 'tool failed' }] })).toBe(false);
  });
});

const touch = scenario('touch')
  .turn('make a file')
  .reply([
    text('Creating it.'),
    toolUse(
      'Bash',
      { command: 'touch a.txt' },
      {
        onDeny: (branch) =>
          branch.fail(529, 'Overloaded', { times: 2 }).reply(text('Fine, I left it alone.')),
      },
    ),
  ])
  .reply(text('Created a.txt.'))
  .turn('thanks')
  .reply(text('You are welcome.'))
  .build();

/** A follow-up request after the model's tool call `toolu_x`, with this result. */
function followUp(result: Record<string, unknown>): Record<string, unknown> {
  return {
    messages: [
      { role: 'user', content: 'make a file' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Creating it.' },
          { type: 'tool_use', id: 'toolu_x', name: 'Bash', input: {} },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_x', ...result }] },
    ],
  };
}

function said(selection: Selection): string {
  if (selection.kind !== 'response') return `(no script: ${selection.reason})`;
  if ('error' in selection.response) return `error ${selection.response.error.status} at ${selection.path}`;
  return `${selection.response.blocks.map((b) => (b.type === 'tool_use' ? `tool ${b.name}` : b.text)).join(' ')} at ${selection.path}`;
}

function play(script: Scenario, ...requests: Record<string, unknown>[]): string[] {
  const player = new ConversationPlayer(listTurns([script]), `scenario "${script.name}"`);
  return requests.map((body) => said(player.next(viewRequest(body))));
}

describe('ConversationPlayer: onDeny branches', () => {
  const prompt = { messages: [{ role: 'user', content: 'make a file' }] };

  it('a denied call plays its onDeny branch (retries included), then the next prompt picks the next turn', () => {
    const denied = followUp({ content: HOST_DENY, is_error: true });
    const thanks = { messages: [...(denied.messages as unknown[]), { role: 'user', content: 'thanks' }] };
    expect(play(touch, prompt, denied, denied, denied, thanks)).toEqual([
      'Creating it. tool Bash at $.turns[0].responses[0]',
      'error 529 at $.turns[0].responses[0].blocks[1].onDeny[0]',
      'error 529 at $.turns[0].responses[0].blocks[1].onDeny[0]',
      'Fine, I left it alone. at $.turns[0].responses[0].blocks[1].onDeny[1]',
      'You are welcome. at $.turns[1].responses[0]',
    ]);
  });

  it('an allowed call and a failed call both go on with the turn', () => {
    expect(play(touch, prompt, followUp({ content: '' }))[1]).toBe(
      'Created a.txt. at $.turns[0].responses[1]',
    );
    expect(play(touch, prompt, followUp({ content: 'Exit code 1', is_error: true }))[1]).toBe(
      'Created a.txt. at $.turns[0].responses[1]',
    );
  });

  it('says which branch ran out of answers', () => {
    const short = scenario('short')
      .turn()
      .reply(toolUse('Bash', { command: 'touch a' }, { onDeny: [{ blocks: [text('Not created.')] }] }))
      .build();
    const denied = followUp({ content: HOST_DENY, is_error: true });
    expect(play(short, prompt, denied, denied)[2]).toBe(
      '(no script: the deny branch $.turns[0].responses[0].blocks[0].onDeny of scenario "short" has 1 response(s) and all were served; add one for this request)',
    );
  });

  it('pairs calls by their scenario id when given, and follows nested branches', () => {
    const nested = scenario('nested')
      .turn()
      .reply([
        toolUse('Read', { file_path: 'a' }, { id: 'toolu_read' }),
        toolUse(
          'Bash',
          { command: 'touch b' },
          {
            id: 'toolu_bash',
            onDeny: (branch) =>
              branch
                .reply(
                  toolUse(
                    'Bash',
                    { command: 'touch c' },
                    { id: 'toolu_c', onDeny: [{ blocks: [text('Gave up.')] }] },
                  ),
                )
                .reply(text('Made c.')),
          },
        ),
      ])
      .reply(text('Made b.'))
      .build();
    const bothCalls = (bashResult: Record<string, unknown>): Record<string, unknown> => ({
      messages: [
        { role: 'user', content: 'go' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_read', name: 'Read', input: {} },
            { type: 'tool_use', id: 'toolu_bash', name: 'Bash', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_bash', ...bashResult },
            { type: 'tool_result', tool_use_id: 'toolu_read', content: 'x' },
          ],
        },
      ],
    });
    const secondDenied = {
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_c', name: 'Bash', input: {} }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_c', content: 'Still no.', is_error: true }],
        },
      ],
    };
    const go = { messages: [{ role: 'user', content: 'go' }] };
    expect(play(nested, go, bothCalls({ content: 'No.', is_error: true }), secondDenied)).toEqual([
      'tool Read tool Bash at $.turns[0].responses[0]',
      'tool Bash at $.turns[0].responses[0].blocks[1].onDeny[0]',
      'Gave up. at $.turns[0].responses[0].blocks[1].onDeny[0].blocks[0].onDeny[0]',
    ]);
    expect(play(nested, go, bothCalls({ content: '' }))[1]).toBe('Made b. at $.turns[0].responses[1]');
  });

  it('a custom isDenied decides instead of the wording heuristics', () => {
    const strict = new ConversationPlayer(
      listTurns([touch]),
      'scenario "touch"',
      (result) =>
        result.isError && typeof result.content === 'string' && result.content.startsWith('DENIED:'),
    );
    strict.next(viewRequest(prompt));
    expect(said(strict.next(viewRequest(followUp({ content: HOST_DENY, is_error: true }))))).toBe(
      'Created a.txt. at $.turns[0].responses[1]',
    );
  });
});

describe('fake model server: onDeny over HTTP', () => {
  let server: FakeModelServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('records which branch answered, and the answer the client reads is the branch text', async () => {
    server = await createFakeModelServer({ scenarios: [touch] });
    const post = async (body: Record<string, unknown>): Promise<Record<string, unknown>> => {
      const response = await fetch(`${server!.url}/v1/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-claude-code-session-id': 's1' },
        body: JSON.stringify({ model: 'claude-test-1', max_tokens: 10, ...body }),
      });
      return (await response.json()) as Record<string, unknown>;
    };
    const first = await post({ messages: [{ role: 'user', content: 'make a file' }] });
    const toolId = (first.content as { type: string; id?: string }[]).find((b) => b.type === 'tool_use')!.id!;
    const denied = {
      messages: [
        { role: 'user', content: 'make a file' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolId, content: HOST_DENY, is_error: true }],
        },
      ],
    };
    await post(denied);
    await post(denied);
    const answer = await post(denied);
    expect(answer.content).toEqual([{ type: 'text', text: 'Fine, I left it alone.' }]);
    expect(server.requests.map((r) => [r.status, r.served?.path])).toEqual([
      [200, '$.turns[0].responses[0]'],
      [529, '$.turns[0].responses[0].blocks[1].onDeny[0]'],
      [529, '$.turns[0].responses[0].blocks[1].onDeny[0]'],
      [200, '$.turns[0].responses[0].blocks[1].onDeny[1]'],
    ]);
  });
});
