import { NdjsonDecoder, encodeFrame } from '@ccr-kit/protocol-types';
import { ClientError, HttpError } from '../errors';
import { describeJson, isFrameObject } from './frame-check';
import type { Transport, TransportCloseInfo, TransportMessage } from './types';

/** The part of the WHATWG `WebSocket` (and of the `ws` package's) API the transport uses. */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * A WebSocket constructor: the global `WebSocket`, or the `ws` package's (which also takes
 * `{ headers }` as a third argument; browsers ignore it and cannot set headers).
 */
export type WebSocketConstructor = new (
  url: string,
  protocols?: string | string[],
  options?: { headers?: Record<string, string> },
) => WebSocketLike;

/** Options of {@link WebSocketTransport}. */
export interface WebSocketTransportOptions {
  url: string;
  /** Upgrade request headers (cookies, origin, …); only the `ws` package sends them. */
  headers?: Record<string, string> | undefined;
  /** The constructor to use. */
  WebSocket: WebSocketConstructor;
  /** A frame sent right after the socket opens (e.g. `{type:'auth', credential}` for browsers). */
  firstFrame?: Record<string, unknown> | undefined;
  /** Longest NDJSON line accepted. @default 16 MiB */
  maxLineBytes?: number | undefined;
}

const OPEN = 1;
/** Close codes after which reconnecting cannot help (protocol error, unauthorized, forbidden). */
const PERMANENT_CODES = new Set([1002, 4001, 4003]);

function statusOf(event: unknown): number | undefined {
  const message = (event as { message?: unknown } | null)?.message;
  const match = typeof message === 'string' ? /Unexpected server response: (\d{3})/.exec(message) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * The v1 transport: NDJSON over a WebSocket (PROTOCOL.md#v1-websocket). Each message may carry
 * several lines, and a line may be split across messages; frames are encoded strictly.
 */
export class WebSocketTransport implements Transport {
  onmessage?: ((message: TransportMessage) => void) | undefined;
  onclose?: ((info: TransportCloseInfo) => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  readonly keepAlive = true;

  readonly #options: WebSocketTransportOptions;
  readonly #decoder: NdjsonDecoder;
  #socket: WebSocketLike | undefined;
  #closed = false;

  constructor(options: WebSocketTransportOptions) {
    this.#options = options;
    this.#decoder = new NdjsonDecoder({ maxLineBytes: options.maxLineBytes });
  }

  start(): Promise<void> {
    const { url, headers, WebSocket } = this.#options;
    if (typeof WebSocket !== 'function') {
      return Promise.reject(
        new ClientError('NOT_CONNECTED', 'No WebSocket implementation is available; pass the WebSocket option (e.g. the ws package) on this platform.'),
      );
    }
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      let failure: Error | undefined;
      const socket = new WebSocket(url, undefined, headers ? { headers } : undefined);
      this.#socket = socket;
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => {
        opened = true;
        if (this.#options.firstFrame) socket.send(`${JSON.stringify(this.#options.firstFrame)}\n`);
        resolve();
      };
      socket.onmessage = (event) => this.#receive(event.data);
      socket.onerror = (event) => {
        const status = statusOf(event);
        const message = (event as { message?: unknown } | null)?.message;
        failure =
          status !== undefined
            ? new HttpError({ status, method: 'GET', url, body: undefined, requestId: undefined })
            : new ClientError('CONNECTION_CLOSED', `WebSocket error on ${url}${typeof message === 'string' ? `: ${message}` : ''}.`);
        if (opened) this.onerror?.(failure);
      };
      socket.onclose = (event) => {
        // A line cut off by the close is not an error worth reporting: the session resumes past it.
        for (const item of this.#decoder.end()) if (item.ok) this.#emit(item);
        const wasClosed = this.#closed;
        this.#closed = true;
        this.#socket = undefined;
        if (!opened) {
          reject(failure ?? new ClientError('CONNECTION_CLOSED', `WebSocket ${url} closed before opening (code ${event.code}${event.reason ? `: ${event.reason}` : ''}).`));
          return;
        }
        if (!wasClosed || event.code !== 1000) {
          this.onclose?.({ code: event.code, reason: event.reason, error: failure, permanent: PERMANENT_CODES.has(event.code) });
        } else {
          this.onclose?.({ code: event.code, reason: event.reason });
        }
      };
    });
  }

  #receive(data: unknown): void {
    const chunk = typeof data === 'string' ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : String(data);
    const items = this.#decoder.push(chunk);
    for (let i = 0; i < items.length; i++) this.#emit(items[i]!);
  }

  #emit(item: ReturnType<NdjsonDecoder['push']>[number]): void {
    if (!item.ok) {
      this.onerror?.(new ClientError('INVALID_FRAME', `Dropped line ${item.line} of the WebSocket stream: ${item.error.message}`, { cause: item.error }));
      return;
    }
    if (!isFrameObject(item.value)) {
      this.onerror?.(new ClientError('INVALID_FRAME', `Dropped line ${item.line} of the WebSocket stream: a frame must be a JSON object, got ${describeJson(item.value)}.`));
      return;
    }
    // Nothing downstream may throw into the socket's event handler: that would end the host process.
    try {
      this.onmessage?.({ kind: 'frame', frame: item.value });
    } catch (error) {
      this.onerror?.(new ClientError('INVALID_FRAME', `Line ${item.line} of the WebSocket stream could not be handled: ${(error as Error).message}`, { cause: error }));
    }
  }

  async send(frame: Record<string, unknown>): Promise<void> {
    const socket = this.#socket;
    if (!socket || socket.readyState !== OPEN) {
      throw new ClientError('NOT_CONNECTED', 'WebSocketTransport.send: the socket is not open; wait for the session to reconnect.');
    }
    socket.send(`${encodeFrame(frame, { allowUnknownKeys: true })}\n`);
  }

  async close(): Promise<void> {
    const socket = this.#socket;
    if (this.#closed || !socket) return;
    this.#closed = true;
    socket.close(1000, 'Normal closure');
  }
}
