import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandAdapter } from '../../src/adapters/command';
import { loadCorpus } from '../../src/corpus/manifest';
import { selectScenarios } from '../../src/scenarios/index';
import { runScenario } from '../../src/scenarios/run';
import { corpusTapes, replayTapes } from '../../src/suites';
import { CORPUS } from '../helpers';

const TINY = `node ${JSON.stringify(join(import.meta.dirname, '..', 'fixtures', 'tiny-client.js'))}`;

describe('the subprocess adapter', () => {
  it('drives a tiny client written in plain Node in another process through every corpus tape', async () => {
    const tapes = await corpusTapes(await loadCorpus(CORPUS));
    const report = await replayTapes(tapes, { adapters: [commandAdapter({ command: TINY, transports: ['sse'] })], stepTimeoutMs: 8000 });
    const failed = report.suites.flatMap((s) => s.checks.filter((c) => c.status === 'fail').map((c) => `${s.id}/${c.id}: ${c.message ?? ''}`));
    expect(failed).toEqual([]);
    expect(report.suites.map((s) => s.client)).toEqual(tapes.map(() => 'command/sse'));
  });

  it('runs scenarios through the same protocol: permissions answered as instructed', async () => {
    const [scenario] = selectScenarios(['flow-permissions']);
    const suite = await runScenario(scenario!, commandAdapter({ command: TINY, transports: ['sse'] }), { transport: 'sse', stepTimeoutMs: 8000 });
    expect(suite.checks.map((c) => `${c.id} ${c.status}`)).toEqual(['handler-sees-prompt pass', 'allow-updated-input pass', 'deny-message pass', 'deny-interrupt pass', 'turn-continues pass']);
  });

  it('reports a program that exits before ready, with the end of its stderr', async () => {
    const [scenario] = selectScenarios(['flow-turn']);
    const suite = await runScenario(scenario!, commandAdapter({ command: 'echo "no such client" >&2; exit 3', startTimeoutMs: 5000 }), { stepTimeoutMs: 2000 });
    expect(suite.checks).toEqual([{ id: 'scenario', title: 'runs to its end', status: 'fail', message: expect.stringMatching(/exited with code 3\.\nIts stderr ends with:\nno such client/) }]);
  });

  it('reports a program that writes something other than protocol events', async () => {
    const errors: Error[] = [];
    const adapter = commandAdapter({ command: 'echo "hello, not json"; sleep 5', startTimeoutMs: 1500 });
    await expect(
      adapter.connect({ baseUrl: 'http://127.0.0.1:1', wsUrl: 'ws://127.0.0.1:1', sessionId: 's', transport: 'sse' }, { hooks: {}, mcpServers: [] }, {
        onFrame: () => undefined,
        onUnknownFrame: () => undefined,
        onError: (error) => errors.push(error),
        answer: async () => ({}),
      }),
    ).rejects.toThrow(/did not report "ready" within 1500 ms/);
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining('broke the adapter protocol: not JSON: hello, not json')]);
  });
});
