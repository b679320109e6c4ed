import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { corpusTapePath, loadCorpus } from '../../src/corpus/manifest';
import { redactText, SecretFoundError } from '../../src/corpus/redact';
import { PROTOCOL_FLOWS } from '../../src/corpus/sections';
import { SCENARIOS } from '../../src/scenarios/index';
import { validateText } from '../../src/validate/validate';
import { CORPUS } from '../helpers';

describe('the shipped corpus', async () => {
  const corpus = await loadCorpus(CORPUS);

  it('holds real CLI tapes, each with a note and the sections it exercises', () => {
    expect(corpus.manifest.tapes.length).toBeGreaterThanOrEqual(18);
    for (const tape of corpus.manifest.tapes) {
      expect(tape.note.length, tape.id).toBeGreaterThan(20);
      expect(tape.sections.length, tape.id).toBeGreaterThan(0);
      expect(tape.tool.name, tape.id).toBe('claude-code');
    }
  });

  it('covers every flow of PROTOCOL.md with a tape or, for transport flows, a scenario', () => {
    for (const flow of PROTOCOL_FLOWS) {
      const anchor = `PROTOCOL.md#${flow.anchor}`;
      const tapes = corpus.manifest.tapes.filter((t) => t.sections.includes(anchor));
      const scenarios = SCENARIOS.filter((s) => s.section === anchor);
      expect(tapes.length + scenarios.length, flow.anchor).toBeGreaterThan(0);
      if (flow.anchor !== 'flow-resume') expect(tapes.length, `${flow.anchor} has no tape`).toBeGreaterThan(0);
    }
  });

  it('has no drift against the schemas and no secrets in any tape', async () => {
    for (const tape of corpus.manifest.tapes) {
      const text = await readFile(corpusTapePath(corpus, tape), 'utf8');
      expect(validateText(tape.file, text).counts, tape.id).toEqual({ critical: 0, warning: 0, info: 0 });
      expect(() => redactText(text, tape.file), tape.id).not.toThrow();
    }
  });
});

describe('corpus redaction', () => {
  it('folds random temp paths into stable ones and counts them', () => {
    const { text, redaction } = redactText('{"cwd":"/tmp/ccr-corpus-cwd-H73NgN","home":"/tmp/ccr-corpus-home-dMXBKT"}', 'x');
    expect(text).toBe('{"cwd":"/tmp/ccr-corpus-cwd-XXXXXX","home":"/tmp/ccr-corpus-home-XXXXXX"}');
    expect(redaction.counts).toEqual({ 'temp-dir-suffix': 2 });
  });

  it('refuses a recording that holds a credential, naming the source', () => {
    expect(() => redactText('{"key":"sk-ant-api03-abcdefghijklmnop"}', 'rec/01.stdout.ndjson')).toThrow(SecretFoundError);
    expect(() => redactText('{"h":"Bearer abcdefghijklmnopqrstuvwxyz"}', 'rec/01.stdout.ndjson')).toThrow(/rec\/01\.stdout\.ndjson: looks like a credential \(bearer-token\)/);
  });
});
