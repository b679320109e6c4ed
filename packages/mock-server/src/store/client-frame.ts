import { isUnknownFrame, lookupFrameSchema, parseFrame, type Frame } from '@ccr-kit/protocol-types';

/** A frame a client sent, checked: a frame to pass on, or what is wrong with it and where. */
export type CheckedClientFrame =
  | { readonly ok: true; readonly frame: Frame }
  | { readonly ok: false; readonly path: string; readonly message: string };

function join(prefix: string, path: string): string {
  return path === '$' ? prefix : `${prefix}${path.slice(1)}`;
}

/**
 * Checks one frame sent by a client. Known frames must match their schema and flow towards the
 * agent; an unknown `type` is refused; an unknown control `subtype` of a known type passes (the
 * agent answers it, as the CLI answers "Unsupported control request subtype").
 * @param where JSON path of the frame in the request, e.g. `$.events[0]` or `$` for a socket line.
 */
export function checkClientFrame(value: unknown, where: string): CheckedClientFrame {
  const parsed = parseFrame(value);
  if (isUnknownFrame(parsed)) {
    switch (parsed.reason) {
      case 'not_object':
      case 'missing_type':
        return { ok: false, path: join(where, parsed.issues[0]?.path ?? '$'), message: parsed.issues[0]?.message ?? 'not a frame' };
      case 'unknown_type':
        return { ok: false, path: `${where}.type`, message: `unknown frame type ${JSON.stringify(parsed.type)}; clients may send user, control_request, control_response, control_cancel_request and keep_alive frames` };
      case 'unknown_subtype':
        return { ok: true, frame: parsed.raw as Frame };
      case 'invalid': {
        const first = parsed.issues[0];
        const more = parsed.issues.length > 1 ? ` (and ${parsed.issues.length - 1} more)` : '';
        const name = parsed.subtype === undefined ? String(parsed.type) : `${parsed.type}/${parsed.subtype}`;
        return { ok: false, path: join(where, first?.path ?? '$'), message: `${name} frame does not match its schema: ${first?.message ?? 'invalid'}${more}` };
      }
    }
  }
  const entry = lookupFrameSchema(parsed);
  if (entry?.direction === 'to-client') {
    return { ok: false, path: `${where}.type`, message: `a ${entry.key} frame flows from the agent to clients; a client cannot send it` };
  }
  return { ok: true, frame: parsed };
}
