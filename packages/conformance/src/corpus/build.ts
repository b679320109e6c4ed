import { parseTape, serializeTape, TAPE_FORMAT, TAPE_VERSION, type TapeEvent, type TapeHeader } from '@ccr-kit/protocol-types';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { isRecord, tryParseJson } from '../internal/json';
import { interleaveStdio, type InterleaveHints } from './interleave';
import type { CorpusEntry, CorpusManifest } from './manifest';
import { redactText } from './redact';
import { sectionsOf } from './sections';

/** A recording the corpus can be built from: a stdin/stdout pair of one CLI run, or a tape. */
export interface Recording {
  readonly id: string;
  readonly kind: 'stdio' | 'tape';
  readonly files: readonly string[];
  readonly mtimeMs: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly note: string | undefined;
  readonly hints: InterleaveHints | undefined;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

async function notesOf(dir: string): Promise<Map<string, string>> {
  const notes = new Map<string, string>();
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) return notes;
  for (const line of lines(await readFile(readme, 'utf8'))) {
    const match = /^- `([^`]+)`: (.+)$/.exec(line);
    if (match) notes.set(match[1]!, match[2]!);
  }
  return notes;
}

async function hintsOf(dir: string): Promise<Record<string, InterleaveHints>> {
  const file = join(dir, 'interleave-hints.json');
  if (!existsSync(file)) return {};
  const value = tryParseJson(await readFile(file, 'utf8'));
  if (!isRecord(value)) throw new Error(`${file}: expected {"<id>": {"<stdin line>": <stdout line>}}.`);
  return value as Record<string, InterleaveHints>;
}

/** Finds recordings in folders: `cli-<version>/<id>.stdin.ndjson` + `<id>.stdout.ndjson` pairs and `<id>.tape.ndjson` tapes. */
export async function findRecordings(dirs: readonly string[]): Promise<Recording[]> {
  const found: Recording[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const entries = await readdir(dir, { withFileTypes: true });
    for (const sub of entries.filter((e) => e.isDirectory())) found.push(...(await findRecordings([join(dir, sub.name)])));
    const version = /cli-(\d+\.\d+\.\d+)/.exec(basename(dir))?.[1];
    const notes = await notesOf(dir);
    const hints = await hintsOf(dir);
    for (const entry of entries.filter((e) => e.isFile())) {
      const stdio = /^(.+)\.stdout\.ndjson$/.exec(entry.name);
      if (stdio && version !== undefined) {
        const id = stdio[1]!;
        const stdin = join(dir, `${id}.stdin.ndjson`);
        const stdout = join(dir, entry.name);
        const mtimeMs = Math.max((await stat(stdout)).mtimeMs, existsSync(stdin) ? (await stat(stdin)).mtimeMs : 0);
        found.push({ id, kind: 'stdio', files: existsSync(stdin) ? [stdin, stdout] : [stdout], mtimeMs, tool: { name: 'claude-code', version }, note: notes.get(id), hints: hints[id] });
        continue;
      }
      const tape = /^(.+)\.tape\.ndjson$/.exec(entry.name);
      if (tape) {
        const file = join(dir, entry.name);
        const parsed = parseTape(await readFile(file, 'utf8'));
        const meta = parsed.header?.meta;
        const note = isRecord(meta) && typeof meta.note === 'string' ? meta.note : notes.get(tape[1]!);
        found.push({ id: tape[1]!, kind: 'tape', files: [file], mtimeMs: (await stat(file)).mtimeMs, tool: parsed.header?.tool ?? { name: 'unknown', version: '0' }, note, hints: undefined });
      }
    }
  }
  return found;
}

/** For each id, the most recently written recording. */
export function freshest(recordings: readonly Recording[]): Recording[] {
  const best = new Map<string, Recording>();
  for (const rec of recordings) {
    const current = best.get(rec.id);
    if (current === undefined || rec.mtimeMs >= current.mtimeMs) best.set(rec.id, rec);
  }
  return [...best.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function startedAt(stdout: readonly string[], mtimeMs: number): string {
  for (const line of stdout) {
    const value = tryParseJson(line);
    if (isRecord(value) && typeof value.timestamp === 'string') return value.timestamp;
  }
  return new Date(mtimeMs).toISOString();
}

/** Builds tape text from a recording (stdio pairs are interleaved; one synthetic millisecond per line), redacted. */
export async function tapeFromRecording(rec: Recording, root: string): Promise<{ text: string; frames: unknown[] }> {
  const source = rec.files.map((f) => relative(root, f)).join(' + ');
  if (rec.kind === 'tape') {
    const { text } = redactText(await readFile(rec.files[0]!, 'utf8'), source);
    const parsed = parseTape(text);
    if (parsed.header === undefined || parsed.errors.length > 0) throw new Error(`${source}: not a valid tape (${parsed.errors[0]?.message ?? 'no header'}).`);
    const frames = parsed.events.flatMap((e) => (e.kind === 'stdio.line' || e.kind === 'ws.frame' ? lines(e.text).map((l) => tryParseJson(l)) : []));
    return { text, frames };
  }
  const stdinFile = rec.files.length === 2 ? rec.files[0]! : undefined;
  const stdout = lines(await readFile(rec.files.at(-1)!, 'utf8'));
  const stdin = stdinFile === undefined ? [] : lines(await readFile(stdinFile, 'utf8'));
  const merged = interleaveStdio(stdin, stdout, rec.hints);
  const raw = merged.map((line) => line.text).join('\n');
  const { text: redacted, redaction } = redactText(raw, source);
  const texts = redacted.split('\n');
  const events: TapeEvent[] = merged.map((line, i) => ({ t: i, kind: 'stdio.line', dir: line.dir, text: texts[i]! }));
  const header: TapeHeader = {
    kind: 'header',
    format: TAPE_FORMAT,
    version: TAPE_VERSION,
    capture: 'stdio',
    tool: rec.tool,
    started_at: startedAt(stdout, rec.mtimeMs),
    redaction: { rules: redaction.rules, counts: redaction.counts, complete: true },
    meta: { source, note: rec.note ?? '', timing: 'synthetic: stdin and stdout were recorded apart and merged by protocol order, one millisecond per line' },
  };
  return { text: serializeTape(header, events), frames: texts.map((t) => tryParseJson(t)) };
}

/** Writes the corpus: one tape per recording, `manifest.json` and `README.md`. Returns the manifest. */
export async function writeCorpus(outDir: string, recordings: readonly Recording[], root: string): Promise<CorpusManifest> {
  await mkdir(outDir, { recursive: true });
  const tapes: CorpusEntry[] = [];
  for (const rec of recordings) {
    const { text, frames } = await tapeFromRecording(rec, root);
    const file = `${rec.id}.tape.ndjson`;
    await writeFile(join(outDir, file), text);
    tapes.push({
      id: rec.id,
      file,
      note: rec.note ?? 'No note was recorded with this tape.',
      sections: sectionsOf(frames),
      source: rec.files.map((f) => relative(root, f)).join(' + '),
      tool: rec.tool,
    });
  }
  const manifest: CorpusManifest = { format: 'ccr-conformance-corpus', version: 1, tapes };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
