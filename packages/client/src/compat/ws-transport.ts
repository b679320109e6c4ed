import { DefaultWebSocket } from '#ws';
import { parseFrame, realClock, type Clock } from '@ccr-kit/protocol-types';
import { ClientError } from '../errors';
import { AsyncQueue } from '../internal/async-queue';
import { ClockTimer, withTimeout } from '../session/timers';
import { WebSocketTransport, type WebSocketConstructor } from '../transport/websocket';
import type { TransportCloseInfo } from '../transport/types';
import type { WsAuthMessage, WsServerMessage } from './types';

/** Options of {@link WsTransport} (`claude-remote-protocol`'s `TransportOptions`, plus injectables). */
export interface TransportOptions {
  /** A `ws://` or `wss://` URL, e.g. the v1 subscribe URL. */
  url: string;
  /** A frame sent as soon as the socket opens. */
  authMessage?: WsAuthMessage | undefined;
  /** Aborting closes the socket. */
  signal?: AbortSignal | undefined;
  /** Upgrade request headers (cookie, user agent, …); only the `ws` package sends them. */
  headers?: Record<string, string> | undefined;
  /** The WebSocket constructor; the `ws` package on Node, the global one elsewhere. */
  WebSocket?: WebSocketConstructor | undefined;
  /** @default 15000 */
  connectTimeout?: number | undefined;
  /** Interval of `keep_alive` frames, in ms; 0 disables. @default 50000 */
  keepAliveInterval?: number | undefined;
  clock?: Clock | undefined;
}

/** State of a {@link WsTransport} (seed name). */
export type TransportState = 'connecting' | 'connected' | 'disconnected' | 'error';

/**
 * One raw v1 socket with the seed's `WsTransport` API: it connects when constructed, sends
 * `keep_alive` every 50 s, and yields every received line as a parsed frame from `readMessages()`.
 * Prefer `SessionManager`, which adds reconnects, gap-free resume and control handling.
 */
export class WsTransport {
  /** The options it was made with. */
  readonly options: TransportOptions;
  readonly #transport: WebSocketTransport;
  readonly #queue = new AsyncQueue<WsServerMessage>();
  readonly #keepAlive: ClockTimer;
  readonly #ready: Promise<void>;
  #state: TransportState = 'connecting';
  #exitError: Error | null = null;
  #onAbort: (() => void) | undefined;

  /** @throws {ClientError} `INVALID_ARGUMENT` when the URL is not a `ws://` or `wss://` URL. */
  constructor(options: TransportOptions) {
    if (!/^wss?:\/\//i.test(options.url)) {
      throw new ClientError('INVALID_ARGUMENT', `WsTransport: url must start with ws:// or wss://, got ${JSON.stringify(options.url)}.`);
    }
    this.options = options;
    const clock = options.clock ?? realClock;
    this.#keepAlive = new ClockTimer(clock, () => this.#sendKeepAlive());
    this.#transport = new WebSocketTransport({
      url: options.url,
      headers: options.headers,
      WebSocket: options.WebSocket ?? (DefaultWebSocket as WebSocketConstructor),
      firstFrame: options.authMessage,
    });
    this.#transport.onmessage = (message) => {
      if (message.kind === 'frame') this.#queue.push(parseFrame(message.frame));
    };
    this.#transport.onclose = (info) => this.#closed(info);
    const timeout = options.connectTimeout ?? 15_000;
    this.#ready = withTimeout(clock, this.#transport.start(), timeout, () => new ClientError('TIMEOUT', `WebSocket ${options.url} did not open within ${timeout} ms.`)).then(
      () => {
        if (this.#state !== 'connecting') return;
        this.#state = 'connected';
        this.#keepAlive.start(options.keepAliveInterval ?? 50_000);
      },
      (error: unknown) => {
        const err = error instanceof Error ? error : new Error(String(error));
        if (this.#state === 'connecting') {
          this.#state = 'error';
          this.#exitError = err;
        }
        this.#queue.end();
        void this.#transport.close();
        throw err;
      },
    );
    // The failure is also reported by waitReady(); nobody has to await it.
    this.#ready.catch(() => undefined);
    if (options.signal) {
      this.#onAbort = () => {
        this.close();
        this.#exitError = new ClientError('ABORTED', 'WebSocket connection aborted by the caller.');
      };
      if (options.signal.aborted) this.#onAbort();
      else options.signal.addEventListener('abort', this.#onAbort, { once: true });
    }
  }

  get state(): TransportState {
    return this.#state;
  }

  /** Why the connection ended, when it ended abnormally. */
  get exitError(): Error | null {
    return this.#exitError;
  }

  get isOpen(): boolean {
    return this.#state === 'connected';
  }

  /** Resolves when the socket is open. @throws the connection failure. */
  waitReady(): Promise<void> {
    return this.#ready;
  }

  /**
   * Sends NDJSON text (one or more lines); ignored while the socket is not open, as in the seed.
   * @throws {ClientError} `INVALID_ARGUMENT` when a line is not JSON.
   */
  write(data: string): void {
    const frames = data
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line, i) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch (cause) {
          throw new ClientError('INVALID_ARGUMENT', `WsTransport.write: line ${i + 1} is not JSON: ${line.slice(0, 80)}`, { cause });
        }
      });
    if (!this.isOpen) return;
    for (const frame of frames) {
      this.#transport.send(frame).catch((error: unknown) => {
        this.#exitError = error instanceof Error ? error : new Error(String(error));
      });
    }
  }

  /** Nothing to do on a WebSocket (kept for the seed's SDK-like interface). */
  endInput(): void {}

  /** Every received frame, until the socket closes (one reader). */
  async *readMessages(): AsyncGenerator<WsServerMessage> {
    for await (const message of this.#queue) yield message;
  }

  /** Closes the socket (code 1000). */
  close(): void {
    this.#keepAlive.stop();
    if (this.#onAbort) this.options.signal?.removeEventListener('abort', this.#onAbort);
    if (this.#state === 'connecting' || this.#state === 'connected') this.#state = 'disconnected';
    this.#queue.end();
    void this.#transport.close();
  }

  #closed(info: TransportCloseInfo): void {
    this.#keepAlive.stop();
    if (this.#state !== 'error') this.#state = 'disconnected';
    if (info.code !== undefined && info.code !== 1000 && info.code !== 1001) {
      this.#exitError = new ClientError('CONNECTION_CLOSED', `WebSocket closed abnormally with code ${info.code}${info.reason ? `: ${info.reason}` : ''}.`, { cause: info.error });
    }
    this.#queue.end();
  }

  #sendKeepAlive(): void {
    if (!this.isOpen) return;
    this.#keepAlive.start(this.options.keepAliveInterval ?? 50_000);
    this.#transport.send({ type: 'keep_alive' }).catch(() => undefined);
  }
}
