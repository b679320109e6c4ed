import { fc } from '@fast-check/vitest';
import type { RedactionOptions } from '../../src/index';

/** How the recorder can know a value is secret. */
export type SecretKind = 'configured' | 'env' | 'api-key' | 'jwt' | 'location';
/** Where in the traffic the secret is planted. */
export type Placement = 'header' | 'cookie' | 'query' | 'body' | 'ws-frame' | 'sse-data' | 'stdio-line';

/** One planted secret and the traffic pieces that carry it. */
export interface Planted {
  readonly kind: SecretKind;
  readonly placement: Placement;
  readonly secret: string;
  readonly redaction: RedactionOptions;
  readonly headers: Record<string, string>;
  /** Path and query. */
  readonly path: string;
  readonly body: string;
  /** One NDJSON line (with its newline). */
  readonly frame: string;
  readonly sseData: string;
  readonly line: string;
}

const body = fc.stringMatching(/^[A-Za-z0-9_-]{24,40}$/);

function secretOf(kind: SecretKind, chars: string): string {
  switch (kind) {
    case 'configured':
      return `cfg${chars}`;
    case 'env':
      return `env${chars}`;
    case 'api-key':
      return ['sk', 'ant', 'api03', chars].join('-');
    case 'jwt':
      return [{ alg: 'HS256' }, { sub: chars }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).concat(chars.slice(0, 16)).join('.');
    case 'location':
      return `loc${chars}`;
  }
}

/** Puts the secret at its placement: a rule-covered spot for `location` secrets, an ordinary spot otherwise. */
export function plant(kind: SecretKind, placement: Placement, chars: string): Planted {
  const secret = secretOf(kind, chars);
  const byRule = kind === 'location';
  const redaction: RedactionOptions = {
    env: kind === 'env' ? { CLAUDE_CODE_OAUTH_TOKEN: secret } : false,
    ...(kind === 'configured' ? { secrets: [secret] } : {}),
  };
  const s = placement;
  return {
    kind,
    placement,
    secret,
    redaction,
    headers: {
      'content-type': 'application/json',
      ...(s === 'header' ? (byRule ? { authorization: `Bearer ${secret}` } : { 'x-debug': `trace ${secret}` }) : {}),
      ...(s === 'cookie' ? { cookie: `theme=dark; sessionKey=${secret}; x=1` } : {}),
    },
    path: `/v1/sessions${s === 'query' ? `?${byRule ? 'organization_uuid' : 'q'}=${encodeURIComponent(secret)}&limit=2` : '?limit=2'}`,
    body:
      s === 'body'
        ? JSON.stringify(byRule ? { events: [{ payload: { type: 'x', session_ingress_token: secret } }] } : { note: `see ${secret} here` })
        : '{"title":"t"}',
    frame: `${JSON.stringify(
      s === 'ws-frame'
        ? byRule
          ? { type: 'auth', credential: { type: 'oauth', token: secret } }
          : { type: 'assistant', message: { content: [{ type: 'text', text: `a ${secret} b` }] } }
        : { type: 'keep_alive' },
    )}\n`,
    sseData: JSON.stringify(
      s === 'sse-data'
        ? byRule
          ? { sequence_num: 1, payload: { type: 'control_response', response: { response: { account: { email: secret } } } } }
          : { sequence_num: 1, payload: { type: 'user', message: { content: `x ${secret}` } } }
        : { sequence_num: 1, payload: { type: 'keep_alive' } },
    ),
    line: s === 'stdio-line' ? (byRule ? JSON.stringify({ type: 'x', worker_jwt: secret }) : `log: ${secret}`) : '{"type":"keep_alive"}',
  };
}

/** Any secret kind, any of the given placements, any secret characters. */
export function planted(placements: readonly Placement[], kinds: readonly SecretKind[] = ['configured', 'env', 'api-key', 'jwt', 'location']): fc.Arbitrary<Planted> {
  return fc.tuple(fc.constantFrom(...kinds), fc.constantFrom(...placements), body).map(([kind, placement, chars]) => plant(kind, placement, chars));
}

/** Whether a tape text (or anything written) still holds the secret in any encoding. */
export function leaks(text: string, secret: string): boolean {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), Buffer.from(secret).toString('base64')].some((v) => text.includes(v));
}
