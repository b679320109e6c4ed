/**
 * Validate throughput on the corpus, against the protocol-types decode floor measured in the same
 * run (split lines + JSON.parse, as in protocol-types' decode bench). Two shapes of input:
 *
 * - tapes: every corpus tape as is; the floor parses each tape line and the frame inside it;
 * - ndjson: the corpus frames as plain NDJSON (one frame per line); the floor parses each line.
 *
 * Prints frames per second (median CPU time of several runs) and the ratio; exits 1 when validate
 * is slower than 0.5× the floor. Usage: pnpm --filter @ccr-kit/conformance bench [--runs 9]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus, corpusTapePath } from '../src/corpus/manifest';
import { readFrameFile } from '../src/frames/read';
import { validateText } from '../src/validate/validate';

const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag === -1 ? 9 : Number(process.argv[runsFlag + 1]);
const TARGET_MS = 250;
const MIN_RATIO = 0.5;

interface Input {
  readonly name: string;
  readonly text: string;
}

/** Splits lines and JSON.parses each, as protocol-types' decode floor does; tape lines also parse their frame. */
function floor(inputs: readonly Input[]): number {
  let frames = 0;
  for (const { text } of inputs) {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (nl > start) {
        const value = JSON.parse(text.slice(start, nl)) as { text?: unknown; kind?: unknown };
        if (typeof value.text === 'string') JSON.parse(value.text);
        if (value.kind !== 'header') frames++;
      }
      start = nl + 1;
    }
  }
  return frames;
}

function validate(inputs: readonly Input[]): number {
  let frames = 0;
  for (const input of inputs) frames += validateText(input.name, input.text).frames;
  return frames;
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

/** Frames per second of `fn`, median over runs of about TARGET_MS each. */
function measure(fn: (inputs: readonly Input[]) => number, inputs: readonly Input[], repeats: number): number {
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.cpuUsage();
    let frames = 0;
    for (let i = 0; i < repeats; i++) frames += fn(inputs);
    rates.push(frames / (cpuMs(start) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

function repeatsFor(inputs: readonly Input[]): number {
  const start = process.cpuUsage();
  let n = 0;
  while (cpuMs(start) < 50) {
    validate(inputs);
    n++;
  }
  return Math.max(1, Math.round((n * TARGET_MS) / 50));
}

function compare(label: string, inputs: readonly Input[]): boolean {
  // Warm up both paths before measuring.
  for (let i = 0; i < 20; i++) {
    floor(inputs);
    validate(inputs);
  }
  const repeats = repeatsFor(inputs);
  const base = measure(floor, inputs, repeats);
  const checked = measure(validate, inputs, repeats);
  const ratio = checked / base;
  const frames = validate(inputs);
  console.log(`${label.padEnd(7)} ${String(frames).padStart(4)} frames  floor ${Math.round(base).toLocaleString('en').padStart(9)} frames/s  validate ${Math.round(checked).toLocaleString('en').padStart(9)} frames/s  ratio ${ratio.toFixed(2)}× ${ratio >= MIN_RATIO ? 'ok' : `BELOW ${MIN_RATIO}×`}`);
  return ratio >= MIN_RATIO;
}

const corpus = await loadCorpus();
const tapes: Input[] = corpus.manifest.tapes.map((t) => ({ name: t.file, text: readFileSync(corpusTapePath(corpus, t), 'utf8') }));
const ndjson: Input[] = tapes.map((t) => {
  const frames = readFrameFile(t.text).frames;
  const name = t.name.replace('.tape.ndjson', '.ndjson');
  return { name, text: `${frames.map((f) => JSON.stringify(f.value)).join('\n')}\n` };
});
console.log(`validate throughput on ${join('corpus', '')} (${tapes.length} tapes), median of ${RUNS} runs, CPU time`);
const ok = [compare('tapes', tapes), compare('ndjson', ndjson)].every(Boolean);
process.exitCode = ok ? 0 : 1;
