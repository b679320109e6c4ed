import { SseDecoder } from '@ccr-kit/protocol-types';
import { RecorderError } from '../errors';
import type { RedactionOptions } from '../redact/redactor';
import { TapeRecorder, type TapeEventInput, type TapeSummary } from '../tape/recorder';
import { MemoryTapeSink, type TapeSink } from '../tape/sink';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function bad(where: string, expected: string): never {
  throw new RecorderError('HAR', `Not a usable HAR file: ${where} should be ${expected}. Export the HAR again from DevTools or Playwright.`);
}

function field<T>(obj: Json, key: string, where: string, check: (v: unknown) => v is T, expected: string): T {
  const value = obj[key];
  if (!check(value)) bad(`${where}.${key}`, expected);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isArray = (v: unknown): v is unknown[] => Array.isArray(v);

function headersOf(list: unknown, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (list === undefined) return out;
  if (!Array.isArray(list)) bad(where, 'an array of {name, value}');
  list.forEach((h, i) => {
    if (!isRecord(h) || typeof h.name !== 'string' || typeof h.value !== 'string') bad(`${where}[${i}]`, 'a {name, value} pair of strings');
    const name = h.name.toLowerCase();
    if (name.startsWith(':')) return;
    out[name] = out[name] === undefined ? h.value : `${out[name]}, ${h.value}`;
  });
  return out;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  return headers[name];
}

function isWebSocket(entry: Json, url: string): boolean {
  return Array.isArray(entry._webSocketMessages) || /^wss?:/i.test(url) || entry._resourceType === 'websocket';
}

function sseEvents(text: string, id: string, t: number): TapeEventInput[] {
  const decoder = new SseDecoder();
  const out: TapeEventInput[] = [];
  for (const item of [...decoder.push(text), ...decoder.end()]) {
    if (item.kind !== 'event') continue;
    out.push({ t, kind: 'sse.event', id, ...(item.event !== 'message' ? { event: item.event } : {}), data: item.data, ...(item.id !== undefined ? { lastEventId: item.id } : {}) });
  }
  return out;
}

/** Times above this are epoch milliseconds (Playwright); below, epoch seconds (Chrome DevTools). */
const MS_THRESHOLD = 1e11;

/**
 * Milliseconds since `base` for a WebSocket message or SSE time, rounded to microseconds. Chrome
 * writes epoch seconds, Playwright epoch milliseconds; a negative time (Playwright's `omitTiming`)
 * falls back to `fallback`.
 */
function offsetOf(time: number, base: number, fallback = 0): number {
  if (time < 0) return fallback;
  const ms = time > MS_THRESHOLD ? time : time * 1000;
  return Math.max(0, Math.round((ms - base) * 1000) / 1000);
}

function webSocketEvents(entry: Json, where: string, id: string, url: string, t: number, base: number): TapeEventInput[] {
  const request = entry.request as Json;
  const headers = headersOf(request.headers, `${where}.request.headers`);
  const out: TapeEventInput[] = [{ t, kind: 'ws.open', id, url, ...(Object.keys(headers).length > 0 ? { headers } : {}) }];
  const messages = entry._webSocketMessages ?? [];
  if (!Array.isArray(messages)) bad(`${where}._webSocketMessages`, 'an array');
  messages.forEach((m, i) => {
    const at = `${where}._webSocketMessages[${i}]`;
    if (!isRecord(m)) bad(at, 'an object');
    const type = field(m, 'type', at, isString, '"send" or "receive"');
    const time = field(m, 'time', at, isNumber, 'a time in seconds');
    const data = field(m, 'data', at, isString, 'a string');
    if (m.opcode !== undefined && m.opcode !== 1) return;
    out.push({ t: offsetOf(time, base, t), kind: 'ws.frame', id, dir: type === 'send' ? 'to-server' : 'to-client', text: data });
  });
  const close = entry._webSocketClose;
  if (isRecord(close) && isNumber(close.time) && isNumber(close.code)) {
    out.push({ t: offsetOf(close.time, base, t), kind: 'ws.close', id, code: close.code, reason: typeof close.reason === 'string' ? close.reason : '' });
  }
  return out;
}

function httpEvents(entry: Json, where: string, id: string, url: string, t: number, base: number): TapeEventInput[] {
  const request = entry.request as Json;
  const method = field(request, 'method', `${where}.request`, isString, 'an HTTP method');
  const headers = headersOf(request.headers, `${where}.request.headers`);
  const post = isRecord(request.postData) && typeof request.postData.text === 'string' ? { body: request.postData.text } : {};
  const out: TapeEventInput[] = [{ t, kind: 'http.request', id, method, url, headers, ...post }];
  const response = entry.response;
  if (!isRecord(response) || !isNumber(response.status) || response.status === 0) return out;
  const resHeaders = headersOf(response.headers, `${where}.response.headers`);
  const content = isRecord(response.content) ? response.content : {};
  const end = t + (isNumber(entry.time) ? Math.max(0, entry.time) : 0);
  const mime = typeof content.mimeType === 'string' ? content.mimeType : (headerValue(resHeaders, 'content-type') ?? '');
  if (/text\/event-stream/i.test(mime)) {
    const timings = isRecord(entry.timings) ? entry.timings : {};
    const wait = isNumber(timings.wait) && timings.wait > 0 ? timings.wait : 0;
    out.push({ t: t + wait, kind: 'http.response', id, status: response.status, headers: resHeaders });
    if (Array.isArray(entry._sseEvents)) {
      for (const e of entry._sseEvents) {
        if (!isRecord(e) || !isString(e.data) || !isNumber(e.time)) continue;
        const extra = { ...(isString(e.event) ? { event: e.event } : {}), ...(isString(e.id) ? { lastEventId: e.id } : {}) };
        out.push({ t: offsetOf(e.time, base, end), kind: 'sse.event', id, data: e.data, ...extra });
      }
    } else if (typeof content.text === 'string') {
      const text = content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
      out.push(...sseEvents(text, id, Math.max(end, t + wait)));
    }
    return out;
  }
  const body = typeof content.text === 'string' ? { body: content.text, ...(content.encoding === 'base64' ? { bodyEncoding: 'base64' as const } : {}) } : {};
  out.push({ t: end, kind: 'http.response', id, status: response.status, headers: resHeaders, ...body });
  return out;
}

/**
 * The tape events in a HAR (Chrome DevTools, Playwright, or one written by {@link tapeToHar}):
 * requests and responses, WebSocket frames from `_webSocketMessages`, SSE events from
 * `text/event-stream` bodies. Not redacted; `startedAt` is the first request's time.
 * @throws {RecorderError} `HAR` naming the first field that is not as HAR 1.2 says.
 */
export function harToTapeEvents(har: unknown): { startedAt: number; events: TapeEventInput[] } {
  const { startedAt, events } = harToTapeEventsWithEntries(har);
  return { startedAt, events };
}

/** {@link harToTapeEvents}, plus which HAR entry each exchange id came from. */
function harToTapeEventsWithEntries(har: unknown): { startedAt: number; events: TapeEventInput[]; entries: Map<string, { where: string; url: string }> } {
  if (!isRecord(har) || !isRecord(har.log)) bad('the top level', 'an object with a "log" object');
  const entries = field(har.log, 'entries', 'log', isArray, 'an array');
  const starts = entries.map((e, i) => {
    const where = `log.entries[${i}]`;
    if (!isRecord(e) || !isRecord(e.request)) bad(where, 'an object with a "request" object');
    const started = Date.parse(field(e, 'startedDateTime', where, isString, 'an ISO date'));
    if (Number.isNaN(started)) bad(`${where}.startedDateTime`, 'an ISO date');
    return started;
  });
  const base = starts.length === 0 ? Date.now() : Math.min(...starts);
  const events: TapeEventInput[] = [];
  const ids = new Map<string, { where: string; url: string }>();
  const counters = { req: 0, ws: 0 };
  entries.forEach((e, i) => {
    const entry = e as Json;
    const where = `log.entries[${i}]`;
    const url = field(entry.request as Json, 'url', `${where}.request`, isString, 'a URL');
    const t = (starts[i] as number) - base;
    const id = isWebSocket(entry, url) ? `ws-${++counters.ws}` : `req-${++counters.req}`;
    ids.set(id, { where, url });
    if (id.startsWith('ws-')) events.push(...webSocketEvents(entry, where, id, url, t, base));
    else events.push(...httpEvents(entry, where, id, url, t, base));
  });
  events.sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  return { startedAt: base, events, entries: ids };
}

/** Options of {@link importHar}. */
export interface ImportHarOptions {
  /** Where the tape goes. @default a {@link MemoryTapeSink} */
  sink?: TapeSink | undefined;
  redaction?: RedactionOptions | undefined;
}

/** An entry of the HAR that was left out of the tape because it could not be redacted. */
export interface SkippedHarEntry {
  /** Where it is in the HAR, e.g. `log.entries[3]`. */
  readonly entry: string;
  readonly url: string;
  /** What the leak scan still found, and in which field (never the value). */
  readonly what: string;
  readonly field: string;
}

/**
 * Converts a HAR into a redacted tape (capture `har`). An entry that cannot be redacted is left out
 * whole (listed in `skippedEntries`, the tape marked incomplete) and the import goes on with the rest.
 */
export function importHar(har: unknown, options: ImportHarOptions = {}): TapeSummary & { sink: TapeSink; skippedEntries: SkippedHarEntry[] } {
  const { startedAt, events, entries } = harToTapeEventsWithEntries(har);
  const sink = options.sink ?? new MemoryTapeSink();
  const recorder = new TapeRecorder({ capture: 'har', sink, startedAt, redaction: options.redaction, onLeak: 'skip', holdMs: 0 });
  for (const event of events) if (!recorder.record(event)) break;
  const summary = recorder.finish();
  const skippedEntries = summary.skipped.map((location) => {
    const entry = location.id === undefined ? undefined : entries.get(location.id);
    return { entry: entry?.where ?? 'an entry', url: entry?.url ?? '', what: location.what, field: location.field };
  });
  return { ...summary, sink, skippedEntries };
}
