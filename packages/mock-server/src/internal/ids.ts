import { randomBytes, randomUUID } from 'node:crypto';
import { realClock, type Clock } from '@ccr-kit/protocol-types';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** The epoch seeded servers start their timestamps from, so fixtures are stable across runs. */
const SEEDED_EPOCH = Date.UTC(2026, 0, 1, 0, 0, 0);

/** A small deterministic PRNG (xorshift128+ on 32-bit halves) for seeded ids. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  let b = (seed * 0x85ebca6b) >>> 0 || 0xc2b2ae35;
  let c = 0x27d4eb2f;
  let d = 0x165667b1;
  return () => {
    const t = a ^ (a << 11);
    a = b;
    b = c;
    c = d;
    d = (d ^ (d >>> 19) ^ (t ^ (t >>> 8))) >>> 0;
    return d / 0x1_0000_0000;
  };
}

/** Makes ids and timestamps: random by default, reproducible when the server has a `seed`. */
export class IdFactory {
  readonly #random: (() => number) | undefined;
  readonly #clock: Clock;
  readonly #clockStart: number;
  #tick = 0;
  #lastMs = Number.NaN;
  #lastIso = '';

  constructor(clock: Clock, seed?: number  ) {
    this.#clock = clock;
    this.#clockStart = clock.now();
    this.#random = seed === undefined ? undefined : seededRandom(seed);
  }

  /** Whether ids and timestamps are reproducible. */
  get seeded(): boolean {
    return this.#random !== undefined;
  }

  #bytes(count: number): Uint8Array {
    if (this.#random === undefined) return randomBytes(count);
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = Math.floor(this.#random() * 256);
    return out;
  }

  /** An RFC 4122 version-4 uuid. */
  uuid(): string {
    if (this.#random === undefined) return randomUUID();
    const b = this.#bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** A prefixed base62 id such as `session_01Ab…` or `cse_01Ab…`. */
  prefixed(prefix: string, length = 24): string {
    const bytes = this.#bytes(length);
    let out = `${prefix}01`;
    for (const byte of bytes) out += BASE62[byte % 62];
    return out;
  }

  /**
   * Milliseconds since the epoch. Seeded servers count from a fixed epoch, adding the time an
   * injected (virtual) clock has moved and one millisecond per call, so timestamps are stable
   * across runs and strictly increasing.
   */
  nowMs(): number {
    if (this.#random === undefined) return this.#clock.now();
    const elapsed = this.#clock === realClock ? 0 : this.#clock.now() - this.#clockStart;
    return SEEDED_EPOCH + elapsed + this.#tick++;
  }

  /** An ISO-8601 timestamp for `created_at` fields. */
  timestamp(): string {
    const ms = this.nowMs();
    // Bursts of events share a millisecond; format it once.
    if (ms !== this.#lastMs) {
      this.#lastMs = ms;
      this.#lastIso = new Date(ms).toISOString();
    }
    return this.#lastIso;
  }
}
