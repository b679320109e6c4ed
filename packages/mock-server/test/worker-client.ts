import { SseDecoder } from '@ccr-kit/protocol-types';
import { until, type Json } from './helpers';

/** One `client_event` a worker received on its stream. */
export interface WorkerEvent {
  readonly id: string | undefined;
  readonly data: Json;
}

/** The worker's view of its event stream. */
export interface WorkerStreamReader {
  readonly status: number;
  readonly headers: Headers;
  readonly events: WorkerEvent[];
  /** `ephemeral_event` data (no id): e.g. `{event_type: 'heartbeat_probe'}`. */
  readonly ephemeral: Json[];
  ended: boolean;
  close(): void;
  waitFor(predicate: (e: WorkerEvent) => boolean, what: string): Promise<WorkerEvent>;
}

/**
 * A minimal external worker over plain fetch, as a host using the worker API would be: it
 * registers with `/bridge`, then calls `/worker…` with the worker JWT and its epoch.
 */
export class TestWorker {
  jwt = '';
  epoch = 0;

  constructor(
    readonly baseUrl: string,
    readonly sessionId: string,
    readonly oauthHeaders: Record<string, string> = {},
  ) {}

  get sessionBase(): string {
    return `${this.baseUrl}/v1/code/sessions/${this.sessionId}`;
  }

  /** `POST …/bridge`; keeps the JWT and epoch of a successful registration. */
  async bridge(body: Record<string, unknown> = {}): Promise<{ status: number; body: Json; headers: Headers }> {
    const res = await this.#fetch('POST', `${this.sessionBase}/bridge`, body, { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...this.oauthHeaders });
    if (res.status === 200) {
      this.jwt = res.body.worker_jwt as string;
      this.epoch = res.body.worker_epoch as number;
    }
    return res;
  }

  /** A `/worker…` call with the worker JWT; `worker_epoch` is added to bodies unless given. */
  call(method: string, path: string, body?: Record<string, unknown>): Promise<{ status: number; body: Json; headers: Headers }> {
    const withEpoch = body === undefined || 'worker_epoch' in body ? body : { worker_epoch: this.epoch, ...body };
    return this.#fetch(method, `${this.sessionBase}${path}`, withEpoch, {
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      authorization: `Bearer ${this.jwt}`,
    });
  }

  async #fetch(method: string, url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; body: Json; headers: Headers }> {
    const res = await fetch(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await res.text();
    return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers };
  }

  /** Opens `…/worker/events/stream` and decodes it with the protocol-types SSE decoder. */
  async stream(options: { fromSequenceNum?: number; lastEventId?: string } = {}): Promise<WorkerStreamReader> {
    const abort = new AbortController();
    const query = options.fromSequenceNum === undefined ? '' : `?from_sequence_num=${options.fromSequenceNum}`;
    const headers: Record<string, string> = { accept: 'text/event-stream', 'anthropic-version': '2023-06-01', authorization: `Bearer ${this.jwt}` };
    if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
    const res = await fetch(`${this.sessionBase}/worker/events/stream${query}`, { headers, signal: abort.signal });
    const reader: WorkerStreamReader = {
      status: res.status,
      headers: res.headers,
      events: [],
      ephemeral: [],
      ended: false,
      close: () => abort.abort(),
      waitFor: (predicate, what) => until(() => reader.events.find(predicate), what),
    };
    if (!res.ok || res.body === null) {
      reader.ended = true;
      await res.text();
      return reader;
    }
    const decoder = new SseDecoder();
    void (async () => {
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          for (const item of decoder.push(chunk)) {
            if (item.kind === 'event' && item.event === 'client_event') reader.events.push({ id: item.id, data: JSON.parse(item.data) });
            else if (item.kind === 'event' && item.event === 'ephemeral_event') reader.ephemeral.push(JSON.parse(item.data));
          }
        }
      } catch {
        // aborted or cut
      }
      reader.ended = true;
    })();
    return reader;
  }
}
