/**
 * The receiving side of the fan-out benchmark, run as a child process so it does not share an
 * event loop with the server. Reads a JSON plan from argv, opens every WebSocket and SSE stream,
 * prints `ready`, then counts frames and their append→receipt latency (frames carry `bench_t`, a
 * wall-clock time in ms with sub-millisecond precision) and prints a JSON summary when all arrived.
 */
import { get } from 'node:http';
import WebSocket from 'ws';

interface Plan {
  readonly ws: readonly string[];
  readonly sse: readonly string[];
  readonly expected: number;
}

const plan = JSON.parse(process.argv[2] ?? '{}') as Plan;
const now = (): number => performance.timeOrigin + performance.now();
const latencies = new Float64Array(plan.expected);
let received = 0;
let last = 0;

function record(line: string): void {
  const at = line.indexOf('"bench_t":');
  if (at === -1) return;
  const t = Number.parseFloat(line.slice(at + 10));
  const arrived = now();
  if (received < latencies.length) latencies[received] = arrived - t;
  received++;
  last = arrived;
  if (received === plan.expected) finish();
}

function finish(): void {
  const sorted = Array.from(latencies).sort((a, b) => a - b);
  const pick = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const cpu = process.cpuUsage();
  const summary = { received, last, p50: pick(0.5), p99: pick(0.99), max: sorted.at(-1), clientCpuMs: (cpu.user + cpu.system) / 1000 };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  process.exit(0);
}

async function openWs(url: string): Promise<void> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  let carry = '';
  socket.on('message', (data) => {
    const text = carry + (data as Buffer).toString('utf8');
    const lines = text.split('\n');
    carry = lines.pop() ?? '';
    for (const line of lines) record(line);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
}

// node:http rather than fetch: the benchmark measures the server, so the reader stays cheap.
async function openSse(url: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const req = get(url, { headers: { accept: 'text/event-stream' }, agent: false }, (res) => {
      res.setEncoding('utf8');
      let carry = '';
      res.on('data', (chunk: string) => {
        const lines = (carry + chunk).split('\n');
        carry = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith('data: ')) record(line);
      });
      resolve();
    });
    req.on('error', reject);
  });
}

await Promise.all([...plan.ws.map(openWs), ...plan.sse.map(openSse)]);
process.stdout.write('ready\n');
