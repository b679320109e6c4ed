import { encodeSseEvent } from '@ccr-kit/protocol-types';

/** Who wrote an event: a client (web UI, app, SDK) or the worker (the agent behind the session). */
export type EventSource = 'client' | 'worker';

/**
 * One durable event of a session: a frame with its place in the session's sequence. The frame is
 * kept as JSON text (one flat string is far cheaper for the garbage collector than an object
 * graph when a server holds thousands of events); the wire forms are built from that text.
 */
export class LoggedEvent {
  /** Dense sequence number, 1-based, over every durable event of the session. */
  readonly seq: number;
  /** The frame's `uuid`: the v1 event id (`after_id`) and the v2 `event_id`. */
  readonly id: string;
  /** The frame's `type`. */
  readonly type: string;
  /** The frame's JSON text, with `uuid` and `session_id` filled in. */
  readonly json: string;
  readonly source: EventSource;
  readonly createdAt: string;
  /** The subscriber that sent it over its socket, if any (not echoed back to that socket on v1). */
  readonly origin: string | undefined;
  readonly #hasCreatedAt: boolean;
  // Wire forms are cached only while the event is being fanned out ("hot").
  #hot = false;
  #line: string | undefined;
  #sse: string | undefined;

  constructor(seq: number, frame: Record<string, unknown>, source: EventSource, createdAt: string, origin: string | undefined) {
    this.seq = seq;
    this.id = frame.uuid as string;
    this.type = typeof frame.type === 'string' ? frame.type : 'unknown';
    this.json = JSON.stringify(frame);
    this.#hasCreatedAt = 'created_at' in frame;
    this.source = source;
    this.createdAt = createdAt;
    this.origin = origin;
  }

  /** A fresh copy of the frame as stored. */
  get frame(): Record<string, unknown> {
    return JSON.parse(this.json) as Record<string, unknown>;
  }

  /** Caches the wire forms while the event is fanned out; {@link cool} drops them. */
  heat(): void {
    this.#hot = true;
  }

  /** Drops the cached wire forms (they are rebuilt on demand, e.g. for a replay). */
  cool(): void {
    this.#hot = false;
    this.#line = undefined;
    this.#sse = undefined;
  }

  /** The frame as v1 shows it (REST listing and the WebSocket): the frame plus `created_at`. */
  get v1(): Record<string, unknown> {
    const frame = this.frame;
    if (!this.#hasCreatedAt) frame.created_at = this.createdAt;
    return frame;
  }

  /** The v1 NDJSON line. */
  get line(): string {
    if (this.#line !== undefined) return this.#line;
    const json = this.json;
    // Splice created_at into the frame's own JSON instead of serializing the frame again.
    // createdAt is an ISO timestamp made by the server: no characters that need escaping.
    const line = this.#hasCreatedAt || json === '{}' ? `${json}\n` : `${json.slice(0, -1)},"created_at":"${this.createdAt}"}\n`;
    if (this.#hot) this.#line = line;
    return line;
  }

  /** The v2 envelope (`client_event` data and REST listing rows). */
  get v2(): Record<string, unknown> {
    return { event_id: this.id, sequence_num: this.seq, event_type: this.type, payload: this.frame, source: this.source, created_at: this.createdAt };
  }

  /** The v2 SSE block (the payload reuses the frame's JSON text). */
  get sse(): string {
    if (this.#sse !== undefined) return this.#sse;
    const data = `{"event_id":${JSON.stringify(this.id)},"sequence_num":${this.seq},"event_type":${JSON.stringify(this.type)},"payload":${this.json},"source":"${this.source}","created_at":"${this.createdAt}"}`;
    const sse = encodeSseEvent({ event: 'client_event', id: String(this.seq), data });
    if (this.#hot) this.#sse = sse;
    return sse;
  }

  /** The stored frame, when the event is serialized (e.g. in the journal). */
  toJSON(): Record<string, unknown> {
    return this.frame;
  }
}

/**
 * The sequenced log of one session. Keeps the newest `limit` events; older ones are trimmed but
 * their ids stay known, so a cursor that points into the trimmed part is told apart from a bogus one.
 */
export class EventLog {
  readonly #limit: number;
  #events: LoggedEvent[] = [];
  /** Index in `#events` of the oldest retained event. */
  #head = 0;
  #lastSeq = 0;
  readonly #seqById = new Map<string, number>();

  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  /** Sequence number of the newest event (0 when empty). */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Sequence number of the oldest retained event (`lastSeq + 1` when empty). */
  get firstSeq(): number {
    const first = this.#events[this.#head];
    return first === undefined ? this.#lastSeq + 1 : first.seq;
  }

  /** Number of retained events. */
  get size(): number {
    return this.#events.length - this.#head;
  }

  /** Whether events were trimmed off the front. */
  get truncated(): boolean {
    return this.firstSeq > 1;
  }

  /** The sequence number of an event id ever appended, retained or trimmed. */
  seqOf(id: string): number | undefined {
    return this.#seqById.get(id);
  }

  /** Whether an event with this id was already appended. */
  has(id: string): boolean {
    return this.#seqById.has(id);
  }

  /** Appends a frame (which must carry a string `uuid`) and trims the front beyond the limit. */
  append(frame: Record<string, unknown>, source: EventSource, createdAt: string, origin?: string): LoggedEvent {
    const event = new LoggedEvent(++this.#lastSeq, frame, source, createdAt, origin);
    this.#seqById.set(event.id, event.seq);
    this.#events.push(event);
    if (this.size > this.#limit) {
      this.#head = this.#events.length - this.#limit;
      // Compact once the dead prefix is as large as the live part.
      if (this.#head >= this.#limit) {
        this.#events = this.#events.slice(this.#head);
        this.#head = 0;
      }
    }
    return event;
  }

  /** Retained events with `seq > after`, at most `limit` of them, oldest first. */
  after(after: number, limit = Number.POSITIVE_INFINITY): LoggedEvent[] {
    const from = Math.max(this.#head, this.#head + (after + 1 - this.firstSeq));
    const to = Math.min(this.#events.length, from + limit);
    return from >= to ? [] : this.#events.slice(from, to);
  }

  /** Every retained event, oldest first. */
  all(): LoggedEvent[] {
    return this.#events.slice(this.#head);
  }
}
