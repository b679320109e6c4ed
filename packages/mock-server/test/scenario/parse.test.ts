import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioFile, parseScenario } from '../../src/scenario/index';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccr-scenario-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadError(name: string, content: string): Promise<ScenarioError> {
  const file = join(dir, name);
  await writeFile(file, content);
  const error = await loadScenarioFile(file).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ScenarioError);
  return error as ScenarioError;
}

describe('scenario files', () => {
  it('loads a valid file', async () => {
    const file = join(dir, 'ok.json');
    const value = {
      name: 'ok',
      turns: [
        {
          match: { text: { regex: '^make', flags: 'i' } },
          responses: [
            {
              blocks: [
                {
                  type: 'tool_use',
                  name: 'Bash',
                  input: { command: 'touch a' },
                  result: { content: '' },
                  permission: 'ask',
                },
              ],
            },
            { error: { status: 529, message: 'Overloaded', times: 2 } },
            { blocks: [{ type: 'text', text: 'Done.', chunks: 2, chunkDelayMs: 10 }] },
          ],
        },
      ],
    };
    await writeFile(file, JSON.stringify(value));
    await expect(loadScenarioFile(file)).resolves.toEqual(value);
  });

  it('names the file, the JSON path and the problem of a wrong block type', async () => {
    const error = await loadError(
      'bad-type.json',
      JSON.stringify({ name: 'x', turns: [{ responses: [{ blocks: [{ type: 'image', text: 'x' }] }] }] }),
    );
    expect(error.message).toContain(join(dir, 'bad-type.json'));
    expect(error.issues).toEqual([
      { path: '$.turns[0].responses[0].blocks[0].type', message: expect.stringContaining('thinking') },
    ]);
  });

  it('points at the error field the author meant, not at the other kind of response', async () => {
    const error = await loadError(
      'bad-status.json',
      JSON.stringify({ name: 'x', turns: [{ responses: [{ error: { status: 418, message: 'teapot' } }] }] }),
    );
    expect(error.issues).toEqual([
      {
        path: '$.turns[0].responses[0].error.status',
        message: 'expected one of 400, 401, 403, 404, 413, 429, 500, 529',
      },
    ]);
    expect(error.message).toContain(
      `${join(dir, 'bad-status.json')}: $.turns[0].responses[0].error.status: expected one of 400`,
    );
  });

  it('explains a response that is neither a model answer nor an error', async () => {
    const error = await loadError(
      'neither.json',
      JSON.stringify({ name: 'x', turns: [{ responses: [{}] }] }),
    );
    expect(error.issues).toEqual([
      {
        path: '$.turns[0].responses[0]',
        message:
          'matches none of the allowed forms (blocks: missing (expected array) | error: missing (expected object))',
      },
    ]);
  });

  it('reports misspelt keys', async () => {
    const error = await loadError(
      'typo.json',
      JSON.stringify({ name: 'x', turns: [{ responses: [{ blocks: [{ type: 'text', txt: 'hi' }] }] }] }),
    );
    expect(error.issues).toContainEqual({
      path: '$.turns[0].responses[0].blocks[0]',
      message: 'unknown key "txt" (check the spelling)',
    });
    expect(error.issues).toContainEqual({
      path: '$.turns[0].responses[0].blocks[0].text',
      message: 'missing (expected string)',
    });
  });

  it('reports a negative delay and an empty turn list', async () => {
    const delay = await loadError(
      'delay.json',
      JSON.stringify({ name: 'x', turns: [{ responses: [{ blocks: [], delayMs: -5 }] }] }),
    );
    expect(delay.issues).toEqual([
      { path: '$.turns[0].responses[0].delayMs', message: expect.stringContaining('>=0') },
    ]);
    const empty = await loadError('empty.json', JSON.stringify({ name: 'x', turns: [] }));
    expect(empty.issues.map((i) => i.path)).toEqual(['$.turns']);
  });

  it('reports JSON syntax errors and bad regular expressions', async () => {
    const syntax = await loadError('syntax.json', '{"name": "x",');
    expect(syntax.issues[0]).toMatchObject({ path: '$', message: expect.stringContaining('not valid JSON') });
    const regex = await loadError(
      'regex.json',
      JSON.stringify({
        name: 'x',
        turns: [{ match: { text: { regex: '(' } }, responses: [{ blocks: [] }] }],
      }),
    );
    expect(regex.issues[0]).toMatchObject({
      path: '$.turns[0].match.text.regex',
      message: expect.stringContaining('not a valid regular expression'),
    });
  });

  it('loads onDeny branches and durationMs, and points into a branch when it is wrong', async () => {
    const file = join(dir, 'branch.json');
    const value = {
      name: 'branch',
      turns: [
        {
          responses: [
            {
              blocks: [
                {
                  type: 'tool_use',
                  name: 'Bash',
                  input: { command: 'touch a' },
                  durationMs: 2000,
                  onDeny: [
                    { error: { status: 529, message: 'Overloaded' } },
                    { blocks: [{ type: 'text', text: 'Not created.' }] },
                  ],
                },
              ],
            },
            { blocks: [{ type: 'text', text: 'Created.' }] },
          ],
        },
      ],
    };
    await writeFile(file, JSON.stringify(value));
    await expect(loadScenarioFile(file)).resolves.toEqual(value);

    const branch = (onDeny: unknown): string =>
      JSON.stringify({
        name: 'x',
        turns: [{ responses: [{ blocks: [{ type: 'tool_use', name: 'Bash', input: {}, onDeny }] }] }],
      });
    const bad = await loadError(
      'bad-branch.json',
      branch([{ blocks: [{ type: 'text', text: 'x', chunks: 0 }] }]),
    );
    expect(bad.issues).toEqual([
      {
        path: '$.turns[0].responses[0].blocks[0].onDeny[0].blocks[0].chunks',
        message: expect.stringContaining('>=1'),
      },
    ]);
    expect(bad.message).toContain(
      `${join(dir, 'bad-branch.json')}: $.turns[0].responses[0].blocks[0].onDeny[0].blocks[0].chunks`,
    );
    const empty = await loadError('empty-branch.json', branch([]));
    expect(empty.issues).toEqual([
      { path: '$.turns[0].responses[0].blocks[0].onDeny', message: expect.stringContaining('>=1') },
    ]);
    const notList = await loadError('object-branch.json', branch({ blocks: [] }));
    expect(notList.issues).toEqual([
      { path: '$.turns[0].responses[0].blocks[0].onDeny', message: 'expected array, got object' },
    ]);
  });

  it('says when the file cannot be read', async () => {
    await expect(loadScenarioFile(join(dir, 'missing.json'))).rejects.toThrow(
      /missing\.json: \$: cannot read the file/,
    );
  });

  it('labels inline values', () => {
    expect(() => parseScenario({ name: '', turns: [] }, 'inline test')).toThrow(
      /inline test: \$\.name: .*\n.*inline test: \$\.turns/,
    );
  });
});
