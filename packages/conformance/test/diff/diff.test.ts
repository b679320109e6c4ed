import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffRecordings } from '../../src/diff/diff';
import { CORPUS } from '../helpers';

const lines = (...frames: unknown[]): string => frames.map((f) => JSON.stringify(f)).join('\n');
const assistant = (block: unknown, extra: Record<string, unknown> = {}) => ({ type: 'assistant', message: { id: 'm', content: [block] }, ...extra });

describe('shape diff', () => {
  let dir = '';
  afterEach(async () => {
    if (dir !== '') await rm(dir, { recursive: true, force: true });
  });

  async function files(before: string, after: string): Promise<[string, string]> {
    dir = await mkdtemp(join(tmpdir(), 'ccr-diff-'));
    await writeFile(join(dir, 'old.stdout.ndjson'), before);
    await writeFile(join(dir, 'new.stdout.ndjson'), after);
    return [join(dir, 'old.stdout.ndjson'), join(dir, 'new.stdout.ndjson')];
  }

  it('finds no difference between a folder and itself', async () => {
    const diff = await diffRecordings(CORPUS, CORPUS);
    expect(diff.changes).toEqual([]);
    expect(diff.old.frames).toBeGreaterThan(100);
  });

  it('reports new and removed fields, changed types, new block tags and new frame kinds', async () => {
    const [before, after] = await files(
      lines(assistant({ type: 'text', text: 'hi' }, { gone: 1 }), { type: 'result', num_turns: 1 }),
      lines(assistant({ type: 'text', text: 'hi' }, { fresh: 'x' }), assistant({ type: 'thinking', thinking: '…' }), { type: 'result', num_turns: '1' }, { type: 'brand_new' }),
    );
    const diff = await diffRecordings(before, after);
    expect(diff.changes.map((c) => [c.kind, c.change, c.path ?? ''])).toEqual([
      ['to-client assistant', 'path_added', '$.fresh'],
      ['to-client assistant', 'path_removed', '$.gone'],
      ['to-client assistant', 'path_added', '$.message.content[*]<thinking>'],
      ['to-client brand_new', 'kind_added', ''],
      ['to-client result', 'type_changed', '$.num_turns'],
    ]);
  });

  it('folds data keys (model names) so different data keeps one shape', async () => {
    const [before, after] = await files(lines({ type: 'result', modelUsage: { 'claude-opus-4-8[1m]': { costUSD: 1 } } }), lines({ type: 'result', modelUsage: { 'claude-sonnet-4-6[1m]': { costUSD: 2 } } }));
    expect((await diffRecordings(before, after)).changes).toEqual([]);
  });

  it('says which path it cannot read', async () => {
    await expect(diffRecordings('/nonexistent/old', CORPUS)).rejects.toThrow(/Cannot read \/nonexistent\/old/);
  });
});
