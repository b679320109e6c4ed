/** A decoded JSON object. */
export type JsonObject = Record<string, unknown>;

/** Whether a value is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Parses JSON text; `undefined` when it is not valid JSON. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A value as short JSON text for messages (cut at `max` characters). */
export function preview(value: unknown, max = 80): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** `type`, or `type/subtype` (`request.subtype` for control requests, `response.subtype` for responses). */
export function frameLabel(frame: JsonObject): string {
  const type = typeof frame.type === 'string' ? frame.type : '(no type)';
  const nested = type === 'control_request' ? frame.request : type === 'control_response' ? frame.response : undefined;
  const subtype = isRecord(nested) ? nested.subtype : frame.subtype;
  return typeof subtype === 'string' ? `${type}/${subtype}` : type;
}

/** Replaces array indices in a JSON path with `[*]`, so findings at `$.a[0]` and `$.a[3]` group together. */
export function wildcardPath(path: string): string {
  return path.replace(/\[\d+\]/g, '[*]');
}
