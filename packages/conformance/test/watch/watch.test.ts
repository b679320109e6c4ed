import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { defaultCacheDir, installCli } from '../../src/record/install';
import type { WatchReport } from '../../src/watch/watch';

const PACKAGE = resolve(import.meta.dirname, '../..');
/** The CLI installed with this package (the newest, as pinned). */
const CLI = join(PACKAGE, 'node_modules/@anthropic-ai/claude-code/bin/claude.exe');
const DRIFTED = join(PACKAGE, 'test/fixtures/bin/drifted-claude.js');

let dir: string | undefined;
afterEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function watch(...args: string[]): Promise<{ code: number; out: string; err: string; report: WatchReport; markdown: string }> {
  dir = await mkdtemp(join(tmpdir(), 'ccr-watch-'));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['watch', '--out', dir, ...args], { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  const report = JSON.parse(await readFile(join(dir, 'watch-report.json'), 'utf8')) as WatchReport;
  return { code, out: out.join(''), err: err.join(''), report, markdown: await readFile(join(dir, 'watch-report.md'), 'utf8') };
}

describe('ccr-conformance watch', () => {
  it('records a flow with the real CLI offline, validates it and finds nothing new against the same version in the corpus', { timeout: 120_000 }, async () => {
    const { code, out, report, markdown } = await watch('--bin', CLI, '--flows', '01-plain-text');
    expect(report).toMatchObject({ cli: '2.1.337', baseline: '2.1.337', criticalDrift: false, changes: [], order: [] });
    expect(report.flows).toEqual([expect.objectContaining({ id: '01-plain-text', ok: true })]);
    expect(report.validation.counts).toEqual({ critical: 0, warning: 0, info: 0 });
    expect(report.validation.frames).toBeGreaterThanOrEqual(3); // system/init, assistant, result: what the CLI sent
    expect(code).toBe(0);
    expect(out).toContain('Claude Code CLI 2.1.337: no critical drift; 1/1 flows recorded');
    expect(markdown).toContain('**Verdict: no critical drift.**');
  });

  it('exits 1 on critical drift and says where it is', { timeout: 60_000 }, async () => {
    const { code, out, report, markdown } = await watch('--bin', DRIFTED, '--flows', '01-plain-text');
    expect(code).toBe(1);
    expect(out).toContain('Claude Code CLI 9.9.9: CRITICAL DRIFT');
    expect(report.criticalDrift).toBe(true);
    expect(report.validation.findings).toContainEqual(expect.objectContaining({ severity: 'critical', kind: 'to-client system/init', path: '$.cwd' }));
    expect(markdown).toContain('| critical | `to-client system/init` | `$.cwd` |');
    expect(report.changes).toContainEqual(expect.objectContaining({ kind: 'to-client system/init', change: 'type_changed', path: '$.cwd' }));
  });

  it('refuses --cli and --bin together, and a version that is not one', async () => {
    const err: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => err.push(t) };
    expect(await main(['watch', '--cli', '2.1.337', '--bin', CLI], io)).toBe(2);
    expect(err.join('')).toContain('watch takes --cli VERSION or --bin PATH, not both');
    await expect(installCli('two', join(tmpdir(), 'never-created'))).rejects.toThrow('--cli takes a version like 2.1.337 or "latest", got "two"');
  });
});

describe('installCli', () => {
  it('uses a CLI already in the cache, and refuses one that reports another version', async () => {
    dir = await mkdtemp(join(tmpdir(), 'ccr-cache-'));
    const place = async (version: string, target: string) => {
      const bin = join(dir!, `claude-code-${version}`, 'node_modules/@anthropic-ai/claude-code/bin');
      await mkdir(bin, { recursive: true });
      await symlink(target, join(bin, 'claude.exe'));
    };
    await place('2.1.337', CLI);
    await expect(installCli('2.1.337', dir)).resolves.toMatchObject({ version: '2.1.337', installed: false });
    await place('2.1.300', CLI);
    await expect(installCli('2.1.300', dir)).rejects.toThrow(/reports version 2\.1\.337, expected 2\.1\.300\. Delete .*claude-code-2\.1\.300 and try again/);
  });

  it('caches under $CCR_KIT_CACHE, else $XDG_CACHE_HOME/ccr-kit', () => {
    expect(defaultCacheDir({ CCR_KIT_CACHE: '/c' })).toBe('/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'ccr-kit'));
  });
});
