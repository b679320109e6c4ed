import type { TapeEvent } from '@ccr-kit/protocol-types';

/** One protocol frame found in a tape, with where it travelled. */
export interface TapeFrame {
  readonly t: number;
  /** The tape's connection or request id (`undefined` for stdio). */
  readonly connection: string | undefined;
  readonly via: 'ws' | 'sse' | 'http' | 'stdio';
  /** `to-server` = from the client (or host) towards the agent; `to-client` = from the agent. */
  readonly dir: 'to-server' | 'to-client';
  /** The frame: a WebSocket or stdio NDJSON line, an SSE event's `payload`, or a POSTed event's `payload`. */
  readonly frame: unknown;
  /** SSE only: the event name (`client_event`, `ephemeral_event`, `delivery_update`, …). */
  readonly event?: string | undefined;
  /** SSE only: the envelope around `payload` (`event_id`, `sequence_num`, `source`, …). */
  readonly envelope?: Readonly<Record<string, unknown>> | undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function ndjsonValues(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map(parse)
    .filter((v) => v !== undefined);
}

/** Payloads POSTed as `{events: [{payload}]}` (v2 client writes) or as a bare frame (v1 `/events`). */
function postedFrames(body: string): unknown[] {
  const value = parse(body);
  if (isRecord(value) && Array.isArray(value.events)) {
    return value.events.map((e: unknown) => (isRecord(e) && 'payload' in e ? e.payload : e));
  }
  return isRecord(value) && typeof value.type === 'string' ? [value] : [];
}

/**
 * The protocol frames in a tape, in tape order: WebSocket NDJSON lines, SSE event payloads (with
 * their envelope), frames POSTed to an `/events` endpoint, and JSON stdio lines. This is what a
 * replay of the tape delivers, so it is the thing to compare with what a client received.
 */
export function tapeFrames(events: readonly TapeEvent[]): TapeFrame[] {
  const out: TapeFrame[] = [];
  for (const e of events) {
    if (e.kind === 'ws.frame') {
      for (const frame of ndjsonValues(e.text)) out.push({ t: e.t, connection: e.id, via: 'ws', dir: e.dir, frame });
    } else if (e.kind === 'sse.event') {
      const data = parse(e.data);
      if (isRecord(data) && 'payload' in data) {
        const { payload, ...envelope } = data;
        out.push({ t: e.t, connection: e.id, via: 'sse', dir: 'to-client', frame: payload, event: e.event, envelope });
      } else if (data !== undefined) {
        out.push({ t: e.t, connection: e.id, via: 'sse', dir: 'to-client', frame: data, event: e.event });
      }
    } else if (e.kind === 'http.request' && e.method === 'POST' && /\/events\/?(\?|$)/.test(e.url) && e.body !== undefined) {
      const body = e.bodyEncoding === 'base64' ? Buffer.from(e.body, 'base64').toString('utf8') : e.body;
      for (const frame of postedFrames(body)) out.push({ t: e.t, connection: e.id, via: 'http', dir: 'to-server', frame });
    } else if (e.kind === 'stdio.line' && e.dir !== 'stderr') {
      const frame = parse(e.text);
      if (frame !== undefined) out.push({ t: e.t, connection: undefined, via: 'stdio', dir: e.dir === 'stdin' ? 'to-server' : 'to-client', frame });
    }
  }
  return out;
}
