import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from './errors';
import { sendJson } from './io';

/** Cross-origin access for browser clients: `true` lets every origin in, `{origins}` only those listed, `false` none. */
export type CorsOption = boolean | { readonly origins: readonly string[] };

/** Response headers a cross-origin page may read (request ids, retry hints, worker conflict reasons). */
export const CORS_EXPOSED_HEADERS = [
  'request-id',
  'x-request-id',
  'retry-after',
  'allow',
  'x-ccr-conflict-reason',
  'x-ccr-sse-keepalive-interval-seconds',
] as const;

/** Request headers allowed when a preflight does not list the ones it wants. */
const DEFAULT_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'anthropic-version',
  'anthropic-beta',
  'anthropic-client-platform',
  'anthropic-client-feature',
  'x-organization-uuid',
  'last-event-id',
].join(', ');

/** How long a browser may cache a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE_S = 600;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Whether a host name is this machine's loopback interface. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * The server's CORS policy. Normal responses (errors and event streams included) get
 * `Access-Control-Allow-Origin` (the request's `Origin` echoed with credentials allowed, or `*`
 * when it has none); `OPTIONS` preflights are answered before auth and faults.
 */
export class CorsPolicy {
  readonly #allowed: ReadonlySet<string> | 'any' | 'none';

  /** @param option the `cors` server option; `undefined` means on when bound to loopback. */
  constructor(option: CorsOption | undefined, host: string) {
    const resolved = option ?? isLoopbackHost(host);
    this.#allowed = resolved === true ? 'any' : resolved === false ? 'none' : new Set(resolved.origins);
  }

  /** Whether CORS headers are sent at all. */
  get enabled(): boolean {
    return this.#allowed !== 'none';
  }

  /** Whether a browser page of this origin may use the server (a missing Origin is not a cross-origin request). */
  allows(origin: string | undefined): boolean {
    if (origin === undefined || this.#allowed === 'any') return true;
    return this.#allowed !== 'none' && this.#allowed.has(origin);
  }

  /** Whether a WebSocket upgrade from this origin is refused (only an explicit origin list refuses any). */
  refusesUpgrade(origin: string | undefined): boolean {
    return this.#allowed instanceof Set && origin !== undefined && !this.#allowed.has(origin);
  }

  /** Sets the allow-origin headers of a normal response (before it writes its head). */
  decorate(req: IncomingMessage, res: ServerResponse): void {
    if (!this.enabled) return;
    const origin = header(req, 'origin');
    res.setHeader('vary', 'Origin');
    if (origin === undefined) {
      res.setHeader('access-control-allow-origin', '*');
    } else if (this.allows(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
    } else {
      return;
    }
    res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
  }

  /**
   * Answers an `OPTIONS` request for a path served with `methods`: 204 with the allowed methods
   * and the requested headers, or 403 naming the origin when it is not allowed.
   */
  preflight(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): void {
    req.resume();
    const origin = header(req, 'origin');
    if (!this.allows(origin)) {
      const list = this.#allowed instanceof Set ? [...this.#allowed].join(', ') : '';
      sendJson(res, 403, errorBody(403, `Origin ${String(origin)} is not allowed by this server's cors option (allowed: ${list === '' ? 'none' : list}); add it to cors.origins or start the server with cors: true.`));
      return;
    }
    const allow = [...new Set([...methods, 'OPTIONS'])].join(', ');
    const headers: Record<string, string> = {
      allow,
      'access-control-allow-methods': allow,
      'access-control-allow-headers': header(req, 'access-control-request-headers') ?? DEFAULT_ALLOWED_HEADERS,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    };
    // A page on a public address asking for this loopback server (Chrome's Private Network Access).
    if (header(req, 'access-control-request-private-network') === 'true') headers['access-control-allow-private-network'] = 'true';
    res.writeHead(204, headers).end();
  }
}
