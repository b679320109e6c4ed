import { readFileSync } from 'node:fs';
import { prng } from '@ccr-kit/protocol-types/testing';

/** One row of the reliability table (docs/reliability.md). */
export interface CampaignRow {
  readonly campaign: string;
  readonly cases: number;
  readonly faults: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly outOfOrder: number;
  readonly leaked: number;
  readonly crashes: number;
  /** Peak resident set size of the process under test, in MB. */
  readonly peakRssMb: number;
  /** What else was measured, in words (the scale, the RSS after, how bad input was reported). */
  readonly notes: string;
}

/** How big a campaign run is: `bounded` runs inside `pnpm test`, `full` writes docs/reliability.md. */
export type CampaignScale = 'bounded' | 'full';

/** A small, seeded random source (mulberry32): campaigns are reproducible. */
export const rng: (seed: number) => () => number = prng;

/** A whole number in [0, n). */
export function below(random: () => number, n: number): number {
  return Math.floor(random() * n);
}

/** One element of a list. */
export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[below(random, items.length)] as T;
}

/** Resident set size of a process in MB (this one by default), read from /proc where it exists. */
export function rssMb(pid?: number): number {
  if (pid === undefined) return process.memoryUsage.rss() / 1024 / 1024;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    return kb / 1024;
  } catch {
    return Number.NaN;
  }
}

/** Tracks the peak of a sampled value. */
export class Peak {
  #max = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(sample: () => number, everyMs = 50) {
    this.#max = sample();
    this.#timer = setInterval(() => {
      const value = sample();
      if (value > this.#max) this.#max = value;
    }, everyMs);
    this.#timer.unref();
  }

  stop(): number {
    clearInterval(this.#timer);
    return Math.round(this.#max);
  }
}

/** Counts uncaught exceptions and unhandled rejections while a campaign runs (they would end a real host process). */
export class CrashCounter {
  count = 0;
  readonly messages: string[] = [];
  readonly #onError = (error: unknown): void => {
    this.count++;
    if (this.messages.length < 5) this.messages.push(String((error as Error)?.stack ?? error));
  };

  constructor() {
    process.on('uncaughtException', this.#onError);
    process.on('unhandledRejection', this.#onError);
  }

  stop(): number {
    process.off('uncaughtException', this.#onError);
    process.off('unhandledRejection', this.#onError);
    return this.count;
  }
}

/** Waits on real time (campaigns drive real sockets). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls until `check` holds or `ms` pass; returns whether it held. */
export async function waitUntil(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
  return true;
}
