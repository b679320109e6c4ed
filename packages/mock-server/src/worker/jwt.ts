import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a worker JWT from `/bridge` lasts, in seconds (about 4 h, as the real service issues them). */
export const WORKER_JWT_LIFETIME_S = 4 * 60 * 60;

/** What a worker JWT says about its holder. */
export interface WorkerClaims {
  readonly session_id: string;
  readonly worker_epoch: number;
  /** Issued at / expires, in seconds since the epoch (workers read `exp` to see expiry coming). */
  readonly iat: number;
  readonly exp: number;
}

/** A verified token's claims, or why it was refused. */
export type WorkerTokenCheck = { readonly ok: true; readonly claims: WorkerClaims } | { readonly ok: false; readonly message: string };

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Issues and checks the worker JWTs of this server: real HS256 JWTs (so workers can read `exp`),
 * signed with a per-server secret, derived from the seed when there is one.
 */
export class WorkerTokens {
  readonly #secret: Buffer;

  constructor(seed?: number) {
    this.#secret = seed === undefined ? randomBytes(32) : createHash('sha256').update(`ccr-mock worker jwt ${seed}`).digest();
  }

  #sign(text: string): string {
    return createHmac('sha256', this.#secret).update(text).digest('base64url');
  }

  /** A token for one worker registration of a session. */
  issue(sessionId: string, epoch: number, nowMs: number): string {
    const iat = Math.floor(nowMs / 1000);
    const claims: WorkerClaims = { session_id: sessionId, worker_epoch: epoch, iat, exp: iat + WORKER_JWT_LIFETIME_S };
    const unsigned = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return `${unsigned}.${this.#sign(unsigned)}`;
  }

  /** Checks a token's signature, session and expiry. */
  verify(token: string, sessionId: string, nowMs: number): WorkerTokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, message: 'The bearer token is not a worker JWT from this server.' };
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.#sign(`${header}.${payload}`));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, message: 'The worker JWT signature is invalid; get a new one from POST …/bridge.' };
    }
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as WorkerClaims;
    if (claims.session_id !== sessionId) return { ok: false, message: `The worker JWT was issued for session ${claims.session_id}, not ${sessionId}.` };
    if (claims.exp * 1000 <= nowMs) return { ok: false, message: 'The worker JWT has expired; get a new one from POST …/bridge.' };
    return { ok: true, claims };
  }
}
