import { connectionSide, type ConnectionSide, type DriftDirection, type TapeEvent } from '@ccr-kit/protocol-types';
import { isRecord, tryParseJson, type JsonObject } from '../internal/json';

/** How a frame travelled in a recording. */
export type FrameVia = 'stdio' | 'ws' | 'sse' | 'http' | 'ndjson';

/** One frame found in a file: its 1-based line, the way it flowed, and the decoded value. */
export interface LocatedFrame {
  readonly line: number;
  readonly direction: DriftDirection;
  readonly via: FrameVia;
  readonly value: unknown;
}

/** Which side of the service a connection belongs to: a client (web, app, SDK) or a worker (CLI, bridge). */
export type Surface = ConnectionSide;

/** The side of a URL (`connectionSide` of `@ccr-kit/protocol-types`, re-exported under this package's name). */
export const surfaceOfUrl: (url: string) => Surface = connectionSide;

/** Frames carried by a POST body: v2/worker `{events: [{payload}]}` or v1 `{events: [frame]}`. */
export function postedFrames(body: unknown): unknown[] {
  if (!isRecord(body) || !Array.isArray(body.events)) return [];
  return body.events.map((item: unknown) => (isRecord(item) && isRecord(item.payload) ? item.payload : item));
}

/**
 * Tracks the connections of one tape so each event's frames get the right direction: WebSocket
 * frames by the surface of their `ws.open` URL, SSE events by the URL of the request they were
 * read from, POST bodies by their path.
 */
export class TapeFrameExtractor {
  readonly #urls = new Map<string, string>();
  readonly #defaultSurface: Surface;

  constructor(defaultSurface: Surface = 'client') {
    this.#defaultSurface = defaultSurface;
  }

  #surfaceOf(id: string): Surface {
    const url = this.#urls.get(id);
    return url === undefined ? this.#defaultSurface : surfaceOfUrl(url);
  }

  /** The frames one tape event carries (none for heads, closes, stderr and non-frame bodies). */
  framesOf(event: TapeEvent, line: number): LocatedFrame[] {
    switch (event.kind) {
      case 'ws.open':
        this.#urls.set(event.id, event.url);
        return [];
      case 'http.request':
        this.#urls.set(event.id, event.url);
        return this.#posted(event.method, event.url, event.body, event.bodyEncoding, line);
      case 'stdio.line': {
        if (event.dir === 'stderr') return [];
        const value = tryParseJson(event.text);
        if (value === undefined) return [];
        return [{ line, direction: event.dir === 'stdout' ? 'to-client' : 'to-agent', via: 'stdio', value }];
      }
      case 'ws.frame': {
        const fromClientSide = event.dir === 'to-server';
        const worker = this.#surfaceOf(event.id) === 'worker';
        // A worker's uploads are agent frames; a client's uploads are frames for the agent.
        const direction: DriftDirection = fromClientSide === worker ? 'to-client' : 'to-agent';
        const out: LocatedFrame[] = [];
        for (const text of event.text.split('\n')) {
          if (text.trim() === '') continue;
          out.push({ line, direction, via: 'ws', value: tryParseJson(text) ?? text });
        }
        return out;
      }
      case 'sse.event':
        return this.#sse(event.id, event.event, event.data, line);
      default:
        return [];
    }
  }

  #posted(method: string, url: string, body: string | undefined, encoding: string | undefined, line: number): LocatedFrame[] {
    if (method.toUpperCase() !== 'POST' || body === undefined || encoding === 'base64') return [];
    const path = url.replace(/[?#].*$/, '');
    if (!/\/events\/?$/.test(path)) return [];
    const direction: DriftDirection = surfaceOfUrl(path) === 'worker' ? 'to-client' : 'to-agent';
    return postedFrames(tryParseJson(body)).map((value) => ({ line, direction, via: 'http' as const, value }));
  }

  #sse(id: string, name: string | undefined, data: string, line: number): LocatedFrame[] {
    const envelope = tryParseJson(data);
    if (!isRecord(envelope) || !isRecord(envelope.payload)) return [];
    const payload: JsonObject = envelope.payload;
    if (this.#surfaceOf(id) === 'worker') return [{ line, direction: 'to-agent', via: 'sse', value: payload }];
    if (name === 'client_event' && envelope.source === 'client') return [{ line, direction: 'to-agent', via: 'sse', value: payload }];
    if (name === 'client_event' || name === 'ephemeral_event') return [{ line, direction: 'to-client', via: 'sse', value: payload }];
    return [];
  }
}
