import type { LoggedEvent } from './store/event-log';

/** Delivery stages of a client event, as v2 `delivery_update` frames report them. */
export type DeliveryStatus = 'DELIVERY_STATUS_RECEIVED' | 'DELIVERY_STATUS_PROCESSING' | 'DELIVERY_STATUS_PROCESSED';

/** Something a session sends to its subscribers. */
export type Outbound =
  /** A durable, sequenced event (replayed on resume). */
  | { readonly kind: 'durable'; readonly event: LoggedEvent }
  /** A display-only frame such as `stream_event`: live only, no sequence number. */
  | { readonly kind: 'ephemeral'; readonly frame: Record<string, unknown>; readonly line: string }
  /** Progress of a client event through the agent (v2 only). */
  | { readonly kind: 'delivery'; readonly eventId: string; readonly status: DeliveryStatus; readonly timestamp: string };


/** The transports a subscriber can use. */
export type SubscriberTransport = 'ws' | 'sse';

/** A client connection that receives a session's events. */
export interface Subscriber {
  readonly id: string;
  readonly sessionId: string;
  readonly transport: SubscriberTransport;
  /** ISO-8601 time it connected. */
  readonly connectedAt: string;
  /** Remote address, for the admin listing. */
  readonly remote: string;
  /** Number of frames sent so far (keep-alives not counted). */
  readonly framesSent: number;
  deliver(item: Outbound): void;
  /** Closes the connection (WebSocket close code where it applies). */
  close(code?: number, reason?: string): void;
}

/** A subscriber as the admin API lists it. */
export interface SubscriberInfo {
  readonly id: string;
  readonly sessionId: string;
  readonly transport: SubscriberTransport;
  readonly connectedAt: string;
  readonly remote: string;
  readonly framesSent: number;
}

/** Fans every event of a session out to all of its subscribers, on both transports. */
export class Hub {
  readonly #bySession = new Map<string, Set<Subscriber>>();

  /** Adds a subscriber; from now on it receives everything published to its session. */
  add(subscriber: Subscriber): void {
    let set = this.#bySession.get(subscriber.sessionId);
    if (set === undefined) {
      set = new Set();
      this.#bySession.set(subscriber.sessionId, set);
    }
    set.add(subscriber);
  }

  /** Removes a subscriber (idempotent). */
  remove(subscriber: Subscriber): void {
    const set = this.#bySession.get(subscriber.sessionId);
    if (set === undefined) return;
    set.delete(subscriber);
    if (set.size === 0) this.#bySession.delete(subscriber.sessionId);
  }

  /** Sends one item to every subscriber of a session. */
  publish(sessionId: string, item: Outbound): void {
    const set = this.#bySession.get(sessionId);
    if (set === undefined) return;
    for (const subscriber of set) subscriber.deliver(item);
  }

  /** The subscribers of one session, or of every session. */
  list(sessionId?: string): SubscriberInfo[] {
    const sets = sessionId === undefined ? [...this.#bySession.values()] : [this.#bySession.get(sessionId) ?? new Set<Subscriber>()];
    return sets.flatMap((set) =>
      [...set].map(({ id, sessionId: sid, transport, connectedAt, remote, framesSent }) => ({ id, sessionId: sid, transport, connectedAt, remote, framesSent })),
    );
  }

  /** Number of subscribers of a session. */
  count(sessionId: string): number {
    return this.#bySession.get(sessionId)?.size ?? 0;
  }

  /** Closes every subscriber of a session, or of all sessions. */
  closeAll(sessionId?: string, code = 1001, reason = 'server closing'): void {
    const sets = sessionId === undefined ? [...this.#bySession.values()] : [this.#bySession.get(sessionId) ?? new Set<Subscriber>()];
    for (const set of sets) for (const subscriber of [...set]) subscriber.close(code, reason);
  }
}
