import { expect } from 'vitest';
import type { Frame } from '../../src/frames';
import { isUnknownFrame, parseFrame, type UnknownFrame } from '../../src/parse';

/** Parses a frame and fails the test, with the issues, when it does not come back as a known frame. */
export function expectKnown(value: unknown): Frame {
  const frame = parseFrame(value);
  if (isUnknownFrame(frame)) throw new Error(`expected a known frame, got ${frame.describe()}`);
  // Tolerant parsing hands back the very object it was given, unknown keys included.
  expect(frame).toBe(value);
  return frame;
}

/** Parses a frame and fails the test unless it comes back as an unknown frame. */
export function expectUnknown(value: unknown): UnknownFrame {
  const frame = parseFrame(value);
  if (!isUnknownFrame(frame))
    throw new Error(`expected an unknown frame, got a known ${JSON.stringify(value)}`);
  return frame;
}

/** The JSON paths of an unknown frame's issues. */
export function issuePaths(frame: UnknownFrame): string[] {
  return frame.issues.map((issue) => issue.path);
}

/** A deep copy of a frame with one property removed, addressed by a dotted path. */
export function without(value: object, path: string): Record<string, unknown> {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  let target: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  delete target[keys.at(-1)!];
  return copy;
}

export const SESSION_ID = '09ee895d-5937-4a43-a7c1-61330ce4564d';

/** `uuid` and `session_id` as the CLI stamps them. */
export function base(uuid = '05028d23-e367-4aff-a0a6-55fd5a7fac8a') {
  return { uuid, session_id: SESSION_ID };
}
