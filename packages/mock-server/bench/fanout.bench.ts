/**
 * Fan-out benchmark: 100 sessions × 1,000 frames, each session watched by one WebSocket and one
 * SSE subscriber, on loopback, next to a bare `ws` server (no protocol logic) sending the same
 * NDJSON bytes to two WebSockets per session. Two phases per server:
 * - throughput: frames appended as fast as the loop turns (bursts of 10 per session per turn);
 *   frames/s delivered, server CPU time and peak RSS;
 * - latency: appends paced at a fixed rate (20,000 frames/s); p50/p99 append→receipt.
 * Receivers run in a child process. Run: `pnpm --filter @ccr-kit/mock-server bench`.
 * Knobs: BENCH_SESSIONS, BENCH_FRAMES, BENCH_BURST, BENCH_RATE, BENCH_WS (WebSockets per mock session).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AgentContext } from '../src/agent';
import { createMockServer } from '../src/index';

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 1000);
const BURST = Number(process.env.BENCH_BURST ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 20_000);
const WS_PER_SESSION = Number(process.env.BENCH_WS ?? 1);
const PACE_MS = 20;
const TEXT = 'The quick brown fox jumps over the lazy dog. '.repeat(5);
const now = (): number => performance.timeOrigin + performance.now();
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Summary {
  readonly received: number;
  readonly last: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly clientCpuMs: number;
}

/** A server under test: where to connect, how to append a frame to every session, how to stop. */
interface Target {
  readonly ws: string[];
  readonly sse: string[];
  /** Appends frames `from`…`to - 1` to every session, each session in its own task (as independent agents would). */
  emit(from: number, to: number): void;
  close(): Promise<void>;
}

function frame(session: string, n: number): Record<string, unknown> {
  return {
    type: 'assistant',
    uuid: `${session}-${n}`,
    session_id: session,
    message: { id: `msg_${n}`, type: 'message', role: 'assistant', model: 'bench', content: [{ type: 'text', text: TEXT }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
    parent_tool_use_id: null,
    bench_t: now(),
  };
}

async function mockTarget(): Promise<Target> {
  const contexts: AgentContext[] = [];
  const server = await createMockServer({
    historyLimit: FRAMES,
    journalCapacity: 1000,
    agent: { name: 'bench', attach: (ctx) => (contexts.push(ctx), { deliver: () => undefined, stop: async () => undefined }) },
  });
  const ids: string[] = [];
  for (let i = 0; i < SESSIONS; i++) ids.push((await server.admin.createSession({ title: `bench ${i}` })).id);
  return {
    ws: ids.flatMap((id) => Array.from({ length: WS_PER_SESSION }, () => `${server.wsUrl}/v1/sessions/ws/${id}/subscribe`)),
    sse: ids.flatMap((id) => Array.from({ length: 2 - WS_PER_SESSION }, () => `${server.url}/v1/code/sessions/${id}/events/stream`)),
    emit: (from, to) => {
      for (const ctx of contexts) {
        setImmediate(() => {
          for (let n = from; n < to; n++) ctx.emit(frame(ctx.sessionId, n));
        });
      }
    },
    close: () => server.close(),
  };
}

async function bareTarget(): Promise<Target> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as { port: number };
  const sockets: WebSocket[] = [];
  wss.on('connection', (socket) => sockets.push(socket));
  return {
    ws: Array.from({ length: SESSIONS * 2 }, (_, i) => `ws://127.0.0.1:${port}/s${i}`),
    sse: [],
    emit: (from, to) => {
      for (let s = 0; s < SESSIONS; s++) {
        setImmediate(() => {
          // The bytes the mock sends: one message per burst, one NDJSON line (with created_at) per frame.
          let text = '';
          for (let n = from; n < to; n++) text += `${JSON.stringify({ ...frame(`s${s}`, n), created_at: new Date().toISOString() })}\n`;
          sockets[2 * s]!.send(text);
          sockets[2 * s + 1]!.send(text);
        });
      }
    },
    close: async () => {
      for (const socket of sockets) socket.terminate();
      await new Promise((resolve) => wss.close(resolve));
    },
  };
}

/** Starts the receivers and resolves once every connection is open. */
async function startClients(target: Target): Promise<{ done: Promise<Summary> }> {
  const plan = { ws: target.ws, sse: target.sse, expected: SESSIONS * FRAMES * 2 };
  const script = fileURLToPath(new URL('./fanout-client.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(plan)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'ready') throw new Error(`the client process said ${String(first.value)}`);
  const done = (async () => {
    const result = await lines.next();
    child.kill();
    return JSON.parse(String(result.value)) as Summary;
  })();
  return { done };
}

interface Throughput {
  readonly fps: number;
  readonly cpuMs: number;
  readonly rssMiB: number;
}

async function throughput(make: () => Promise<Target>): Promise<Throughput> {
  const target = await make();
  try {
    const { done } = await startClients(target);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const start = now();
    const cpu = process.cpuUsage();
    for (let n = 0; n < FRAMES; n += BURST) {
      target.emit(n, Math.min(FRAMES, n + BURST));
      await turn();
    }
    const summary = await done;
    const used = process.cpuUsage(cpu);
    clearInterval(sampler);
    return { fps: summary.received / ((summary.last - start) / 1000), cpuMs: (used.user + used.system) / 1000, rssMiB: Math.max(peak, process.memoryUsage().rss) / 2 ** 20 };
  } finally {
    await target.close();
  }
}

async function latency(make: () => Promise<Target>): Promise<Summary> {
  const target = await make();
  try {
    const { done } = await startClients(target);
    const perTick = Math.max(1, Math.round((RATE * PACE_MS) / 1000 / SESSIONS));
    let next = now();
    for (let n = 0; n < FRAMES; n += perTick) {
      target.emit(n, Math.min(FRAMES, n + perTick));
      next += PACE_MS;
      await sleep(Math.max(0, next - now()));
    }
    return await done;
  } finally {
    await target.close();
  }
}

const results = [] as { name: string; t: Throughput; l: Summary }[];
for (const [name, make] of [['bare ws', bareTarget], ['mock', mockTarget]] as const) {
  results.push({ name, t: await throughput(make), l: await latency(make) });
}
const [bare, mock] = results as [(typeof results)[0], (typeof results)[0]];
const row = ({ name, t, l }: (typeof results)[0]): string =>
  `${name.padEnd(8)} ${Math.round(t.fps).toLocaleString('en-US').padStart(9)} frames/s  server CPU ${(t.cpuMs / 1000).toFixed(2)} s  peak RSS ${t.rssMiB.toFixed(0)} MiB | p50 ${l.p50.toFixed(1)} ms  p99 ${l.p99.toFixed(1)} ms`;
process.stdout.write(
  [
    `fan-out: ${SESSIONS} sessions × ${FRAMES} frames × 2 subscribers (mock: ${WS_PER_SESSION} WS + ${2 - WS_PER_SESSION} SSE per session; bare: 2 WS, same NDJSON bytes)`,
    `         throughput: bursts of ${BURST} per session per loop turn          | latency at ${RATE.toLocaleString('en-US')} appends/s`,
    row(bare),
    row(mock),
    `mock / bare: ${((mock.t.fps / bare.t.fps) * 100).toFixed(0)}% of frames/s, ${((bare.t.cpuMs / mock.t.cpuMs) * 100).toFixed(0)}% of frames per server CPU second (target ≥ 50%); mock p99 ${mock.l.p99.toFixed(1)} ms (target < 50 ms)`,
    '',
  ].join('\n'),
);
