import type { TapeEventInput } from '../tape/recorder';

/** What the HTTP and WebSocket relays share inside one proxy. */
export interface ProxyContext {
  /** Largest body copy kept in the tape. */
  readonly maxBodyBytes: number;
  /** A new connection id: `req-N` for HTTP exchanges, `ws-N` for WebSockets. */
  nextId(kind: 'req' | 'ws'): string;
  /** The upstream URL for a request path (`ws:`/`wss:` when `webSocket`). */
  upstreamUrl(path: string, webSocket: boolean): URL;
  /** Records an event; never throws (problems go to `warn`). */
  record(event: TapeEventInput): void;
  /** Reports a problem that does not stop the proxy. */
  warn(message: string): void;
}
