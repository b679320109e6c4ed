/**
 * Relay benchmark of the `claude-cli` backend: how much the mock server adds between the CLI's
 * stdout and a WebSocket subscriber. Each frame is time-stamped twice in one process: when the
 * backend reads it from the CLI's stdout (the direct reader) and when a v1 WebSocket subscriber
 * receives it; frames are paired by `uuid`.
 *
 * 1. the real Claude Code CLI against the fake model (run as `ccr-mock fake-model` in its own
 *    process, so its streaming does not share the relay's event loop), one long answer streamed
 *    as many deltas (`--include-partial-messages`) with no pause between them, so the CLI emits
 *    frames as fast as it can (~9,000/s here, far above any real model): frames/s and added latency
 *    at the CLI's own pace. The first turns run while V8 is still compiling the relay's hot path;
 *    they are printed as warm-up and left out of the verdict, which is the median p99 of the
 *    measured turns (a server that relays a session is past that point after its first turns);
 * 2. a stand-in CLI that floods stdout with recorded-shape frames as fast as the pipe takes them:
 *    the relay's ceiling in frames/s, next to the direct reader's.
 *
 * Run: `pnpm --filter @ccr-kit/mock-server bench` (or this file alone with tsx). Knobs:
 * BENCH_CLI_CHUNKS (default 3000), BENCH_WARMUP (default 3), BENCH_ROUNDS (default 5),
 * BENCH_CHUNK_DELAY_MS (pause between the model's deltas, default 0), BENCH_FLOOD_FRAMES
 * (default 20000). In the flood the relay is saturated, so its latency is queueing, not per-frame
 * cost. Columns "loop p99" and "gc n/max" show this process's event-loop delay and its garbage
 * collection pauses during each turn: a relay tail above the p50 lines up with them.
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import WebSocket from 'ws';
import { claudeCliAgent, createMockServer, type ClaudeCliAgentOptions, type CliTrafficEvent } from '../src/index';
import { scenario, text } from '../src/scenario/index';

const CLI_CHUNKS = Number(process.env.BENCH_CLI_CHUNKS ?? 3000);
/** Real-CLI turns run first and not counted, while V8 optimizes the relay's hot path. */
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** Measured real-CLI turns; the verdict uses the median p99, so one scheduler hiccup on a busy machine does not decide it. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CHUNK_DELAY_MS = Number(process.env.BENCH_CHUNK_DELAY_MS ?? 0);
const FLOOD_FRAMES = Number(process.env.BENCH_FLOOD_FRAMES ?? 20_000);
const now = (): number => performance.timeOrigin + performance.now();

/** The CLI's version, as its `system/init` frame says. */
let cliVersion = 'unknown';

/** Finds the `uuid` values in NDJSON text without parsing it (the frames here carry one each). */
const UUID = /"uuid":"([^"\\]+)"/g;

/**
 * Pairs frames read from the CLI's stdout with the same frames arriving at the subscriber, as they
 * happen: only the frames in flight and one number per frame are kept, so the measuring adds as
 * little garbage-collection work to this process as it can.
 */
class Pairing {
  readonly #readAt = new Map<string, number>();
  #gaps = new Float64Array(4096);
  #count = 0;
  #reads = 0;
  #firstRead = Number.NaN;
  #lastRead = Number.NaN;
  #firstArrival = Number.NaN;
  #lastArrival = Number.NaN;

  read(text: string, at: number): void {
    for (const match of text.matchAll(UUID)) {
      this.#readAt.set(match[1]!, at);
      this.#reads++;
      if (Number.isNaN(this.#firstRead)) this.#firstRead = at;
      this.#lastRead = at;
    }
  }

  received(text: string, at: number): void {
    for (const match of text.matchAll(UUID)) {
      const uuid = match[1]!;
      const read = this.#readAt.get(uuid);
      if (read === undefined) continue;
      this.#readAt.delete(uuid);
      if (this.#count === this.#gaps.length) {
        const grown = new Float64Array(this.#gaps.length * 2);
        grown.set(this.#gaps);
        this.#gaps = grown;
      }
      this.#gaps[this.#count++] = at - read;
      if (Number.isNaN(this.#firstArrival)) this.#firstArrival = at;
      this.#lastArrival = at;
    }
  }

  figures(loopP99: number, gc: readonly number[]): Figures {
    const gaps = this.#gaps.slice(0, this.#count).sort();
    const rate = (n: number, first: number, last: number): number => (n < 2 ? Number.NaN : ((n - 1) / (last - first)) * 1000);
    return {
      frames: this.#count,
      directPerSecond: rate(this.#reads, this.#firstRead, this.#lastRead),
      relayPerSecond: rate(this.#count, this.#firstArrival, this.#lastArrival),
      p50: percentile(gaps, 0.5),
      p99: percentile(gaps, 0.99),
      max: gaps.at(-1) ?? Number.NaN,
      missing: this.#readAt.size,
      loopP99,
      gcCount: gc.length,
      gcMax: gc.length === 0 ? 0 : Math.max(...gc),
    };
  }
}

interface Figures {
  readonly frames: number;
  readonly directPerSecond: number;
  readonly relayPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly missing: number;
  /** Event-loop delay p99 during the run: how long this process waited to be scheduled or was busy. */
  readonly loopP99: number;
  /** Garbage-collection pauses of this process during the run: count and longest (ms). */
  readonly gcCount: number;
  readonly gcMax: number;
}

function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? Number.NaN;
}

/** Runs one turn through a mock server with the claude-cli backend and a WebSocket subscriber. */
async function measure(options: ClaudeCliAgentOptions, prompt: string): Promise<Figures> {
  const pairing = new Pairing();
  const tap = (event: CliTrafficEvent): void => {
    if (event.channel === 'stdout') pairing.read(event.text, event.at);
  };
  const server = await createMockServer({ agent: claudeCliAgent({ ...options, tap }) });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const gc: number[] = [];
  let measuring = false;
  const gcObserver = new PerformanceObserver((list) => {
    if (measuring) for (const entry of list.getEntries()) gc.push(entry.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  try {
    const { id } = await server.admin.createSession();
    const socket = new WebSocket(`${server.wsUrl}/v1/sessions/ws/${id}/subscribe`);
    const done = new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        const at = now();
        const textData = String(data);
        pairing.received(textData, at);
        if (textData.includes('"claude_code_version"')) cliVersion = /"claude_code_version":"([^"]+)"/.exec(textData)?.[1] ?? cliVersion;
        if (textData.includes('"type":"result"')) resolve();
      });
      socket.once('error', reject);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    loop.enable();
    measuring = true;
    await server.admin.inject(id, { type: 'user', session_id: '', message: { role: 'user', content: prompt }, parent_tool_use_id: null }, { as: 'client' });
    await done;
    loop.disable();
    measuring = false;
    socket.close();
  } finally {
    gcObserver.disconnect();
    await server.close();
  }
  return pairing.figures(loop.percentile(99) / 1e6, gc);
}

/** A stand-in `claude` that answers the first stdin line with `count` stream frames, then a result. */
const FLOOD_SCRIPT = `#!/usr/bin/env node
const count = Number(process.env.FLOOD_FRAMES);
const delta = (i) => JSON.stringify({ type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'The quick brown fox jumps over the lazy dog. ' } }, session_id: 'flood', parent_tool_use_id: null, uuid: 'flood-' + i }) + '\\n';
process.stdin.once('data', async () => {
  for (let i = 0; i < count; i += 100) {
    let batch = '';
    for (let j = i; j < Math.min(count, i + 100); j++) batch += delta(j);
    if (!process.stdout.write(batch)) await new Promise((r) => process.stdout.once('drain', r));
  }
  process.stdout.write(JSON.stringify({ type: 'result', subtype: 'success', is_error: false, result: 'done', uuid: 'flood-result', session_id: 'flood' }) + '\\n');
});
`;

function row(name: string, f: Figures): string {
  const n = (v: number, digits = 0): string => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a');
  return `${name.padEnd(44)} ${String(f.frames).padStart(7)} ${n(f.directPerSecond).padStart(10)} ${n(f.relayPerSecond).padStart(10)} ${n(f.p50, 3).padStart(8)} ${n(f.p99, 3).padStart(8)} ${n(f.max, 3).padStart(8)} ${n(f.loopP99, 1).padStart(9)} ${`${f.gcCount}/${n(f.gcMax, 1)}`.padStart(9)}${f.missing > 0 ? `  (${f.missing} not received)` : ''}`;
}

/** Starts `ccr-mock fake-model` in its own process, so its streaming does not share the relay's event loop. */
async function startFakeModelProcess(scenarioFile: string): Promise<{ url: string; stop(): void }> {
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ccr-kit/source', 'src/cli.ts', 'fake-model', '--scenario', scenarioFile, '--port', '0'], { cwd: packageDir, stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
  const url = /listening on (http:\/\/\S+)/.exec(String(first.value))?.[1];
  if (url === undefined) {
    child.kill();
    throw new Error(`ccr-mock fake-model said ${String(first.value)}`);
  }
  return { url, stop: () => child.kill() };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ccr-relay-bench-'));
  const warmup: Figures[] = [];
  const real: Figures[] = [];
  let flood: Figures;
  try {
    const scenarioFile = join(dir, 'bench.json');
    await writeFile(scenarioFile, JSON.stringify(scenario('bench').turn().reply(text('word '.repeat(CLI_CHUNKS), { chunks: CLI_CHUNKS, chunkDelayMs: CHUNK_DELAY_MS })).build()));
    const model = await startFakeModelProcess(scenarioFile);
    try {
      const home = join(dir, 'home');
      await mkdir(home);
      const env = { ANTHROPIC_BASE_URL: model.url, ANTHROPIC_API_KEY: 'sk-test', HOME: home, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', CLAUDE_CODE_MAX_RETRIES: '0' };
      const turn = (): Promise<Figures> => measure({ modelBackend: 'anthropic', inheritEnv: false, env }, 'Stream a long answer');
      for (let round = 0; round < WARMUP; round++) warmup.push(await turn());
      for (let round = 0; round < ROUNDS; round++) real.push(await turn());
    } finally {
      model.stop();
    }
    const bin = join(dir, 'flood-claude.mjs');
    await writeFile(bin, FLOOD_SCRIPT);
    await chmod(bin, 0o755);
    flood = await measure({ claudeBin: bin, modelBackend: 'anthropic', inheritEnv: false, env: { FLOOD_FRAMES: String(FLOOD_FRAMES) } }, 'flood');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log('claude-cli relay: CLI stdout → mock server → v1 WebSocket subscriber (same process, paired by uuid)');
  console.log(`${'run'.padEnd(44)} ${'frames'.padStart(7)} ${'direct/s'.padStart(10)} ${'relay/s'.padStart(10)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'loop p99'.padStart(9)} ${'gc n/max'.padStart(9)}`);
  const pace = CHUNK_DELAY_MS > 0 ? `${CHUNK_DELAY_MS} ms apart` : 'full speed';
  warmup.forEach((f, i) => console.log(row(`warm-up ${i + 1} (not counted)`, f)));
  real.forEach((f, i) => console.log(row(`real CLI ${cliVersion}, ${CLI_CHUNKS} deltas ${pace} #${i + 1}`, f)));
  console.log(row(`stand-in CLI flood, ${FLOOD_FRAMES} frames`, flood));
  const p99s = real.map((f) => f.p99).sort((a, b) => a - b);
  const median = p99s[Math.floor(p99s.length / 2)] ?? Number.NaN;
  console.log(`target (relay adds < 2 ms at p99 per frame with the real CLI): median p99 of ${real.length} turns ${median.toFixed(3)} ms (range ${p99s[0]?.toFixed(3)}–${p99s.at(-1)?.toFixed(3)}), ${median < 2 ? 'met' : 'NOT met'}`);
  console.log('loop p99 = event-loop delay p99 (ms) of this process during the run: scheduling stalls on a busy machine show up there and in the relay p99.');
}

await main();
