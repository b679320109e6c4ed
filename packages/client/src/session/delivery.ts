import { isEphemeralFrame } from '@ccr-kit/protocol-types';
import { ClientError } from '../errors';
import { RecentSet } from '../internal/recent-set';
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
  /** v1: durable events stored after the event `uuid` (from the start when undefined), oldest first (`GET …/events?after_id`). */
  eventsAfterUuid?(uuid: string | undefined, signal: AbortSignal): AsyncIterable<unknown>;
  /** v2: durable events with `sequence_num > after`, in order (`GET /v1/code/sessions/{id}/events`). */
  eventsAfterSequence?(after: number, signal: AbortSignal): AsyncIterable<SequencedEvent>;
}

/** A frame the session may hand to the application, with its v2 envelope. */
export interface Delivered {
  readonly frame: unknown;
  readonly source?: string | undefined;
}

function uuidOf(frame: unknown): string | undefined {
  if (frame === null || typeof frame !== 'object') return undefined;
  const uuid = (frame as { uuid?: unknown }).uuid;
  return typeof uuid === 'string' ? uuid : undefined;
}

/** Options of {@link Delivery}. */
export interface DeliveryOptions {
  /** How many durable uuids to remember for de-duplication. */
  readonly window: number;
  readonly deliver: (item: Delivered) => void;
  readonly notice: (message: TransportMessage) => void;
  readonly onError: (error: Error) => void;
  /** Called when a durable frame reaches the application for the first time (reconnect progress). */
  readonly progress?: (() => void) | undefined;
  readonly history?: HistorySource | undefined;
  readonly resumeFrom?: { uuid?: string | undefined; sequenceNum?: number | undefined } | undefined;
}

/** How many recent ephemeral uuids are remembered, to drop a frame a faulty link sent twice. */
const EPHEMERAL_WINDOW = 256;

/**
 * Exactly-once, in-order delivery across reconnects (PROTOCOL.md#flow-resume).
 *
 * Only durable frames are de-duplicated by `uuid` and move the resume cursor: ephemeral ones
 * (`stream_event`, display-only `system` frames) are never stored or replayed by the service, so
 * they never crowd durable uuids out of the window.
 *
 * v1 (no sequence numbers), with a REST history: the socket is opened without `replay`, live frames
 * are held while `GET …/events?after_id=<cursor>` is delivered, then released; a held frame the
 * backfill already delivered is dropped by uuid (the overlap is only what arrived during the
 * backfill, far inside the window). Without a REST history: the socket asks for `replay=true`, and
 * every replayed durable frame up to and including the cursor is dropped whether or not its uuid is
 * still in the window; if the cursor never comes (live traffic or the `initialize` answer arrives
 * first), the frames held back meanwhile are delivered after all. A connection that closes mid-replay
 * or mid-backfill forgets what it held; the cursor only moves when a frame reaches the application.
 *
 * v2: frames are accepted only in `sequence_num` order; a jump or `catch_up_truncated` re-fetches the
 * gap by REST. A gap REST cannot fill is reported (`HISTORY_GAP`) and skipped, never retried forever.
 */
export class Delivery {
  readonly #options: DeliveryOptions;
  readonly #seen: UuidWindow;
  readonly #ephemeral = new RecentSet<string>(EPHEMERAL_WINDOW);
  #lastUuid: string | undefined;
  #lastSeq: number | undefined;
  #held: TransportMessage[] | undefined;
  #catchUp: AbortController | undefined;
  /** v1 replay without REST history: drop replayed frames up to this uuid (the cursor). */
  #skipUntil: string | undefined;
  /** Replayed frames seen before the cursor whose uuid had left the window. */
  #skipped: Delivered[] = [];
  /** Whether a connection was begun before: after that, missed history must come back even without a cursor. */
  #reconnecting = false;

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

  /**
   * Whether the next v1 connection should ask the server to replay the history: only when there is
   * a cursor to resume from and no REST history to backfill from (a replay resends everything).
   * Before anything was delivered, `initial` (the application's `replay` option) decides.
   */
  wantsReplay(initial: boolean): boolean {
    if (this.#lastUuid === undefined && !this.#reconnecting) return initial;
    return this.#options.history?.eventsAfterUuid === undefined;
  }

  /** Starts a new connection: forgets what was held for the previous one; `replay` says whether this one replays. */
  beginConnection(replay: boolean): void {
    this.#catchUp?.abort();
    this.#catchUp = undefined;
    this.#skipped = [];
    this.#skipUntil = undefined;
    const backfill = (this.#lastUuid !== undefined || this.#reconnecting) && this.#options.history?.eventsAfterUuid !== undefined;
    this.#reconnecting = true;
    this.#held = backfill ? [] : undefined;
    if (!backfill && replay && this.#lastUuid !== undefined) this.#skipUntil = this.#lastUuid;
  }

  /** Live traffic has certainly begun on this connection (e.g. `initialize` was answered): any replay is over. */
  liveReached(): void {
    this.#endSkip();
  }

  /** Runs the v1 backfill for the connection just opened, then releases the held frames. */
  async catchUp(): Promise<void> {
    const history = this.#options.history;
    const after = this.#lastUuid;
    if (this.#held === undefined || !history?.eventsAfterUuid) return;
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
        new ClientError('HISTORY_GAP', `Could not re-fetch the events after ${after ?? 'the start'}; some frames sent while disconnected may be missing.`, { cause: error }),
      );
    }
    if (controller.signal.aborted || this.#catchUp !== controller) return;
    this.#catchUp = undefined;
    this.#release();
  }

  /** Stops any running backfill and forgets held frames (the connection closed). */
  stop(): void {
    this.#catchUp?.abort();
    this.#catchUp = undefined;
    this.#held = undefined;
    this.#skipUntil = undefined;
    this.#skipped = [];
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
    const frame = item.frame;
    const uuid = uuidOf(frame);
    if (isEphemeralFrame(frame)) {
      // The service never replays an ephemeral frame: seeing one means the replay, if any, is over.
      this.#endSkip();
      if (uuid !== undefined && !this.#ephemeral.add(uuid)) return;
      this.#options.deliver(item);
      return;
    }
    if (uuid === undefined) {
      this.#options.deliver(item);
      return;
    }
    if (this.#skipUntil !== undefined) {
      if (uuid === this.#skipUntil) {
        // Everything replayed up to the cursor was delivered before.
        this.#skipUntil = undefined;
        this.#skipped = [];
      } else if (!this.#seen.has(uuid)) {
        this.#skipped.push(item);
      }
      return;
    }
    if (!this.#seen.add(uuid)) return;
    this.#lastUuid = uuid;
    this.#options.deliver(item);
    this.#options.progress?.();
  }

  /** The cursor was not in the replay: what was held back while looking for it is new after all. */
  #endSkip(): void {
    if (this.#skipUntil === undefined) return;
    const skipped = this.#skipped;
    this.#skipUntil = undefined;
    this.#skipped = [];
    for (const item of skipped) this.#acceptUnsequenced(item);
  }

  #acceptSequenced(seq: number, item: Delivered): void {
    this.#lastSeq = seq;
    this.#options.deliver(item);
    if (!isEphemeralFrame(item.frame)) this.#options.progress?.();
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
      let failure: unknown;
      try {
        for await (const event of history.eventsAfterSequence!(after, controller.signal)) {
          if (controller.signal.aborted) return;
          if (this.#lastSeq !== undefined && event.sequenceNum <= this.#lastSeq) continue;
          this.#acceptSequenced(event.sequenceNum, { frame: event.frame, source: event.source });
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        failure = error;
      }
      if (controller.signal.aborted || this.#catchUp !== controller) return;
      this.#catchUp = undefined;
      const want = trigger?.kind === 'frame' ? trigger.sequenceNum : undefined;
      const have = this.#lastSeq ?? 0;
      if (failure !== undefined || (want !== undefined && have < want - 1)) {
        const missing = want !== undefined && have < want - 1 ? ` ${have + 1}–${want - 1}` : '';
        this.#options.onError(
          new ClientError('HISTORY_GAP', `Could not re-fetch the events after sequence number ${after}; events${missing} are missing and were skipped.`, { cause: failure }),
        );
        // Skip the gap REST could not fill, so the frames after it are not held back forever.
        if (want !== undefined && have < want - 1) this.#lastSeq = want - 1;
      }
      this.#release();
    })();
  }

  /** Releases held frames in order; a held frame the backfill already delivered is dropped by uuid or sequence number. */
  #release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (let i = 0; i < held.length; i++) {
      const message = held[i] as TransportMessage;
      // A frame released here may start a new hold (a v2 gap): the rest then waits behind it.
      if (this.#held !== undefined) (this.#held as TransportMessage[]).push(message);
      else this.#process(message);
    }
  }
}
