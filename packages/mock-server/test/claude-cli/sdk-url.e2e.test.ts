import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeCliAgent, createMockServer, type ClaudeCliBackend, type MockServer } from '../../src';
import { CLI_CASES, runCase, SDK_URL_CASES } from './cases';
import { CLI_SCENARIOS } from './scenarios';

type Loose = Record<string, unknown>;
const TIMEOUT = 150_000;

let server: MockServer;
let backend: ClaudeCliBackend;

beforeAll(async () => {
  backend = claudeCliAgent({ transport: 'sdk-url', scenarios: CLI_SCENARIOS, maxRetries: 0 });
  server = await createMockServer({ agent: backend });
});

afterAll(async () => {
  await server?.close();
  expect(backend?.processes()).toEqual([]);
});

describe('the claude-cli backend over the CLI’s --sdk-url WebSocket (CLI 2.1.120)', () => {
  it('uses the pinned 2.1.120 binary by default (the last version that accepts --sdk-url)', { timeout: 30_000 }, () => {
    expect(execFileSync(backend.claudeBin, ['--version'], { encoding: 'utf8' })).toMatch(/^2\.1\.120 /);
  });

  it('runs the Bash touch permission turn: canUseTool, the file exists, result success', { timeout: TIMEOUT }, async () => {
    const { messages, calls, files } = await runCase(server, backend, 'websocket', CLI_CASES.touchAllowed);
    expect(calls).toEqual([{ tool: 'Bash', input: { command: 'touch allowed.txt', description: 'Create allowed.txt' }, toolUseID: expect.stringMatching(/^toolu_/) }]);
    expect(files).toContain('allowed.txt');
    expect(messages.at(-1)).toMatchObject({ type: 'result', subtype: 'success', is_error: false, result: 'Created allowed.txt.' });
  });

  it('after the socket drops, the CLI reconnects and re-sends its frames; clients see each frame once', { timeout: TIMEOUT }, async () => {
    const { messages, process: info, sessionId } = await runCase(server, backend, 'sse', SDK_URL_CASES.reconnect);
    expect(info).toMatchObject({ connections: 2 });
    // system/init, assistant and result of the first turn came again, with the same uuids.
    expect(info!.duplicatesDropped).toBeGreaterThanOrEqual(3);
    const results = messages.filter((m) => m.type === 'result') as unknown as Loose[];
    expect(results.map((r) => r.result)).toEqual(['This is the answer to the first question.', 'And this answers the second one.']);
    const stored = (await (await fetch(`${server.url}/v1/sessions/${sessionId}/events?limit=1000`)).json()) as { data: Loose[] };
    const uuids = stored.data.map((e) => e.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(stored.data.filter((e) => e.type === 'result')).toHaveLength(2);
  });
});
