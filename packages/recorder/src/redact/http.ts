import { createHash } from 'node:crypto';
import type { RedactionEngine } from './engine';
import { isPlaceholder } from './pseudonyms';
import { URL_HEADERS } from './rules';

/** Values kept even under a wildcard rule: small numbers and booleans carry no secret. */
const HARMLESS_VALUE = /^(?:\d{1,10}|true|false|yes|no|on|off)$/i;
const AUTH_SCHEME = /^(\s*(?:Bearer|Basic|Token|Digest|OAuth)\s+)(.+)$/i;
/** Splits several Set-Cookie values joined by a newline or by `, ` before the next `name=`. */
const SET_COOKIE_SEPARATOR = /(\n|,\s*(?=[^;,=\s]+=))/;

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function cookiePair(engine: RedactionEngine, pair: string): string {
  const m = /^(\s*)([^=]+?)(\s*=\s*)([\s\S]*?)(\s*)$/.exec(pair);
  if (m === null) return engine.text(pair);
  const [, lead, name, eq, raw, trail] = m as unknown as [string, string, string, string, string, string];
  const rule = engine.cookieRules.get(name) ?? engine.cookieRules.get('*');
  if (rule === undefined || raw === '') return lead + engine.text(name) + eq + engine.text(raw) + trail;
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"');
  const value = quoted ? raw.slice(1, -1) : raw;
  const placeholder = engine.replace(value, 'cookie', rule.id);
  return lead + name + eq + (quoted ? `"${placeholder}"` : placeholder) + trail;
}

/** Redacts a `Cookie` header: each cookie matched by a cookie rule gets a placeholder value. */
export function redactCookieHeader(engine: RedactionEngine, value: string): string {
  return value
    .split(';')
    .map((pair) => cookiePair(engine, pair))
    .join(';');
}

/** Redacts one or more `Set-Cookie` values: the cookie's value by the cookie rules, its attributes as text. */
export function redactSetCookie(engine: RedactionEngine, value: string): string {
  return value
    .split(SET_COOKIE_SEPARATOR)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      const semi = part.indexOf(';');
      const head = semi < 0 ? part : part.slice(0, semi);
      const attributes = semi < 0 ? '' : part.slice(semi);
      return cookiePair(engine, head) + engine.text(attributes);
    })
    .join('');
}

/** Redacts a header record (names are lower case): header rules, cookies, then free-text patterns. */
export function redactHeaders(engine: RedactionEngine, headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    const rule = engine.headerRules.get(name) ?? (URL_HEADERS.has(name) || name === 'cookie' || name === 'set-cookie' ? undefined : engine.unlistedHeaderRule(name));
    if (rule !== undefined) {
      const m = AUTH_SCHEME.exec(value);
      const scheme = m?.[1] ?? '';
      const secret = m?.[2] ?? value;
      const wildcard = rule.name === '*';
      out[rawName] =
        isPlaceholder(secret.trim()) || (wildcard && HARMLESS_VALUE.test(secret.trim()))
          ? value
          : scheme + engine.replace(secret.trim(), rule.category ?? 'token', rule.id, !wildcard);
    } else if (name === 'cookie') {
      out[rawName] = redactCookieHeader(engine, value);
    } else if (name === 'set-cookie') {
      out[rawName] = redactSetCookie(engine, value);
    } else if (URL_HEADERS.has(name)) {
      out[rawName] = redactUrl(engine, value);
    } else {
      out[rawName] = engine.text(value);
    }
  }
  return out;
}

/** Redacts a query string (without `?`): values of query rules get placeholders, other values are redacted as text. */
export function redactQuery(engine: RedactionEngine, query: string): string {
  return query
    .split('&')
    .map((param) => {
      const eq = param.indexOf('=');
      if (eq < 0) return engine.text(param);
      const name = decode(param.slice(0, eq));
      const raw = param.slice(eq + 1);
      const value = decode(raw);
      const rule = engine.queryRules.get(name);
      if (rule !== undefined && value !== '') {
        return `${param.slice(0, eq)}=${encodeURIComponent(engine.replace(value, rule.category ?? 'token', rule.id))}`;
      }
      const unlisted = engine.unlistedQueryRule(name);
      if (unlisted !== undefined && value !== '' && !isPlaceholder(value) && !HARMLESS_VALUE.test(value)) {
        // Not known to be harmless: the value goes, the name is kept (redacted as text). It is not
        // learned: an unknown parameter is more often an id than a credential.
        return `${engine.text(param.slice(0, eq))}=${encodeURIComponent(engine.replace(value, unlisted.category ?? 'param', unlisted.id, false))}`;
      }
      const redacted = engine.text(value);
      return redacted === value ? param : `${engine.text(param.slice(0, eq))}=${encodeURIComponent(redacted)}`;
    })
    .join('&');
}

/** Redacts a URL (absolute or a path): path rules such as the organization uuid, query parameters, then text patterns. */
export function redactUrl(engine: RedactionEngine, url: string): string {
  const hashAt = url.indexOf('#');
  const hash = hashAt < 0 ? '' : url.slice(hashAt);
  const beforeHash = hashAt < 0 ? url : url.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  let path = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const query = queryAt < 0 ? undefined : beforeHash.slice(queryAt + 1);
  for (const rule of engine.pathRules) {
    rule.pattern.lastIndex = 0;
    path = path.replace(rule.pattern, (match: string, group: unknown) => {
      if (typeof group !== 'string' || group === '') return match;
      const value = decode(group);
      if (isPlaceholder(value)) return match;
      return match.replace(group, encodeURIComponent(engine.replace(value, rule.category ?? 'token', rule.id)));
    });
  }
  path = engine.text(path);
  const q = query === undefined ? '' : `?${redactQuery(engine, query)}`;
  return path + q + (hash === '' ? '' : engine.text(hash));
}

/** The text a body is replaced with when it cannot be redacted: its size and hash, never its bytes. */
export function bodyMarker(bytes: Buffer | number, sha256: string, reason: string): string {
  const size = typeof bytes === 'number' ? bytes : bytes.length;
  return `[ccr-kit: body of ${size} bytes not recorded (${reason}); sha256 ${sha256}]`;
}

/** Whether a body is a marker written by {@link bodyMarker}. */
export function isBodyMarker(body: string): boolean {
  return body.startsWith('[ccr-kit: body of ');
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const JSON_TYPE = /[/+]json\b|ndjson|jsonl/i;

/**
 * Redacts a body by its content type: JSON and NDJSON by path rules, forms by query rules, anything
 * else as text. A body that cannot be redacted structurally — binary (not UTF-8), or declared (or
 * shaped) as JSON but not parseable — is replaced by a marker with its size and sha256.
 */
export function redactBody(
  engine: RedactionEngine,
  body: string,
  encoding: 'utf8' | 'base64' | undefined,
  contentType: string | undefined,
): { body: string; bodyEncoding?: 'base64' | undefined } {
  if (isBodyMarker(body)) return { body };
  if (encoding === 'base64') {
    const bytes = Buffer.from(body, 'base64');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      engine.bump('body:binary');
      return { body: bodyMarker(bytes, sha256Of(bytes), 'binary') };
    }
    const redacted = redactBody(engine, text, 'utf8', contentType);
    if (isBodyMarker(redacted.body)) return redacted;
    return redacted.body === text ? { body, bodyEncoding: 'base64' } : { body: Buffer.from(redacted.body, 'utf8').toString('base64'), bodyEncoding: 'base64' };
  }
  if (contentType !== undefined && /application\/x-www-form-urlencoded/i.test(contentType)) return { body: redactQuery(engine, body) };
  const declaredJson = contentType !== undefined && JSON_TYPE.test(contentType);
  const head = body.trimStart()[0];
  if (declaredJson || head === '{' || head === '[') {
    const lines = body.split('\n').filter((line) => line.trim() !== '');
    const parses = lines.every((line) => {
      try {
        JSON.parse(line);
        return true;
      } catch {
        return false;
      }
    });
    let whole = false;
    if (!parses) {
      try {
        JSON.parse(body);
        whole = true;
      } catch {
        whole = false;
      }
    }
    if (!parses && !whole) {
      engine.bump('body:malformed');
      const bytes = Buffer.from(body, 'utf8');
      return { body: bodyMarker(bytes, sha256Of(bytes), 'not parseable JSON') };
    }
  }
  return { body: engine.jsonText(body) };
}
