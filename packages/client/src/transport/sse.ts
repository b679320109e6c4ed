import { SseDecoder, contract, encodeFrame, readChunks, realClock, type Clock } from '@ccr-kit/protocol-types';
import { ClientError, HttpError } from '../errors';
import { ClockTimer } from '../session/timers';
import { describeJson, isFrameObject } from './frame-check';
import type { DeliveryUpdate, Transport, TransportCloseInfo, TransportMessage } from './types';

/** Options of {@link SseTransport}. */
export interface SseTransportOptions {
  /** The stream URL: `{base}/v1/code/sessions/{id}/events/stream`. */
  url: string;
  /** Headers for the stream request (auth, version, …). */
  headers?: Record<string, string> | undefined;
  /** Resume cursor sent as `Last-Event-ID`: the highest `sequence_num` already delivered. */
  lastEventId?: number | undefined;
  /** Posts one frame as a client event (`POST /v1/code/sessions/{id}/events`). */
  post: (frame: Record<string, unknown>) => Promise<void>;
  fetch?: typeof fetch | undefined;
  /**
   * Declare the stream dead after this long without a byte (events and `:` comments both count),
   * in ms; the session then reconnects and resumes with `Last-Event-ID`. 0 disables.
   * @default 45000 (the service's 15 s keep-alive comments plus 30 s, as the official worker uses)
   */
  silenceTimeout?: number | undefined;
  /** The clock of the silence timer. @default realClock */
  clock?: Clock | undefined;
}

/** Default of {@link SseTransportOptions.silenceTimeout}: 45 s. */
export const DEFAULT_SSE_SILENCE_TIMEOUT = 45_000;

const sseEvents = contract.channels.v2EventStream.sseEvents;

/**
 * The v2 transport (PROTOCOL.md#v2-sse): `GET …/events/stream` read with fetch streaming and
 * decoded as server-sent events; frames are sent by POST. Durable `client_event`s carry their
 * `sequence_num`, so the session can resume with `Last-Event-ID` and detect gaps.
 */
export class SseTransport implements Transport {
  onmessage?: ((message: TransportMessage) => void) | undefined;
  onclose?: ((info: TransportCloseInfo) => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  readonly keepAlive = false;

  readonly #options: SseTransportOptions;
  readonly #abort = new AbortController();
  readonly #clock: Clock;
  readonly #silence: ClockTimer;
  #lastBytes = 0;
  #open = false;
  #closed = false;

  constructor(options: SseTransportOptions) {
    this.#options = options;
    this.#clock = options.clock ?? realClock;
    this.#silence = new ClockTimer(this.#clock, () => this.#silenceCheck());
  }

  async start(): Promise<void> {
    const { url, lastEventId } = this.#options;
    const headers: Record<string, string> = { ...this.#options.headers, accept: 'text/event-stream' };
    if (lastEventId !== undefined && lastEventId > 0) headers['last-event-id'] = String(lastEventId);
    const doFetch = this.#options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(url, { method: 'GET', headers, signal: this.#abort.signal });
    } catch (error) {
      throw new ClientError('CONNECTION_CLOSED', `Could not open the event stream ${url}: ${(error as Error).message}.`, { cause: error });
    }
    if (!response.ok || !response.body) {
      const body = await response.text().catch(() => '');
      throw new HttpError({ status: response.status, method: 'GET', url, body: parseMaybe(body), requestId: response.headers.get('request-id') ?? undefined });
    }
    this.#open = true;
    this.#lastBytes = this.#clock.now();
    this.#silence.start(this.#silenceTimeout);
    void this.#read(response.body);
  }

  get #silenceTimeout(): number {
    return this.#options.silenceTimeout ?? DEFAULT_SSE_SILENCE_TIMEOUT;
  }

  /** Fires at most once per timeout: re-arms from the last byte instead of restarting per chunk. */
  #silenceCheck(): void {
    if (this.#closed) return;
    const timeout = this.#silenceTimeout;
    const quiet = this.#clock.now() - this.#lastBytes;
    if (quiet < timeout) {
      this.#silence.start(timeout - quiet);
      return;
    }
    const error = new ClientError(
      'TIMEOUT',
      `The event stream ${this.#options.url} sent nothing (not even a keep-alive comment) for ${quiet} ms; reconnecting. Raise silenceTimeout if the server pings less often.`,
    );
    this.#finish({ reason: error.message, error });
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new SseDecoder();
    let error: Error | undefined;
    try {
      for await (const chunk of readChunks(body, { signal: this.#abort.signal })) {
        if (chunk.length > 0) this.#lastBytes = this.#clock.now();
        for (const item of decoder.push(chunk)) this.#item(item);
      }
      for (const item of decoder.end()) this.#item(item);
    } catch (caught) {
      if (!this.#abort.signal.aborted) error = caught instanceof Error ? caught : new Error(String(caught));
    }
    this.#finish(error === undefined ? { reason: 'event stream ended' } : { reason: error.message, error });
  }

  #item(item: ReturnType<SseDecoder['push']>[number]): void {
    // Nothing a server sends may throw out of the read loop: that would end the stream and reconnect
    // into the same event again (a reconnect storm). A bad event is reported and skipped.
    try {
      this.#event(item);
    } catch (error) {
      this.onerror?.(new ClientError('INVALID_FRAME', `An SSE event could not be handled: ${(error as Error).message}`, { cause: error }));
    }
  }

  #event(item: ReturnType<SseDecoder['push']>[number]): void {
    if (item.kind === 'comment') return;
    if (item.kind === 'error') {
      this.onerror?.(new ClientError('INVALID_FRAME', `Dropped an SSE event at line ${item.line} of the stream: ${item.error.message}`, { cause: item.error }));
      return;
    }
    const schema = (sseEvents as Record<string, { safeParse(v: unknown): { success: boolean } } | undefined>)[item.event];
    if (!schema) return;
    const where = `SSE ${item.event}${item.id !== undefined ? ` (id ${item.id.slice(0, 40)})` : ''}`;
    let data: unknown;
    try {
      data = JSON.parse(item.data);
    } catch (cause) {
      this.onerror?.(new ClientError('INVALID_FRAME', `Dropped an ${where} whose data is not JSON.`, { cause }));
      return;
    }
    if (!isFrameObject(data) || !schema.safeParse(data).success) {
      this.onerror?.(new ClientError('INVALID_FRAME', `Dropped an ${where} whose data does not match the contract (got ${describeJson(data)}${isFrameObject(data) && 'payload' in data ? ` with payload ${describeJson(data.payload)}` : ''}).`));
      return;
    }
    const record = data;
    switch (item.event) {
      case 'client_event':
        if (!Number.isSafeInteger(record.sequence_num)) {
          this.onerror?.(new ClientError('INVALID_FRAME', `Dropped an ${where}: its sequence_num ${String(record.sequence_num).slice(0, 40)} is not a safe integer.`));
          return;
        }
        this.onmessage?.({
          kind: 'frame',
          frame: record.payload,
          sequenceNum: record.sequence_num as number,
          eventId: record.event_id as string,
          source: typeof record.source === 'string' ? record.source : undefined,
        });
        return;
      case 'ephemeral_event': {
        const payload = record.payload ?? (typeof record.payload_json === 'string' ? parseMaybe(record.payload_json) : undefined);
        if (payload === undefined) return;
        if (!isFrameObject(payload)) {
          this.onerror?.(new ClientError('INVALID_FRAME', `Dropped an ${where}: its payload must be a JSON object, got ${describeJson(payload)}.`));
          return;
        }
        this.onmessage?.({ kind: 'frame', frame: payload });
        return;
      }
      case 'delivery_update':
        this.onmessage?.({ kind: 'delivery_update', update: record as unknown as DeliveryUpdate });
        return;
      case 'catch_up_truncated':
        this.onmessage?.({ kind: 'catch_up_truncated', data: record });
        return;
      default:
        return;
    }
  }

  async send(frame: Record<string, unknown>): Promise<void> {
    if (this.#closed || !this.#open) {
      throw new ClientError('NOT_CONNECTED', 'SseTransport.send: the event stream is not open; wait for the session to reconnect.');
    }
    encodeFrame(frame, { allowUnknownKeys: true });
    await this.#options.post(frame);
  }

  async close(): Promise<void> {
    this.#abort.abort();
    this.#finish({ reason: 'closed by the client' });
  }

  #finish(info: TransportCloseInfo): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#silence.stop();
    this.#abort.abort();
    if (this.#open) this.onclose?.(info);
  }
}

function parseMaybe(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
