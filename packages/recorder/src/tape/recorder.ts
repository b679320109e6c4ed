import {
  TAPE_FORMAT,
  TAPE_VERSION,
  realClock,
  serializeTapeEvent,
  serializeTapeHeader,
  type Clock,
  type TimerHandle,
  type JsonObject,
  type TapeCapture,
  type TapeEvent,
  type TapeHeader,
} from '@ccr-kit/protocol-types';
import { RecorderError, RedactionLeakError, type LeakLocation } from '../errors';
import { Redactor, type RedactionOptions, type RedactionReport } from '../redact/redactor';
import { StreamWindows, applyCuts, logicalPieceOf, type LogicalPiece, type StreamPiece } from '../redact/stream';
import { RECORDER_TOOL } from '../version';
import { summaryPathFor, type TapeSink } from './sink';

/** A tape event before the recorder stamps it: `t` is optional (default: now). */
export type TapeEventInput = {
  [K in TapeEvent['kind']]: Omit<Extract<TapeEvent, { kind: K }>, 't'> & { t?: number | undefined };
}[TapeEvent['kind']];

/** Options of {@link TapeRecorder}. */
export interface TapeRecorderOptions {
  /** Where the tape was captured. */
  capture: TapeCapture;
  /** Where lines go. */
  sink: TapeSink;
  /** Redaction rules and secrets, or a prepared {@link Redactor}. @default the default rules and process.env */
  redaction?: RedactionOptions | Redactor | undefined;
  /** Time source for `t`. @default realClock */
  clock?: Clock | undefined;
  /** Epoch milliseconds the tape starts at (e.g. a HAR's first request). @default clock.now() */
  startedAt?: number | undefined;
  /** Free-form metadata for the header (target URL, command line…); it is redacted too. */
  meta?: JsonObject | undefined;
  /** Called once when a leak stops the recording. */
  onStop?: ((error: RedactionLeakError) => void) | undefined;
  /**
   * Most events held back in memory: a stream piece whose text ends inside a token (a streamed
   * `text_delta`, a WebSocket message that cuts a line) waits, with everything after it, until the
   * token ends, so a secret split across pieces is cut out of every piece. Events are written at once
   * otherwise. 0 writes every event at once.
   * @default 64
   */
  holdBack?: number | undefined;
  /** Longest time an event is held back, in ms (on the recorder's clock); 0 waits for more events or `finish`. @default 1000 */
  holdMs?: number | undefined;
  /**
   * What a leak does: `stop` ends the recording (live captures), `skip` leaves out that event and
   * every later event of the same exchange (`id`), reports it in `skipped`, and goes on (imports of
   * finished traffic, where one bad entry should not cost the rest). Either way the tape is marked
   * incomplete. @default 'stop'
   */
  onLeak?: 'stop' | 'skip' | undefined;
}

/** Events held back at most, by default (see {@link TapeRecorderOptions.holdBack}). */
export const DEFAULT_HOLD_BACK = 64;
/** Longest hold, by default, in ms (see {@link TapeRecorderOptions.holdMs}). */
export const DEFAULT_HOLD_MS = 1000;

/** How much of the last written piece of each stream the joined scan keeps. */
const JOINED_TAIL = 512;

interface Held {
  readonly event: TapeEvent;
  readonly index: number;
  readonly logical: LogicalPiece | undefined;
  piece: StreamPiece | undefined;
}

/** What a finished recording produced. */
export interface TapeSummary {
  /** The tape file, when the sink is a file. */
  readonly path: string | undefined;
  /** The redaction summary file next to the tape, when the sink is a file. */
  readonly summaryPath: string | undefined;
  readonly header: TapeHeader;
  /** Events written. */
  readonly events: number;
  /** False when the recording stopped early (a leak, or `finish` was given a reason). */
  readonly complete: boolean;
  readonly failure: { readonly message: string; readonly location: LeakLocation } | undefined;
  /** Events left out because they could not be redacted (`onLeak: 'skip'`), each with where and why (never the value). */
  readonly skipped: readonly LeakLocation[];
  readonly redaction: RedactionReport;
}

const IN_PROGRESS = 'recording in progress: the recorder has not finished this tape (it was interrupted or crashed)';

/**
 * Writes one tape: every event is stamped, redacted, serialized and scanned for secrets before it
 * is appended. If the scan finds one, that event is not written, recording stops, the header is
 * rewritten to mark the tape incomplete, and `onStop` gets a {@link RedactionLeakError}.
 */
export class TapeRecorder {
  readonly redactor: Redactor;
  readonly capture: TapeCapture;
  readonly #sink: TapeSink;
  readonly #clock: Clock;
  readonly #startedAt: number;
  readonly #meta: JsonObject | undefined;
  readonly #onStop: ((error: RedactionLeakError) => void) | undefined;
  #offered = 0;
  #written = 0;
  #lastT = 0;
  #failure: RedactionLeakError | undefined;
  #summary: TapeSummary | undefined;
  readonly #holdBack: number;
  readonly #held: Held[] = [];
  readonly #windows: StreamWindows;
  readonly #writtenTails = new Map<string, string>();
  readonly #holdMs: number;
  #timer: TimerHandle | undefined;
  readonly #onLeak: 'stop' | 'skip';
  readonly #skipped: LeakLocation[] = [];
  /** Exchanges (`id`s) with a left-out event: their later events are left out too. */
  readonly #skippedIds = new Set<string>();

  constructor(options: TapeRecorderOptions) {
    this.capture = options.capture;
    this.redactor = options.redaction instanceof Redactor ? options.redaction : new Redactor(options.redaction);
    this.#sink = options.sink;
    this.#clock = options.clock ?? realClock;
    this.#startedAt = options.startedAt ?? this.#clock.now();
    this.#meta = options.meta === undefined ? undefined : (this.redactor.json(options.meta) as JsonObject);
    this.#onStop = options.onStop;
    this.#holdBack = Math.max(0, options.holdBack ?? DEFAULT_HOLD_BACK);
    this.#holdMs = Math.max(0, options.holdMs ?? DEFAULT_HOLD_MS);
    this.#onLeak = options.onLeak ?? 'stop';
    this.#windows = new StreamWindows(
      (text) => this.redactor.secretRanges(text),
      (text) => this.redactor.openTail(text),
    );
    const first = serializeTapeHeader(this.#header({ reason: IN_PROGRESS, at: 0 }));
    const leak = this.redactor.scanText(first);
    if (leak !== undefined) {
      throw new RecorderError('LEAK', `The tape header's metadata still contains ${leak.what} after redaction; nothing was written. Remove it from meta.`);
    }
    this.#sink.start(first);
  }

  /** The tape file path, when writing to a file. */
  get path(): string | undefined {
    return this.#sink.path;
  }

  /** Whether events are still being written. */
  get active(): boolean {
    return this.#failure === undefined && this.#summary === undefined;
  }

  /** The leak that stopped the recording, if one did. */
  get failure(): RedactionLeakError | undefined {
    return this.#failure;
  }

  /** Events written so far. */
  get eventCount(): number {
    return this.#written;
  }

  /** Milliseconds since the tape started (the `t` of an event recorded now). */
  now(): number {
    return Math.max(0, this.#clock.now() - this.#startedAt);
  }

  /**
   * Takes one event. It is held back in memory for a while (see {@link TapeRecorderOptions.holdBack})
   * so that a secret split across pieces of a stream, or a value learned from a later event, is still
   * redacted in it; then it is redacted, serialized, scanned and appended. Returns false when the
   * recording has stopped (then {@link failure} says where), true otherwise.
   * @throws {ProtocolError} when the event does not match the tape schema (a capture bug).
   */
  record(input: TapeEventInput): boolean {
    if (!this.active) return false;
    const event = { ...input, t: input.t ?? this.now() };
    this.#offered++;
    const index = this.#offered;
    const logical = logicalPieceOf(event);
    const held: Held = { event, index, logical, piece: undefined };
    if (logical !== undefined) {
      const { piece, leakedIntoWritten } = this.#windows.push(logical.key, logical.text, logical.lineBreaksEnd === true);
      held.piece = piece;
      if (leakedIntoWritten) {
        this.#stop(this.#leak(held, { field: `${logical.key} (joined to earlier pieces)`, what: 'a secret split across pieces, part of which was already written' }));
        return false;
      }
    }
    if (event.kind === 'ws.close') {
      this.#windows.end(`ws:${event.id}`);
    }
    // Events are held back: let this one teach its values (an Authorization header, a token field)
    // now, so the held events before it are redacted with them when they are written.
    if (this.#held.length > 0) this.redactor.redact(event);
    this.#held.push(held);
    this.#release();
    return this.active;
  }

  /**
   * Writes held events from the oldest on while they are settled (no secret can still run through
   * their end); more than `holdBack` held events are written regardless; the rest wait for the next
   * event, `holdMs`, `flush` or `finish`.
   */
  #release(): void {
    while (this.active && this.#held.length > 0) {
      const front = this.#held[0] as Held;
      const settled = front.piece === undefined || front.logical === undefined || this.#windows.settled(front.logical.key, front.piece);
      if (!settled && this.#held.length <= this.#holdBack) break;
      this.#writeOldest();
    }
    if (!this.active || this.#held.length === 0) {
      if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
      this.#timer = undefined;
    } else if (this.#timer === undefined && this.#holdMs > 0) {
      // Armed once when events start to wait, not per event: steady traffic cannot postpone it.
      this.#timer = this.#clock.setTimeout(() => {
        this.#timer = undefined;
        this.flush();
      }, this.#holdMs);
    }
  }

  /** Writes every held event now (e.g. before reading the tape while recording goes on). */
  flush(): boolean {
    while (this.#held.length > 0 && this.active) this.#writeOldest();
    return this.active;
  }

  #writeOldest(): void {
    const held = this.#held.shift() as Held;
    let event = held.event;
    if (held.piece !== undefined && held.logical !== undefined) {
      held.piece.held = false;
      if (held.piece.cuts.length > 0) event = held.logical.rebuild(applyCuts(held.logical.text, held.piece.cuts, (fragment) => this.redactor.piece(fragment)));
    }
    const redacted = this.redactor.redact(event);
    const line = serializeTapeEvent(redacted);
    const id = 'id' in event ? event.id : undefined;
    if (id !== undefined && this.#skippedIds.has(id)) return;
    const leak = this.redactor.scan(redacted, line) ?? this.#joinedLeak(redacted);
    if (leak !== undefined) {
      const error = this.#leak(held, leak);
      if (this.#onLeak === 'stop') {
        this.#stop(error);
        return;
      }
      this.#skipped.push(error.location);
      if (id !== undefined) this.#skippedIds.add(id);
      return;
    }
    this.#sink.append(line);
    this.#written++;
    this.#lastT = Math.max(this.#lastT, event.t);
  }

  /** The fail-closed scan over consecutive written pieces of one stream, joined. */
  #joinedLeak(redacted: TapeEvent): { field: string; what: string } | undefined {
    const logical = logicalPieceOf(redacted);
    if (logical === undefined) return undefined;
    const tail = this.#writtenTails.get(logical.key) ?? '';
    const joined = tail + logical.text;
    const spanning = this.redactor.secretRanges(joined).some(([start, end]) => start < tail.length && end > tail.length);
    if (spanning) return { field: `${logical.key} (joined to the piece before)`, what: 'a secret split across pieces' };
    this.#writtenTails.set(logical.key, joined.slice(-JOINED_TAIL));
    return undefined;
  }

  #leak(held: Held, found: { field: string; what: string }): RedactionLeakError {
    const event = held.event;
    const id = 'id' in event ? event.id : undefined;
    return new RedactionLeakError({ index: held.index, kind: event.kind, id, t: event.t, ...found }, this.path ?? 'the tape');
  }

  /**
   * Ends the tape: rewrites the header (complete, or incomplete with `incomplete` as the reason)
   * and writes the redaction summary. Calling it again returns the same summary.
   */
  finish(incomplete?: string): TapeSummary {
    if (this.#summary !== undefined) return this.#summary;
    this.flush();
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#summary !== undefined) return this.#summary;
    let why = incomplete;
    if (why === undefined && this.#skipped.length > 0) {
      const list = this.#skipped.map((l) => `event #${l.index} (${l.kind}${l.id !== undefined ? ` ${l.id}` : ''}): ${l.what} in ${l.field}`).join('; ');
      why = `${this.#skipped.length} event(s) could not be redacted and were left out with the rest of their exchange: ${list}`;
    }
    const reason = why === undefined ? undefined : { reason: this.redactor.text(why), at: this.#lastT };
    return this.#finalize(reason);
  }

  #stop(error: RedactionLeakError): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#failure = error;
    // Held events are dropped, never written after a leak.
    this.#held.length = 0;
    this.#finalize({ reason: error.message, at: this.#lastT });
    this.#onStop?.(error);
  }

  #finalize(incomplete: TapeHeader['incomplete']): TapeSummary {
    const header = this.#header(incomplete);
    const redaction = this.redactor.report();
    const failure = this.#failure === undefined ? undefined : { message: this.#failure.message, location: this.#failure.location };
    const path = this.#sink.path;
    const summary: TapeSummary = {
      path,
      summaryPath: path === undefined ? undefined : summaryPathFor(path),
      header,
      events: this.#written,
      complete: incomplete === undefined,
      failure,
      skipped: [...this.#skipped],
      redaction,
    };
    const file = { tape: path, complete: summary.complete, events: this.#written, incomplete, failure, ...redaction };
    this.#sink.finish(serializeTapeHeader(header), JSON.stringify(file, null, 2));
    this.#summary = summary;
    return summary;
  }

  #header(incomplete: TapeHeader['incomplete']): TapeHeader {
    const report = this.redactor.report();
    const header: TapeHeader = {
      kind: 'header',
      format: TAPE_FORMAT,
      version: TAPE_VERSION,
      capture: this.capture,
      tool: { ...RECORDER_TOOL },
      started_at: new Date(this.#startedAt).toISOString(),
      redaction: { rules: report.rules, counts: report.counts, complete: this.#failure === undefined },
    };
    if (incomplete !== undefined) header.incomplete = incomplete;
    if (this.#meta !== undefined) header.meta = this.#meta;
    return header;
  }
}
