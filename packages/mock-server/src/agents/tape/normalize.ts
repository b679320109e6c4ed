/**
 * Frame comparison for tape replay: two frames match when their type/subtype agree and their
 * content agrees once ids and times are removed.
 */

function isVolatileKey(key: string): boolean {
  return key === 'id' || key === 'uuid' || key === 'toolUseID' || key === 'timestamp' || key.endsWith('_id') || key.endsWith('_at') || key.endsWith('_uuid');
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (!isVolatileKey(key)) out[key] = strip((value as Record<string, unknown>)[key]);
  }
  return out;
}

/** `type`, plus `subtype`, `request.subtype` or `response.subtype`: what must match exactly. */
export function frameLabel(frame: Record<string, unknown>): string {
  const type = String(frame.type);
  const nested = type === 'control_request' ? frame.request : type === 'control_response' ? frame.response : undefined;
  const subtype = nested !== null && typeof nested === 'object' ? (nested as Record<string, unknown>).subtype : frame.subtype;
  return typeof subtype === 'string' ? `${type}/${subtype}` : type;
}

/** The part of a frame compared for a match, with ids and times removed and user text in block form. */
export function frameContent(frame: Record<string, unknown>): unknown {
  if (frame.type === 'user') {
    const message = (frame.message ?? {}) as Record<string, unknown>;
    const content = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    return strip(content);
  }
  if (frame.type === 'control_request') return strip(frame.request);
  if (frame.type === 'control_response') return strip(frame.response);
  const { type: _type, ...rest } = frame;
  return strip(rest);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The first place two normalized values differ, as `$.path: expected X, got Y`; `undefined` when equal. */
export function firstDifference(expected: unknown, actual: unknown, path = '$'): string | undefined {
  if (Object.is(expected, actual)) return undefined;
  const bothObjects = expected !== null && actual !== null && typeof expected === 'object' && typeof actual === 'object';
  if (!bothObjects || Array.isArray(expected) !== Array.isArray(actual)) return `${path}: expected ${describe(expected)}, got ${describe(actual)}`;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const found = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const a = expected as Record<string, unknown>;
  const b = actual as Record<string, unknown>;
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const found = firstDifference(a[key], b[key], `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
