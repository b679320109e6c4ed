import type { TapeEvent } from '@ccr-kit/protocol-types';
import { RedactionEngine } from './engine';
import { redactBody, redactHeaders, redactUrl } from './http';
import { defaultRedactionRules, type RedactionRule } from './rules';
import { findLeak, findLeakInText, type LeakFinding } from './scan';
import { secretsFromEnv, type KnownSecret } from './secrets';

/** How a tape is redacted. */
export interface RedactionOptions {
  /** Rules used instead of {@link defaultRedactionRules}. */
  rules?: readonly RedactionRule[] | undefined;
  /** Rules added to the defaults (or to `rules`). */
  extraRules?: readonly RedactionRule[] | undefined;
  /** Secret values that must never be written; they are redacted wherever they appear. */
  secrets?: readonly (string | KnownSecret)[] | undefined;
  /** The environment searched for credential variables; `false` reads none. @default process.env */
  env?: Readonly<Record<string, string | undefined>> | false | undefined;
  /** More environment variable names whose values are secrets (any length). */
  secretEnv?: readonly string[] | undefined;
  /** Headers added to the allowlist of harmless headers kept as they are (every other header's value is replaced). */
  allowHeaders?: readonly string[] | undefined;
  /** Query parameters added to the allowlist of harmless parameters (every other parameter's value is replaced). */
  allowQuery?: readonly string[] | undefined;
}

/** What redaction did to one tape, without any secret value. */
export interface RedactionReport {
  /** Ids of the rules in use. */
  readonly rules: string[];
  /** Replacements per rule id (`secret:<label>` for known secrets, `learned` for values found again elsewhere). */
  readonly counts: Record<string, number>;
  /** Distinct values replaced, per placeholder shape. */
  readonly pseudonyms: Record<string, number>;
  /** How many known secrets were searched for, by source. */
  readonly secretsChecked: { readonly configured: number; readonly environment: string[]; readonly learned: number };
}

function headerOf(headers: Readonly<Record<string, string>> | undefined, name: string): string | undefined {
  if (headers === undefined) return undefined;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

/**
 * Redacts tape events before they are written: the same instance must see every event of a tape,
 * so that the same value gets the same placeholder throughout.
 */
export class Redactor {
  readonly #engine: RedactionEngine;
  readonly #configured: number;
  readonly #environment: string[];

  constructor(options: RedactionOptions = {}) {
    const rules = [...(options.rules ?? defaultRedactionRules()), ...(options.extraRules ?? [])];
    const configured = (options.secrets ?? []).map((s, i) =>
      typeof s === 'string' ? { label: `configured secret #${i + 1}`, value: s } : s,
    );
    const env = options.env === false ? [] : secretsFromEnv(options.env ?? process.env, options.secretEnv);
    this.#configured = configured.length;
    this.#environment = env.map((s) => s.label.replace(/^env /, ''));
    this.#engine = new RedactionEngine(rules, [...configured, ...env], { headers: options.allowHeaders, query: options.allowQuery });
  }

  /** The redacted copy of an event (the input is not changed). */
  redact(event: TapeEvent): TapeEvent {
    const learned = this.#engine.learnedCount;
    const once = this.#redactOnce(event);
    // A value learned from a later field may have appeared in an earlier one: one more pass finds it.
    return this.#engine.learnedCount > learned ? this.#redactOnce(once) : once;
  }

  /** Runs the leak scan on a redacted event and its serialized line. */
  scan(event: TapeEvent, line: string): LeakFinding | undefined {
    return findLeak(event, line, this.#engine.secrets());
  }

  /** Runs the leak scan on a line that is not an event (the tape header). */
  scanText(line: string): LeakFinding | undefined {
    return findLeakInText(line, this.#engine.secrets());
  }

  /** Redacts a JSON value by the JSON path and text rules (used for header metadata). */
  json(value: unknown): unknown {
    return this.#engine.json(value);
  }

  /** Where secrets (known, learned, credential-shaped) occur in a text: for scans across stream pieces. */
  secretRanges(text: string): Array<readonly [number, number]> {
    return this.#engine.secretRanges(text);
  }

  /** Whether a streamed text ends inside what may still become a secret (see the engine's `openTail`). */
  openTail(text: string): boolean {
    return this.#engine.openTail(text);
  }

  /** The placeholder for a fragment of a secret that was split across stream pieces. */
  piece(fragment: string): string {
    this.#engine.bump('stream:split-secret');
    return this.#engine.pseudonyms.for(fragment, 'piece');
  }

  /** Redacts a free-standing string (used for error messages and metadata that go into a tape). */
  text(value: string): string {
    return this.#engine.text(value);
  }

  /** The redaction report so far. */
  report(): RedactionReport {
    return {
      rules: [...this.#engine.ruleIds],
      counts: Object.fromEntries(this.#engine.counts),
      pseudonyms: this.#engine.pseudonyms.counts(),
      secretsChecked: { configured: this.#configured, environment: this.#environment, learned: this.#engine.learnedCount },
    };
  }

  #redactOnce(event: TapeEvent): TapeEvent {
    const e = this.#engine;
    switch (event.kind) {
      case 'http.request':
      case 'http.response': {
        const headers = redactHeaders(e, event.headers);
        const copy = event.kind === 'http.request' ? { ...event, url: redactUrl(e, event.url), headers } : { ...event, headers };
        if (event.body !== undefined) {
          const redacted = redactBody(e, event.body, event.bodyEncoding, headerOf(event.headers, 'content-type'));
          copy.body = redacted.body;
          if (redacted.bodyEncoding === undefined) delete copy.bodyEncoding;
          else copy.bodyEncoding = redacted.bodyEncoding;
        }
        return copy;
      }
      case 'ws.open':
        return event.headers === undefined
          ? { ...event, url: redactUrl(e, event.url) }
          : { ...event, url: redactUrl(e, event.url), headers: redactHeaders(e, event.headers) };
      case 'ws.frame':
        return { ...event, text: e.jsonText(event.text) };
      case 'ws.close':
        return { ...event, reason: e.text(event.reason) };
      case 'sse.event': {
        const copy = { ...event, data: e.jsonText(event.data) };
        if (event.event !== undefined) copy.event = e.text(event.event);
        if (event.lastEventId !== undefined) copy.lastEventId = e.text(event.lastEventId);
        return copy;
      }
      case 'stdio.line':
        return { ...event, text: e.jsonText(event.text) };
    }
  }
}
