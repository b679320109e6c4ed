import { RecentSet } from './recent-set';

/** Value of each ASCII code as a lowercase hex digit, -1 for the rest. */
const HEX = new Int8Array(128).fill(-1);
for (let code = 48; code <= 57; code++) HEX[code] = code - 48; // 0-9
for (let code = 97; code <= 102; code++) HEX[code] = code - 87; // a-f

/** The value of `key[from, to)` read as at most 8 lowercase hex digits, or -1. */
function hexRun(key: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const code = key.charCodeAt(i);
    const digit = code < 128 ? HEX[code]! : -1;
    if (digit < 0) return -1;
    value = (value << 4) | digit;
  }
  return value >>> 0;
}

/**
 * Reads a canonical lowercase UUID (`8-4-4-4-12` hex digits) into the four 32-bit words of `out`. Returns false for anything else (upper case included, so that one string maps
 * to one value and back).
 */
function readUuid(key: string, out: Uint32Array): boolean {
  if (key.length !== 36 || key.charCodeAt(8) !== 45 || key.charCodeAt(13) !== 45 || key.charCodeAt(18) !== 45 || key.charCodeAt(23) !== 45) return false;
  const first = hexRun(key, 0, 8);
  const second = hexRun(key, 9, 13);
  const third = hexRun(key, 14, 18);
  const fourth = hexRun(key, 19, 23);
  const fifth = hexRun(key, 24, 28);
  const last = hexRun(key, 28, 36);
  if (first < 0 || second < 0 || third < 0 || fourth < 0 || fifth < 0 || last < 0) return false;
  out[0] = first;
  out[1] = ((second << 16) | third) >>> 0;
  out[2] = ((fourth << 16) | fifth) >>> 0;
  out[3] = last;
  return true;
}

/**
 * Remembers the most recent `capacity` frame uuids without keeping a string per frame: canonical
 * UUIDs are stored as 128-bit values in preallocated typed arrays (a ring of slots plus an
 * open-addressing index), so a session streaming millions of frames adds nothing per frame for
 * the garbage collector to promote and sweep. Other keys (not a lowercase UUID) go to a
 * {@link RecentSet} of the same capacity.
 */
export class UuidWindow {
  readonly #capacity: number;
  /** Ring of slots, 4 words each; `#filled` slots are in use. */
  readonly #words: Uint32Array;
  #next = 0;
  #filled = 0;
  /** Open addressing over slot numbers + 1 (0 = empty); its size is a power of two ≥ 2 × capacity. */
  readonly #index: Int32Array;
  readonly #mask: number;
  /** Index position of each slot, for eviction. */
  readonly #positionOf: Int32Array;
  readonly #scratch = new Uint32Array(4);
  readonly #others: RecentSet<string>;

  /** @throws {RangeError} when `capacity` is not a positive integer. */
  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`UuidWindow capacity must be a positive integer, received ${capacity}.`);
    }
    this.#capacity = capacity;
    this.#words = new Uint32Array(capacity * 4);
    this.#positionOf = new Int32Array(capacity);
    let size = 2;
    while (size < capacity * 2) size *= 2;
    this.#index = new Int32Array(size);
    this.#mask = size - 1;
    this.#others = new RecentSet<string>(capacity);
  }

  /** How many keys are remembered (UUIDs and others). */
  get size(): number {
    return this.#filled + this.#others.size;
  }

  /** Whether the key is among the remembered ones. */
  has(key: string): boolean {
    if (!readUuid(key, this.#scratch)) return this.#others.has(key);
    return this.#find(this.#scratch) >= 0;
  }

  /** Adds a key; returns false when it was already present. Evicts the oldest key of its kind when full. */
  add(key: string): boolean {
    const scratch = this.#scratch;
    if (!readUuid(key, scratch)) return this.#others.add(key);
    if (this.#find(scratch) >= 0) return false;
    const slot = this.#next;
    if (this.#filled === this.#capacity) this.#remove(this.#positionOf[slot]!);
    else this.#filled++;
    const words = this.#words;
    const base = slot * 4;
    words[base] = scratch[0]!;
    words[base + 1] = scratch[1]!;
    words[base + 2] = scratch[2]!;
    words[base + 3] = scratch[3]!;
    let position = this.#home(words, base);
    while (this.#index[position] !== 0) position = (position + 1) & this.#mask;
    this.#index[position] = slot + 1;
    this.#positionOf[slot] = position;
    this.#next = slot + 1 === this.#capacity ? 0 : slot + 1;
    return true;
  }

  /** Where a value would sit in the index if nothing collided. */
  #home(words: Uint32Array, at: number): number {
    let h = Math.imul(words[at]! ^ 0x9e3779b9, 0x85ebca6b);
    h = Math.imul(h ^ words[at + 1]!, 0xc2b2ae35);
    h = Math.imul(h ^ words[at + 2]!, 0x85ebca6b);
    h = Math.imul(h ^ words[at + 3]!, 0xc2b2ae35);
    return (h ^ (h >>> 16)) & this.#mask;
  }

  /** The index position holding this value (four words), or -1. */
  #find(value: Uint32Array): number {
    const words = this.#words;
    for (let position = this.#home(value, 0); ; position = (position + 1) & this.#mask) {
      const entry = this.#index[position]!;
      if (entry === 0) return -1;
      const base = (entry - 1) * 4;
      if (words[base] === value[0] && words[base + 1] === value[1] && words[base + 2] === value[2] && words[base + 3] === value[3]) {
        return position;
      }
    }
  }

  /** Empties an index position and shifts back the entries after it, so no probe chain is broken. */
  #remove(position: number): void {
    const index = this.#index;
    const mask = this.#mask;
    let hole = position;
    index[hole] = 0;
    for (let next = (hole + 1) & mask; index[next] !== 0; next = (next + 1) & mask) {
      const slot = index[next]! - 1;
      const home = this.#home(this.#words, slot * 4);
      // The entry may move into the hole when its home is not in (hole, next] (cyclically).
      const between = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (between) continue;
      index[hole] = slot + 1;
      this.#positionOf[slot] = hole;
      index[next] = 0;
      hole = next;
    }
  }
}
