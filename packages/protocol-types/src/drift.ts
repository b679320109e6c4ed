import type { z } from 'zod';
import type { FrameDirection } from './schemas/common';
import { discriminatorsOf, isKnownFrameType, lookupFrameSchema } from './frames';
import { exactCheckFor } from './internal/exact';
import { walkSchema, type RawFinding } from './internal/walk';

/** How much a drift finding matters to whoever consumes the value. */
export type DriftSeverity = 'info' | 'warning' | 'critical';

/** What kind of difference from the schemas was found (PROTOCOL.md#drift). */
export type DriftKind = 'unknown_type' | 'unknown_key' | 'missing' | 'type_mismatch' | 'unknown_enum';

/** One difference between a value and the protocol schemas, with the JSON path where it is. */
export interface DriftFinding {
  readonly severity: DriftSeverity;
  readonly kind: DriftKind;
  /** JSON path, e.g. `$.message.content[2].type`. */
  readonly path: string;
  readonly message: string;
  /** The offending value (absent for `missing`), shortened when large. */
  readonly value?: unknown;
}

/** Which way the value flowed: towards a client, or towards the agent. */
export type DriftDirection = Exclude<FrameDirection, 'both'>;

/**
 * Severity by kind and direction. A client must tolerate growth, so an extra key flowing to it is
 * informational and a new frame type a warning; an agent is the stricter reader, so the same
 * differences flowing to the agent are graded one step up. A missing field or a changed type
 * breaks consumers either way.
 */
export const DRIFT_SEVERITY: Readonly<Record<DriftDirection, Readonly<Record<DriftKind, DriftSeverity>>>> = {
  'to-client': {
    unknown_key: 'info',
    unknown_type: 'warning',
    unknown_enum: 'warning',
    missing: 'critical',
    type_mismatch: 'critical',
  },
  'to-agent': {
    unknown_key: 'warning',
    unknown_type: 'critical',
    unknown_enum: 'critical',
    missing: 'critical',
    type_mismatch: 'critical',
  },
};

function grade(direction: DriftDirection, raw: readonly RawFinding[]): DriftFinding[] {
  return raw.map((f) => ({ ...f, severity: DRIFT_SEVERITY[direction][f.kind] }));
}

/**
 * Runs the strict shadow parse of one frame and lists every difference from the schemas:
 * unknown types and keys, missing required fields, changed types and unknown enum values.
 * Never throws; an empty list means the frame matches the vocabulary exactly.
 */
export function findDrift(value: unknown, direction: DriftDirection): DriftFinding[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return grade(direction, [
      { kind: 'type_mismatch', path: '$', message: 'a frame must be a JSON object', value: shorten(value) },
    ]);
  }
  const record = value as Record<string, unknown>;
  const { type, subtype } = discriminatorsOf(record);
  if (type === undefined) {
    return grade(direction, [{ kind: 'missing', path: '$.type', message: 'a frame needs a string "type"' }]);
  }
  const entry = lookupFrameSchema(record);
  if (entry === undefined) {
    const subtypePath = type === 'control_request' ? '$.request.subtype' : '$.subtype';
    if (subtype === undefined && isKnownFrameType(type)) {
      return grade(direction, [{ kind: 'missing', path: subtypePath, message: `a ${type} frame needs a string subtype` }]);
    }
    const finding: RawFinding = isKnownFrameType(type)
      ? {
          kind: 'unknown_type',
          path: subtypePath,
          message: `unknown ${type} subtype ${JSON.stringify(subtype)}`,
          value: subtype,
        }
      : { kind: 'unknown_type', path: '$.type', message: `unknown frame type ${JSON.stringify(type)}`, value: type };
    return grade(direction, [finding]);
  }
  // Clean frames (nearly all traffic) pass the compiled check; only the rest are walked and explained.
  if (exactCheckFor(entry.schema)(record)) return [];
  return grade(direction, walkSchema(entry.schema, record));
}

/**
 * Runs the same strict shadow parse against any schema (REST bodies, SSE envelopes, tape lines).
 */
export function findDriftIn(schema: z.ZodType, value: unknown, direction: DriftDirection): DriftFinding[] {
  if (exactCheckFor(schema)(value)) return [];
  return grade(direction, walkSchema(schema, value));
}

/** Shortens a value for a finding: long strings and big structures are cut. */
export function shorten(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}...` : value;
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : value;
  }
  return value;
}


/**
 * Whether a value matches a schema exactly, i.e. `findDriftIn` would report nothing. Compiled once
 * per schema, so it is the cheap way to test many values.
 */
export function matchesExactly(schema: z.ZodType, value: unknown): boolean {
  return exactCheckFor(schema)(value);
}
