import type { IncomingMessage } from 'node:http';
import { checkAuth, type AuthResult, type MockCredentials } from '../auth';
import type { WorkerTokens } from '../worker/jwt';

const ORG_IN_PATH = /\/organizations\/([^/]+)/;
const WORKER_PATH = /^\/v1\/code\/sessions\/([A-Za-z0-9_-]+)\/worker(?:\/|$)/;

/** What {@link Access} needs from the server. */
export interface AccessOptions {
  readonly strict: boolean;
  readonly credentials: MockCredentials;
  readonly tokens: WorkerTokens;
  /** Server time in ms, for worker JWT expiry. */
  readonly nowMs: () => number;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Decides whether a request may proceed in strict mode: client routes take the claude.ai cookie or
 * an OAuth bearer token (see `checkAuth`); `/worker…` routes also take the worker JWT that
 * `/bridge` issued for that session. With auth off everything passes.
 */
export class Access {
  readonly #o: AccessOptions;

  constructor(options: AccessOptions) {
    this.#o = options;
  }

  /** Checks one request (`websocket` for upgrades, which may defer to an `auth` frame). */
  check(req: IncomingMessage, url: URL, websocket: boolean): AuthResult {
    if (!this.#o.strict) return { ok: true };
    const workerSession = WORKER_PATH.exec(url.pathname)?.[1];
    const bearer = /^Bearer\s+(.+)$/i.exec(header(req, 'authorization') ?? '')?.[1];
    if (workerSession !== undefined && bearer !== undefined && bearer.split('.').length === 3) {
      const check = this.#o.tokens.verify(bearer, workerSession, this.#o.nowMs());
      if (!check.ok) return { ok: false, failure: { status: 401, message: check.message } };
      if (header(req, 'anthropic-version') === undefined) return { ok: false, failure: { status: 400, message: 'anthropic-version: header is required (use 2023-06-01).' } };
      return { ok: true };
    }
    const v1Web = url.pathname.startsWith('/v1/sessions') || url.pathname.startsWith('/v1/environment_providers');
    const organizationFromUrl = url.searchParams.get('organization_uuid') ?? ORG_IN_PATH.exec(url.pathname)?.[1];
    return checkAuth(req.headers, { websocket, v1Web, organizationFromUrl }, this.#o.credentials);
  }
}
