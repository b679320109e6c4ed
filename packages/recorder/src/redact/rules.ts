/**
 * Redaction rules: where secrets live in CCR traffic. Every rule has an `id` (the key of its count
 * in the redaction summary) and a pseudonym `category` (the word used in the placeholder).
 */

/** Redacts the whole value of one header (case-insensitive); an auth scheme such as `Bearer` is kept. */
export interface HeaderRule {
  readonly id: string;
  readonly kind: 'header';
  readonly name: string;
  readonly category?: string | undefined;
}

/** Redacts the value of a cookie in `Cookie` and `Set-Cookie`; `*` matches every cookie. */
export interface CookieRule {
  readonly id: string;
  readonly kind: 'cookie';
  readonly name: string;
}

/** Redacts the value of a query parameter in every URL. */
export interface QueryRule {
  readonly id: string;
  readonly kind: 'query';
  readonly name: string;
  readonly category?: string | undefined;
}

/** Redacts capture group 1 of a pattern in URL paths (e.g. the organization uuid in `/organizations/{uuid}`). */
export interface PathRule {
  readonly id: string;
  readonly kind: 'path';
  readonly pattern: RegExp;
  readonly category?: string | undefined;
}

/**
 * Redacts the value at a JSON path inside REST bodies and inside every frame (WebSocket, SSE data,
 * stdio lines). Paths: `$.a.b`, `$.a[0]`, `$.a[*]`, `$['x-y']`, `$..key` (at any depth). An object
 * or array at the path has every string inside it redacted.
 */
export interface JsonPathRule {
  readonly id: string;
  readonly kind: 'json';
  readonly path: string;
  readonly category?: string | undefined;
}

/** Redacts every match of a pattern (or of its capture `group`) in every string of every event. */
export interface PatternRule {
  readonly id: string;
  readonly kind: 'pattern';
  readonly pattern: RegExp;
  readonly group?: number | undefined;
  readonly category?: string | undefined;
}

/** One redaction rule. */
export type RedactionRule = HeaderRule | CookieRule | QueryRule | PathRule | JsonPathRule | PatternRule;

/** A header rule with the conventional id `header:<name>`. */
export function headerRule(name: string, category = 'token'): HeaderRule {
  return { id: `header:${name.toLowerCase()}`, kind: 'header', name: name.toLowerCase(), category };
}

/** A cookie rule with the conventional id `cookie:<name>` (`*` for every cookie). */
export function cookieRule(name: string): CookieRule {
  return { id: `cookie:${name}`, kind: 'cookie', name };
}

/** A query parameter rule with the conventional id `query:<name>`. */
export function queryRule(name: string, category = 'token'): QueryRule {
  return { id: `query:${name}`, kind: 'query', name, category };
}

/** A JSON path rule with the conventional id `json:<path>`. */
export function jsonPathRule(path: string, category = 'token'): JsonPathRule {
  return { id: `json:${path}`, kind: 'json', path, category };
}

/** A pattern rule with the id `pattern:<name>`; the pattern gets the `g` flag. */
export function patternRule(name: string, pattern: RegExp, category = name, group?: number): PatternRule {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  return { id: `pattern:${name}`, kind: 'pattern', pattern: new RegExp(pattern.source, flags), group, category };
}

const SECRET_HEADERS: ReadonlyArray<readonly [string, string]> = [
  ['authorization', 'token'],
  ['proxy-authorization', 'token'],
  ['x-api-key', 'api-key'],
  ['x-organization-uuid', 'org'],
  ['anthropic-device-id', 'device'],
  ['x-device-id', 'device'],
  ['x-anonymous-id', 'device'],
  ['anthropic-anonymous-id', 'device'],
  ['x-trusted-device-token', 'token'],
  ['x-ccr-affinity-key', 'token'],
];

const SECRET_QUERY: ReadonlyArray<readonly [string, string]> = [
  ['organization_uuid', 'org'],
  ['org_uuid', 'org'],
  ['organization_id', 'org'],
  ['token', 'token'],
  ['access_token', 'token'],
  ['api_key', 'api-key'],
  ['key', 'token'],
  ['session_key', 'token'],
  ['code', 'token'],
  ['device_id', 'device'],
  ['anonymous_id', 'device'],
];

const SECRET_JSON: ReadonlyArray<readonly [string, string]> = [
  ['$..email', 'email'],
  ['$..email_address', 'email'],
  ['$..emailAddress', 'email'],
  ['$..account.organization', 'name'],
  ['$..full_name', 'name'],
  ['$..organization_uuid', 'org'],
  ['$..organizationUuid', 'org'],
  ['$..org_uuid', 'org'],
  ['$..account_uuid', 'account'],
  ['$..accountUuid', 'account'],
  ['$..sent_by_account_id', 'account'],
  ['$..device_id', 'device'],
  ['$..deviceId', 'device'],
  ['$..anonymous_id', 'device'],
  ['$..anonymousId', 'device'],
  ['$..metadata.user_id', 'account'],
  ['$..session_ingress_token', 'token'],
  ['$..worker_jwt', 'jwt'],
  ['$..access_token', 'token'],
  ['$..refresh_token', 'token'],
  ['$..oauth_token', 'token'],
  ['$..api_key', 'api-key'],
  ['$..apiKey', 'api-key'],
  ['$..session_key', 'token'],
  ['$..sessionKey', 'token'],
  ['$..credential.token', 'token'],
  ['$..client_secret', 'token'],
  ['$..password', 'token'],
];

/** Credential shapes redacted wherever they appear; the leak scan looks for the same shapes. */
export const CREDENTIAL_PATTERNS: ReadonlyArray<{ readonly name: string; readonly what: string; readonly pattern: RegExp; readonly group?: number }> = [
  { name: 'anthropic-key', what: 'an Anthropic API key or token (sk-ant-…)', pattern: /sk-ant-[A-Za-z0-9_-]{8,}/g },
  { name: 'jwt', what: 'a JSON Web Token', pattern: /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g },
  { name: 'bearer', what: 'a Bearer/Basic credential', pattern: /\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/-]{12,}=*)/g, group: 1 },
  { name: 'session-cookie', what: 'a sessionKey cookie value', pattern: /\bsessionKey=([^;\s"',&\\]{8,})/g, group: 1 },
  { name: 'github-token', what: 'a GitHub token', pattern: /\bgh[pousr]_[A-Za-z0-9]{30,}/g },
  { name: 'aws-key', what: 'an AWS access key id', pattern: /\bAKIA[0-9A-Z]{16}\b/g },
  {
    name: 'private-key',
    what: 'a PEM private key',
    pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  },
];

/** An e-mail address anywhere in a string. */
export const EMAIL_PATTERN = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/**
 * The built-in rules: credentials in headers and cookies (every cookie value), identifying ids,
 * the organization uuid in URL paths and query strings, account fields and tokens at any depth of
 * JSON bodies and frames, e-mail addresses and credential-shaped tokens anywhere.
 */
export function defaultRedactionRules(): RedactionRule[] {
  return [
    ...SECRET_HEADERS.map(([name, category]) => headerRule(name, category)),
    cookieRule('*'),
    ...SECRET_QUERY.map(([name, category]) => queryRule(name, category)),
    { id: 'path:organizations', kind: 'path', pattern: /\/organizations\/([^/?#]+)/g, category: 'org' },
    ...SECRET_JSON.map(([path, category]) => jsonPathRule(path, category)),
    patternRule('email', EMAIL_PATTERN, 'email'),
    ...CREDENTIAL_PATTERNS.map((p) => patternRule(p.name, p.pattern, p.name === 'jwt' ? 'jwt' : 'token', p.group)),
  ];
}
