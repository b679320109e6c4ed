/** A wait that ran out of time; the message says what was awaited and what was seen. */
export class WaitTimeoutError extends Error {
  override readonly name = 'WaitTimeoutError';
}

/**
 * Waits for conditions over state that changes by events: whoever changes the state calls
 * `notify()`, and every pending `until` re-checks its condition. A watchdog on the real clock ends
 * a wait that never comes true (a client that hangs), so a broken client fails instead of stalling.
 */
export class Waiter {
  readonly #waiters = new Set<() => void>();

  /** Re-checks every pending condition. */
  notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  /**
   * Resolves with the first defined value of `check`.
   * @throws {WaitTimeoutError} after `timeoutMs`, with `describe()` in the message.
   */
  until<T>(check: () => T | undefined | false, timeoutMs: number, describe: () => string): Promise<T> {
    const first = check();
    if (first !== undefined && first !== false) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      const waiter = (): void => {
        const value = check();
        if (value === undefined || value === false) return;
        done();
        resolve(value);
      };
      const timer = setTimeout(() => {
        done();
        reject(new WaitTimeoutError(`no progress within ${timeoutMs} ms: ${describe()}`));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }
}
