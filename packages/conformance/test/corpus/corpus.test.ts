import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseTape } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { corpusTapePath, loadCorpus } from '../../src/corpus/manifest';
import { corpusReadme } from '../../src/corpus/readme';
import { findTapeLeak } from '../../src/corpus/redact';
import { PROTOCOL_FLOWS, sectionsOf } from '../../src/corpus/sections';
import { readFrameFile } from '../../src/frames/read';
import { CORPUS_FLOWS } from '../../src/record/flows';
import { SCENARIOS } from '../../src/scenarios/index';
import { validateText } from '../../src/validate/validate';
import { CORPUS } from '../helpers';

const REPO = resolve(CORPUS, '../../..');
const CLI_CASES = ['api-400', 'api-500-retry', 'ask-user-question', 'bash-touch-allowed', 'bash-touch-denied', 'interrupt-slow-stream', 'plan-mode', 'two-turns'];

const VERSIONS = ['2.1.120', '2.1.197', '2.1.337'];

async function tapesOnDisk(): Promise<string[]> {
  const folders = [...(await readdir(CORPUS)).filter((n) => /^cli-\d/.test(n)), 'cli'];
  const nested = await Promise.all(folders.map(async (f) => (await readdir(join(CORPUS, f))).filter((n) => n.endsWith('.tape.ndjson')).map((n) => `${f}/${n}`)));
  return nested.flat().sort();
}

/** The deliberate edge cases of flow 22: requests CLI 2.1.337 refuses, which validate must call critical. */
const REFUSED_BY_NEWEST = ['$.request.mode', '$.request.model', '$.request.subtype', '$.request.only_if_model_is_current'];

describe('the shipped corpus', async () => {
  const corpus = await loadCorpus(CORPUS);
  const tapes = corpus.manifest.tapes;
  const texts = new Map(await Promise.all(tapes.map(async (t) => [t.id, await readFile(corpusTapePath(corpus, t), 'utf8')] as const)));

  it('lists every tape on disk, each with a note, its PROTOCOL.md sections and the CLI version recorded', async () => {
    expect(tapes.map((t) => t.file).sort()).toEqual(await tapesOnDisk());
    for (const tape of tapes) {
      expect(tape.note.length, tape.id).toBeGreaterThan(40);
      expect(tape.sections.length, tape.id).toBeGreaterThan(0);
      expect(tape.tool, tape.id).toEqual({ name: 'claude-code', version: expect.stringMatching(/^2\.\d+\.\d+$/) });
    }
  });

  it('holds the claude-cli agent\'s tapes: every case with the official client on each transport, and the CLI over --sdk-url', () => {
    const ids = tapes.filter((t) => t.file.startsWith('cli/')).map((t) => t.id);
    const expected = [...CLI_CASES.flatMap((c) => [`cli-websocket-${c}`, `cli-sse-${c}`]), 'cli-sdk-url-bash-touch-allowed', 'cli-sdk-url-reconnect-dedupe'];
    expect(ids.sort()).toEqual(expected.sort());
    for (const tape of tapes.filter((t) => t.id.startsWith('cli-sdk-url-'))) {
      expect(tape.tool.version, tape.id).toBe('2.1.120');
      expect(tape.note, tape.id).toContain('over --sdk-url');
    }
    expect(tapes.find((t) => t.id === 'cli-sdk-url-reconnect-dedupe')?.replay).toMatch(/reconnect itself happens between the CLI and the service/);
  });

  it('covers every flow of PROTOCOL.md with a tape', () => {
    for (const flow of PROTOCOL_FLOWS) {
      const covering = tapes.filter((t) => t.sections.includes(`PROTOCOL.md#${flow.anchor}`)).map((t) => t.id);
      expect(covering.length, `${flow.anchor} has no tape`).toBeGreaterThan(0);
    }
    expect(tapes.filter((t) => t.sections.includes('PROTOCOL.md#flow-resume')).map((t) => t.id)).toEqual(['cli-sdk-url-reconnect-dedupe']);
  });

  it('has the manifest sections and README that corpus:record derives from the tapes', async () => {
    for (const tape of tapes) {
      const frames = readFrameFile(texts.get(tape.id)!).frames.map((f) => f.value);
      expect(tape.sections, tape.id).toEqual(sectionsOf(frames));
    }
    const readme = await readFile(join(CORPUS, 'README.md'), 'utf8');
    expect(readme).toBe(corpusReadme(corpus.manifest, SCENARIOS.map((s) => ({ id: s.id, section: s.section }))));
    for (const tape of tapes) expect(readme, tape.id).toContain(`| \`${tape.file}\` |`);
  });

  it('holds every corpus flow for each CLI version, each tape stamped with the version that made it', () => {
    for (const version of VERSIONS) {
      const flows = tapes.filter((t) => t.id.startsWith(`cli-${version}/`));
      expect(flows.map((t) => t.id.slice(`cli-${version}/`.length)), version).toEqual(CORPUS_FLOWS.map((f) => f.id));
      for (const tape of flows) {
        expect(tape.tool, tape.id).toEqual({ name: 'claude-code', version });
        expect(parseTape(texts.get(tape.id)!).header?.meta, tape.id).toMatchObject({ cli_version: version });
        expect(tape.note.endsWith('(over --sdk-url).'), tape.id).toBe(version === '2.1.120');
      }
    }
    // The claude-cli agent's tapes carry the CLI's version as `claude_code_version`.
    for (const tape of tapes.filter((t) => t.file.startsWith('cli/'))) expect(parseTape(texts.get(tape.id)!).header?.meta, tape.id).toMatchObject({ claude_code_version: tape.tool.version });
  });

  it('parses every frame of every tape; the only drift is the edge cases the newest CLI refuses, and it is critical', () => {
    for (const tape of tapes) {
      const report = validateText(tape.file, texts.get(tape.id)!);
      expect(report.problems, tape.id).toEqual([]);
      expect(report.kinds.map((k) => k.direction), tape.id).toEqual(expect.arrayContaining(['to-client', 'to-agent']));
      if (!tape.id.endsWith('/22-control-edge-cases')) {
        expect(report.counts, tape.id).toEqual({ critical: 0, warning: 0, info: 0 });
        continue;
      }
      const findings = report.kinds.flatMap((k) => k.findings.map((f) => ({ direction: k.direction, severity: f.severity, path: f.path })));
      expect(new Set(findings.map((f) => f.path)), tape.id).toEqual(new Set(REFUSED_BY_NEWEST));
      for (const f of findings) expect(f, tape.id).toMatchObject({ direction: 'to-agent', severity: 'critical' });
    }
  });

  it('keeps credentials, temp-dir suffixes, the checkout path and process ids of the recording machine out of every tape', () => {
    for (const tape of tapes) {
      const text = texts.get(tape.id)!;
      expect(findTapeLeak(text), tape.id).toBeUndefined();
      expect(text, tape.id).not.toMatch(/ccr-[a-z-]*?(cwd|home)-(?!redacted-)[A-Za-z0-9]{6}(?![A-Za-z0-9])/);
      expect(text, tape.id).not.toMatch(/ccr-cli-workspace-(?!redacted-)[A-Za-z0-9]{6}|\/session-(?!redacted-)[A-Za-z0-9]{6}(?![A-Za-z0-9])/);
      expect(text, tape.id).not.toMatch(/cc-socks\/\d+\.sock/);
      expect(text.includes(REPO), tape.id).toBe(false);
      expect(text, tape.id).not.toMatch(/\\"pid\\":[1-9]/);
    }
  });
});
