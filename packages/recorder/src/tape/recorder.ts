import {
  TAPE_FORMAT,
  TAPE_VERSION,
  realClock,
  serializeTapeEvent,
  serializeTapeHeader,
  type Clock,
  type JsonObject,
  type TapeCapture,
  type TapeEvent,
  type TapeHeader,
} from '@ccr-kit/protocol-types';
import { RecorderError, RedactionLeakError, type LeakLocation } from '../errors';
import { Redactor, type RedactionOptions, type RedactionReport } from '../redact/redactor';
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

  constructor(options: TapeRecorderOptions) {
    this.capture = options.capture;
    this.redactor = options.redaction instanceof Redactor ? options.redaction : new Redactor(options.redaction);
    this.#sink = options.sink;
    this.#clock = options.clock ?? realClock;
    this.#startedAt = options.startedAt ?? this.#clock.now();
    this.#meta = options.meta === undefined ? undefined : (this.redactor.json(options.meta) as JsonObject);
    this.#onStop = options.onStop;
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
   * Redacts, checks and appends one event. Returns false when the recording has stopped or this
   * event was refused by the leak scan (then {@link failure} says where).
   * @throws {ProtocolError} when the event does not match the tape schema (a capture bug).
   */
  record(input: TapeEventInput): boolean {
    if (!this.active) return false;
    const event = { ...input, t: input.t ?? this.now() };
    this.#offered++;
    const redacted = this.redactor.redact(event);
    const line = serializeTapeEvent(redacted);
    const leak = this.redactor.scan(redacted, line);
    if (leak !== undefined) {
      const id = 'id' in event ? event.id : undefined;
      this.#stop(new RedactionLeakError({ index: this.#offered, kind: event.kind, id, t: event.t, ...leak }, this.path ?? 'the tape'));
      return false;
    }
    this.#sink.append(line);
    this.#written++;
    this.#lastT = Math.max(this.#lastT, event.t);
    return true;
  }

  /**
   * Ends the tape: rewrites the header (complete, or incomplete with `incomplete` as the reason)
   * and writes the redaction summary. Calling it again returns the same summary.
   */
  finish(incomplete?: string): TapeSummary {
    if (this.#summary !== undefined) return this.#summary;
    const reason = incomplete === undefined ? undefined : { reason: this.redactor.text(incomplete), at: this.#lastT };
    return this.#finalize(reason);
  }

  #stop(error: RedactionLeakError): void {
    this.#failure = error;
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
