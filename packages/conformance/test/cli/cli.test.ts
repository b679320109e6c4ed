import { readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { CORPUS, NEWEST_CLI } from '../helpers';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe('ccr-conformance', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccr-cli-'));
    await writeFile(join(dir, 'drift.stdout.ndjson'), '{"type":"brand_new_frame"}\n{"type":"keep_alive","extra":1}\n');
    await writeFile(join(dir, 'broken.ndjson'), '{"type":"result","subtype":"success"}\n');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validate reports a frame nested 20,000 deep as a problem of that file and line, and still checks the rest', async () => {
    // Built as text: JSON.stringify itself cannot go that deep.
    const deep = `${'{"next":'.repeat(20_000)}"bottom"${'}'.repeat(20_000)}`;
    const file = join(dir, 'deep.stdout.ndjson');
    await writeFile(file, `{"type":"keep_alive"}\n{"type":"assistant","deep":${deep}}\n{"type":"brand_new_frame"}\n`);
    const result = await run('validate', file, '--format', 'json');
    expect(result.err).not.toMatch(/Maximum call stack/);
    const report = JSON.parse(result.out) as { files: { file: string; frames: number; problems: { line: number; message: string }[] }[] };
    expect(report.files[0]?.problems).toEqual([{ line: 2, message: expect.stringMatching(/^nested deeper than 256 levels at \$(\.deep)?(\.next)+; the line was not checked$/) }]);
    expect(report.files[0]?.frames).toBe(2);
    expect(result.code).toBe(1);
    const text = await run('validate', file);
    expect(`${text.out}${text.err}`).toMatch(/deep\.stdout\.ndjson.*2/s);
  });

  it('validate exits 0 without critical drift, 1 at the chosen threshold', async () => {
    expect((await run('validate', join(dir, 'drift.stdout.ndjson'))).code).toBe(0);
    const strict = await run('validate', join(dir, 'drift.stdout.ndjson'), '--fail-on', 'warning');
    expect(strict.code).toBe(1);
    expect(strict.out).toContain('warning  unknown_type  $.type');
  });

  it('validate exits 1 on critical drift and writes JSON or JUnit on request', async () => {
    const json = await run('validate', join(dir, 'broken.ndjson'), '--format', 'json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as { counts: { critical: number }; files: { kinds: { kind: string }[] }[] };
    expect(report.counts.critical).toBeGreaterThan(0);
    expect(report.files[0]!.kinds[0]!.kind).toBe('result/success');
    const out = join(dir, 'report.xml');
    expect((await run('validate', join(dir, 'broken.ndjson'), '--format', 'junit', '--out', out)).code).toBe(1);
    expect(await readFile(out, 'utf8')).toContain('<failure message="');
  });

  it('validate --direction grades plain NDJSON as flowing to the agent', async () => {
    const { out } = await run('validate', join(dir, 'drift.stdout.ndjson'), '--direction', 'to-agent', '--fail-on', 'never');
    expect(out).toContain('critical unknown_type');
  });

  it('replay runs a tape against our client and passes', async () => {
    const { code, out } = await run('replay', join(CORPUS, `cli-${NEWEST_CLI}`, '03-bash-touch-allowed.tape.ndjson'), '--client', 'ours', '--transport', 'websocket', '--no-baseline');
    expect(out).toContain('tape:cli-2.1.337/03-bash-touch-allowed · ours/websocket');
    expect(out.trim().split('\n').at(-1)).toBe('PASSED: 6 passed, 0 failed, 0 warned, 0 skipped');
    expect(code).toBe(0);
  });

  it('replay plays the CLI\'s own --sdk-url socket to a client, also when pnpm passes a leading --', async () => {
    const { code, out } = await run('--', 'replay', join(CORPUS, 'cli', 'cli-sdk-url-bash-touch-allowed.tape.ndjson'), '--client', 'ours', '--transport', 'sse', '--no-baseline');
    expect(out).toContain('tape:cli-sdk-url-bash-touch-allowed · ours/sse');
    expect(out.trim().split('\n').at(-1)).toBe('PASSED: 6 passed, 0 failed, 0 warned, 0 skipped');
    expect(code).toBe(0);
  });

  it('run takes scenario filters and reports as Markdown', async () => {
    const { code, out } = await run('run', '--scenario', 'flow-turn', '--client', 'ours', '--transport', 'sse', '--format', 'markdown');
    expect(code).toBe(0);
    expect(out).toContain('## flow-turn (ours/sse) — [PROTOCOL.md#flow-turn]');
  });

  it('diff exits 1 when shapes differ and 0 when they do not', async () => {
    const plain = join(CORPUS, `cli-${NEWEST_CLI}`, '01-plain-text.tape.ndjson');
    expect((await run('diff', plain, plain)).code).toBe(0);
    const changed = await run('diff', plain, join(CORPUS, `cli-${NEWEST_CLI}`, '02-thinking-partial.tape.ndjson'));
    expect(changed.code).toBe(1);
    expect(changed.out).toContain('path_added       $.message.content[*]<thinking>');
  });

  it('coverage lists frame kinds no tape exercises', async () => {
    const { code, out } = await run('coverage', '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(out) as { unexercisedKinds: { kind: string }[]; exercisedKinds: number; frames: number };
    expect(report.exercisedKinds).toBeGreaterThan(10);
    // The whole corpus: the flows of every CLI version (cli-<version>/) and the claude-cli agent's tapes in corpus/cli/.
    const framesOf = async (...targets: string[]) => (JSON.parse((await run('coverage', ...targets, '--format', 'json')).out) as { frames: number }).frames;
    const top = readdirSync(CORPUS).filter((n) => /^cli-\d/.test(n)).map((n) => join(CORPUS, n));
    const cli = await framesOf(join(CORPUS, 'cli'));
    expect(cli).toBeGreaterThan(400);
    expect(report.frames).toBe((await framesOf(...top)) + cli);
    expect(report.unexercisedKinds.map((k) => k.kind)).toContain('result/error_max_turns');
  });

  it('exits 2 with a clear message on bad usage', async () => {
    expect(await run('validate')).toMatchObject({ code: 2, err: expect.stringContaining('validate needs at least one FILE') });
    expect(await run('validate', 'x', '--format', 'html')).toMatchObject({ code: 2, err: expect.stringContaining('--format must be one of console, json, junit, markdown; got "html"') });
    expect(await run('replay', '--client', 'command')).toMatchObject({ code: 2, err: expect.stringContaining('--client command needs the command line') });
    expect(await run('frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('Unknown command "frobnicate"') });
    expect(await run('validate', '/nonexistent.ndjson')).toMatchObject({ code: 2, err: expect.stringContaining('Cannot read /nonexistent.ndjson') });
  });
});
