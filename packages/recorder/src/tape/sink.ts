import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { RecorderError } from '../errors';

/** Where a recorder writes: the header line first, then one line per event, then the final header and summary. */
export interface TapeSink {
  /** The tape's file path, when it has one. */
  readonly path?: string | undefined;
  /** Writes the first line (a provisional header that marks the tape incomplete until `finish`). */
  start(headerLine: string): void;
  /** Appends one event line; it must be durable when this returns. */
  append(line: string): void;
  /** Replaces the header with its final form and writes the redaction summary next to the tape. */
  finish(headerLine: string, summary: string): void;
}

/** A tape kept in memory (tests, HAR conversions, programmatic use). */
export class MemoryTapeSink implements TapeSink {
  readonly path = undefined;
  readonly lines: string[] = [];
  /** The redaction summary, once finished. */
  summary: string | undefined;

  start(headerLine: string): void {
    this.lines.length = 0;
    this.lines.push(headerLine);
  }

  append(line: string): void {
    this.lines.push(line);
  }

  finish(headerLine: string, summary: string): void {
    this.lines[0] = headerLine;
    this.summary = summary;
  }

  /** The tape as NDJSON text. */
  text(): string {
    return this.lines.map((l) => `${l}\n`).join('');
  }
}

/** The summary file written next to a tape: `x.tape.ndjson` → `x.redaction.json`. */
export function summaryPathFor(tapePath: string): string {
  return tapePath.endsWith('.tape.ndjson') ? `${tapePath.slice(0, -'.tape.ndjson'.length)}.redaction.json` : `${tapePath}.redaction.json`;
}

/**
 * A tape file appended line by line with synchronous writes, so a crash loses at most the event
 * in flight. The header written first says "recording in progress"; `finish` rewrites it through a
 * temporary file and an atomic rename.
 */
export class FileTapeSink implements TapeSink {
  readonly path: string;
  #fd: number | undefined;

  /** @throws {RecorderError} `IO` when the file exists or cannot be created. */
  constructor(path: string) {
    this.path = path;
  }

  start(headerLine: string): void {
    try {
      this.#fd = openSync(this.path, 'wx');
    } catch (cause) {
      throw new RecorderError('IO', `Cannot create the tape ${this.path}: ${(cause as Error).message}. Choose another --out.`, { cause });
    }
    writeSync(this.#fd, `${headerLine}\n`);
  }

  append(line: string): void {
    if (this.#fd === undefined) throw new RecorderError('STOPPED', `The tape ${this.path} is not open for writing.`);
    writeSync(this.#fd, `${line}\n`);
  }

  finish(headerLine: string, summary: string): void {
    if (this.#fd !== undefined) closeSync(this.#fd);
    this.#fd = undefined;
    const text = readFileSync(this.path, 'utf8');
    const rest = text.slice(text.indexOf('\n') + 1);
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, `${headerLine}\n${rest}`);
    renameSync(tmp, this.path);
    writeFileSync(summaryPathFor(this.path), `${summary}\n`);
  }
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Creates `dir` if needed and names a new tape file in it `<capture>-<UTC time>-<n>.tape.ndjson`. */
export function createTapeFile(dir: string, capture: string, date = new Date()): FileTapeSink {
  mkdirSync(dir, { recursive: true });
  const base = `${capture}-${stamp(date)}`;
  for (let n = 1; n < 1000; n++) {
    const path = join(dir, `${base}-${n}.tape.ndjson`);
    if (!existsSync(path)) return new FileTapeSink(path);
  }
  throw new RecorderError('IO', `Cannot find a free tape file name for ${base} in ${dir}; remove old tapes or choose another --out.`);
}
