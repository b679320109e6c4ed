// Client benchmark: frames per second from the socket to the application callback on a
// stream_event-heavy session, next to a bare `ws` client that only splits lines and JSON.parses
// (target ≥ 0.5×), and RSS growth over a 1,000,000-frame session (target < 20 MB).
//   pnpm --filter @ccr-kit/client bench [-- --frames 200000 --memory-frames 1000000]
// The bench script runs it with --expose-gc, so the memory phase starts from a collected heap.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { Session, WebSocketTransport, type WebSocketConstructor } from '../src/index';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

const FRAMES = arg('frames', 200_000);
const MEMORY_FRAMES = arg('memory-frames', 1_000_000);
const MB = 1024 * 1024;

async function startServer(): Promise<{ port: number; stop: () => void }> {
  const child = fork(fileURLToPath(new URL('./frame-server.js', import.meta.url)), [], { stdio: 'inherit' });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));
  return { port, stop: () => child.kill() };
}

/** A bare `ws` client: carry partial lines, JSON.parse every line, count. */
function bare(port: number, frames: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/?frames=${frames}`);
    let carry = '';
    let count = 0;
    let started = 0;
    ws.on('error', reject);
    ws.on('message', (data) => {
      if (started === 0) started = performance.now();
      const text = carry + String(data);
      const lines = text.split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) {
        if (line === '') continue;
        JSON.parse(line);
        if (++count === frames + 1) {
          const seconds = (performance.now() - started) / 1000;
          ws.close();
          resolve(count / seconds);
        }
      }
    });
  });
}

/** The ccr-kit session: WebSocketTransport → NDJSON → parseFrame → de-dup → assembler → onFrame. */
async function client(port: number, frames: number, onProgress?: (count: number) => void): Promise<number> {
  let count = 0;
  let started = 0;
  let finish: (rate: number) => void = () => undefined;
  const done = new Promise<number>((resolve) => (finish = resolve));
  const session = new Session({
    sessionId: 'bench',
    transport: () => new WebSocketTransport({ url: `ws://127.0.0.1:${port}/?frames=${frames}&init=1`, WebSocket: WebSocket as unknown as WebSocketConstructor }),
    idleTimeout: 0,
    maxRetries: 0,
    onFrame: () => {
      if (count === 0) started = performance.now();
      count++;
      if (onProgress !== undefined && count % 50_000 === 0) onProgress(count);
      if (count === frames + 1) finish(count / ((performance.now() - started) / 1000));
    },
  });
  await session.connect();
  const rate = await done;
  session.disconnect();
  return rate;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const server = await startServer();
  try {
    await bare(server.port, 20_000);
    await client(server.port, 20_000);
    const bareRates: number[] = [];
    const clientRates: number[] = [];
    for (let round = 0; round < 3; round++) {
      bareRates.push(await bare(server.port, FRAMES));
      clientRates.push(await client(server.port, FRAMES));
    }
    const bestBare = Math.max(...bareRates);
    const bestClient = Math.max(...clientRates);
    console.log(`throughput (${fmt(FRAMES)} frames, best of 3)`);
    console.log(`  bare ws + JSON.parse   ${fmt(bestBare).padStart(12)} frames/s`);
    console.log(`  ccr-kit Session        ${fmt(bestClient).padStart(12)} frames/s`);
    console.log(`  ratio                  ${(bestClient / bestBare).toFixed(2)}×  (target ≥ 0.50×)`);

    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    let baseline = 0;
    let peak = 0;
    const sample = (count: number) => {
      const rss = process.memoryUsage().rss;
      if (count === 100_000) baseline = rss;
      if (count > 100_000) peak = Math.max(peak, rss);
    };
    const start = process.memoryUsage().rss;
    const rate = await client(server.port, MEMORY_FRAMES, sample);
    gc?.();
    const end = process.memoryUsage().rss;
    const growth = Math.max(0, peak - baseline);
    console.log(`memory (${fmt(MEMORY_FRAMES)} frames through one session, ${fmt(rate)} frames/s)`);
    console.log(`  rss start ${(start / MB).toFixed(1)} MB, after 100k frames ${(baseline / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB, end ${(end / MB).toFixed(1)} MB`);
    console.log(`  growth after warm-up   ${(growth / MB).toFixed(1)} MB  (target < 20 MB)`);
  } finally {
    server.stop();
  }
}

await main();
