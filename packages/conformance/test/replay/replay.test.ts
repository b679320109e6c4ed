import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { officialAdapter } from '../../src/adapters/official';
import { applyBaseline, loadBaseline } from '../../src/baseline/baseline';
import { oursAdapter } from '../../src/adapters/ours';
import type { ClientAdapter } from '../../src/adapters/types';
import { loadCorpus } from '../../src/corpus/manifest';
import type { SuiteResult } from '../../src/report/model';
import { replayTape } from '../../src/replay/replay';
import { corpusTapes, replayTapes } from '../../src/suites';
import { tampered } from '../adapters/wrap';
import { CORPUS, corpusTape } from '../helpers';

function failures(suites: readonly SuiteResult[]): string[] {
  return suites.flatMap((s) => s.checks.filter((c) => c.status === 'fail' && c.mark === undefined).map((c) => `${s.client} ${s.id}/${c.id}: ${c.message ?? ''}`));
}

function check(suite: SuiteResult, id: string) {
  return suite.checks.find((c) => c.id === id);
}

describe.each<[string, ClientAdapter]>([
  ['ours', oursAdapter()],
  ['official', officialAdapter()],
])('%s client replaying the corpus', (_name, adapter) => {
  it('passes every corpus tape over WebSocket and SSE', { timeout: 300_000 }, async () => {
    const tapes = await corpusTapes(await loadCorpus(CORPUS));
    const raw = await replayTapes(tapes, { adapters: [adapter], stepTimeoutMs: 8000 });
    // The shipped baseline lists what the official client cannot do (e.g. send cancel_queued).
    const report = applyBaseline(raw, await loadBaseline(join(CORPUS, '..', 'baseline.json')));
    expect(report.baseline?.unexpected).toEqual([]);
    expect(report.baseline?.stale).toEqual([]);
    expect(failures(report.suites)).toEqual([]);
    expect(report.suites).toHaveLength(tapes.length * 2);
    // Every tape was played to its end and every agent frame was handed over.
    for (const suite of report.suites) {
      expect(check(suite, 'complete')?.status, suite.id).toBe('pass');
      expect(check(suite, 'frames')?.status, suite.id).toBe('pass');
    }
  });
});

describe('replay catches a misbehaving client', () => {
  it('a permission answer that differs from the recording fails client-frames, naming the tape line and path', async () => {
    const liar = tampered(oursAdapter(), (h) => ({ ...h, answer: async (request, signal) => ({ ...(await h.answer(request, signal)), updatedInput: { command: 'rm -rf /' } }) }));
    const suite = await replayTape(corpusTape('03-bash-touch-allowed'), liar, { source: '03.tape.ndjson', stepTimeoutMs: 3000 });
    expect(check(suite, 'client-frames')).toMatchObject({ status: 'fail', message: expect.stringMatching(/^control_response\/success \(tape line \d+\) differs: \$\.response\.response\.updatedInput\.command: expected "touch created\.txt", got "rm -rf \/"/) });
  });

  it('a frame the client does not hand over fails frames (and the replay reports the stall)', async () => {
    const dropper = tampered(oursAdapter(), (h) => ({ ...h, onFrame: (frame) => (frame as { type?: string }).type !== 'result' && h.onFrame(frame) }));
    const suite = await replayTape(corpusTape('01-plain-text'), dropper, { source: '01.tape.ndjson', stepTimeoutMs: 1500 });
    expect(check(suite, 'frames')).toMatchObject({ status: 'fail', message: expect.stringContaining('missing result/success') });
    expect(check(suite, 'complete')?.status).toBe('fail');
  });

  it('a frame changed on the way to the application fails frames with the path', async () => {
    const editor = tampered(oursAdapter(), (h) => ({ ...h, onFrame: (frame) => h.onFrame((frame as { type?: string }).type === 'assistant' ? { ...(frame as object), parent_tool_use_id: 'oops' } : frame) }));
    const suite = await replayTape(corpusTape('01-plain-text'), editor, { source: '01.tape.ndjson', stepTimeoutMs: 3000 });
    expect(check(suite, 'frames')).toMatchObject({ status: 'fail', message: expect.stringContaining('$.parent_tool_use_id: expected null, got "oops"') });
  });

  it('a valid frame flagged unknown fails parse', async () => {
    const confused = tampered(oursAdapter(), (h) => ({ ...h, onFrame: (frame) => (h.onFrame(frame), (frame as { type?: string }).type === 'result' && h.onUnknownFrame(frame, 'did not understand it')) }));
    const suite = await replayTape(corpusTape('01-plain-text'), confused, { source: '01.tape.ndjson', stepTimeoutMs: 3000 });
    expect(check(suite, 'parse')).toMatchObject({ status: 'fail', message: expect.stringContaining('flagged a valid result/success frame as unknown: did not understand it') });
  });
});
