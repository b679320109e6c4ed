/** How reconnect delays grow: `initialDelay · factor^(attempt-1)`, capped at `maxDelay`, spread by ± `jitter`. */
export interface BackoffOptions {
  /** @default 1000 */
  initialDelay?: number | undefined;
  /** @default 30000 */
  maxDelay?: number | undefined;
  /** @default 2 */
  factor?: number | undefined;
  /** Fraction of the delay added or removed at random. @default 0.25 */
  jitter?: number | undefined;
}

/** The delay before reconnect attempt `attempt` (1-based); `random` returns values in [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const initial = options.initialDelay ?? 1000;
  const max = options.maxDelay ?? 30_000;
  const factor = options.factor ?? 2;
  const jitter = options.jitter ?? 0.25;
  const base = Math.min(max, initial * factor ** Math.max(0, attempt - 1));
  const spread = base * jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base + spread));
}
