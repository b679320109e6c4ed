/**
 * Decode benchmark: NDJSON frames from 64 KiB byte chunks, compared with the floor (split lines +
 * JSON.parse), plus a memory check that streams ~1 GB through `decodeFrames`.
 *
 *   pnpm --filter @ccr-kit/protocol-types bench [--mb 1024] [--mix-mb 24] [--runs 7]
 */
import { NdjsonFrameDecoder, decodeFrames } from '../src/codec/frame-stream';
import { NdjsonDecoder } from '../src/codec/ndjson';
import { isUnknownFrame, parseFrame } from '../src/parse';
import { CONVERSATION_MIX, STREAMING_MIX, buildNdjson, chunk, corpusNdjson, type Mix } from './mixes';

const CHUNK_BYTES = 64 * 1024;
const MiB = 1024 * 1024;

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i === -1 ? undefined : Number(process.argv[i + 1]);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got ${process.argv[i + 1]}`);
  return value;
}

const memoryMb = option('mb', 1024);
const mixMb = option('mix-mb', 24);
const runs = option('runs', 7);

/** The floor: decode each chunk, split on LF carrying the partial line, JSON.parse each line. */
function floor(chunks: readonly Uint8Array[]): number {
  const decoder = new TextDecoder();
  let carry = '';
  let count = 0;
  for (const bytes of chunks) {
    const text = carry + decoder.decode(bytes, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start && (JSON.parse(text.slice(start, nl)) as { type?: unknown }).type !== undefined) count++;
      start = nl + 1;
    }
    carry = text.slice(start);
  }
  return count;
}

/** The NDJSON decoder alone (bytes to JSON values, no frame validation). */
function linesOnly(chunks: readonly Uint8Array[]): number {
  const decoder = new NdjsonDecoder();
  let count = 0;
  for (const bytes of chunks) for (const item of decoder.push(bytes)) if (item.ok) count++;
  for (const item of decoder.end()) if (item.ok) count++;
  return count;
}

/** The full read path: NDJSON decoding plus parseFrame validation, synchronous. */
function validated(chunks: readonly Uint8Array[]): number {
  const decoder = new NdjsonFrameDecoder();
  let count = 0;
  for (const bytes of chunks) for (const item of decoder.push(bytes)) if (item.ok) count++;
  for (const item of decoder.end()) if (item.ok) count++;
  return count;
}

/** The same through the async `decodeFrames` stream API. */
async function validatedStream(chunks: readonly Uint8Array[]): Promise<number> {
  async function* source(): AsyncGenerator<Uint8Array> {
    yield* chunks;
  }
  let count = 0;
  for await (const item of decodeFrames(source())) if (item.ok) count++;
  return count;
}

/** parseFrame alone on values decoded beforehand. */
function parseOnly(values: readonly unknown[]): number {
  let count = 0;
  for (const value of values) if (parseFrame(value) !== undefined) count++;
  return count;
}

/** CPU seconds (user + system) of this process since `since`; steadier than wall time on a shared machine. */
function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/**
 * Best (minimum) CPU seconds per path over `runs` rounds after one warm-up round. Paths run
 * round-robin so that load from other processes hits them all alike. Every run must return
 * `expected` frames.
 */
async function timeAll(expected: number, paths: Record<string, () => number | Promise<number>>): Promise<Record<string, number>> {
  const best: Record<string, number> = {};
  for (let round = 0; round <= runs; round++) {
    for (const [label, run] of Object.entries(paths)) {
      const start = process.cpuUsage();
      const count = await run();
      const elapsed = cpuSeconds(start);
      if (count !== expected) throw new Error(`${label} returned ${count} frames, expected ${expected}: the benchmark is wrong.`);
      if (round > 0) best[label] = Math.min(best[label] ?? Infinity, elapsed);
    }
  }
  return best;
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function table(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
}

async function throughput(mix: Mix | 'cli-2.1.337', seed: number): Promise<void> {
  const { data, lines, name } = mix === 'cli-2.1.337' ? { ...corpusNdjson('2.1.337', mixMb * MiB), name: 'cli-2.1.337 corpus mix (every frame of the conformance tapes, repeated)' } : { ...buildNdjson(mix, mixMb * MiB, seed), name: mix.name };
  const chunks = chunk(data, CHUNK_BYTES);
  const values = new TextDecoder()
    .decode(data)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
  const unknown = new Map<string, number>();
  for (const value of values) {
    const frame = parseFrame(value);
    if (isUnknownFrame(frame)) unknown.set(frame.describe(), (unknown.get(frame.describe()) ?? 0) + 1);
  }

  const t = await timeAll(lines, {
    floor: () => floor(chunks),
    lines: () => linesOnly(chunks),
    parse: () => parseOnly(values),
    validated: () => validated(chunks),
    stream: () => validatedStream(chunks),
  });
  const [floorS, linesS, parseS, validS, streamS] = [t.floor!, t.lines!, t.parse!, t.validated!, t.stream!];

  const mb = data.length / MiB;
  const unknownCount = [...unknown.values()].reduce((a, b) => a + b, 0);
  console.log(`\n${name}: ${fmt(lines)} frames, ${fmt(mb, 1)} MiB (${fmt(data.length / lines)} B/frame), ` +
    `${CHUNK_BYTES / 1024} KiB chunks; parseFrame: ${fmt(lines - unknownCount)} known, ${fmt(unknownCount)} unknown`);
  for (const [kind, count] of [...unknown].sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`  unknown: ${fmt(count)} × ${kind}`);
  const row = (name: string, s: number): string[] => [name, fmt(lines / s), fmt(mb / s, 1), `${fmt(floorS / s, 2)}×`];
  table([
    ['path', 'msgs/s', 'MiB/s', 'vs floor'],
    row('floor: split lines + JSON.parse', floorS),
    row('NdjsonDecoder (bytes → values)', linesS),
    row('NdjsonFrameDecoder (+ parseFrame)', validS),
    row('decodeFrames (async stream)', streamS),
    ['parseFrame alone', fmt(lines / parseS), '-', '-'],
  ]);
  const target = floorS / validS >= 0.85 ? 'meets' : 'MISSES';
  console.log(`validated/floor = ${fmt(floorS / validS, 2)}× (${target} the ≥ 0.85× target); ` +
    `time split of the validated path: decoder ${fmt((100 * linesS) / (linesS + parseS))}%, parseFrame ${fmt((100 * parseS) / (linesS + parseS))}%`);
}

async function memory(): Promise<void> {
  const pool = [buildNdjson(STREAMING_MIX, 4 * MiB, 7).data, buildNdjson(CONVERSATION_MIX, 4 * MiB, 8).data].flatMap((d) => chunk(d, CHUNK_BYTES));
  const total = memoryMb * MiB;
  (globalThis as { gc?: () => void }).gc?.();
  const rss = (): number => process.memoryUsage().rss / MiB;
  const start = rss();
  let peak = start;
  let sent = 0;
  const marks = [start];
  // Whole passes over the pool only: each pass ends on a line boundary.
  async function* source(): AsyncGenerator<Uint8Array> {
    while (sent < total) {
      for (const [i, next] of pool.entries()) {
        sent += next.length;
        if (i % 64 === 0) peak = Math.max(peak, rss());
        if (sent >= (total * marks.length) / 8 && marks.length < 8) marks.push(rss());
        yield next;
      }
    }
  }
  let frames = 0;
  let errors = 0;
  const began = process.cpuUsage();
  for await (const item of decodeFrames(source())) {
    if (item.ok) frames++;
    else errors++;
  }
  const seconds = cpuSeconds(began);
  const end = rss();
  peak = Math.max(peak, end);
  marks.push(end);
  console.log(`\nmemory: ${fmt(sent / MiB)} MiB through decodeFrames in ${CHUNK_BYTES / 1024} KiB chunks, ` +
    `${fmt(frames)} frames, ${errors} errors, ${fmt(sent / MiB / seconds, 1)} MiB/s (CPU time)`);
  table([
    ['rss MiB', 'start', 'peak', 'end', 'peak - start'],
    ['', fmt(start), fmt(peak), fmt(end), fmt(peak - start)],
  ]);
  console.log(`rss at each eighth of the input: ${marks.map((m) => fmt(m)).join(' → ')} MiB`);
  if (errors > 0) throw new Error(`${errors} lines failed to decode in the memory check: the generator or the decoder is wrong.`);
}

console.log(`node ${process.version}; rates use process CPU time, best of ${runs} round-robin runs per path`);
await throughput(STREAMING_MIX, 1);
await throughput(CONVERSATION_MIX, 2);
await throughput('cli-2.1.337', 3);
await memory();
