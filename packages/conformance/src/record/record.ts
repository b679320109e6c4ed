import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeModelServer, fakeModelCliEnv, parseScenario, type Scenario } from '@ccr-kit/mock-server';
import { CORPUS_FLOWS, type CorpusFlow } from './flows';
import { CliHost, type HostTransport } from './host';
import { FLOW_SCENARIOS } from './scenarios';

/** What {@link recordCorpusFlows} needs. */
export interface RecordFlowsOptions {
  /** The `claude` binary to run. */
  readonly bin: string;
  /** Where `<id>.stdin.ndjson`, `<id>.stdout.ndjson` and `README.md` go (created). */
  readonly outDir: string;
  /** @default 'stdio' */
  readonly transport?: HostTransport;
  /** Records only the flows whose id contains this text. */
  readonly filter?: string | undefined;
  /** Longest wait for one expected frame. @default 45000 */
  readonly waitMs?: number;
  /** Progress lines. @default nothing */
  readonly log?: (line: string) => void;
}

/** How one flow went. */
export interface FlowOutcome {
  readonly id: string;
  readonly ok: boolean;
  readonly exitCode: number | null;
  /** Why it failed (with the end of the CLI's stderr). */
  readonly error?: string;
  /** Messages API calls the fake model answered, as `METHOD path status`. */
  readonly modelCalls: readonly string[];
  /** Where each host line went among the CLI's lines (see `InterleaveHints`). */
  readonly order?: Readonly<Record<number, number>>;
}

/** The result of recording every flow with one CLI. */
export interface RecordFlowsResult {
  readonly version: string;
  readonly transport: HostTransport;
  readonly flows: readonly FlowOutcome[];
}

/** The version a `claude` binary reports (`claude --version`), e.g. `2.1.337`. */
export function cliVersionOf(bin: string): Promise<string> {
  return new Promise((done, fail) => {
    execFile(bin, ['--version'], { timeout: 30_000 }, (error, stdout) => {
      const version = /\d+\.\d+\.\d+/.exec(stdout)?.[0];
      if (version !== undefined) done(version);
      else fail(new Error(`"${bin} --version" did not print a version${error === null ? '' : ` (${error.message})`}.`));
    });
  });
}

/** The fake model's scenario of a flow. */
export function flowScenario(id: string): Scenario {
  const value = FLOW_SCENARIOS[id];
  if (value === undefined) throw new Error(`No scenario for the corpus flow "${id}".`);
  return parseScenario(value, `scenarios.ts#${id}`);
}

async function recordOne(flow: CorpusFlow, options: RecordFlowsOptions, transport: HostTransport): Promise<FlowOutcome> {
  const model = await createFakeModelServer({ scenarios: [flowScenario(flow.id)] });
  const home = await mkdtemp(join(tmpdir(), 'ccr-corpus-home-'));
  const workdir = await mkdtemp(join(tmpdir(), 'ccr-corpus-cwd-'));
  const args = ['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose', '--permission-prompt-tool', 'stdio', ...(flow.args ?? [])];
  const env = fakeModelCliEnv({ baseUrl: model.url, home, maxRetries: flow.maxRetries });
  const host = await CliHost.start({ bin: options.bin, args, cwd: workdir, env, transport, waitMs: options.waitMs ?? 45_000 });
  const calls = (): string[] => model.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
  try {
    await flow.drive(host, workdir);
    const exitCode = await host.finish();
    await writeFile(join(options.outDir, `${flow.id}.stdin.ndjson`), host.sent.map((l) => `${l}\n`).join(''));
    await writeFile(join(options.outDir, `${flow.id}.stdout.ndjson`), host.received.map((l) => `${l}\n`).join(''));
    const order = Object.fromEntries(host.sentAfter.map((after, i) => [i + 1, after]));
    return { id: flow.id, ok: true, exitCode, modelCalls: calls(), order };
  } catch (error) {
    const detail = `${(error as Error).message}\n--- stderr ---\n${host.stderr.slice(-1500)}\n--- last frames ---\n${host.received.slice(-4).join('\n').slice(-2000)}`;
    return { id: flow.id, ok: false, exitCode: null, error: detail, modelCalls: calls() };
  } finally {
    host.kill();
    await model.close();
    await rm(home, { recursive: true, force: true });
    await rm(workdir, { recursive: true, force: true });
  }
}

/**
 * Records the corpus flows with one real Claude Code CLI, fully offline (the CLI talks to the fake
 * Messages API; this process plays the host over stdio or `--sdk-url`). Writes one stdin/stdout pair
 * per flow that succeeded and a README with one note per flow; a failed flow writes nothing.
 */
export async function recordCorpusFlows(options: RecordFlowsOptions): Promise<RecordFlowsResult> {
  const transport = options.transport ?? 'stdio';
  const version = await cliVersionOf(options.bin);
  await mkdir(options.outDir, { recursive: true });
  const flows: FlowOutcome[] = [];
  for (const flow of CORPUS_FLOWS.filter((f) => options.filter === undefined || f.id.includes(options.filter))) {
    const outcome = await recordOne(flow, options, transport);
    options.log?.(`${outcome.ok ? 'ok  ' : 'FAIL'} ${flow.id} (claude-code ${version}, ${transport}; ${outcome.modelCalls.length} model calls)${outcome.ok ? '' : `\n${outcome.error}`}`);
    flows.push(outcome);
  }
  const over = transport === 'sdk-url' ? ' Recorded over --sdk-url (the CLI is the WebSocket client; stdin = frames sent to it, stdout = frames it sent).' : '';
  const readme = [
    `# Claude Code CLI ${version}: corpus flows`,
    '',
    `Recorded offline by \`@ccr-kit/conformance\` (\`src/record\`): the real CLI against the fake Messages API.${over}`,
    "Each flow has `<id>.stdin.ndjson` (what the host wrote), `<id>.stdout.ndjson` (exactly what the CLI sent) and, in `interleave-hints.json`, where each host line went among the CLI's.",
    '',
    ...CORPUS_FLOWS.map((f) => `- \`${f.id}\`: ${flowScenario(f.id).description ?? ''}${transport === 'sdk-url' ? ' (over --sdk-url)' : ''}.`),
    '',
  ];
  await writeFile(join(options.outDir, 'README.md'), readme.join('\n'));
  // The host saw both sides in one order; keep it, so the tape needs no guessing (corpus/interleave.ts).
  const hintsFile = join(options.outDir, 'interleave-hints.json');
  const hints = existsSync(hintsFile) ? (JSON.parse(await readFile(hintsFile, 'utf8')) as Record<string, unknown>) : {};
  for (const flow of flows) if (flow.ok && flow.order !== undefined) hints[flow.id] = flow.order;
  const sorted = Object.fromEntries(Object.keys(hints).sort().map((k) => [k, hints[k]]));
  await writeFile(hintsFile, `${JSON.stringify(sorted, null, 1)}\n`);
  return { version, transport, flows };
}
