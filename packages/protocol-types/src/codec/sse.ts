import { CodecError, excerptOf } from './codec-error';
import { readChunks, type ChunkSource, type StreamOptions } from './source';

/** A dispatched server-sent event. `id` and `retry` are present only when this event's block set them. */
export interface SseEvent {
  readonly kind: 'event';
  /** The `event:` field, `'message'` when the block had none. */
  readonly event: string;
  /** The `data:` lines of the block joined with `\n`. */
  readonly data: string;
  readonly id?: string;
  readonly retry?: number;
}

/** A comment line (`: text`); servers send them as keep-alives, so they prove the stream is alive. */
export interface SseComment {
  readonly kind: 'comment';
  /** The text after the colon, one leading space removed. */
  readonly comment: string;
}

/** An event that could not be delivered (too large, or cut off by the end of the stream). */
export interface SseError {
  readonly kind: 'error';
  readonly error: CodecError;
  readonly line: number;
}

/** What {@link SseDecoder} returns, in stream order. */
export type SseItem = SseEvent | SseComment | SseError;

/** Options of {@link SseDecoder}. */
export interface SseDecoderOptions {
  /**
   * Largest event accepted, in UTF-16 code units of its data as dispatched (the line breaks between
   * `data:` lines count) and of any single line. A larger
   * event is reported as `EVENT_TOO_LARGE` and dropped up to the blank line that ends it.
   * @default 16 Mi
   */
  maxEventChars?: number | undefined;
}

/** Default of {@link SseDecoderOptions.maxEventChars}. */
export const DEFAULT_MAX_EVENT_CHARS = 16 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;
const SPACE = 0x20;
const BOM = 0xfeff;
const LINE_BREAK = /[\r\n]/g;
const DIGITS = /^\d+$/;

function afterColon(line: string, colon: number): string {
  return line.charCodeAt(colon + 1) === SPACE ? line.slice(colon + 2) : line.slice(colon + 1);
}

/**
 * Incremental `text/event-stream` decoder following the WHATWG parsing rules: CR, LF and CRLF
 * line endings (also split across chunks), a leading BOM, multi-line `data`, `id` without NUL,
 * digits-only `retry`, comments and fields without a colon. `push` and `end` never throw.
 */
export class SseDecoder {
  /** The limit in use, see {@link SseDecoderOptions.maxEventChars}. */
  readonly maxEventChars: number;
  readonly #utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  #lastEventId = '';
  #retry: number | undefined;
  // Per stream.
  #bytesPending = false;
  #started = false;
  #skipLF = false;
  #line = 0;
  #pending = '';
  /** Inside an oversized event: drop lines up to the next blank line. */
  #discarding = false;
  /** Content of the current line was dropped while discarding. */
  #droppedPartial = false;
  // Per event.
  /** Line of the event's first field line; 0 before it has one. */
  #blockStart = 0;
  #data: string[] = [];
  #dataChars = 0;
  #eventType = '';
  #blockId: string | undefined;
  #blockRetry: number | undefined;

  /** @throws {RangeError} when `maxEventChars` is not a positive integer. */
  constructor(options: SseDecoderOptions = {}) {
    this.maxEventChars = options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
    if (!Number.isSafeInteger(this.maxEventChars) || this.maxEventChars <= 0) {
      throw new RangeError(`maxEventChars must be a positive integer, got ${this.maxEventChars}.`);
    }
  }

  /** The last event ID seen (`''` until one is set); it persists across events and across `end()`, as for reconnects. */
  get lastEventId(): string {
    return this.#lastEventId;
  }

  /** The last valid `retry:` value (reconnection time in ms), even from a block that dispatched no event. */
  get retry(): number | undefined {
    return this.#retry;
  }

  /** Decodes one chunk and returns every event, comment and error it completes. */
  push(chunk: Uint8Array | string): SseItem[] {
    const out: SseItem[] = [];
    if (typeof chunk === 'string') {
      if (this.#bytesPending) this.#feed(this.#utf8.decode(), out);
      this.#bytesPending = false;
      this.#feed(chunk, out);
    } else {
      this.#bytesPending = true;
      this.#feed(this.#utf8.decode(chunk, { stream: true }), out);
    }
    return out;
  }

  /**
   * Ends the stream: an unfinished event is not dispatched (WHATWG) and is reported as
   * `TRUNCATED`. The decoder is then ready for the next connection; `lastEventId` and `retry` stay.
   */
  end(): SseItem[] {
    const out: SseItem[] = [];
    if (this.#bytesPending) this.#feed(this.#utf8.decode(), out);
    const partial = this.#pending.length > 0 && this.#pending.charCodeAt(0) !== COLON;
    if (!this.#discarding && (partial || this.#data.length > 0)) {
      const line = this.#startLine();
      const head = this.#data.length > 0 ? `data ${excerptOf(this.#data[0] as string)}` : excerptOf(this.#pending);
      const message =
        `The stream ended inside the SSE event starting at line ${line} (${head}), before the blank line ` +
        'that dispatches it; the event was dropped. Reconnect with Last-Event-ID to get it again.';
      out.push({ kind: 'error', error: new CodecError('TRUNCATED', line, message), line });
    }
    this.#bytesPending = false;
    this.#started = false;
    this.#skipLF = false;
    this.#line = 0;
    this.#pending = '';
    this.#discarding = false;
    this.#droppedPartial = false;
    this.#resetEvent();
    return out;
  }

  #feed(text: string, out: SseItem[]): void {
    if (text.length === 0) return;
    let i = 0;
    if (!this.#started) {
      this.#started = true;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    if (this.#skipLF) {
      this.#skipLF = false;
      if (text.charCodeAt(i) === LF) i++;
    }
    LINE_BREAK.lastIndex = i;
    for (let m = LINE_BREAK.exec(text); m !== null; m = LINE_BREAK.exec(text)) {
      const end = m.index;
      let next = end + 1;
      if (text.charCodeAt(end) === CR) {
        if (next === text.length) this.#skipLF = true;
        else if (text.charCodeAt(next) === LF) next++;
      }
      this.#endLine(text.slice(i, end), out);
      i = next;
      LINE_BREAK.lastIndex = next;
    }
    if (i < text.length) this.#partial(text.slice(i), out);
  }

  #partial(segment: string, out: SseItem[]): void {
    if (this.#discarding) {
      this.#droppedPartial = true;
    } else if (this.#pending.length + segment.length > this.maxEventChars) {
      this.#tooLarge(this.#pending.length > 0 ? this.#pending : segment, out);
      this.#droppedPartial = true;
    } else {
      this.#pending += segment;
    }
  }

  #endLine(segment: string, out: SseItem[]): void {
    this.#line++;
    if (this.#discarding) {
      const blank = !this.#droppedPartial && segment.length === 0;
      this.#droppedPartial = false;
      if (blank) {
        this.#discarding = false;
        this.#resetEvent();
      }
      return;
    }
    const line = this.#pending.length > 0 ? this.#pending + segment : segment;
    this.#pending = '';
    this.#processLine(line, out);
  }

  #processLine(line: string, out: SseItem[]): void {
    if (line.length === 0) return this.#dispatch(out);
    if (line.charCodeAt(0) === COLON) {
      out.push({ kind: 'comment', comment: afterColon(line, 0) });
      return;
    }
    if (this.#blockStart === 0) this.#blockStart = this.#line;
    if (line.length > this.maxEventChars) return this.#tooLarge(line, out);
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : afterColon(line, colon);
    switch (field) {
      case 'data':
        // The whole event counts: every data line adds its text and the line break that joins it.
        if (this.#dataChars + value.length + (this.#data.length > 0 ? 1 : 0) > this.maxEventChars) return this.#tooLarge(this.#data[0] ?? value, out);
        this.#dataChars += value.length + (this.#data.length > 0 ? 1 : 0);
        this.#data.push(value);
        return;
      case 'event':
        this.#eventType = value;
        return;
      case 'id':
        if (!value.includes('\0')) this.#lastEventId = this.#blockId = value;
        return;
      case 'retry':
        if (DIGITS.test(value) && Number.isSafeInteger(Number(value))) this.#retry = this.#blockRetry = Number(value);
        return;
      default:
        return;
    }
  }

  #dispatch(out: SseItem[]): void {
    if (this.#data.length > 0) {
      const event: { -readonly [K in keyof SseEvent]: SseEvent[K] } = {
        kind: 'event',
        event: this.#eventType === '' ? 'message' : this.#eventType,
        data: this.#data.join('\n'),
      };
      if (this.#blockId !== undefined) event.id = this.#blockId;
      if (this.#blockRetry !== undefined) event.retry = this.#blockRetry;
      out.push(event);
    }
    this.#resetEvent();
  }

  /** Where the current event starts: its first field line, else the line being read. */
  #startLine(): number {
    return this.#blockStart === 0 ? this.#line + 1 : this.#blockStart;
  }

  #tooLarge(head: string, out: SseItem[]): void {
    const line = this.#startLine();
    const message =
      `The SSE event starting at line ${line} is larger than maxEventChars (${this.maxEventChars}) and was dropped, ` +
      `starting ${excerptOf(head)}; raise maxEventChars if such events are expected.`;
    out.push({ kind: 'error', error: new CodecError('EVENT_TOO_LARGE', line, message), line });
    this.#pending = '';
    this.#discarding = true;
    this.#data = [];
    this.#dataChars = 0;
  }

  #resetEvent(): void {
    this.#blockStart = 0;
    this.#data = [];
    this.#dataChars = 0;
    this.#eventType = '';
    this.#blockId = undefined;
    this.#blockRetry = undefined;
  }
}

/**
 * Decodes a `text/event-stream` body item by item (see {@link SseDecoder}).
 * @throws the signal's reason when it aborts, and whatever the source throws; never for bad events.
 */
export async function* decodeSseStream(
  source: ChunkSource,
  options: SseDecoderOptions & StreamOptions = {},
): AsyncGenerator<SseItem, void, undefined> {
  const decoder = new SseDecoder(options);
  for await (const chunk of readChunks(source, options)) for (const item of decoder.push(chunk)) yield item;
  for (const item of decoder.end()) yield item;
}
