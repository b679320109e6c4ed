import { ClientError } from '../errors';
import { UuidWindow } from '../internal/uuid-window';
import type { TransportMessage } from '../transport/types';

/** A durable event re-fetched from the v2 REST list. */
export interface SequencedEvent {
  readonly sequenceNum: number;
  readonly frame: unknown;
  readonly eventId?: string | undefined;
  readonly source?: string | undefined;
}

/** Where a session re-fetches the events it missed while disconnected. */
export interface HistorySource {
  /** v1: durable events stored after the event `uuid`, oldest first (`GET …/events?after_id`). */
  eventsAfterUuid?(uuid: string, signal: AbortSignal): AsyncIterable<unknown>;
  /** v2: durable events with `sequence_num > after`, in order (`GET /v1/code/sessions/{id}/events`). */
  eventsAfterSequence?(after: number, signal: AbortSignal): AsyncIterable<SequencedEvent>;
}

/** A frame the session may hand to the application, with its v2 envelope. */
export interface Delivered {
  readonly frame: unknown;
  readonly source?: string | undefined;
}

/** Frame types the service does not store: their uuids cannot be used as a resume cursor. */
const EPHEMERAL_TYPES = new Set(['stream_event', 'keep_alive']);

function uuidOf(frame: unknown): string | undefined {
  if (frame === null || typeof frame !== 'object') return undefined;
  const uuid = (frame as { uuid?: unknown }).uuid;
  return typeof uuid === 'string' ? uuid : undefined;
}

function isDurable(frame: unknown): boolean {
  const type = (frame as { type?: unknown }).type;
  return typeof type !== 'string' || !EPHEMERAL_TYPES.has(type);
}

/** Options of {@link Delivery}. */
export interface DeliveryOptions {
  readonly window: number;
  readonly deliver: (item: Delivered) => void;
  readonly notice: (message: TransportMessage) => void;
  readonly onError: (error: Error) => void;
  readonly history?: HistorySource | undefined;
  readonly resumeFrom?: { uuid?: string | undefined; sequenceNum?: number | undefined } | undefined;
}

/**
 * Gap-free, exactly-once delivery across reconnects. v1 (no sequence numbers): frames are de-duplicated by
 * `uuid` in a bounded window; after a reconnect, live frames are held back while the REST backfill
 * (`after_id` = last durable uuid) is delivered, then the held frames up to the first occurrence of
 * the newest delivered uuid are dropped as replayed history. v2: frames are accepted only in
 * `sequence_num` order; a jump or `catch_up_truncated` re-fetches the gap by REST.
 */
export class Delivery {
  readonly #options: DeliveryOptions;
  readonly #seen: UuidWindow;
  #lastUuid: string | undefined;
  #lastSeq: number | undefined;
  #held: TransportMessage[] | undefined;
  #catchUp: AbortController | undefined;

  constructor(options: DeliveryOptions) {
    this.#options = options;
    this.#seen = new UuidWindow(options.window);
    this.#lastUuid = options.resumeFrom?.uuid;
    this.#lastSeq = options.resumeFrom?.sequenceNum;
    if (this.#lastUuid !== undefined) this.#seen.add(this.#lastUuid);
  }

  /** The uuid of the last durable frame delivered (the v1 resume cursor). */
  get lastUuid(): string | undefined {
    return this.#lastUuid;
  }

  /** The highest `sequence_num` delivered (the v2 resume cursor). */
  get lastSequenceNum(): number | undefined {
    return this.#lastSeq;
  }

  /** Starts a new connection: forgets frames held for the previous one, holds new ones until `catchUp`. */
  beginConnection(): void {
    this.#catchUp?.abort();
    this.#catchUp = undefined;
    this.#held = this.#lastUuid !== undefined && this.#options.history?.eventsAfterUuid ? [] : undefined;
  }

  /** Runs the v1 backfill for the connection just opened, then releases the held frames. */
  async catchUp(): Promise<void> {
    const history = this.#options.history;
    const after = this.#lastUuid;
    if (this.#held === undefined || after === undefined || !history?.eventsAfterUuid) return;
    const controller = new AbortController();
    this.#catchUp = controller;
    try {
      for await (const frame of history.eventsAfterUuid(after, controller.signal)) {
        if (controller.signal.aborted) return;
        this.#acceptUnsequenced({ frame });
      }
    } catch (error) {
      if (controller.signal.aborted) return;
      this.#options.onError(
        new ClientError('HISTORY_GAP', `Could not re-fetch the events after ${after}; some frames sent while disconnected may be missing.`, { cause: error }),
      );
    }
    if (controller.signal.aborted || this.#catchUp !== controller) return;
    this.#catchUp = undefined;
    this.#release(this.#lastUuid);
  }

  /** Stops any running backfill (the session is closing). */
  stop(): void {
    this.#catchUp?.abort();
    this.#catchUp = undefined;
    this.#held = undefined;
  }

  /** Takes one message from the current transport. */
  receive(message: TransportMessage): void {
    if (this.#held !== undefined) {
      this.#held.push(message);
      return;
    }
    this.#process(message);
  }

  #process(message: TransportMessage): void {
    if (message.kind === 'catch_up_truncated') {
      this.#options.notice(message);
      this.#refetch(undefined);
      return;
    }
    if (message.kind !== 'frame') {
      this.#options.notice(message);
      return;
    }
    if (message.sequenceNum === undefined) {
      this.#acceptUnsequenced(message);
      return;
    }
    const seq = message.sequenceNum;
    if (this.#lastSeq !== undefined && seq <= this.#lastSeq) return;
    if (this.#lastSeq !== undefined && seq > this.#lastSeq + 1 && this.#options.history?.eventsAfterSequence) {
      this.#refetch(message);
      return;
    }
    this.#acceptSequenced(seq, message);
  }

  #acceptUnsequenced(item: Delivered): void {
    const uuid = uuidOf(item.frame);
    if (uuid !== undefined) {
      if (!this.#seen.add(uuid)) return;
      if (isDurable(item.frame)) this.#lastUuid = uuid;
    }
    this.#options.deliver(item);
  }

  #acceptSequenced(seq: number, item: Delivered): void {
    this.#lastSeq = seq;
    const uuid = uuidOf(item.frame);
    if (uuid !== undefined) this.#seen.add(uuid);
    this.#options.deliver(item);
  }

  /** v2: holds live frames, fetches everything after the last sequence number, then releases them. */
  #refetch(trigger: TransportMessage | undefined): void {
    const history = this.#options.history;
    if (!history?.eventsAfterSequence) {
      this.#options.onError(
        new ClientError('HISTORY_GAP', 'The server could not replay every missed event and no REST history source is configured; some events are missing.'),
      );
      return;
    }
    this.#held = trigger === undefined ? [] : [trigger];
    const controller = new AbortController();
    this.#catchUp = controller;
    const after = this.#lastSeq ?? 0;
    void (async () => {
      try {
        for await (const event of history.eventsAfterSequence!(after, controller.signal)) {
          if (controller.signal.aborted) return;
          if (this.#lastSeq !== undefined && event.sequenceNum <= this.#lastSeq) continue;
          this.#acceptSequenced(event.sequenceNum, { frame: event.frame, source: event.source });
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        this.#options.onError(
          new ClientError('HISTORY_GAP', `Could not re-fetch the events after sequence number ${after}; some events may be missing.`, { cause: error }),
        );
      }
      if (controller.signal.aborted || this.#catchUp !== controller) return;
      this.#catchUp = undefined;
      this.#release(undefined);
    })();
  }

  #holding(): TransportMessage[] | undefined {
    return this.#held;
  }

  /** Releases held frames; with `cut`, everything up to its first occurrence was replayed history. */
  #release(cut: string | undefined): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    let start = 0;
    if (cut !== undefined) {
      const index = held.findIndex((m) => m.kind === 'frame' && m.sequenceNum === undefined && uuidOf(m.frame) === cut);
      if (index >= 0) start = index + 1;
    }
    for (let i = start; i < held.length; i++) {
      const message = held[i] as TransportMessage;
      // A frame released here may start a new hold (a v2 gap): the rest then waits behind it.
      const holding = this.#holding();
      if (holding !== undefined) holding.push(message);
      else this.#process(message);
    }
  }
}
