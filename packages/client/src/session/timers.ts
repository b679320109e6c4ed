import type { Clock, TimerHandle } from '@ccr-kit/protocol-types';

/** A repeating or one-shot timer on an injected clock, restartable and cancellable. */
export class ClockTimer {
  readonly #clock: Clock;
  readonly #callback: () => void;
  #handle: TimerHandle | undefined;

  constructor(clock: Clock, callback: () => void) {
    this.#clock = clock;
    this.#callback = callback;
  }

  /** (Re)starts the timer: it fires once after `ms` unless restarted or stopped first. */
  start(ms: number): void {
    this.stop();
    if (ms <= 0 || !Number.isFinite(ms)) return;
    this.#handle = this.#clock.setTimeout(() => {
      this.#handle = undefined;
      this.#callback();
    }, ms);
  }

  stop(): void {
    if (this.#handle !== undefined) this.#clock.clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  get running(): boolean {
    return this.#handle !== undefined;
  }
}

/** Resolves after `ms` on the clock; `cancel()` resolves it early with `false`. */
export function sleep(clock: Clock, ms: number): { done: Promise<boolean>; cancel: () => void } {
  let finish: (value: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  const handle = clock.setTimeout(() => finish(true), ms);
  return {
    done,
    cancel: () => {
      clock.clearTimeout(handle);
      finish(false);
    },
  };
}

/**
 * Races a promise against a clock timeout; on timeout runs `onTimeout` and rejects with its error.
 */
export function withTimeout<T>(clock: Clock, promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const handle = clock.setTimeout(() => reject(onTimeout()), ms);
    promise.then(
      (value) => {
        clock.clearTimeout(handle);
        resolve(value);
      },
      (error: unknown) => {
        clock.clearTimeout(handle);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
