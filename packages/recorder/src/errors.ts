import type { TapeEventKind } from '@ccr-kit/protocol-types';

/** What went wrong in the recorder, for callers that branch on it. */
export type RecorderErrorCode =
  /** A command line or option was wrong. */
  | 'USAGE'
  /** A secret survived redaction; the event was not written (see {@link RedactionLeakError}). */
  | 'LEAK'
  /** The proxy could not reach its target. */
  | 'UPSTREAM'
  /** The Chrome DevTools Protocol endpoint failed or answered with an error. */
  | 'CDP'
  /** A HAR file could not be read. */
  | 'HAR'
  /** A tape file could not be created, written or read. */
  | 'IO'
  /** The recorder was used after it stopped. */
  | 'STOPPED';

/** A local recorder failure with a string code; the message says what, where and what to do. */
export class RecorderError extends Error {
  override readonly name: string = 'RecorderError';
  readonly code: RecorderErrorCode;

  constructor(code: RecorderErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Where a leak was found: which event (1-based among the events offered), which field, and what matched (never the value). */
export interface LeakLocation {
  readonly index: number;
  readonly kind: TapeEventKind;
  readonly id?: string | undefined;
  readonly t: number;
  /** The field path inside the event, e.g. `headers.cookie` or `text`. */
  readonly field: string;
  /** What was found, e.g. `the value of env ANTHROPIC_API_KEY` or `an Anthropic API key`. */
  readonly what: string;
}

/** A secret was still present after redaction: the event was not written and the recording stopped. */
export class RedactionLeakError extends RecorderError {
  override readonly name = 'RedactionLeakError';
  readonly location: LeakLocation;

  constructor(location: LeakLocation, tape: string) {
    const on = location.id !== undefined ? ` on ${location.id}` : '';
    super(
      'LEAK',
      `Recording stopped: event #${location.index} (${location.kind}${on} at ${location.t} ms) still contained ` +
        `${location.what} in \`${location.field}\` after redaction. The event was not written and ${tape} is ` +
        'marked incomplete. Add a redaction rule for that field (e.g. --redact-json, --redact-header) and record again.',
    );
    this.location = location;
  }
}
