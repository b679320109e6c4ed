import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** Connection-level headers that a proxy must not forward (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/** Headers the WebSocket client library sets itself for the upstream handshake. */
const WS_HANDSHAKE = new Set(['sec-websocket-key', 'sec-websocket-version', 'sec-websocket-extensions', 'sec-websocket-protocol']);

/** Raw header pairs as a tape header record: lower-case names, repeated headers joined with `, `. */
export function tapeHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = (rawHeaders[i] as string).toLowerCase();
    const value = rawHeaders[i + 1] as string;
    out[name] = out[name] === undefined ? value : `${out[name]}, ${value}`;
  }
  return out;
}

/**
 * Request headers to send upstream: hop-by-hop headers dropped, `host` set to the target, and
 * `accept-encoding` dropped so the upstream answers uncompressed (the recorder must be able to read
 * and redact every body, and streams stay unbuffered).
 */
export function upstreamRequestHeaders(headers: IncomingHttpHeaders, target: URL, forWebSocket: boolean): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'host' || name === 'accept-encoding') continue;
    if (forWebSocket && WS_HANDSHAKE.has(name)) continue;
    out[name] = value;
  }
  out.host = target.host;
  return out;
}

/** Response headers to send back to the client: hop-by-hop headers dropped. */
export function downstreamResponseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}
