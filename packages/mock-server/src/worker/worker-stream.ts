import type { ServerResponse } from 'node:http';
import { encodeSseComment, encodeSseEvent, type Clock, type TimerHandle } from '@ccr-kit/protocol-types';
import type { FaultRegistry } from '../faults';
import type { Journal } from '../journal';
import type { LoggedEvent } from '../store/event-log';
import { Outbound, responseSink } from '../transports/outbound';

/** How often an idle worker stream gets a comment line; echoed in `x-ccr-sse-keepalive-interval-seconds`. */
export const WORKER_SSE_KEEP_ALIVE_MS = 15_000;

/** What a worker stream needs from the server. */
export interface WorkerStreamOptions {
  readonly id: string;
  readonly sessionId: string;
  readonly response: ServerResponse;
  readonly clock: Clock;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
  /** Called once when the stream ends, whoever ended it. */
  readonly onEnd: (stream: WorkerStream) => void;
}

/**
 * The SSE stream to an attached worker (`…/worker/events/stream`): the session's client events as
 * `client_event` with `id: <sequence_num>`, and comment keep-alives on the server clock. Faults of
 * the session apply to it as to client streams.
 */
export class WorkerStream {
  readonly id: string;
  readonly #o: WorkerStreamOptions;
  readonly #out: Outbound;
  #keepAlive: TimerHandle | undefined;
  #ended = false;

  constructor(options: WorkerStreamOptions) {
    this.#o = options;
    this.id = options.id;
    this.#out = new Outbound(responseSink(options.response), {
      clock: options.clock,
      faults: () => options.faults.resolve(options.sessionId),
      onFault: (message) => options.journal.write('fault', `worker stream ${this.id}: ${message}`, options.sessionId),
    });
  }

  /** Sends the headers and the client events after `after`, then stays open for live ones. */
  start(backlog: readonly LoggedEvent[], after: number): void {
    const res = this.#o.response;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-ccr-sse-keepalive-interval-seconds': String(WORKER_SSE_KEEP_ALIVE_MS / 1000),
    });
    res.flushHeaders();
    res.on('close', () => this.#end('worker went away'));
    for (const event of backlog) this.send(event);
    this.#o.journal.write('connection', `worker stream ${this.id} opened after sequence_num ${after}`, this.#o.sessionId);
    this.#scheduleKeepAlive();
  }

  /** Sends one client event. */
  send(event: LoggedEvent): void {
    this.#out.send(event.sse);
  }

  /** Sends an `ephemeral_event` (no id, not replayed), e.g. `heartbeat_probe`: "beat now". */
  sendEphemeral(eventType: string, payload?: Record<string, unknown>): void {
    this.#out.send(encodeSseEvent({ event: 'ephemeral_event', data: JSON.stringify({ event_type: eventType, ...(payload === undefined ? {} : { payload }) }) }), false);
  }

  /** Ends the stream (a newer worker registered, the session was archived, or the server closes). */
  close(why: string): void {
    if (!this.#o.response.writableEnded) this.#o.response.end();
    this.#end(why);
  }

  #scheduleKeepAlive(): void {
    this.#keepAlive = this.#o.clock.setTimeout(() => {
      if (this.#ended) return;
      this.#out.send(`${encodeSseComment('keep-alive')}\n`, false);
      this.#scheduleKeepAlive();
    }, WORKER_SSE_KEEP_ALIVE_MS);
  }

  #end(why: string): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#out.stop();
    this.#o.clock.clearTimeout(this.#keepAlive);
    this.#o.journal.write('connection', `worker stream ${this.id} ended: ${why}`, this.#o.sessionId);
    this.#o.onEnd(this);
  }
}
