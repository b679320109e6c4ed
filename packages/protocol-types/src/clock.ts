/** An opaque timer handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = { readonly __timer: true } | number | object;

/**
 * Time as the protocol sees it. Every protocol timer (keep-alive, idle timeout, backoff, delays)
 * goes through a clock so tests can advance time instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | undefined): void;
}

/** The wall clock (`Date.now` and the global timers). */
export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms): TimerHandle => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => {
    if (handle !== undefined) globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0]);
  },
};

interface VirtualTimer {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

/**
 * A clock that only moves when told to. `advance(ms)` fires due timers in order, including timers
 * scheduled by the callbacks it runs, so a 5-minute idle timeout is tested in microseconds.
 */
export class VirtualClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers = new Map<number, VirtualTimer>();

  constructor(start = 0) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { id, due: this.#now + Math.max(0, ms), callback });
    return { __virtualTimer: id };
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle !== null && typeof handle === 'object' && '__virtualTimer' in handle) {
      this.#timers.delete((handle as { __virtualTimer: number }).__virtualTimer);
    }
  }

  /** Number of timers waiting to fire. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in due order. */
  advance(ms: number): void {
    const target = this.#now + Math.max(0, ms);
    for (let guard = 0; guard < 1_000_000; guard++) {
      let next: VirtualTimer | undefined;
      for (const timer of this.#timers.values()) {
        if (timer.due <= target && (next === undefined || timer.due < next.due || (timer.due === next.due && timer.id < next.id))) next = timer;
      }
      if (next === undefined) break;
      this.#timers.delete(next.id);
      this.#now = next.due;
      next.callback();
    }
    this.#now = target;
  }

  /** Advances by `ms`, letting pending promise callbacks run between timers (for async code under test). */
  async advanceAsync(ms: number, step = ms): Promise<void> {
    const target = this.#now + Math.max(0, ms);
    while (this.#now < target) {
      const next = Math.min(target - this.#now, Math.max(1, step));
      this.advance(next);
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
  }
}
