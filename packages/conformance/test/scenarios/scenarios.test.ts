import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { officialAdapter } from '../../src/adapters/official';
import { oursAdapter } from '../../src/adapters/ours';
import { applyBaseline, loadBaseline } from '../../src/baseline/baseline';
import { selectScenarios, SCENARIOS } from '../../src/scenarios/index';
import { runScenario } from '../../src/scenarios/run';
import { runScenarios } from '../../src/suites';
import { tampered } from '../adapters/wrap';

const BASELINE = join(import.meta.dirname, '..', '..', 'baseline.json');

describe('scenarios', () => {
  it('each cites its PROTOCOL.md section and has a unique id', () => {
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
    for (const scenario of SCENARIOS) expect(scenario.section).toMatch(/^PROTOCOL\.md#[a-z_-]+$/);
  });

  it('our client passes every scenario over WebSocket and SSE, with no baseline', async () => {
    const report = await runScenarios(SCENARIOS, { adapters: [oursAdapter()], stepTimeoutMs: 8000 });
    const failed = report.suites.flatMap((s) => s.checks.filter((c) => c.status !== 'pass').map((c) => `${s.client} ${s.id}/${c.id} ${c.status}: ${c.message ?? ''}`));
    expect(failed).toEqual([]);
    expect(report.counts.pass).toBeGreaterThan(70);
  });

  it('the official client passes every scenario; only the shipped baseline failures remain, none stale', async () => {
    const report = await runScenarios(SCENARIOS, { adapters: [officialAdapter()], stepTimeoutMs: 3000 });
    const graded = applyBaseline(report, await loadBaseline(BASELINE));
    expect(graded.baseline).toEqual({
      expected: ['official/websocket:flow-resume/reconnects', 'official/sse:flow-resume/reinitialize'],
      quarantined: [],
      stale: [],
      unexpected: [],
    });
    expect(graded.failed).toBe(false);
  });

  it('fails a client whose permission answers drop updatedPermissions, with the path', async () => {
    const forgetful = tampered(oursAdapter(), (h) => ({
      ...h,
      answer: async (request, signal) => {
        const { updatedPermissions: _dropped, ...rest } = await h.answer(request, signal);
        return rest;
      },
    }));
    const [scenario] = selectScenarios(['flow-permissions']);
    const suite = await runScenario(scenario!, forgetful, { stepTimeoutMs: 3000 });
    expect(suite.checks.find((c) => c.id === 'allow-updated-input')).toMatchObject({ status: 'fail', message: expect.stringContaining('$.updatedPermissions: missing') });
    expect(suite.checks.find((c) => c.id === 'deny-message')?.status).toBe('skip');
  });
});
