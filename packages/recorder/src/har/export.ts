import { encodeSseEvent, type TapeEvent, type TapeHeader } from '@ccr-kit/protocol-types';
import { RECORDER_TOOL } from '../version';
import type { Har, HarEntry, HarNameValue } from './types';

function pairs(headers: Readonly<Record<string, string>> | undefined): HarNameValue[] {
  return Object.entries(headers ?? {}).map(([name, value]) => ({ name, value }));
}

function queryOf(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function emptyResponse(): HarEntry['response'] {
  return {
    status: 0,
    statusText: '',
    httpVersion: 'HTTP/1.1',
    headers: [],
    cookies: [],
    content: { size: 0, mimeType: 'x-unknown' },
    redirectURL: '',
    headersSize: -1,
    bodySize: -1,
  };
}

function newEntry(startMs: number, method: string, url: string, headers: Readonly<Record<string, string>> | undefined): HarEntry {
  return {
    startedDateTime: new Date(startMs).toISOString(),
    time: 0,
    request: {
      method,
      url,
      httpVersion: 'HTTP/1.1',
      headers: pairs(headers),
      queryString: queryOf(url),
      cookies: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: emptyResponse(),
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}

/** What {@link tapeToHar} produced. */
export interface TapeToHarResult {
  readonly har: Har;
  /** Events HAR cannot hold (stdio lines, orphan events). */
  readonly skipped: number;
}

/**
 * Converts a tape to a HAR 1.2 document that Chrome DevTools opens: one entry per HTTP exchange
 * (SSE events become the `text/event-stream` body, and `_sseEvents` keeps their times) and one
 * per WebSocket with its frames in `_webSocketMessages` (and `_webSocketClose`, a ccr-kit field).
 */
export function tapeToHar(header: TapeHeader, events: readonly TapeEvent[]): TapeToHarResult {
  const base = Date.parse(header.started_at);
  const entries: HarEntry[] = [];
  const byId = new Map<string, { entry: HarEntry; t: number }>();
  let skipped = 0;
  const seconds = (t: number): number => (base + t) / 1000;
  for (const e of events) {
    if (e.kind === 'stdio.line') {
      skipped++;
      continue;
    }
    if (e.kind === 'http.request' || e.kind === 'ws.open') {
      const entry = newEntry(base + e.t, e.kind === 'ws.open' ? 'GET' : e.method, e.url, e.headers);
      if (e.kind === 'http.request' && e.body !== undefined) {
        const mimeType = e.headers['content-type'] ?? 'application/octet-stream';
        entry.request.postData = { mimeType, text: e.body };
        entry.request.bodySize = Buffer.byteLength(e.body);
      }
      if (e.kind === 'ws.open') {
        entry._resourceType = 'websocket';
        entry._webSocketMessages = [];
        entry.response = { ...emptyResponse(), status: 101, statusText: 'Switching Protocols' };
      }
      entries.push(entry);
      byId.set(e.id, { entry, t: e.t });
      continue;
    }
    const open = byId.get(e.id);
    if (open === undefined) {
      skipped++;
      continue;
    }
    const { entry } = open;
    const elapsed = Math.max(0, e.t - open.t);
    if (e.kind === 'http.response') {
      const mimeType = e.headers['content-type'] ?? 'x-unknown';
      const content = { size: e.body === undefined ? 0 : Buffer.byteLength(e.body), mimeType, ...(e.body !== undefined ? { text: e.body } : {}) };
      if (e.bodyEncoding === 'base64') Object.assign(content, { encoding: 'base64' });
      entry.response = { ...emptyResponse(), status: e.status, statusText: '', headers: pairs(e.headers), content };
      entry.time = elapsed;
      entry.timings.wait = elapsed;
    } else if (e.kind === 'sse.event') {
      const content = entry.response.content;
      content.text = (content.text ?? '') + encodeSseEvent({ event: e.event, data: e.data, id: e.lastEventId });
      content.size = Buffer.byteLength(content.text);
      (entry._sseEvents ??= []).push({ time: seconds(e.t), data: e.data, ...(e.event !== undefined ? { event: e.event } : {}), ...(e.lastEventId !== undefined ? { id: e.lastEventId } : {}) });
      entry.time = elapsed;
    } else if (e.kind === 'ws.frame') {
      (entry._webSocketMessages ??= []).push({ type: e.dir === 'to-server' ? 'send' : 'receive', time: seconds(e.t), opcode: 1, data: e.text });
      entry.time = elapsed;
    } else {
      entry._webSocketClose = { time: seconds(e.t), code: e.code, reason: e.reason };
      entry.time = elapsed;
    }
  }
  return { har: { log: { version: '1.2', creator: { ...RECORDER_TOOL }, entries } }, skipped };
}
