import { findDrift, type DriftDirection, type DriftFinding } from './drift';
import { ProtocolError } from './errors';
import { directionOf } from './schemas/common';
import { lookupFrameSchema, type Frame } from './frames';

/** Options for {@link encodeFrame}. */
export interface EncodeFrameOptions {
  /** Direction the frame is sent in; default: the direction its schema declares (`to-agent` for `both`). */
  direction?: DriftDirection | undefined;
  /** Accept keys the schema does not know (relaying a newer peer's frames). Default `false`. */
  allowUnknownKeys?: boolean | undefined;
}

/**
 * Validates a frame strictly and serializes it as one JSON text (no trailing newline). This is the
 * one place frames are encoded: what we emit must match the vocabulary exactly.
 * @throws {ProtocolError} when the frame is unknown, incomplete, mistyped or carries unknown keys.
 */
export function encodeFrame(frame: Frame | Record<string, unknown>, options: EncodeFrameOptions = {}): string {
  const record = frame as Record<string, unknown>;
  const entry = lookupFrameSchema(record);
  const declared = entry === undefined ? undefined : directionOf(entry.schema);
  const direction: DriftDirection = options.direction ?? (declared === 'to-client' ? 'to-client' : 'to-agent');
  const problems = findDrift(record, direction).filter(
    (f: DriftFinding) => !(options.allowUnknownKeys === true && f.kind === 'unknown_key'),
  );
  if (problems.length > 0) {
    const first = problems[0] as DriftFinding;
    throw new ProtocolError(
      `Refusing to send an invalid ${String(record.type ?? 'frame')} frame: ${first.path} ${first.message}` +
        (problems.length > 1 ? ` (and ${problems.length - 1} more)` : '') +
        '. Fix the frame before sending it.',
      problems.map((p) => ({ path: p.path, message: p.message })),
    );
  }
  return JSON.stringify(frame);
}
