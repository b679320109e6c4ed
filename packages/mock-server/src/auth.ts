import type { IncomingHttpHeaders } from 'node:http';

/** Credentials the server accepts in `auth: 'strict'` mode; each has a printed default. */
export interface MockCredentials {
  /** The organization of every session (`x-organization-uuid`, `?organization_uuid=`). */
  readonly organizationUuid: string;
  /** The claude.ai cookie value (`Cookie: sessionKey=…`). */
  readonly sessionKey: string;
  /** An OAuth access token (`Authorization: Bearer …`, or the WebSocket `auth` frame). */
  readonly accessToken: string;
}

/** The credentials used when none are given. */
export const DEFAULT_CREDENTIALS: MockCredentials = {
  organizationUuid: '00000000-0000-4000-8000-00000000c0de',
  sessionKey: 'sk-ant-sid01-mock-session-key',
  accessToken: 'sk-ant-oat01-mock-access-token',
};

/** The `anthropic-beta` flag claude.ai sends on the v1 web API. */
export const CCR_BETA = 'ccr-byoc-2025-07-29';

/** Why a request was refused. */
export interface AuthFailure {
  readonly status: 400 | 401 | 403;
  readonly message: string;
}

/** Where a request goes, which decides the headers it needs. */
export interface AuthTarget {
  /** A WebSocket upgrade (browsers cannot set headers: the cookie and `?organization_uuid=` do). */
  readonly websocket: boolean;
  /** A v1 web API route, which also needs `anthropic-beta: ccr-byoc-2025-07-29`. */
  readonly v1Web: boolean;
  /** `organization_uuid` from the query or the path, if any. */
  readonly organizationFromUrl: string | undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function cookie(headers: IncomingHttpHeaders, name: string): string | undefined {
  const raw = header(headers, 'cookie');
  if (raw === undefined) return undefined;
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The outcome of checking credentials: passed, refused, or (WebSocket only) waiting for an `auth` frame. */
export type AuthResult = { readonly ok: true } | { readonly ok: false; readonly failure: AuthFailure } | { readonly ok: 'deferred' };

/**
 * Checks a request the way the real service does in strict mode: a `sessionKey` cookie with the
 * organization (`x-organization-uuid` header, or `organization_uuid` in the URL), or an OAuth
 * bearer token; `anthropic-version` on REST; `anthropic-beta` on the v1 web API. Missing or wrong
 * credentials → 401, another organization → 403, a missing version header → 400.
 */
export function checkAuth(headers: IncomingHttpHeaders, target: AuthTarget, credentials: MockCredentials): AuthResult {
  const fail = (status: AuthFailure['status'], message: string): AuthResult => ({ ok: false, failure: { status, message } });
  const org = header(headers, 'x-organization-uuid') ?? target.organizationFromUrl;
  if (org !== undefined && org !== credentials.organizationUuid) {
    return fail(403, `This credential has no access to organization ${org}.`);
  }
  const authorization = header(headers, 'authorization');
  const sessionKey = cookie(headers, 'sessionKey');
  if (authorization !== undefined && sessionKey !== undefined) {
    return fail(401, 'Send either an Authorization header or a sessionKey cookie, not both.');
  }
  if (authorization !== undefined) {
    const token = /^Bearer\s+(.+)$/i.exec(authorization)?.[1];
    if (token !== credentials.accessToken) return fail(401, 'Invalid bearer token.');
  } else if (sessionKey !== undefined) {
    if (sessionKey !== credentials.sessionKey) return fail(401, 'Invalid sessionKey cookie.');
    if (org === undefined) return fail(401, 'A sessionKey cookie needs the x-organization-uuid header (or organization_uuid).');
  } else if (target.websocket) {
    return { ok: 'deferred' };
  } else {
    return fail(401, 'Missing credentials: send Authorization: Bearer <token>, or Cookie: sessionKey=<key> with x-organization-uuid.');
  }
  if (!target.websocket) {
    if (header(headers, 'anthropic-version') === undefined) return fail(400, 'anthropic-version: header is required (use 2023-06-01).');
    if (target.v1Web && !(header(headers, 'anthropic-beta') ?? '').split(',').map((s) => s.trim()).includes(CCR_BETA)) {
      return fail(400, `anthropic-beta: the v1 sessions API needs the ${CCR_BETA} beta flag.`);
    }
  }
  return { ok: true };
}

/** The outcome of checking a WebSocket `auth` frame: accepted, or why not (short enough for a close reason). */
export type AuthFrameResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether a frame is an `auth` frame (`{type:'auth', credential}`), valid or not. */
export function isAuthFrame(frame: unknown): boolean {
  return frame !== null && typeof frame === 'object' && (frame as { type?: unknown }).type === 'auth';
}

/**
 * Checks the first frame of a WebSocket that connected without credentials: it must be
 * `{type:'auth', credential:{type:'oauth', token}}` carrying the accepted OAuth token.
 */
export function checkAuthFrame(frame: unknown, credentials: MockCredentials): AuthFrameResult {
  if (!isAuthFrame(frame)) {
    const type = frame !== null && typeof frame === 'object' ? (frame as { type?: unknown }).type : undefined;
    return { ok: false, reason: `unauthorized: the first frame must be an auth frame, got ${typeof type === 'string' ? type.slice(0, 40) : 'no type'}` };
  }
  const credential = (frame as { credential?: unknown }).credential;
  const c = credential !== null && typeof credential === 'object' ? (credential as { type?: unknown; token?: unknown }) : {};
  if (c.type !== 'oauth' || typeof c.token !== 'string') return { ok: false, reason: 'unauthorized: the auth frame needs credential {type:"oauth", token}' };
  if (c.token !== credentials.accessToken) return { ok: false, reason: 'unauthorized: the auth frame carries an invalid OAuth token' };
  return { ok: true };
}

/** An `auth` frame as the journal may show it: the credential type, never the token. */
export function redactedAuthFrame(frame: unknown): Record<string, unknown> {
  const credential = (frame as { credential?: unknown }).credential;
  const type = credential !== null && typeof credential === 'object' ? (credential as { type?: unknown }).type : undefined;
  return { type: 'auth', credential: { type: typeof type === 'string' ? type : null, token: '[redacted]' } };
}

/**
 * Checks a request to the admin API (`/__admin/…`) when it needs credentials: the mock's OAuth
 * token as `Authorization: Bearer …`, or its `sessionKey` cookie. Returns why it was refused, or
 * undefined when it may pass.
 */
export function checkAdminAuth(headers: IncomingHttpHeaders, credentials: MockCredentials): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(header(headers, 'authorization') ?? '')?.[1];
  if (bearer !== undefined) return bearer === credentials.accessToken ? undefined : 'The admin API refused this bearer token; use the access token the server printed.';
  const sessionKey = cookie(headers, 'sessionKey');
  if (sessionKey !== undefined) return sessionKey === credentials.sessionKey ? undefined : 'The admin API refused this sessionKey cookie.';
  return 'The admin API needs credentials here (auth is strict, or the server is bound beyond loopback): send Authorization: Bearer <access token> or the sessionKey cookie.';
}
