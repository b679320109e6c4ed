/**
 * Rebuilds the `cli-*` tapes of the conformance corpus: runs every end-to-end case of the
 * `claude-cli` backend (the official client ↔ the mock server ↔ the real Claude Code CLI ↔ the
 * fake Messages API, fully offline) and saves the traffic between the backend and the CLI of each
 * run as a tape in `packages/conformance/corpus/cli/`:
 *
 * - `cli-<websocket|sse>-<case>.tape.ndjson`: the installed CLI (2.1.337) over stdio (`stdio.line` events), with
 *   the official client on the named transport;
 * - `cli-sdk-url-<case>.tape.ndjson`: CLI 2.1.120 over `--sdk-url` (`ws.*` events; the CLI is the
 *   WebSocket client).
 *
 * Run: `pnpm --filter @ccr-kit/mock-server run tapes:record [name-filter]`.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { claudeCliAgent, cliTrafficTape, createMockServer, type CliTrafficEvent, type ClaudeCliTransport } from '../src/index';
import { CLI_CASES, runCase, SDK_URL_CASES, type CliCase } from '../test/claude-cli/cases';
import type { ClientTransport } from '../test/claude-cli/client';
import { CLI_SCENARIOS } from '../test/claude-cli/scenarios';

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT_DIR = resolve(HERE, '../../conformance/corpus/cli');
const PACKAGE_VERSION = '0.1.0';

/** One recording: which CLI transport, which client transport, which case. */
interface Run {
  readonly file: string;
  readonly cli: ClaudeCliTransport;
  readonly client: ClientTransport;
  readonly entry: CliCase;
}

function plannedRuns(): Run[] {
  const runs: Run[] = [];
  for (const client of ['websocket', 'sse'] as const) {
    for (const entry of Object.values(CLI_CASES)) runs.push({ file: `cli-${client}-${entry.id}`, cli: 'stdio', client, entry });
  }
  runs.push({ file: `cli-sdk-url-${CLI_CASES.touchAllowed.id}`, cli: 'sdk-url', client: 'websocket', entry: CLI_CASES.touchAllowed });
  runs.push({ file: `cli-sdk-url-${SDK_URL_CASES.reconnect.id}`, cli: 'sdk-url', client: 'sse', entry: SDK_URL_CASES.reconnect });
  return runs;
}

async function record(run: Run): Promise<string> {
  const events: CliTrafficEvent[] = [];
  const backend = claudeCliAgent({ transport: run.cli, scenarios: CLI_SCENARIOS, maxRetries: 2, tap: (event) => events.push(event) });
  const version = execFileSync(backend.claudeBin, ['--version'], { encoding: 'utf8' }).trim().split(' ')[0] ?? 'unknown';
  const server = await createMockServer({ agent: backend });
  try {
    const outcome = await runCase(server, backend, run.client, run.entry);
    const mine = events.filter((e) => e.sessionId === outcome.sessionId);
    const tape = cliTrafficTape(mine, {
      tool: { name: '@ccr-kit/mock-server claude-cli backend', version: PACKAGE_VERSION },
      meta: {
        case: run.entry.id,
        description: run.entry.description,
        claude_code_version: version,
        cli_transport: run.cli,
        client: `@anthropic-ai/claude-agent-sdk/browser over ${run.client}`,
        model: 'fake Messages API (offline)',
      },
      secrets: ['sk-test'],
    });
    const path = join(OUT_DIR, `${run.file}.tape.ndjson`);
    await writeFile(path, tape);
    return `${run.file}.tape.ndjson (${mine.length} events, CLI ${version})`;
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const filter = process.argv[2];
  await mkdir(OUT_DIR, { recursive: true });
  const runs = plannedRuns().filter((r) => filter === undefined || r.file.includes(filter));
  if (runs.length === 0) throw new Error(`no tape name contains "${filter}"; names look like cli-websocket-bash-touch-allowed`);
  let failed = 0;
  for (const run of runs) {
    try {
      console.log(`ok   ${await record(run)}`);
    } catch (error) {
      failed++;
      console.error(`FAIL ${run.file}: ${(error as Error).message}`);
    }
  }
  if (failed > 0) {
    console.error(`${failed} of ${runs.length} recording(s) failed`);
    process.exitCode = 1;
  }
}

await main();
