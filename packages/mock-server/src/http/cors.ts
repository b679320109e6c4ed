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

/** Whether an `Origin` is a page served from this machine's loopback interface (`http://localhost:5173`, `http://127.0.0.1:3000`, …). */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    return isLoopbackHost(host);
  } catch {
    return false;
  }
}

type Allowed =
  | { readonly kind: 'any' }
  | { readonly kind: 'none' }
  /** Listed origins (and loopback origins when `loopback`) may use credentials. */
  | { readonly kind: 'list'; readonly origins: ReadonlySet<string>; readonly loopback: boolean };

/**
 * The server's CORS policy. By default (bound to loopback) only pages on loopback origins may use
 * it, with credentials; `cors: {origins}` lists the origins allowed (with credentials, and Chrome's
 * private-network preflight for them alone); `cors: true` lets any origin read answers without
 * credentials (`*`, never an echoed origin with credentials); `false` sends no CORS headers. The
 * `null` origin (sandboxed frames, `file:` pages) is never allowed. `OPTIONS` preflights are
 * answered before auth and faults.
 */
export class CorsPolicy {
  readonly #allowed: Allowed;

  /** @param option the `cors` server option; `undefined` means loopback origins when bound to loopback, none otherwise. */
  constructor(option: CorsOption | undefined, host: string) {
    if (option === true) this.#allowed = { kind: 'any' };
    else if (option === false || (option === undefined && !isLoopbackHost(host))) this.#allowed = { kind: 'none' };
    else if (option === undefined) this.#allowed = { kind: 'list', origins: new Set(), loopback: true };
    else this.#allowed = { kind: 'list', origins: new Set(option.origins.filter((o) => o !== 'null')), loopback: false };
  }

  /** Whether CORS headers are sent at all. */
  get enabled(): boolean {
    return this.#allowed.kind !== 'none';
  }

  /** Whether a browser page of this origin may use the server (a missing Origin is not a cross-origin request). */
  allows(origin: string | undefined): boolean {
    if (origin === undefined) return true;
    if (origin === 'null') return false;
    const allowed = this.#allowed;
    if (allowed.kind === 'any') return true;
    if (allowed.kind === 'none') return false;
    return allowed.origins.has(origin) || (allowed.loopback && isLoopbackOrigin(origin));
  }

  /** Whether answers to this origin may carry credentials (never for `cors: true`'s any-origin mode). */
  #withCredentials(origin: string): boolean {
    return this.#allowed.kind === 'list' && this.allows(origin);
  }

  /** Whether a WebSocket upgrade from this origin is refused (a page the policy does not allow, or the `null` origin). */
  refusesUpgrade(origin: string | undefined): boolean {
    if (origin === undefined) return false;
    if (origin === 'null') return true;
    return this.#allowed.kind === 'list' && !this.allows(origin);
  }

  /** Sets the allow-origin headers of a normal response (before it writes its head). */
  decorate(req: IncomingMessage, res: ServerResponse): void {
    if (!this.enabled) return;
    const origin = header(req, 'origin');
    res.setHeader('vary', 'Origin');
    if (origin === undefined) {
      res.setHeader('access-control-allow-origin', '*');
    } else if (this.#withCredentials(origin)) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-allow-credentials', 'true');
    } else if (this.allows(origin)) {
      res.setHeader('access-control-allow-origin', '*');
    } else {
      return;
    }
    res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
  }

  #describe(): string {
    const allowed = this.#allowed;
    if (allowed.kind !== 'list') return allowed.kind;
    const parts = [...allowed.origins];
    if (allowed.loopback) parts.unshift('loopback origins');
    return parts.length === 0 ? 'none' : parts.join(', ');
  }

  /**
   * Answers an `OPTIONS` request for a path served with `methods`: 204 with the allowed methods
   * and the requested headers, or 403 naming the origin when it is not allowed.
   */
  preflight(req: IncomingMessage, res: ServerResponse, methods: readonly string[]): void {
    req.resume();
    const origin = header(req, 'origin');
    if (!this.allows(origin)) {
      sendJson(res, 403, errorBody(403, `Origin ${String(origin)} is not allowed by this server's cors option (allowed: ${this.#describe()}); add it to cors.origins.`));
      return;
    }
    const allow = [...new Set([...methods, 'OPTIONS'])].join(', ');
    const headers: Record<string, string> = {
      ...(origin !== undefined && this.#withCredentials(origin) ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true' } : { 'access-control-allow-origin': '*' }),
      allow,
      'access-control-allow-methods': allow,
      'access-control-allow-headers': header(req, 'access-control-request-headers') ?? DEFAULT_ALLOWED_HEADERS,
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
      vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
    };
    // A page on a public address asking for this loopback server (Chrome's Private Network Access):
    // only for origins listed explicitly, never for any origin.
    const allowed = this.#allowed;
    if (header(req, 'access-control-request-private-network') === 'true' && origin !== undefined && allowed.kind === 'list' && allowed.origins.has(origin)) {
      headers['access-control-allow-private-network'] = 'true';
    }
    res.writeHead(204, headers).end();
  }
}
