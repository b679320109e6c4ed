import { DEFAULT_MAX_JSON_DEPTH, TAPE_FORMAT, TapeEventSchema, findTooDeep, TapeHeaderSchema, lookupFrameSchema, matchesExactly, type DriftDirection, type TapeEvent, type TapeHeader } from '@ccr-kit/protocol-types';
import { isRecord } from '../internal/json';
import { TapeFrameExtractor, type LocatedFrame } from './extract';

/** A line of a file that holds no readable frame, and why. */
export interface FileProblem {
  readonly line: number;
  readonly message: string;
}

/** What a tape or NDJSON file holds: its frames with their lines and directions, and unreadable lines. */
export interface FrameFile {
  readonly format: 'tape' | 'ndjson';
  readonly header?: TapeHeader | undefined;
  readonly frames: LocatedFrame[];
  readonly problems: FileProblem[];
}

/** How plain NDJSON frames are graded: one direction for all, or `auto` (from the file name, else each frame's kind). */
export type DirectionOption = DriftDirection | 'auto';

/** Options of {@link readFrameFile}. */
export interface ReadOptions {
  /** File name, used by `auto` to spot `*.stdin.*` / `*.stdout.*` recordings. */
  readonly name?: string | undefined;
  /** @default 'auto' */
  readonly direction?: DirectionOption | undefined;
}

const exactTapeEvent = (value: unknown): boolean => matchesExactly(TapeEventSchema, value);

function isTapeHeaderLine(value: unknown): boolean {
  return isRecord(value) && value.kind === 'header' && value.format === TAPE_FORMAT;
}

function firstLine(text: string): string {
  const start = text.search(/\S/);
  if (start < 0) return '';
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Whether a file's text is a ccr-tape (its first non-blank line is a tape header). */
export function isTapeText(text: string): boolean {
  const line = firstLine(text);
  if (!line.includes('"header"')) return false;
  try {
    return isTapeHeaderLine(JSON.parse(line));
  } catch {
    return false;
  }
}

function issueText(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `$${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`)
    .join('; ');
}

/** Calls `each` with every non-blank line and its 1-based number, without building an array of lines. */
function forEachLine(text: string, each: (line: string, number: number) => void): void {
  let start = 0;
  let number = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    number++;
    const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (stop > start) {
      const line = text.slice(start, stop);
      // Only lines that start with white space can be blank; skip the scan for the rest.
      const first = line.charCodeAt(0);
      if ((first !== 32 && first !== 9) || /\S/.test(line)) each(line, number);
    }
    start = end + 1;
  }
}

/** A line nested too deep for the recursive checks is a problem of that line, not a crash. */
function tooDeep(value: unknown, line: number, problems: FileProblem[]): boolean {
  const deep = findTooDeep(value);
  if (deep === undefined) return false;
  problems.push({ line, message: `nested deeper than ${DEFAULT_MAX_JSON_DEPTH} levels at ${deep}; the line was not checked` });
  return true;
}

function readTape(text: string): FrameFile {
  const frames: LocatedFrame[] = [];
  const problems: FileProblem[] = [];
  let header: TapeHeader | undefined;
  let extractor: TapeFrameExtractor | undefined;
  forEachLine(text, (line, number) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push({ line: number, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    if (tooDeep(value, number, problems)) return;
    if (extractor === undefined) {
      const parsed = TapeHeaderSchema.safeParse(value);
      if (parsed.success) header = value as TapeHeader;
      else problems.push({ line: number, message: `not a valid ccr-tape header: ${issueText(parsed.error)}` });
      const surface = isRecord(header?.meta) && header.meta.surface === 'worker' ? 'worker' : 'client';
      extractor = new TapeFrameExtractor(surface);
      return;
    }
    if (!exactTapeEvent(value)) {
      const parsed = TapeEventSchema.safeParse(value);
      if (!parsed.success) {
        problems.push({ line: number, message: `not a valid tape event: ${issueText(parsed.error)}` });
        return;
      }
    }
    for (const frame of extractor.framesOf(value as TapeEvent, number)) frames.push(frame);
  });
  return { format: 'tape', header, frames, problems };
}

function directionFromName(name: string | undefined): DriftDirection | undefined {
  if (name === undefined) return undefined;
  if (/(^|[./_-])stdin([./_-]|$)/.test(name)) return 'to-agent';
  if (/(^|[./_-])stdout([./_-]|$)/.test(name)) return 'to-client';
  return undefined;
}

function declaredDirection(value: unknown): DriftDirection {
  if (!isRecord(value)) return 'to-client';
  return lookupFrameSchema(value)?.direction === 'to-agent' ? 'to-agent' : 'to-client';
}

function readNdjson(text: string, options: ReadOptions): FrameFile {
  const frames: LocatedFrame[] = [];
  const problems: FileProblem[] = [];
  const option = options.direction ?? 'auto';
  const fixed = option === 'auto' ? directionFromName(options.name) : option;
  forEachLine(text, (line, number) => {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      problems.push({ line: number, message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    if (tooDeep(value, number, problems)) return;
    frames.push({ line: number, direction: fixed ?? declaredDirection(value), via: 'ndjson', value });
  });
  return { format: 'ndjson', frames, problems };
}

/**
 * Reads every frame of a file: a ccr-tape (directions from the tape) or plain NDJSON with one
 * frame per line (as `claude --output-format stream-json` prints). Never throws: unreadable lines
 * are listed in `problems` with their line numbers.
 */
export function readFrameFile(text: string, options: ReadOptions = {}): FrameFile {
  return isTapeText(text) ? readTape(text) : readNdjson(text, options);
}
