/**
 * Redaction rules: where secrets live in CCR traffic. Every rule has an `id` (the key of its count
 * in the redaction summary) and a pseudonym `category` (the word used in the placeholder).
 */

/**
 * Redacts the whole value of one header (case-insensitive); an auth scheme such as `Bearer` is kept.
 * The name `*` stands for every header that is not on the allowlist of harmless headers ({@link SAFE_HEADERS}).
 */
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

/** Redacts the value of a query parameter in every URL; `*` stands for every parameter not on {@link SAFE_QUERY}. */
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
  /** Only values this accepts are redacted (e.g. they must look random). */
  readonly accept?: ((value: string) => boolean) | undefined;
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

/** Characters that may continue a token: a match may only start where a run of them starts (linear time). */
const RUN = 'A-Za-z0-9_-';

/**
 * Credential shapes redacted wherever they appear; the leak scan looks for the same shapes. Every
 * pattern runs in linear time: it can only start at the beginning of a token (a lookbehind rejects
 * every other position at once) and its repeated parts cannot overlap, so a long run of token
 * characters is scanned once, not once per start position.
 */
export const CREDENTIAL_PATTERNS: ReadonlyArray<{
  readonly name: string;
  readonly what: string;
  readonly pattern: RegExp;
  readonly group?: number;
  /** Extra check on the matched value (e.g. it must look random). */
  readonly accept?: (value: string) => boolean;
}> = [
  // A match that starts always runs to the end of its token, so these need no start guard.
  { name: 'anthropic-key', what: 'an Anthropic API key or token (sk-ant-…)', pattern: new RegExp(`sk-ant-[${RUN}]{8,}`, 'g') },
  { name: 'jwt', what: 'a JSON Web Token', pattern: new RegExp(`(?<![.${RUN}])eyJ[${RUN}]{4,}\\.[${RUN}]{4,}\\.[${RUN}]*`, 'g') },
  { name: 'bearer', what: 'a Bearer/Basic credential', pattern: /(?<![A-Za-z])(?:Bearer|Basic)[ \t]+([A-Za-z0-9._~+/-]{12,}=*)/g, group: 1 },
  { name: 'session-cookie', what: 'a sessionKey cookie value', pattern: /(?<![A-Za-z0-9_])sessionKey=([^;\s"',&\\]{8,})/g, group: 1 },
  { name: 'cf-clearance', what: 'a Cloudflare cf_clearance value', pattern: /(?<![A-Za-z0-9_])cf_clearance=([^;\s"',&\\]{8,})/g, group: 1 },
  { name: 'github-token', what: 'a GitHub token', pattern: /(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g },
  { name: 'aws-key', what: 'an AWS access key id', pattern: /(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])/g },
  {
    name: 'aws-secret',
    what: 'an AWS secret access key',
    pattern: /(?<![A-Za-z0-9_])aws_?secret_?access_?key["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    group: 1,
  },
  { name: 'slack-token', what: 'a Slack token', pattern: /(?<![A-Za-z0-9_-])xox[abposr]-[A-Za-z0-9-]{10,}/g },
  { name: 'slack-webhook', what: 'a Slack webhook URL', pattern: /hooks\.slack\.com\/services\/([A-Za-z0-9/]{16,})/g, group: 1 },
  { name: 'google-api-key', what: 'a Google API key', pattern: new RegExp(`AIza[${RUN}]{35}`, 'g') },
  { name: 'openai-style-key', what: 'an sk-… API key', pattern: new RegExp(`(?<![${RUN}])sk-(?:proj-|live-|test-)?[A-Za-z0-9]{20,}`, 'g') },
  { name: 'stripe-key', what: 'a Stripe key', pattern: /(?<![A-Za-z0-9_])[rs]k_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { name: 'npm-token', what: 'an npm token', pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}/g },
  { name: 'url-password', what: 'a password in a URL', pattern: /[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:/@"'<>]{1,64}:([^\s:/@"'<>]{3,128})@/g, group: 1 },
  {
    name: 'private-key',
    what: 'a PEM private key',
    pattern: /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[^-]*(?:-(?!----END)[^-]*)*(?:-----END [A-Z ]{0,40}PRIVATE KEY-----)?/g,
  },
  {
    name: 'key-like-name',
    what: 'a random-looking value next to a key-like name',
    pattern:
      /(?<![A-Za-z0-9])(?:[A-Za-z0-9]{1,30}[_-])?(?:secret|token|passw(?:or)?d|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|credential|auth[_-]?key)(?:[_-][A-Za-z0-9]{1,30}){0,3}["']?[ \t]*[:=][ \t]*["']?([A-Za-z0-9+/=_.~-]{12,512})/gi,
    group: 1,
    accept: looksRandom,
  },
];

/** Whether a value looks like a random secret: letters and digits mixed, not a word, path or placeholder. */
export function looksRandom(value: string): boolean {
  if (value.length < 12) return false;
  if (/^redacted-/.test(value)) return false;
  const letters = /[A-Za-z]/.test(value);
  const digits = /[0-9]/.test(value);
  const mixedCase = /[a-z]/.test(value) && /[A-Z]/.test(value);
  return letters && (digits || mixedCase) && new Set(value).size >= 8;
}

/**
 * An e-mail address anywhere in a string. Linear time: a match may only start where a run of
 * local-part characters starts, and every part is bounded (RFC 5321 lengths).
 */
export const EMAIL_PATTERN = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/g;

/**
 * The built-in rules: credentials in headers and cookies (every cookie value), identifying ids,
 * the organization uuid in URL paths and query strings, account fields and tokens at any depth of
 * JSON bodies and frames, e-mail addresses and credential-shaped tokens anywhere.
 */
export function defaultRedactionRules(): RedactionRule[] {
  return [
    ...SECRET_HEADERS.map(([name, category]) => headerRule(name, category)),
    // Every other header and query parameter that is not on the allowlist of harmless names.
    headerRule('*', 'header'),
    cookieRule('*'),
    ...SECRET_QUERY.map(([name, category]) => queryRule(name, category)),
    queryRule('*', 'param'),
    { id: 'path:organizations', kind: 'path', pattern: /\/organizations\/([^/?#]+)/g, category: 'org' },
    ...SECRET_JSON.map(([path, category]) => jsonPathRule(path, category)),
    patternRule('email', EMAIL_PATTERN, 'email'),
    ...CREDENTIAL_PATTERNS.map((p) => ({ ...patternRule(p.name, p.pattern, p.name === 'jwt' ? 'jwt' : 'token', p.group), accept: p.accept })),
  ];
}

/**
 * Headers whose values are harmless and kept as they are (after the text patterns). Every other
 * header without a rule has its whole value replaced: an unknown header (`x-auth-token`, a
 * vendor's session header) is treated as a credential until it is allowed.
 */
export const SAFE_HEADERS: ReadonlySet<string> = new Set([
  'accept', 'accept-encoding', 'accept-language', 'accept-ranges', 'access-control-allow-credentials',
  'access-control-allow-headers', 'access-control-allow-methods', 'access-control-allow-origin',
  'access-control-expose-headers', 'access-control-max-age', 'access-control-request-headers',
  'access-control-request-method', 'access-control-request-private-network', 'age', 'allow', 'anthropic-beta',
  'anthropic-version', 'anthropic-client-platform', 'cache-control', 'cf-cache-status', 'cf-ray', 'connection',
  'content-encoding', 'content-language', 'content-length', 'content-type', 'date', 'etag', 'expires', 'host',
  'keep-alive', 'last-event-id', 'last-modified', 'origin', 'pragma', 'request-id', 'retry-after', 'sec-ch-ua',
  'sec-ch-ua-mobile', 'sec-ch-ua-platform', 'sec-fetch-dest', 'sec-fetch-mode', 'sec-fetch-site', 'sec-fetch-user',
  'sec-websocket-extensions', 'sec-websocket-version', 'server', 'strict-transport-security', 'te',
  'transfer-encoding', 'upgrade', 'user-agent', 'vary', 'via', 'x-content-type-options', 'x-frame-options',
  'x-request-id', 'x-last-request-id', 'x-powered-by', 'x-xss-protection', 'priority',
]);

/** Header name prefixes whose values are harmless (rate-limit counters and the like). */
export const SAFE_HEADER_PREFIXES: readonly string[] = ['anthropic-ratelimit-', 'x-ratelimit-', 'ratelimit-'];

/** Headers whose value is a URL: redacted as a URL (path rules, query parameters), not replaced whole. */
export const URL_HEADERS: ReadonlySet<string> = new Set(['location', 'referer', 'content-location']);

/**
 * Query parameters whose values are harmless paging and protocol switches. Every other parameter
 * without a rule has its value replaced (`?secret=`, `?cf_clearance=`, `?q=` alike).
 */
export const SAFE_QUERY: ReadonlySet<string> = new Set([
  'replay', 'limit', 'after_id', 'before_id', 'after', 'before', 'order', 'cursor', 'from_sequence_num',
  'after_event_id', 'subagents', 'session_agent_id', 'stream', 'beta', 'page', 'per_page', 'status', 'include',
  'sequence_num', 'v', 'version', 'format',
]);
