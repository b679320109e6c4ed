import type { ServerResponse } from 'node:http';
import { encodeSseComment, encodeSseEvent, type Clock, type TimerHandle } from '@ccr-kit/protocol-types';
import type { FaultRegistry } from '../faults';
import type { Hub, Outbound as OutboundItem, Subscriber } from '../hub';
import type { Journal } from '../journal';
import type { Session } from '../store/session';
import { Outbound, responseSink } from './outbound';

/** How often an idle SSE stream gets a comment line, well inside the clients' 45 s liveness window. */
export const SSE_KEEP_ALIVE_MS = 15_000;

/** What a v2 stream subscriber needs from the server. */
export interface SseSubscriberOptions {
  readonly id: string;
  readonly session: Session;
  readonly response: ServerResponse;
  readonly remote: string;
  readonly connectedAt: string;
  /** Most bytes waiting for this subscriber before it is disconnected. @default DEFAULT_MAX_BUFFERED_BYTES */
  readonly maxBufferedBytes?: number | undefined;
  /** The resume cursor (`Last-Event-ID`): only events with a greater sequence_num are sent. */
  readonly after: number;
  readonly clock: Clock;
  readonly hub: Hub;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
}

/**
 * One v2 SSE subscriber (`/v1/code/sessions/{id}/events/stream`): durable events as
 * `client_event` with `id: <sequence_num>`, `catch_up_truncated` when the cursor points into trimmed
 * history, `ephemeral_event` for live-only frames, `delivery_update` for client events the agent
 * took, and comment keep-alives on the server clock.
 */
export class SseSubscriber implements Subscriber {
  readonly transport = 'sse' as const;
  readonly id: string;
  readonly sessionId: string;
  readonly remote: string;
  readonly connectedAt: string;
  readonly #o: SseSubscriberOptions;
  readonly #out: Outbound;
  #keepAlive: TimerHandle | undefined;
  #closed = false;

  constructor(options: SseSubscriberOptions) {
    this.#o = options;
    this.id = options.id;
    this.sessionId = options.session.id;
    this.remote = options.remote;
    this.connectedAt = options.connectedAt;
    this.#out = new Outbound(responseSink(options.response), {
      clock: options.clock,
      faults: () => options.faults.resolve(this.sessionId),
      onFault: (message) => options.journal.write('fault', `sse ${this.id}: ${message}`, this.sessionId),
      maxBufferedBytes: options.maxBufferedBytes,
      onSlowConsumer: (message) => options.journal.write('connection', `sse ${this.id}: ${message}`, this.sessionId),
    });
  }

  /** Frames sent so far (keep-alives not counted). */
  get framesSent(): number {
    return this.#out.framesSent;
  }

  /** Sends the headers and the catch-up, then joins the hub. */
  start(): void {
    const { response: res, session, after } = this.#o;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.flushHeaders();
    res.on('close', () => this.#cleanup('client went away'));
    const log = session.log;
    if (log.truncated && after + 1 < log.firstSeq) {
      const data = { requested_after_sequence_num: after, oldest_available_sequence_num: log.firstSeq };
      this.#out.send(encodeSseEvent({ event: 'catch_up_truncated', data: JSON.stringify(data) }));
      this.#o.journal.write('connection', `sse ${this.id}: catch_up_truncated (asked after ${after}, oldest kept ${log.firstSeq})`, this.sessionId);
    }
    for (const event of log.after(after)) this.#out.send(event.sse);
    this.#o.hub.add(this);
    this.#o.journal.write('connection', `sse ${this.id} subscribed after ${after} from ${this.remote}`, this.sessionId);
    this.#scheduleKeepAlive();
  }

  deliver(item: OutboundItem): void {
    switch (item.kind) {
      case 'durable':
        this.#out.send(item.event.sse);
        break;
      case 'ephemeral':
        this.#out.send(
          encodeSseEvent({ event: 'ephemeral_event', data: JSON.stringify({ event_type: item.frame.type, payload: item.frame }) }),
        );
        break;
      case 'delivery':
        this.#out.send(
          encodeSseEvent({ event: 'delivery_update', data: JSON.stringify({ event_id: item.eventId, status: item.status, timestamp: item.timestamp }) }),
        );
        break;
    }
  }

  close(): void {
    if (!this.#o.response.writableEnded) this.#o.response.end();
    this.#cleanup('closed by the server');
  }

  #scheduleKeepAlive(): void {
    this.#keepAlive = this.#o.clock.setTimeout(() => {
      if (this.#closed) return;
      this.#out.send(`${encodeSseComment('keep-alive')}\n`, false);
      this.#scheduleKeepAlive();
    }, SSE_KEEP_ALIVE_MS);
  }

  #cleanup(why: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#out.stop();
    this.#o.clock.clearTimeout(this.#keepAlive);
    this.#o.hub.remove(this);
    this.#o.journal.write('connection', `sse ${this.id} ended: ${why}`, this.sessionId);
  }
}
