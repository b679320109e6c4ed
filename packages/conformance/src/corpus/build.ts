import { parseTape, TAPE_FORMAT, TAPE_VERSION, type TapeEvent, type TapeHeader } from '@ccr-kit/protocol-types';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { isRecord, tryParseJson, type JsonObject } from '../internal/json';
import { describeCliTape } from './cli-notes';
import { interleaveStdio, type InterleaveHints } from './interleave';
import type { CorpusEntry, CorpusManifest } from './manifest';
import { redactTape, type CorpusRedactionOptions } from './redact';
import { CORPUS_FLOWS } from '../record/flows';
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
  /** The corpus sub-folder the tape is written to (`cli-<version>` for a CLI's flows, `cli` for the claude-cli agent's tapes). */
  readonly folder: string;
  /** The header `meta` of a tape recording. */
  readonly meta: JsonObject | undefined;
}

/** Where {@link findRecordings} looks and where the tapes it finds go. */
export interface FindOptions {
  /** The corpus sub-folder for the tapes found. @default `cli-<version>` for stdin/stdout pairs, '' for tapes */
  readonly folder?: string | undefined;
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
export async function findRecordings(dirs: readonly string[], options: FindOptions = {}): Promise<Recording[]> {
  const found: Recording[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const entries = await readdir(dir, { withFileTypes: true });
    for (const sub of entries.filter((e) => e.isDirectory())) found.push(...(await findRecordings([join(dir, sub.name)], options)));
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
        const files = existsSync(stdin) ? [stdin, stdout] : [stdout];
        found.push({ id, kind: 'stdio', files, mtimeMs, tool: { name: 'claude-code', version }, note: notes.get(id), hints: hints[id], folder: options.folder ?? `cli-${version}`, meta: undefined });
        continue;
      }
      const tape = /^(.+)\.tape\.ndjson$/.exec(entry.name);
      if (tape) {
        const file = join(dir, entry.name);
        const header = parseTape(await readFile(file, 'utf8')).header;
        const meta = isRecord(header?.meta) ? header.meta : undefined;
        const note = typeof meta?.note === 'string' ? meta.note : notes.get(tape[1]!);
        const tool = header?.tool ?? { name: 'unknown', version: '0' };
        found.push({ id: tape[1]!, kind: 'tape', files: [file], mtimeMs: (await stat(file)).mtimeMs, tool, note, hints: undefined, folder: options.folder ?? '', meta });
      }
    }
  }
  return found;
}

/** The manifest id of a recording: `cli-<version>/<flow>` for a CLI's flows, else its own id. */
export function corpusIdOf(rec: Pick<Recording, 'id' | 'folder'>): string {
  return /^cli-\d/.test(rec.folder) ? `${rec.folder}/${rec.id}` : rec.id;
}

/** For each corpus id (flow and CLI version), the most recently written recording. */
export function freshest(recordings: readonly Recording[]): Recording[] {
  const best = new Map<string, Recording>();
  for (const rec of recordings) {
    const current = best.get(corpusIdOf(rec));
    if (current === undefined || rec.mtimeMs >= current.mtimeMs) best.set(corpusIdOf(rec), rec);
  }
  return [...best.values()].sort((a, b) => corpusIdOf(a).localeCompare(corpusIdOf(b), 'en', { numeric: true }));
}

function startedAt(stdout: readonly string[], mtimeMs: number): string {
  for (const line of stdout) {
    const value = tryParseJson(line);
    if (isRecord(value) && typeof value.timestamp === 'string') return value.timestamp;
  }
  return new Date(mtimeMs).toISOString();
}

function framesOfTape(text: string): unknown[] {
  return parseTape(text).events.flatMap((e) => {
    if (e.kind === 'stdio.line' && e.dir !== 'stderr') return [tryParseJson(e.text)];
    return e.kind === 'ws.frame' ? lines(e.text).map((l) => tryParseJson(l)) : [];
  });
}

/**
 * Builds the redacted tape text of a recording (stdio pairs are interleaved, one synthetic
 * millisecond per line; tapes keep their events) and the frames it holds.
 * @throws {SecretFoundError} when a secret survives redaction; {Error} for a tape that does not parse.
 */
export async function tapeFromRecording(rec: Recording, root: string, redaction: CorpusRedactionOptions = { root }): Promise<{ text: string; frames: unknown[] }> {
  const source = rec.files.map((f) => relative(root, f)).join(' + ');
  if (rec.kind === 'tape') {
    const parsed = parseTape(await readFile(rec.files[0]!, 'utf8'));
    if (parsed.header === undefined || parsed.errors.length > 0) throw new Error(`${source}: not a valid tape (${parsed.errors[0]?.message ?? 'no header'}). Re-record it.`);
    const text = redactTape(parsed.header, parsed.events, source, redaction);
    return { text, frames: framesOfTape(text) };
  }
  const stdinFile = rec.files.length === 2 ? rec.files[0]! : undefined;
  const stdout = lines(await readFile(rec.files.at(-1)!, 'utf8'));
  const stdin = stdinFile === undefined ? [] : lines(await readFile(stdinFile, 'utf8'));
  const merged = interleaveStdio(stdin, stdout, rec.hints);
  const events: TapeEvent[] = merged.map((line, i) => ({ t: i, kind: 'stdio.line', dir: line.dir, text: line.text }));
  const header: TapeHeader = {
    kind: 'header',
    format: TAPE_FORMAT,
    version: TAPE_VERSION,
    capture: 'stdio',
    tool: rec.tool,
    started_at: startedAt(stdout, rec.mtimeMs),
    redaction: { rules: [], counts: {}, complete: true },
    meta: { source, note: rec.note ?? '', cli_version: rec.tool.version, timing: 'synthetic: stdin and stdout were recorded apart and merged by protocol order, one millisecond per line' },
  };
  const text = redactTape(header, events, source, redaction);
  return { text, frames: framesOfTape(text) };
}

function entryOf(rec: Recording, file: string, frames: readonly unknown[], root: string): CorpusEntry {
  const sections = sectionsOf(frames);
  const flow = /^cli-\d/.test(rec.folder) ? CORPUS_FLOWS.find((f) => f.id === rec.id) : undefined;
  if (flow?.notReplayable !== undefined) {
    return { id: corpusIdOf(rec), file, note: rec.note ?? 'No note was recorded with this tape.', sections, source: rec.files.map((f) => relative(root, f)).join(' + '), tool: rec.tool, replay: flow.notReplayable, replayable: false };
  }
  const cli = describeCliTape(rec.meta);
  if (cli !== undefined) return { id: corpusIdOf(rec), file, note: cli.note, sections, source: cli.source, tool: cli.tool, ...(cli.replay === undefined ? {} : { replay: cli.replay }) };
  return { id: corpusIdOf(rec), file, note: rec.note ?? 'No note was recorded with this tape.', sections, source: rec.files.map((f) => relative(root, f)).join(' + '), tool: rec.tool };
}

/**
 * Writes the corpus: one redacted tape per recording (into its folder; a tape already in the
 * corpus is redacted in place) and `manifest.json`. Returns the manifest.
 */
export async function writeCorpus(outDir: string, recordings: readonly Recording[], root: string): Promise<CorpusManifest> {
  await mkdir(outDir, { recursive: true });
  const tapes: CorpusEntry[] = [];
  for (const rec of recordings) {
    const { text, frames } = await tapeFromRecording(rec, root);
    const file = rec.folder === '' ? `${rec.id}.tape.ndjson` : `${rec.folder}/${rec.id}.tape.ndjson`;
    await mkdir(join(outDir, rec.folder), { recursive: true });
    await writeFile(join(outDir, file), text);
    tapes.push(entryOf(rec, file, frames, root));
  }
  const manifest: CorpusManifest = { format: 'ccr-conformance-corpus', version: 1, tapes };
  await writeFile(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
