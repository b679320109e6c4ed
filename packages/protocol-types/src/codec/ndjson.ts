import { CodecError, excerptOf } from './codec-error';
import { readChunks, type ChunkSource, type StreamOptions } from './source';

/** One line of an NDJSON stream: its JSON value, or why it could not be read. `line` is 1-based. */
export type NdjsonItem =
  | { readonly ok: true; readonly value: unknown; readonly line: number }
  | { readonly ok: false; readonly error: CodecError; readonly line: number };

/** Options of {@link NdjsonDecoder}. */
export interface NdjsonDecoderOptions {
  /**
   * Longest line accepted, in bytes between two LFs (a CR before the LF counts). A longer line is
   * reported as `LINE_TOO_LONG` and skipped without being buffered.
   * @default 16 MiB
   */
  maxLineBytes?: number | undefined;
}

/** Default of {@link NdjsonDecoderOptions.maxLineBytes}: 16 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;
const BLANK = /^[ \t\r]*$/;
/** A UTF-8 character takes at most 3 bytes per UTF-16 code unit. */
const MAX_BYTES_PER_CODE_UNIT = 3;

function concatBytes(parts: readonly Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Whether bytes are valid UTF-8 except for an incomplete character at the very end. */
function endsInsideCharacter(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Incremental NDJSON decoder: push byte or text chunks as they arrive, get back every complete
 * line. Lines may be split anywhere across chunks (inside a UTF-8 character too); CRLF endings
 * and blank lines are accepted. Bad lines come back as `{ ok: false }` items and decoding goes on
 * with the next line; `push` and `end` never throw.
 */
export class NdjsonDecoder {
  /** The limit in use, see {@link NdjsonDecoderOptions.maxLineBytes}. */
  readonly maxLineBytes: number;
  readonly #utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  readonly #loose = new TextDecoder('utf-8', { ignoreBOM: true });
  readonly #encoder = new TextEncoder();
  /** Copies of the bytes of the unfinished line, joined once when its LF arrives. */
  #carry: Uint8Array[] = [];
  #carryBytes = 0;
  /** Inside a line that was too long: drop bytes up to the next LF. */
  #discarding = false;
  /** Lines completed so far; the line being read is `#line + 1`. */
  #line = 0;

  /** @throws {RangeError} when `maxLineBytes` is not a positive integer. */
  constructor(options: NdjsonDecoderOptions = {}) {
    this.maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!Number.isSafeInteger(this.maxLineBytes) || this.maxLineBytes <= 0) {
      throw new RangeError(`maxLineBytes must be a positive integer, got ${this.maxLineBytes}.`);
    }
  }

  /** Decodes one chunk and returns the items of every line it completes. */
  push(chunk: Uint8Array | string): NdjsonItem[] {
    const out: NdjsonItem[] = [];
    if (typeof chunk === 'string') this.#pushText(chunk, out);
    else this.#pushBytes(chunk, out);
    return out;
  }

  /**
   * Ends the stream: a last line without a newline is decoded when it is complete JSON, and
   * reported as `TRUNCATED` otherwise. The decoder is then ready for a new stream.
   */
  end(): NdjsonItem[] {
    const out: NdjsonItem[] = [];
    if (!this.#discarding && this.#carryBytes > 0) {
      this.#decodeLine(concatBytes(this.#carry, this.#carryBytes), this.#line + 1, out, true);
    }
    this.#carry = [];
    this.#carryBytes = 0;
    this.#discarding = false;
    this.#line = 0;
    return out;
  }

  #pushBytes(bytes: Uint8Array, out: NdjsonItem[]): void {
    let start = 0;
    if (this.#carryBytes > 0 || this.#discarding) {
      const first = bytes.indexOf(LF);
      if (first === -1) return this.#keep(bytes, 0, out);
      this.#completeLine(bytes, 0, first, out);
      start = first + 1;
    }
    const last = bytes.lastIndexOf(LF);
    if (last >= start) {
      this.#decodeRun(bytes.subarray(start, last + 1), out);
      start = last + 1;
    }
    this.#keep(bytes, start, out);
  }

  /** Whole lines, each ending with LF, each decoded exactly once. */
  #decodeRun(run: Uint8Array, out: NdjsonItem[]): void {
    if (run.length <= this.maxLineBytes || this.#linesFit(run)) {
      // One decode call for the run is much cheaper than one per line, and `stream` selects the
      // fastest decoder in Node; the run ends with LF, so no partial character stays pending.
      // A U+FFFD in the text means invalid UTF-8 (or a real U+FFFD): then go line by line.
      const text = this.#loose.decode(run, { stream: true });
      if (!text.includes('\uFFFD')) return this.#textLines(text, 0, text.length - 1, out, false);
    }
    let start = 0;
    for (let nl = run.indexOf(LF); nl !== -1; nl = run.indexOf(LF, start)) {
      this.#completeLine(run, start, nl, out);
      start = nl + 1;
    }
  }

  /** Whether every LF-terminated line of a run is within `maxLineBytes`. */
  #linesFit(run: Uint8Array): boolean {
    let start = 0;
    for (let nl = run.indexOf(LF); nl !== -1; nl = run.indexOf(LF, start)) {
      if (nl - start > this.maxLineBytes) return false;
      start = nl + 1;
    }
    return true;
  }

  /** Ends the line `bytes[start, end)`, prefixed by the carried bytes. */
  #completeLine(bytes: Uint8Array, start: number, end: number, out: NdjsonItem[]): void {
    const line = ++this.#line;
    if (this.#discarding) {
      this.#discarding = false;
    } else if (this.#carryBytes + end - start > this.maxLineBytes) {
      this.#tooLong(line, this.#carryBytes > 0 ? (this.#carry[0] as Uint8Array) : bytes.subarray(start, end), out);
      this.#carry = [];
      this.#carryBytes = 0;
    } else if (this.#carryBytes > 0) {
      this.#carry.push(bytes.subarray(start, end));
      const joined = concatBytes(this.#carry, this.#carryBytes + end - start);
      this.#carry = [];
      this.#carryBytes = 0;
      this.#decodeLine(joined, line, out, false);
    } else {
      this.#decodeLine(bytes.subarray(start, end), line, out, false);
    }
  }

  /** Carries the bytes of an unfinished line, or drops them when the line is already too long. */
  #keep(bytes: Uint8Array, start: number, out: NdjsonItem[]): void {
    const rest = bytes.length - start;
    if (rest === 0 || this.#discarding) return;
    if (this.#carryBytes + rest > this.maxLineBytes) {
      this.#tooLong(this.#line + 1, this.#carryBytes > 0 ? (this.#carry[0] as Uint8Array) : bytes.subarray(start), out);
      this.#carry = [];
      this.#carryBytes = 0;
      this.#discarding = true;
      return;
    }
    // A copy: the caller may reuse its buffer for the next chunk.
    this.#carry.push(bytes.slice(start));
    this.#carryBytes += rest;
  }

  #pushText(text: string, out: NdjsonItem[]): void {
    let start = 0;
    if (this.#carryBytes > 0) {
      // The unfinished line is held as bytes: finish it on the byte path.
      const nl = text.indexOf('\n');
      if (nl === -1) return this.#pushBytes(this.#encoder.encode(text), out);
      this.#pushBytes(this.#encoder.encode(text.slice(0, nl + 1)), out);
      start = nl + 1;
    }
    const last = text.lastIndexOf('\n');
    if (last >= start) {
      this.#textLines(text, start, last, out, true);
      start = last + 1;
    }
    if (start < text.length && !this.#discarding) this.#pushBytes(this.#encoder.encode(text.slice(start)), out);
  }

  /** Lines of `text[start, end)` separated by LF; `end` is the end of the last one. */
  #textLines(text: string, start: number, end: number, out: NdjsonItem[], checkLength: boolean): void {
    for (;;) {
      let nl = text.indexOf('\n', start);
      if (nl === -1 || nl > end) nl = end;
      const line = ++this.#line;
      if (this.#discarding) {
        this.#discarding = false;
      } else if (
        checkLength &&
        nl - start > this.maxLineBytes / MAX_BYTES_PER_CODE_UNIT &&
        this.#encoder.encode(text.slice(start, nl)).length > this.maxLineBytes
      ) {
        this.#tooLong(line, text.slice(start, nl), out);
      } else {
        const stop = nl > start && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
        if (stop > start) this.#parse(text.slice(start, stop), line, out, false);
      }
      if (nl === end) return;
      start = nl + 1;
    }
  }

  #tooLong(line: number, head: Uint8Array | string, out: NdjsonItem[]): void {
    const message =
      `NDJSON line ${line} is longer than maxLineBytes (${this.maxLineBytes} bytes) and was skipped, ` +
      `starting ${excerptOf(head)}; raise maxLineBytes if such lines are expected.`;
    out.push({ ok: false, error: new CodecError('LINE_TOO_LONG', line, message), line });
  }

  #decodeLine(bytes: Uint8Array, line: number, out: NdjsonItem[], final: boolean): void {
    const end = bytes.length > 0 && bytes[bytes.length - 1] === CR ? bytes.length - 1 : bytes.length;
    if (end === 0) return;
    let text: string;
    try {
      text = this.#utf8.decode(end === bytes.length ? bytes : bytes.subarray(0, end));
    } catch (cause) {
      const cut = final && endsInsideCharacter(bytes.subarray(0, end));
      const message = cut
        ? `NDJSON line ${line} ends the stream inside a UTF-8 character, without a newline, ` +
          `starting ${excerptOf(bytes)}; the stream was probably cut off.`
        : `NDJSON line ${line} is not valid UTF-8, starting ${excerptOf(bytes)}; the peer must send UTF-8 text.`;
      const error = new CodecError(cut ? 'TRUNCATED' : 'INVALID_UTF8', line, message, { cause });
      out.push({ ok: false, error, line });
      return;
    }
    this.#parse(text, line, out, final);
  }

  #parse(text: string, line: number, out: NdjsonItem[], final: boolean): void {
    const body = line === 1 && text.charCodeAt(0) === BOM ? text.slice(1) : text;
    try {
      out.push({ ok: true, value: JSON.parse(body), line });
    } catch (cause) {
      if (BLANK.test(body)) return;
      const reason = cause instanceof Error ? cause.message : String(cause);
      const message = final
        ? `NDJSON line ${line} ends the stream without a newline and is not complete JSON (${reason}), ` +
          `starting ${excerptOf(body)}; the stream was probably cut off.`
        : `NDJSON line ${line} is not valid JSON (${reason}), starting ${excerptOf(body)}; ` +
          'each line must hold exactly one JSON value.';
      out.push({ ok: false, error: new CodecError(final ? 'TRUNCATED' : 'INVALID_JSON', line, message, { cause }), line });
    }
  }
}

/**
 * Encodes one value as an NDJSON line (JSON text plus `\n`).
 * @throws {TypeError} when the value has no JSON form (undefined, a function, a BigInt, a cycle).
 */
export function encodeNdjson(value: unknown): string {
  const text = JSON.stringify(value) as string | undefined;
  if (text === undefined) throw new TypeError(`Cannot encode ${typeof value} as an NDJSON line: it has no JSON form.`);
  return `${text}\n`;
}

/**
 * Decodes an NDJSON byte or text stream item by item (see {@link NdjsonDecoder}).
 * @throws the signal's reason when it aborts, and whatever the source throws; never for bad lines.
 */
export async function* decodeNdjsonStream(
  source: ChunkSource,
  options: NdjsonDecoderOptions & StreamOptions = {},
): AsyncGenerator<NdjsonItem, void, undefined> {
  const decoder = new NdjsonDecoder(options);
  for await (const chunk of readChunks(source, options)) for (const item of decoder.push(chunk)) yield item;
  for (const item of decoder.end()) yield item;
}
