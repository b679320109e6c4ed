import type { ServerResponse } from 'node:http';
import type { Clock, TimerHandle } from '@ccr-kit/protocol-types';
import type { Faults, ResolvedFaults } from '../faults';

/** Where an outbound queue writes: a WebSocket (one message per write) or an SSE response. */
export interface OutboundSink {
  /** Whether each write is a separate message the client sees as a unit (WebSocket). */
  readonly messageBoundaries: boolean;
  write(text: string): void;
  /** Ends cleanly: a WebSocket close code, or the end of the SSE response. */
  close(code: number, reason: string): void;
  /** Cuts the connection without a goodbye. */
  drop(): void;
  /** Bytes written but not yet taken by the peer (WebSocket `bufferedAmount`, a response's pending writes). */
  buffered?(): number;
  /** Destroys the connection at once, discarding what is buffered (a consumer that stopped reading). */
  abort?(): void;
}

/** Default of {@link OutboundOptions.maxBufferedBytes}: 1 MiB per subscriber. */
export const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;
/** How long a consumer that fell behind gets to take the close before its connection is destroyed, in ms. */
const SLOW_CONSUMER_GRACE_MS = 1000;

/** A sink writing to an open SSE (or other streamed HTTP) response. */
export function responseSink(res: ServerResponse): OutboundSink {
  return {
    messageBoundaries: false,
    write: (text) => {
      if (!res.writableEnded) res.write(text);
    },
    close: () => res.end(),
    // Cut the TCP connection once what was written is flushed: the client sees a broken stream.
    drop: () => (res.socket === null ? res.destroy() : res.socket.destroySoon()),
    buffered: () => res.writableLength + (res.socket?.writableLength ?? 0),
    abort: () => res.destroy(),
  };
}

/** Settings of an {@link Outbound} queue. */
export interface OutboundOptions {
  readonly clock: Clock;
  readonly faults: () => ResolvedFaults;
  /** Told about every fault that fires, for the journal. */
  readonly onFault: (message: string) => void;
  /**
   * Most bytes that may wait for a peer that does not read; past it the peer is disconnected
   * (WebSocket close 1013, SSE stream ended) and must resume by sequence number.
   * @default DEFAULT_MAX_BUFFERED_BYTES
   */
  readonly maxBufferedBytes?: number | undefined;
  /** Told when a consumer that fell behind is disconnected, for the journal. */
  readonly onSlowConsumer?: ((message: string) => void) | undefined;
}

const DEFAULT_PACK_WAIT_MS = 20;
/**
 * Most units one write carries. A burst (an agent emitting many frames in one task, a CLI whose
 * stdout chunk holds hundreds of lines) goes out in pieces of this size as it is produced, so the
 * first frame of a burst does not wait for the last one to be processed.
 */
export const MAX_BATCH_UNITS = 32;

/**
 * The send queue of one connection. Frames queued in the same task go out together (several
 * NDJSON lines in one WebSocket message, one write on SSE; at most {@link MAX_BATCH_UNITS} per
 * write), which keeps fan-out cheap; the
 * configured faults (delay, duplicates, split or packed lines, slow dribble, drop, close code)
 * are applied here, so both transports behave alike.
 */
export class Outbound {
  readonly #sink: OutboundSink;
  readonly #options: OutboundOptions;
  #queue: string[] = [];
  #scheduled = false;
  #closed = false;
  #version = -1;
  #framesSinceFaults = 0;
  #framesSent = 0;
  #packTimer: TimerHandle | undefined;
  /** Frames held back by a delay fault, in order, each with the clock time it may leave. */
  readonly #delayed: { unit: string; isFrame: boolean; at: number }[] = [];
  #dribble = '';
  #dribbleTimer: TimerHandle | undefined;
  readonly #timers = new Set<TimerHandle>();

  constructor(sink: OutboundSink, options: OutboundOptions) {
    this.#sink = sink;
    this.#options = options;
  }

  /** Frames accepted for sending so far (keep-alives not counted). */
  get framesSent(): number {
    return this.#framesSent;
  }

  /** Whether the queue was closed (by a fault or by {@link stop}). */
  get closed(): boolean {
    return this.#closed;
  }

  /** Queues one unit of text: an NDJSON line or an SSE block. Keep-alives pass `isFrame: false`. */
  send(unit: string, isFrame = true): void {
    if (this.#closed) return;
    const { faults, version } = this.#options.faults();
    if (version !== this.#version) {
      this.#version = version;
      this.#framesSinceFaults = 0;
    }
    const now = this.#options.clock.now();
    if ((isFrame && faults.delayMs !== undefined && faults.delayMs > 0) || this.#delayed.length > 0) {
      // A delay never reorders: frames wait in one queue and leave in order, each no earlier than
      // the one before it, even when the delay was shortened (or lifted) in between.
      const previous = this.#delayed.at(-1)?.at ?? 0;
      this.#delayed.push({ unit, isFrame, at: Math.max(now + (isFrame ? (faults.delayMs ?? 0) : 0), previous) });
      if (this.#delayed.length === 1) this.#armDelay();
      return;
    }
    this.#accept(unit, isFrame);
  }

  /** One timer for the head of the delay queue; when it fires, everything due leaves in order. */
  #armDelay(): void {
    const head = this.#delayed[0];
    if (head === undefined) return;
    const timer = this.#options.clock.setTimeout(() => {
      this.#timers.delete(timer);
      const now = this.#options.clock.now();
      while (this.#delayed.length > 0 && (this.#delayed[0] as { at: number }).at <= now) {
        const next = this.#delayed.shift() as { unit: string; isFrame: boolean };
        this.#accept(next.unit, next.isFrame);
      }
      this.#armDelay();
    }, Math.max(0, head.at - this.#options.clock.now()));
    this.#timers.add(timer);
  }

  #accept(unit: string, isFrame: boolean): void {
    if (this.#closed) return;
    const { faults } = this.#options.faults();
    if (isFrame && this.#limitReached(faults)) return;
    this.#queue.push(unit);
    if (isFrame) {
      this.#framesSent++;
      this.#framesSinceFaults++;
      if (faults.duplicateFrames === true) {
        this.#queue.push(unit);
        this.#options.onFault('duplicated a frame');
      }
      if (this.#limitReached(faults)) return;
    }
    if (this.#queue.length >= MAX_BATCH_UNITS && faults.packLines === undefined) {
      this.#flush();
      return;
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      // Flush when the current task ends: frames an agent emits in one go share a message, and
      // nothing waits for other sessions' work queued behind it.
      queueMicrotask(() => {
        this.#scheduled = false;
        this.#flush();
      });
    }
  }

  /** Applies drop / close faults once their frame count is reached; returns whether it closed. */
  #limitReached(faults: Faults): boolean {
    const drop = faults.dropAfterFrames;
    if (drop !== undefined && this.#framesSinceFaults >= drop) {
      this.#flush();
      this.#options.onFault(`dropped the connection after ${this.#framesSinceFaults} frames`);
      this.#finish(() => this.#sink.drop());
      return true;
    }
    const close = faults.close;
    if (close !== undefined && this.#framesSinceFaults >= (close.afterFrames ?? 0)) {
      this.#flush();
      this.#options.onFault(`closed the connection with code ${close.code} after ${this.#framesSinceFaults} frames`);
      this.#finish(() => this.#sink.close(close.code, close.reason ?? 'closed by fault injection'));
      return true;
    }
    return false;
  }

  #flush(): void {
    if (this.#closed || this.#queue.length === 0) return;
    const { faults } = this.#options.faults();
    const units = this.#queue;
    this.#queue = [];
    if (!this.#sink.messageBoundaries) {
      this.#write(units.join(''), faults);
      return;
    }
    if (faults.splitLines !== undefined) {
      for (const unit of units) for (const piece of splitInto(unit, faults.splitLines)) this.#write(piece, faults);
      return;
    }
    if (faults.packLines !== undefined) {
      this.#pack(units, faults.packLines, faults.packWaitMs ?? DEFAULT_PACK_WAIT_MS);
      return;
    }
    this.#write(units.length === 1 ? units[0]! : units.join(''), faults);
  }

  /**
   * Whether the peer stopped reading: what waits for it would pass the limit with `adding` more.
   * Then the connection is closed (1013 / the end of the stream) and destroyed shortly after, so a
   * consumer that never reads cannot hold the server's memory.
   */
  #tooFarBehind(adding: number): boolean {
    const buffered = this.#sink.buffered?.();
    const limit = this.#options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    if (buffered === undefined || buffered + adding <= limit) return false;
    this.#options.onSlowConsumer?.(`consumer fell behind (${buffered} bytes waiting, limit ${limit}); disconnected, it must resume by sequence number`);
    const sink = this.#sink;
    const clock = this.#options.clock;
    this.#finish(() => {
      sink.close(1013, 'consumer too slow: reconnect and resume');
      clock.setTimeout(() => sink.abort?.(), SLOW_CONSUMER_GRACE_MS);
    });
    return true;
  }

  #pack(units: string[], size: number, waitMs: number): void {
    let i = 0;
    for (; i + size <= units.length; i += size) this.#write(units.slice(i, i + size).join(''), this.#options.faults().faults);
    const rest = units.slice(i);
    if (rest.length === 0) return;
    this.#queue = rest.concat(this.#queue);
    if (this.#packTimer !== undefined) return;
    this.#packTimer = this.#options.clock.setTimeout(() => {
      this.#packTimer = undefined;
      if (this.#closed || this.#queue.length === 0) return;
      const pending = this.#queue;
      this.#queue = [];
      this.#write(pending.join(''), this.#options.faults().faults);
    }, waitMs);
  }

  #write(text: string, faults: Faults): void {
    if (this.#tooFarBehind(text.length)) return;
    const dribble = faults.dribble;
    if (dribble === undefined && this.#dribble === '') {
      this.#sink.write(text);
      return;
    }
    this.#dribble += text;
    if (this.#dribbleTimer !== undefined) return;
    const step = (): void => {
      this.#dribbleTimer = undefined;
      if (this.#closed || this.#dribble === '') return;
      const bytes = this.#options.faults().faults.dribble?.bytes ?? this.#dribble.length;
      this.#sink.write(this.#dribble.slice(0, bytes));
      this.#dribble = this.#dribble.slice(bytes);
      if (this.#dribble !== '') this.#dribbleTimer = this.#options.clock.setTimeout(step, dribble?.intervalMs ?? 0);
    };
    step();
  }

  #finish(end: () => void): void {
    this.stop();
    end();
  }

  /** Stops sending and cancels pending timers (the connection went away). */
  stop(): void {
    this.#closed = true;
    this.#queue = [];
    for (const timer of this.#timers) this.#options.clock.clearTimeout(timer);
    this.#timers.clear();
    this.#options.clock.clearTimeout(this.#packTimer);
    this.#options.clock.clearTimeout(this.#dribbleTimer);
  }
}

/** Splits text into `parts` pieces of near-equal length (fewer when it is shorter). */
function splitInto(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
