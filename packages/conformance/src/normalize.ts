import { isRecord, preview, type JsonObject } from './internal/json';

/**
 * Normalization for comparing frames across runs. The service and the client choose ids and
 * times anew on every run, so they are not part of what must match:
 *
 * - top-level `uuid`, `session_id`, `created_at` and `timestamp` are removed (the service stamps
 *   them; a client may add `uuid`/`session_id` itself);
 * - the `request_id` of a control request, and of the response to it, becomes `<id>` (each
 *   requester picks its own).
 *
 * Everything else — tool_use ids included, since a replay keeps the tape's — must be equal.
 */
const VOLATILE_TOP_LEVEL = new Set(['uuid', 'session_id', 'created_at', 'timestamp']);

/** A frame with its run-specific ids and times replaced (see the module comment). */
export function normalizeFrame(frame: unknown): unknown {
  if (!isRecord(frame)) return frame;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(frame)) if (!VOLATILE_TOP_LEVEL.has(key)) out[key] = value;
  if (out.type === 'control_request' && 'request_id' in out) out.request_id = '<id>';
  if ((out.type === 'control_response' || out.type === 'control_cancel_request') && 'request_id' in out) out.request_id = '<id>';
  if (out.type === 'control_response' && isRecord(out.response) && 'request_id' in out.response) out.response = { ...out.response, request_id: '<id>' };
  return out;
}

/**
 * The first place two values differ, as `$.path: expected X, got Y` (object keys in any order);
 * `undefined` when they are equal.
 */
export function firstDifference(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (Object.is(expected, actual)) return undefined;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      if (i >= expected.length) return `${path}[${i}]: unexpected extra item ${preview(actual[i])}`;
      if (i >= actual.length) return `${path}[${i}]: missing item ${preview(expected[i])}`;
      const found = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isRecord(expected) && isRecord(actual)) {
    for (const key of Object.keys(expected)) {
      if (!(key in actual)) return `${path}.${key}: missing (expected ${preview(expected[key])})`;
      const found = firstDifference(expected[key], actual[key], `${path}.${key}`);
      if (found !== undefined) return found;
    }
    for (const key of Object.keys(actual)) {
      if (!(key in expected)) return `${path}.${key}: unexpected key (got ${preview(actual[key])})`;
    }
    return undefined;
  }
  return `${path}: expected ${preview(expected)}, got ${preview(actual)}`;
}

/** Whether two frames match once normalized. */
export function sameFrame(expected: unknown, actual: unknown): boolean {
  return firstDifference(normalizeFrame(expected), normalizeFrame(actual)) === undefined;
}
