import { compileJsonPath, matchJsonPath, type CompiledJsonPath } from './json-path';
import { Pseudonyms, isPlaceholder } from './pseudonyms';
import { CREDENTIAL_PATTERNS, SAFE_HEADERS, SAFE_HEADER_PREFIXES, SAFE_QUERY, type CookieRule, type HeaderRule, type JsonPathRule, type PathRule, type PatternRule, type QueryRule, type RedactionRule } from './rules';
import { secretVariants, type KnownSecret } from './secrets';

/** Values shorter than this are redacted where a rule points at them, but not searched for elsewhere. */
const MIN_LEARNED = 8;

/** The credential shapes with match indices (`d`), for {@link RedactionEngine.secretRanges}. */
const CREDENTIAL_SHAPES = CREDENTIAL_PATTERNS.map((shape) => ({
  ...shape,
  pattern: new RegExp(shape.pattern.source, shape.pattern.flags.includes('d') ? shape.pattern.flags : `${shape.pattern.flags}d`),
}));

interface CompiledJsonRule {
  readonly rule: JsonPathRule;
  readonly path: CompiledJsonPath;
}

interface Replacement {
  /** The text searched for: the secret or one of its encoded forms. */
  readonly value: string;
  /** The secret itself (its placeholder is used for every form). */
  readonly secret: string;
  readonly category: string;
  readonly ruleId: string;
}

/** Every encoded form of a secret, each replaced by the secret's placeholder. */
function replacementsOf(secret: string, category: string, ruleId: string): Replacement[] {
  return secretVariants(secret).map((value) => ({ value, secret, category, ruleId }));
}

/**
 * The redaction state of one tape: compiled rules, the pseudonym table, counts per rule, and the
 * secret values to search for everywhere (configured, from the environment, and values that a
 * rule redacted earlier in the tape).
 */
export class RedactionEngine {
  readonly pseudonyms = new Pseudonyms();
  readonly counts = new Map<string, number>();
  readonly ruleIds: readonly string[];
  readonly headerRules = new Map<string, HeaderRule>();
  readonly cookieRules = new Map<string, CookieRule>();
  readonly queryRules = new Map<string, QueryRule>();
  readonly pathRules: readonly PathRule[];
  readonly #patternRules: readonly PatternRule[];
  readonly #jsonByKey = new Map<string, CompiledJsonRule[]>();
  readonly #jsonOther: CompiledJsonRule[] = [];
  /** Configured and environment secrets, then learned values; longest first so overlaps redact fully. */
  #search: Replacement[] = [];
  readonly #learned = new Set<string>();
  readonly #known: readonly KnownSecret[];

  readonly #allowHeaders: ReadonlySet<string>;
  readonly #allowQuery: ReadonlySet<string>;

  constructor(rules: readonly RedactionRule[], secrets: readonly KnownSecret[], allow: { headers?: readonly string[] | undefined; query?: readonly string[] | undefined } = {}) {
    this.#allowHeaders = new Set([...SAFE_HEADERS, ...(allow.headers ?? []).map((h) => h.toLowerCase())]);
    this.#allowQuery = new Set([...SAFE_QUERY, ...(allow.query ?? [])]);
    this.ruleIds = [...new Set(rules.map((r) => r.id))];
    const paths: PathRule[] = [];
    const patterns: PatternRule[] = [];
    for (const rule of rules) {
      if (rule.kind === 'header') this.headerRules.set(rule.name.toLowerCase(), rule);
      else if (rule.kind === 'cookie') this.cookieRules.set(rule.name, rule);
      else if (rule.kind === 'query') this.queryRules.set(rule.name, rule);
      else if (rule.kind === 'path') paths.push({ ...rule, pattern: globalOf(rule.pattern) });
      else if (rule.kind === 'pattern') patterns.push({ ...rule, pattern: globalOf(rule.pattern) });
      else this.#addJsonRule(rule);
    }
    this.pathRules = paths;
    this.#patternRules = patterns;
    this.#known = secrets.filter((s) => s.value.length > 0);
    this.#search = this.#known.flatMap((s) => replacementsOf(s.value, 'secret', `secret:${s.label}`));
    this.#sortSearch();
  }

  /** The `*` header rule, for a header (lower case) that is not on the allowlist of harmless headers. */
  unlistedHeaderRule(name: string): HeaderRule | undefined {
    if (this.#allowHeaders.has(name) || SAFE_HEADER_PREFIXES.some((prefix) => name.startsWith(prefix))) return undefined;
    return this.headerRules.get('*');
  }

  /** The `*` query rule, for a parameter that is not on the allowlist of harmless parameters. */
  unlistedQueryRule(name: string): QueryRule | undefined {
    return this.#allowQuery.has(name) ? undefined : this.queryRules.get('*');
  }

  /** How many values rules have redacted so far (each is then searched for everywhere). */
  get learnedCount(): number {
    return this.#learned.size;
  }

  /** How many configured and environment secrets are searched for. */
  get knownCount(): number {
    return this.#known.length;
  }

  /** Every value the leak scan must not find: configured and environment secrets, and learned values. */
  secrets(): KnownSecret[] {
    return [...this.#known, ...[...this.#learned].map((value) => ({ label: 'a value redacted earlier in this tape', value }))];
  }

  /**
   * Replaces a value found by a rule with its placeholder, counts it and (unless `learn` is false)
   * searches for it everywhere from now on.
   */
  replace(value: string, category: string, ruleId: string, learn = true): string {
    if (value.length === 0 || isPlaceholder(value)) return value;
    this.bump(ruleId);
    if (learn && value.length >= MIN_LEARNED && !this.#learned.has(value) && !this.#known.some((s) => s.value === value)) {
      this.#learned.add(value);
      this.#search.push(...replacementsOf(value, category, 'learned'));
      this.#sortSearch();
    }
    return this.pseudonyms.for(value, category);
  }

  /**
   * Where known secrets (in every encoded form) and credential shapes occur in a text, as
   * `[start, end)` ranges; e-mail addresses and other identifying values are not secrets here.
   */
  secretRanges(text: string): Array<readonly [number, number]> {
    const out: Array<readonly [number, number]> = [];
    for (const s of this.#search) {
      for (let i = text.indexOf(s.value); i >= 0; i = text.indexOf(s.value, i + 1)) out.push([i, i + s.value.length]);
    }
    for (const shape of CREDENTIAL_SHAPES) {
      shape.pattern.lastIndex = 0;
      for (const m of text.matchAll(shape.pattern)) {
        const span = shape.group === undefined ? m.indices?.[0] : m.indices?.[shape.group];
        const value = shape.group === undefined ? m[0] : m[shape.group];
        if (span === undefined || value === undefined || value.length === 0 || isPlaceholder(value)) continue;
        if (shape.accept !== undefined && !shape.accept(value)) continue;
        out.push([span[0], span[1]]);
      }
    }
    return out;
  }

  /**
   * Whether a text ends inside what may still become a secret: its last characters (3 or more) are
   * the start of a known or learned secret (in any encoded form), or a PEM private key block begins
   * and has not ended. Streamed pieces in such a text wait before they are written.
   */
  openTail(text: string): boolean {
    const begin = text.lastIndexOf('-----BEGIN');
    if (begin >= 0 && !text.includes('-----END', begin)) return true;
    if (/-{1,5}(?:B(?:E(?:G(?:I(?:N)?)?)?)?)?$/.test(text)) return true;
    const last = text.charCodeAt(text.length - 1);
    for (const s of this.#search) {
      const max = Math.min(s.value.length - 1, text.length);
      // Compare only where the last character already matches: most candidates stop at one comparison.
      for (let k = max; k >= 3; k--) if (s.value.charCodeAt(k - 1) === last && text.endsWith(s.value.slice(0, k))) return true;
    }
    return false;
  }

  /** Adds one to a rule's count. */
  bump(ruleId: string, by = 1): void {
    this.counts.set(ruleId, (this.counts.get(ruleId) ?? 0) + by);
  }

  /** Redacts free text: known and learned secrets first, then every pattern rule. */
  text(input: string): string {
    let out = input;
    for (const s of this.#search) {
      if (out.length < s.value.length || !out.includes(s.value)) continue;
      const parts = out.split(s.value);
      this.bump(s.ruleId, parts.length - 1);
      out = parts.join(this.pseudonyms.for(s.secret, s.category));
    }
    for (const rule of this.#patternRules) {
      rule.pattern.lastIndex = 0;
      if (!rule.pattern.test(out)) continue;
      rule.pattern.lastIndex = 0;
      out = out.replace(rule.pattern, (match: string, ...groups: unknown[]) => {
        const target = rule.group === undefined ? match : groups[rule.group - 1];
        if (typeof target !== 'string' || target.length === 0 || isPlaceholder(target)) return match;
        if (rule.accept !== undefined && !rule.accept(target)) return match;
        const placeholder = this.replace(target, rule.category ?? 'token', rule.id);
        return rule.group === undefined ? placeholder : match.replace(target, placeholder);
      });
    }
    return out;
  }

  /** Redacts a text that may be JSON or NDJSON; unchanged input comes back as the very same string. */
  jsonText(input: string): string {
    const first = input.trimStart()[0];
    if (first === '{' || first === '[') {
      const whole = this.#jsonDocument(input);
      if (whole !== undefined) return whole;
    }
    if (!input.includes('\n')) return this.text(input);
    const lines = input.split('\n');
    let changed = false;
    const out = lines.map((line) => {
      const head = line.trimStart()[0];
      const redacted = (head === '{' || head === '[' ? this.#jsonDocument(line) : undefined) ?? this.text(line);
      if (redacted !== line) changed = true;
      return redacted;
    });
    return changed ? out.join('\n') : input;
  }

  /** Redacts a parsed JSON value; returns the same reference when nothing changed. */
  json(value: unknown, path: (string | number)[] = [], forced?: JsonPathRule): unknown {
    const rule = forced ?? (path.length > 0 ? this.#jsonRuleAt(path) : undefined);
    if (typeof value === 'string') {
      if (rule !== undefined) return this.replace(value, rule.category ?? 'token', rule.id);
      return this.#nestedOrText(value, path);
    }
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        path.push(i);
        const next = this.json(item, path, rule);
        path.pop();
        if (next !== item) (copy ??= [...value])[i] = next;
      });
      return copy ?? value;
    }
    if (value !== null && typeof value === 'object') {
      let copy: Record<string, unknown> | undefined;
      for (const [key, item] of Object.entries(value)) {
        path.push(key);
        const next = this.json(item, path, rule);
        path.pop();
        const safeKey = this.text(key);
        if (next !== item || safeKey !== key) {
          copy ??= { ...(value as Record<string, unknown>) };
          if (safeKey !== key) delete copy[key];
          copy[safeKey] = next;
        }
      }
      return copy ?? value;
    }
    return value;
  }

  #jsonDocument(input: string): string | undefined {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      return undefined;
    }
    const redacted = this.json(parsed);
    if (redacted === parsed) return input;
    const lead = /^\s*/.exec(input)?.[0] ?? '';
    const trail = /\s*$/.exec(input)?.[0] ?? '';
    return lead + JSON.stringify(redacted) + trail;
  }

  #nestedOrText(value: string, path: (string | number)[]): string {
    const head = value[0];
    if ((head === '{' || head === '[') && value.length > 1) {
      try {
        const parsed: unknown = JSON.parse(value);
        const redacted = this.json(parsed, path);
        return redacted === parsed ? value : JSON.stringify(redacted);
      } catch {
        // Not JSON after all: treat it as text.
      }
    }
    return this.text(value);
  }

  #addJsonRule(rule: JsonPathRule): void {
    const compiled = { rule, path: compileJsonPath(rule.path) };
    const key = compiled.path.lastKey;
    if (key === undefined) this.#jsonOther.push(compiled);
    else this.#jsonByKey.set(key, [...(this.#jsonByKey.get(key) ?? []), compiled]);
  }

  #jsonRuleAt(path: readonly (string | number)[]): JsonPathRule | undefined {
    const last = path[path.length - 1];
    const candidates = typeof last === 'string' ? this.#jsonByKey.get(last) : undefined;
    for (const c of candidates ?? []) if (matchJsonPath(c.path, path)) return c.rule;
    for (const c of this.#jsonOther) if (matchJsonPath(c.path, path)) return c.rule;
    return undefined;
  }

  #sortSearch(): void {
    this.#search.sort((a, b) => b.value.length - a.value.length);
  }
}

function globalOf(pattern: RegExp): RegExp {
  return pattern.flags.includes('g') ? new RegExp(pattern.source, pattern.flags) : new RegExp(pattern.source, `${pattern.flags}g`);
}
