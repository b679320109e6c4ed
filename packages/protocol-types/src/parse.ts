import { DEFAULT_MAX_JSON_DEPTH, findTooDeep } from './json-depth';
import type { z } from 'zod';
import { ProtocolError, jsonPath, type ProtocolIssue } from './errors';
import { discriminatorsOf, isKnownFrameType, lookupFrameSchema, type Frame } from './frames';
import { exactCheckFor, exactImpliesValid, type ExactCheck } from './internal/exact';

/** Why a value did not come back as a known frame. */
export type UnknownFrameReason = 'not_object' | 'missing_type' | 'unknown_type' | 'unknown_subtype' | 'invalid';

/**
 * A frame that is not (or not yet) part of the known vocabulary. It is data, not an exception:
 * clients keep going and may show or log it. `raw` is the value exactly as received.
 */
export class UnknownFrame {
  readonly kind = 'unknown_frame' as const;
  constructor(
    readonly reason: UnknownFrameReason,
    readonly raw: unknown,
    readonly type: string | undefined,
    readonly subtype: string | undefined,
    readonly issues: readonly ProtocolIssue[],
  ) {}

  /** One line saying what was received and why it is unknown. */
  describe(): string {
    const name = this.subtype === undefined ? (this.type ?? '(no type)') : `${this.type}/${this.subtype}`;
    const detail = this.issues
      .slice(0, 3)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    return `${this.reason} frame ${name}${detail ? ` (${detail})` : ''}`;
  }
}

/** Whether `parseFrame` returned an unknown frame rather than a known one. */
export function isUnknownFrame(value: unknown): value is UnknownFrame {
  return value instanceof UnknownFrame;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Converts zod issues into protocol issues with JSON paths. */
export function toProtocolIssues(issues: readonly z.core.$ZodIssue[]): ProtocolIssue[] {
  return issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}

/** Per registry entry: its schema's exact check when that check alone proves validity, else null. */
const fastChecks = new WeakMap<object, ExactCheck | null>();

function fastCheckFor(entry: { readonly schema: z.ZodType }): ExactCheck | null {
  let check = fastChecks.get(entry);
  if (check === undefined) {
    check = exactImpliesValid(entry.schema) ? exactCheckFor(entry.schema) : null;
    fastChecks.set(entry, check);
  }
  return check;
}

/**
 * Parses one decoded JSON value as a frame. Never throws: a known frame comes back typed, as the
 * same object (unknown keys kept); anything else comes back as an {@link UnknownFrame}.
 */
export function parseFrame(value: unknown): Frame | UnknownFrame {
  if (!isRecord(value)) {
    return new UnknownFrame('not_object', value, undefined, undefined, [
      { path: '$', message: `expected a JSON object, received ${Array.isArray(value) ? 'array' : typeof value}` },
    ]);
  }
  const entry = lookupFrameSchema(value);
  // A frame that matches its schema exactly is valid without asking zod (nearly all traffic).
  if (entry !== undefined) {
    const fast = fastCheckFor(entry);
    try {
      if (fast !== null && fast(value)) return value as Frame;
    } catch (error) {
      // Too deep for the recursive check: zod below meets the same depth and says so.
      if (!(error instanceof RangeError)) throw error;
    }
  }
  const { type, subtype } = discriminatorsOf(value);
  if (entry === undefined) {
    if (type === undefined) {
      return new UnknownFrame('missing_type', value, undefined, undefined, [
        { path: '$.type', message: 'a frame needs a string "type"' },
      ]);
    }
    if (subtype === undefined && isKnownFrameType(type)) {
      const path = type === 'control_request' ? '$.request.subtype' : '$.subtype';
      return new UnknownFrame('invalid', value, type, undefined, [{ path, message: `a ${type} frame needs a string subtype` }]);
    }
    const reason = isKnownFrameType(type) ? 'unknown_subtype' : 'unknown_type';
    return new UnknownFrame(reason, value, type, subtype, []);
  }
  // The rest (unknown keys, bad values) is parsed by zod, which also says what is wrong.
  try {
    const result = entry.schema.safeParse(value);
    if (result.success) return value as Frame;
    return new UnknownFrame('invalid', value, type, subtype, toProtocolIssues(result.error.issues));
  } catch (error) {
    // Only a value nested too deep for the recursive checks gets here (a stack overflow).
    if (!(error instanceof RangeError)) throw error;
    const path = findTooDeep(value) ?? '$';
    return new UnknownFrame('invalid', value, type, subtype, [{ path, message: `nested deeper than ${DEFAULT_MAX_JSON_DEPTH} levels; a frame cannot be checked at this depth` }]);
  }
}

/**
 * Parses a frame and throws when it is not a known, valid frame.
 * @throws {ProtocolError} with the issues found.
 */
export function parseFrameStrict(value: unknown): Frame {
  const frame = parseFrame(value);
  if (isUnknownFrame(frame)) {
    throw new ProtocolError(`Received an ${frame.describe()}; it does not match the CCR vocabulary.`, frame.issues);
  }
  return frame;
}
