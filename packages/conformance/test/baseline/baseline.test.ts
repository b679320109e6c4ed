import { describe, expect, it } from 'vitest';
import { applyBaseline, BaselineError, parseBaseline } from '../../src/baseline/baseline';
import { makeReport, type CheckStatus, type SuiteResult } from '../../src/report/model';

function suite(client: string, id: string, checks: Record<string, CheckStatus>): SuiteResult {
  return { id, title: id, client, durationMs: 1, checks: Object.entries(checks).map(([check, status]) => ({ id: check, title: check, status })) };
}

const report = makeReport('run', [suite('official/sse', 'flow-resume', { reconnects: 'pass', reinitialize: 'fail' }), suite('ours/sse', 'flow-turn', { 'turn-frames': 'pass' })]);

describe('expected-failures baseline', () => {
  it('excuses a listed failure and passes the run', () => {
    const graded = applyBaseline(report, parseBaseline(JSON.stringify({ expected: [{ id: 'official/sse:flow-resume/reinitialize', reason: 'known' }] })));
    expect(graded.failed).toBe(false);
    expect(graded.baseline).toEqual({ expected: ['official/sse:flow-resume/reinitialize'], quarantined: [], stale: [], unexpected: [] });
    expect(graded.suites[0]!.checks[1]!.mark).toBe('expected');
  });

  it('fails on a new failure', () => {
    const graded = applyBaseline(report, parseBaseline('{"expected": []}'));
    expect(graded.failed).toBe(true);
    expect(graded.baseline?.unexpected).toEqual(['official/sse:flow-resume/reinitialize']);
  });

  it('fails on a stale entry: a listed check that now passes, or no longer exists in a suite that ran', () => {
    const graded = applyBaseline(
      report,
      parseBaseline(
        JSON.stringify({
          expected: [
            { id: 'official/sse:flow-resume/reinitialize', reason: 'known' },
            { id: 'official/sse:flow-resume/reconnects', reason: 'fixed since' },
            { id: 'ours/*:flow-turn/renamed-check', reason: 'gone' },
            { id: 'official/websocket:flow-resume/reconnects', reason: 'not run this time' },
          ],
        }),
      ),
    );
    expect(graded.baseline?.stale).toEqual(['official/sse:flow-resume/reconnects', 'ours/*:flow-turn/renamed-check']);
    expect(graded.failed).toBe(true);
  });

  it('reports quarantined failures without gating', () => {
    const graded = applyBaseline(report, parseBaseline(JSON.stringify({ quarantine: [{ id: 'official/*:flow-resume/*', reason: 'flaky' }] })));
    expect(graded.failed).toBe(false);
    expect(graded.baseline?.quarantined).toEqual(['official/sse:flow-resume/reinitialize']);
    expect(graded.suites[0]!.checks[1]).toMatchObject({ status: 'fail', mark: 'quarantined' });
  });

  it('rejects a malformed file with the JSON path', () => {
    expect(() => parseBaseline('{"expected": [{"id": "no-colon"}]}', 'baseline.json')).toThrow(BaselineError);
    expect(() => parseBaseline('{"expected": [{"id": "ours:flow-turn", "reason": "x"}]}', 'baseline.json')).toThrow('baseline.json: $.expected[0].id "ours:flow-turn" must look like <client>:<suite>/<check>.');
    expect(() => parseBaseline('[', 'b.json')).toThrow(/^b\.json: not valid JSON/);
  });
});
