import { SseDecoder, type SseItem } from '@ccr-kit/protocol-types';
import { bodyFields } from '../proxy/body';
import type { TapeEventInput } from '../tape/recorder';
import type { CdpEvent } from './cdp';

/** The DevTools calls the network recorder needs (a {@link CdpConnection} in practice). */
export interface CdpCalls {
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>): Promise<T>;
}

/** Options of {@link CdpNetworkRecorder}. */
export interface CdpNetworkRecorderOptions {
  /** Records one event at the given offset; `now()` gives the offset of "now". */
  record(event: TapeEventInput): void;
  now(): number;
  /** Record every request (documents, scripts, images…), not only fetch/XHR/EventSource/WebSocket. @default false */
  all?: boolean | undefined;
  warn?: ((message: string) => void) | undefined;
}

const API_TYPES = new Set(['Fetch', 'XHR', 'EventSource', 'Other', 'Preflight']);

interface Exchange {
  readonly id: string;
  readonly t: number;
  readonly method: string;
  readonly url: string;
  readonly type: string;
  headers: Record<string, string>;
  body?: { body: string; bodyEncoding?: 'base64' } | undefined;
  requestRecorded: boolean;
  /** `Network.getRequestPostData` is still running; the request is recorded when it returns. */
  bodyPending?: boolean | undefined;
  response?: { status: number; headers: Record<string, string>; mimeType: string } | undefined;
  responseHeadersExtra?: Record<string, string> | undefined;
  /** Set for `text/event-stream` responses read through `Network.streamResourceContent`. */
  stream?: SseDecoder | undefined;
  /** The SSE body could not be streamed: decode it whole when loading finishes. */
  sseFallback?: boolean | undefined;
}

type Params = Record<string, unknown>;

/** DevTools header objects join repeated headers with newlines; tapes use lower-case names and `, `. */
function tapeHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (typeof value === 'string' && !name.startsWith(':')) out[name.toLowerCase()] = value.replace(/\n/g, ', ');
  }
  return out;
}

function str(params: Params, key: string): string {
  const value = params[key];
  return typeof value === 'string' ? value : '';
}

function rec(params: Params, key: string): Params {
  const value = params[key];
  return value !== null && typeof value === 'object' ? (value as Params) : {};
}

/**
 * Turns `Network.*` DevTools events of one tab into tape events: requests (with the headers
 * actually sent, cookies included), responses with bodies (`getResponseBody`), SSE events (from
 * `eventSourceMessageReceived` for EventSource, and from `streamResourceContent` for fetch
 * streams as they arrive), and WebSocket open / frames / close.
 */
export class CdpNetworkRecorder {
  readonly #cdp: CdpCalls;
  readonly #options: CdpNetworkRecorderOptions;
  readonly #exchanges = new Map<string, Exchange>();
  readonly #earlyExtra = new Map<string, Record<string, string>>();
  readonly #sockets = new Map<string, { id: string; url: string; opened: boolean }>();
  readonly #counters = { req: 0, ws: 0 };
  readonly #work = new Set<Promise<void>>();

  constructor(cdp: CdpCalls, options: CdpNetworkRecorderOptions) {
    this.#cdp = cdp;
    this.#options = options;
  }

  /** Resolves when every body fetch started so far has been recorded. */
  async settled(): Promise<void> {
    while (this.#work.size > 0) await Promise.all([...this.#work]);
  }

  /** Handles one DevTools event (events of other domains are ignored). */
  handle(event: CdpEvent): void {
    const p = event.params;
    const requestId = str(p, 'requestId');
    switch (event.method) {
      case 'Network.requestWillBeSent':
        return this.#requestWillBeSent(requestId, p);
      case 'Network.requestWillBeSentExtraInfo':
        return this.#requestExtra(requestId, tapeHeaders(p.headers));
      case 'Network.responseReceived':
        return this.#responseReceived(requestId, p);
      case 'Network.responseReceivedExtraInfo': {
        const ex = this.#exchanges.get(requestId);
        if (ex !== undefined) ex.responseHeadersExtra = tapeHeaders(p.headers);
        return;
      }
      case 'Network.dataReceived': {
        const ex = this.#exchanges.get(requestId);
        const data = str(p, 'data');
        if (ex?.stream !== undefined && data !== '') this.#sse(ex, ex.stream.push(Buffer.from(data, 'base64')));
        return;
      }
      case 'Network.eventSourceMessageReceived': {
        const ex = this.#exchanges.get(requestId);
        if (ex === undefined) return;
        const name = str(p, 'eventName');
        const lastEventId = str(p, 'eventId');
        this.#options.record({ kind: 'sse.event', id: ex.id, ...(name !== '' && name !== 'message' ? { event: name } : {}), data: str(p, 'data'), ...(lastEventId !== '' ? { lastEventId } : {}) });
        return;
      }
      case 'Network.loadingFinished':
        return this.#finished(requestId);
      case 'Network.loadingFailed':
        return this.#failed(requestId);
      default:
        return this.#webSocket(event.method, requestId, p);
    }
  }

  #requestWillBeSent(requestId: string, p: Params): void {
    const request = rec(p, 'request');
    const type = str(p, 'type');
    const url = str(request, 'url');
    const previous = this.#exchanges.get(requestId);
    if (previous !== undefined && p.redirectResponse !== undefined) {
      const r = rec(p, 'redirectResponse');
      this.#recordRequest(previous);
      this.#options.record({ kind: 'http.response', id: previous.id, status: Number(r.status), headers: tapeHeaders(r.headers) });
      this.#exchanges.delete(requestId);
    }
    if (!this.#options.all && !API_TYPES.has(type)) return;
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const ex: Exchange = { id: `req-${++this.#counters.req}`, t: this.#options.now(), method: str(request, 'method') || 'GET', url, type, headers: tapeHeaders(request.headers), requestRecorded: false };
    const entries = Array.isArray(request.postDataEntries) ? (request.postDataEntries as Params[]) : [];
    if (typeof request.postData === 'string') ex.body = { body: request.postData };
    else if (entries.length > 0) ex.body = bodyFields(Buffer.concat(entries.map((e) => Buffer.from(str(e, 'bytes'), 'base64'))));
    else if (request.hasPostData === true) {
      ex.bodyPending = true;
      this.#track(this.#fetchPostData(requestId, ex));
    }
    this.#exchanges.set(requestId, ex);
    const early = this.#earlyExtra.get(requestId);
    if (early !== undefined) {
      this.#earlyExtra.delete(requestId);
      this.#requestExtra(requestId, early);
    }
  }

  async #fetchPostData(requestId: string, ex: Exchange): Promise<void> {
    try {
      const { postData } = await this.#cdp.send<{ postData: string }>('Network.getRequestPostData', { requestId });
      ex.body = { body: postData };
    } catch (error) {
      this.#options.warn?.(`The body of ${ex.method} ${ex.url} could not be read: ${(error as Error).message}`);
    }
    ex.bodyPending = false;
    // `requestRecorded` was set while the body was pending: the request is due, write it now.
    if (ex.requestRecorded) {
      ex.requestRecorded = false;
      this.#recordRequest(ex);
    }
  }

  #requestExtra(requestId: string, headers: Record<string, string>): void {
    const ex = this.#exchanges.get(requestId);
    if (ex === undefined) {
      this.#earlyExtra.set(requestId, headers);
      return;
    }
    ex.headers = { ...ex.headers, ...headers };
    this.#recordRequest(ex);
  }

  #recordRequest(ex: Exchange): void {
    if (ex.requestRecorded) return;
    ex.requestRecorded = true;
    if (ex.bodyPending === true) return;
    this.#options.record({ t: ex.t, kind: 'http.request', id: ex.id, method: ex.method, url: ex.url, headers: ex.headers, ...(ex.body ?? {}) });
  }

  #responseReceived(requestId: string, p: Params): void {
    const ex = this.#exchanges.get(requestId);
    if (ex === undefined) return;
    this.#recordRequest(ex);
    const r = rec(p, 'response');
    ex.response = { status: Number(r.status), headers: tapeHeaders(r.headers), mimeType: str(r, 'mimeType') };
    if (!/text\/event-stream/i.test(ex.response.mimeType)) return;
    this.#recordResponseHead(ex);
    if (ex.type === 'EventSource') return;
    ex.stream = new SseDecoder();
    this.#track(this.#startStream(requestId, ex));
  }

  async #startStream(requestId: string, ex: Exchange): Promise<void> {
    try {
      const { bufferedData } = await this.#cdp.send<{ bufferedData: string }>('Network.streamResourceContent', { requestId });
      if (ex.stream !== undefined && bufferedData !== '') this.#sse(ex, ex.stream.push(Buffer.from(bufferedData, 'base64')));
    } catch {
      // Older browsers cannot stream a response body to DevTools: read it whole at the end.
      ex.stream = undefined;
      ex.sseFallback = true;
    }
  }

  #recordResponseHead(ex: Exchange): void {
    const response = ex.response;
    if (response === undefined) return;
    this.#options.record({ kind: 'http.response', id: ex.id, status: response.status, headers: { ...response.headers, ...ex.responseHeadersExtra } });
  }

  #sse(ex: Exchange, items: SseItem[]): void {
    for (const item of items) {
      if (item.kind !== 'event') continue;
      this.#options.record({ kind: 'sse.event', id: ex.id, ...(item.event !== 'message' ? { event: item.event } : {}), data: item.data, ...(item.id !== undefined ? { lastEventId: item.id } : {}) });
    }
  }

  #finished(requestId: string): void {
    const ex = this.#exchanges.get(requestId);
    if (ex === undefined) return;
    this.#exchanges.delete(requestId);
    this.#recordRequest(ex);
    if (ex.stream !== undefined) return this.#sse(ex, ex.stream.end());
    if (ex.response === undefined || ex.type === 'EventSource') return;
    this.#track(this.#recordBody(requestId, ex, this.#options.now()));
  }

  async #recordBody(requestId: string, ex: Exchange, t: number): Promise<void> {
    const response = ex.response as NonNullable<Exchange['response']>;
    let fields: { body?: string; bodyEncoding?: 'base64' } = {};
    try {
      const { body, base64Encoded } = await this.#cdp.send<{ body: string; base64Encoded: boolean }>('Network.getResponseBody', { requestId });
      fields = base64Encoded ? bodyFields(Buffer.from(body, 'base64')) : { body };
    } catch (error) {
      this.#options.warn?.(`The response body of ${ex.method} ${ex.url} could not be read: ${(error as Error).message}`);
    }
    if (ex.sseFallback === true) {
      const decoder = new SseDecoder();
      const text = fields.bodyEncoding === 'base64' ? Buffer.from(fields.body ?? '', 'base64').toString('utf8') : (fields.body ?? '');
      return this.#sse(ex, [...decoder.push(text), ...decoder.end()]);
    }
    if (fields.body === '') fields = {};
    this.#options.record({ t, kind: 'http.response', id: ex.id, status: response.status, headers: { ...response.headers, ...ex.responseHeadersExtra }, ...fields });
  }

  #failed(requestId: string): void {
    const ex = this.#exchanges.get(requestId);
    if (ex === undefined) return;
    this.#exchanges.delete(requestId);
    this.#recordRequest(ex);
    if (ex.stream !== undefined) this.#sse(ex, ex.stream.end());
  }

  #webSocket(method: string, requestId: string, p: Params): void {
    if (method === 'Network.webSocketCreated') {
      this.#sockets.set(requestId, { id: `ws-${++this.#counters.ws}`, url: str(p, 'url'), opened: false });
      return;
    }
    const socket = this.#sockets.get(requestId);
    if (socket === undefined) return;
    const open = (headers?: Record<string, string>): void => {
      if (socket.opened) return;
      socket.opened = true;
      this.#options.record({ kind: 'ws.open', id: socket.id, url: socket.url, ...(headers !== undefined ? { headers } : {}) });
    };
    if (method === 'Network.webSocketWillSendHandshakeRequest') open(tapeHeaders(rec(p, 'request').headers));
    else if (method === 'Network.webSocketFrameSent' || method === 'Network.webSocketFrameReceived') {
      const frame = rec(p, 'response');
      if (frame.opcode !== 1) return;
      open();
      this.#options.record({ kind: 'ws.frame', id: socket.id, dir: method === 'Network.webSocketFrameSent' ? 'to-server' : 'to-client', text: str(frame, 'payloadData') });
    } else if (method === 'Network.webSocketClosed') {
      open();
      // The DevTools Protocol does not report close codes: 1005 means "no status received".
      this.#options.record({ kind: 'ws.close', id: socket.id, code: 1005, reason: '' });
      this.#sockets.delete(requestId);
    }
  }

  #track(work: Promise<void>): void {
    this.#work.add(work);
    void work.finally(() => this.#work.delete(work));
  }
}
