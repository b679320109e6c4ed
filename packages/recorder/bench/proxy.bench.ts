/**
 * How much latency the recording proxy adds per frame on loopback: the same frames go from an
 * upstream server to a client directly and through the proxy (recording to a real tape file with
 * the default redaction), in the same run: the upstream writes each frame to both connections at
 * once and each client notes when it arrives. One frame is in flight at a time, so the figures are
 * per-frame latency, not queueing.
 *
 * Run: pnpm --filter @ccr-kit/recorder bench
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket, WebSocketServer } from '../src/internal/ws';
import { createRecordingProxy } from '../src/index';

const FRAMES_PER_ROUND = 250;
const ROUNDS = 8;
const WARMUP = 200;

const streamEvent = JSON.stringify({
  type: 'stream_event',
  uuid: '6f1c1a52-0b0e-4c4e-9d39-6b1f0f2b9c11',
  session_id: 'cse_01BenchmarkSession',
  parent_tool_use_id: null,
  event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'The quick brown fox jumps over the lazy dog. ' } },
});

interface Upstream {
  url: string;
  /** Sends one frame to the connected WebSocket client / SSE reader. */
  sendWs(text: string): void;
  sendSse(text: string): void;
  close(): Promise<void>;
}

async function startUpstream(): Promise<Upstream> {
  const sockets = new Set<WebSocket>();
  const streams = new Set<ServerResponse>();
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    streams.add(res);
    res.on('close', () => streams.delete(res));
  });
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sendWs: (text) => {
      for (const ws of sockets) ws.send(text);
    },
    sendSse: (text) => {
      for (const res of streams) res.write(`event: client_event\ndata: ${text}\n\n`);
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      for (const res of streams) res.destroy();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A client that resolves `next()` with the arrival time of the next frame. */
interface Receiver {
  next(): Promise<bigint>;
  close(): void;
}

function receiverQueue(): { push(t: bigint): void; next(): Promise<bigint> } {
  const arrived: bigint[] = [];
  let waiting: ((t: bigint) => void) | undefined;
  return {
    push: (t) => {
      if (waiting !== undefined) {
        const w = waiting;
        waiting = undefined;
        w(t);
      } else arrived.push(t);
    },
    next: () => {
      const t = arrived.shift();
      return t !== undefined ? Promise.resolve(t) : new Promise((resolve) => (waiting = resolve));
    },
  };
}

async function wsReceiver(url: string): Promise<Receiver> {
  const q = receiverQueue();
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.on('message', () => q.push(process.hrtime.bigint()));
  await new Promise((resolve) => ws.once('open', resolve));
  return { next: q.next, close: () => ws.close() };
}

async function sseReceiver(url: string): Promise<Receiver> {
  const q = receiverQueue();
  const abort = new AbortController();
  const response = await fetch(url, { signal: abort.signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  void (async () => {
    let buffer = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        buffer = buffer.slice(end + 2);
        q.push(process.hrtime.bigint());
      }
    }
  })();
  return { next: q.next, close: () => abort.abort() };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function stats(values: readonly number[]): { median: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ccr-record-bench-'));
  const upstream = await startUpstream();
  const proxy = await createRecordingProxy({ target: upstream.url, out: dir, redaction: { env: false } });
  const wsPath = '/v1/sessions/ws/cse_01Bench/subscribe';
  const ssePath = '/v1/code/sessions/cse_01Bench/events/stream';
  const ws = { direct: await wsReceiver(`${upstream.url.replace('http', 'ws')}${wsPath}`), proxied: await wsReceiver(`${proxy.wsUrl}${wsPath}`) };
  const sse = { direct: await sseReceiver(`${upstream.url}${ssePath}`), proxied: await sseReceiver(`${proxy.url}${ssePath}`) };
  const frame = `${streamEvent}\n`;
  const results = { ws: { direct: [] as number[], proxied: [] as number[] }, sse: { direct: [] as number[], proxied: [] as number[] } };
  for (let round = 0; round < ROUNDS + 1; round++) {
    const n = round === 0 ? WARMUP : FRAMES_PER_ROUND;
    const wsRound = await measurePair(() => upstream.sendWs(frame), ws.direct, ws.proxied, n);
    const sseRound = await measurePair(() => upstream.sendSse(streamEvent), sse.direct, sse.proxied, n);
    if (round === 0) continue;
    results.ws.direct.push(...wsRound.direct);
    results.ws.proxied.push(...wsRound.proxied);
    results.sse.direct.push(...sseRound.direct);
    results.sse.proxied.push(...sseRound.proxied);
  }
  for (const r of [ws.direct, ws.proxied, sse.direct, sse.proxied]) r.close();
  const summary = await proxy.close();
  await upstream.close();
  rmSync(dir, { recursive: true, force: true });

  const rows = (['ws', 'sse'] as const).map((kind) => {
    const direct = stats(results[kind].direct);
    const proxied = stats(results[kind].proxied);
    return {
      transport: kind === 'ws' ? 'WebSocket frame' : 'SSE event',
      frames: results[kind].proxied.length,
      'direct median µs': direct.median.toFixed(1),
      'direct p99 µs': direct.p99.toFixed(1),
      'proxied median µs': proxied.median.toFixed(1),
      'proxied p99 µs': proxied.p99.toFixed(1),
      'added median µs': (proxied.median - direct.median).toFixed(1),
      'added p99 µs': (proxied.p99 - direct.p99).toFixed(1),
    };
  });
  console.log(`Recording proxy latency on loopback (${summary.events} events written to the tape, one frame in flight at a time)`);
  console.table(rows);
  const worst = Math.max(...rows.map((r) => Number(r['added median µs'])));
  console.log(worst < 1000 ? `OK: the proxy adds ${worst.toFixed(1)} µs per frame at the median (target < 1000 µs).` : `SLOW: the proxy adds ${worst.toFixed(1)} µs per frame at the median (target < 1000 µs).`);
  if (worst >= 1000) process.exitCode = 1;
}

/**
 * Both receivers get every frame; the direct one measures the direct path and the proxied one
 * the proxied path, from the same send time.
 */
async function measurePair(send: () => void, direct: Receiver, proxied: Receiver, count: number): Promise<{ direct: number[]; proxied: number[] }> {
  const out = { direct: [] as number[], proxied: [] as number[] };
  for (let i = 0; i < count; i++) {
    const sent = process.hrtime.bigint();
    send();
    const [a, b] = await Promise.all([direct.next(), proxied.next()]);
    out.direct.push(Number(a - sent) / 1000);
    out.proxied.push(Number(b - sent) / 1000);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}

void main();
