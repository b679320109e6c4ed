import type { TapeEvent } from '@ccr-kit/protocol-types';

/** Keys whose string values are ids that differ from run to run. */
const ID_KEYS = new Set([
  'uuid',
  'session_id',
  'sessionId',
  'request_id',
  'event_id',
  'tool_use_id',
  'parent_tool_use_id',
  'message_id',
  'task_id',
  'agent_id',
  'id',
  'first_id',
  'last_id',
  'after_id',
]);
/** Keys whose values are times. */
const TIME_KEY = /(^|_)(at|time|timestamp)$|At$|^timestamp$|^date$/;
/** Keys whose numbers are durations in milliseconds or seconds. */
const DURATION_KEY = /(^|_)(ms|seconds)$|Ms$|^duration|_duration/;
/** Keys whose numbers are money. */
const COST_KEY = /cost|usd|USD/;
/** Keys whose numbers are process ids. */
const PID_KEY = /^pid$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const PREFIXED_ID = /\b(msg|toolu|srvtoolu|req|cse|session|sess|evt|file|task|agent)_[A-Za-z0-9]{6,}\b/g;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
/** Headers whose values change on every run. */
const VOLATILE_HEADERS = new Set([
  'date',
  'age',
  'etag',
  'last-modified',
  'expires',
  'content-length',
  'x-request-id',
  'request-id',
  'cf-ray',
  'server-timing',
  'sec-websocket-key',
  'sec-websocket-accept',
  'x-envoy-upstream-service-time',
  'keep-alive',
]);

/**
 * Normalizes tape events for matching two recordings of the same flow: ids become `<kind-N>` in
 * order of first appearance (so correlations survive), times become `<time>`, durations, costs
 * and pids become 0, `t` becomes 0, volatile headers become `<volatile>`. Use one instance per
 * tape; the raw tape is never changed.
 */
export class TapeNormalizer {
  readonly #ids = new Map<string, string>();
  readonly #counters = new Map<string, number>();

  /** The normalized copy of one event. */
  normalize(event: TapeEvent): TapeEvent {
    const copy = { ...event, t: 0 } as TapeEvent & Record<string, unknown>;
    if ('id' in event) copy.id = this.#token(event.id, event.kind.startsWith('ws.') ? 'conn' : 'http');
    if ('url' in event) copy.url = this.#replaceIds(event.url);
    if ('headers' in event && event.headers !== undefined) copy.headers = this.#headers(event.headers);
    if ('body' in event && event.body !== undefined && event.bodyEncoding !== 'base64') copy.body = this.#jsonText(event.body);
    if (event.kind === 'ws.frame' || event.kind === 'stdio.line') copy.text = this.#jsonText(event.text);
    if (event.kind === 'sse.event') copy.data = this.#jsonText(event.data);
    return copy;
  }

  #token(value: string, kind: string): string {
    const known = this.#ids.get(value);
    if (known !== undefined) return known;
    const n = (this.#counters.get(kind) ?? 0) + 1;
    this.#counters.set(kind, n);
    const token = `<${kind}-${n}>`;
    this.#ids.set(value, token);
    return token;
  }

  /** Replaces uuids and prefixed ids inside a string. */
  #replaceIds(text: string): string {
    return text.replace(UUID, (m) => this.#token(m.toLowerCase(), 'uuid')).replace(PREFIXED_ID, (m, prefix: string) => this.#token(m, prefix));
  }

  #headers(headers: Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) out[name] = VOLATILE_HEADERS.has(name.toLowerCase()) ? '<volatile>' : this.#replaceIds(value);
    return out;
  }

  #jsonText(text: string): string {
    return text
      .split('\n')
      .map((line) => {
        const head = line.trimStart()[0];
        if (head !== '{' && head !== '[') return this.#replaceIds(line);
        try {
          return JSON.stringify(this.#value(JSON.parse(line) as unknown, undefined));
        } catch {
          return this.#replaceIds(line);
        }
      })
      .join('\n');
  }

  #value(value: unknown, key: string | undefined): unknown {
    if (typeof value === 'string') {
      if (ISO_TIME.test(value)) return '<time>';
      const replaced = this.#replaceIds(value);
      return key !== undefined && ID_KEYS.has(key) && value.length > 0 && replaced === value ? this.#token(value, 'id') : replaced;
    }
    if (typeof value === 'number' && key !== undefined) {
      if (DURATION_KEY.test(key) || COST_KEY.test(key) || PID_KEY.test(key) || TIME_KEY.test(key)) return 0;
      return value;
    }
    if (Array.isArray(value)) return value.map((item) => this.#value(item, undefined));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.#value(v, k);
      return out;
    }
    return value;
  }
}

/** Normalizes one event for matching (see {@link TapeNormalizer}); pass one normalizer for a whole tape to keep ids consistent. */
export function normalizeTapeEvent(event: TapeEvent, normalizer: TapeNormalizer = new TapeNormalizer()): TapeEvent {
  return normalizer.normalize(event);
}

/** Normalizes every event of a tape with one {@link TapeNormalizer}. */
export function normalizeTapeEvents(events: readonly TapeEvent[]): TapeEvent[] {
  const normalizer = new TapeNormalizer();
  return events.map((e) => normalizer.normalize(e));
}
