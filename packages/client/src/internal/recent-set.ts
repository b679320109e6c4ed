/**
 * A set that remembers only the most recent `capacity` keys (a ring buffer plus a hash set), so
 * de-duplication memory stays bounded on sessions with millions of frames.
 */
export class RecentSet<K> {
  readonly #capacity: number;
  readonly #ring: (K | undefined)[];
  readonly #set = new Set<K>();
  #next = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RecentSet capacity must be a positive integer, received ${capacity}.`);
    }
    this.#capacity = capacity;
    this.#ring = new Array<K | undefined>(capacity);
  }

  has(key: K): boolean {
    return this.#set.has(key);
  }

  /** Adds a key; returns false when it was already present. Evicts the oldest key when full. */
  add(key: K): boolean {
    if (this.#set.has(key)) return false;
    const evicted = this.#ring[this.#next];
    if (evicted !== undefined) this.#set.delete(evicted);
    this.#ring[this.#next] = key;
    this.#next = (this.#next + 1) % this.#capacity;
    this.#set.add(key);
    return true;
  }

  get size(): number {
    return this.#set.size;
  }
}

/** A map that keeps only the most recently inserted `capacity` entries. */
export class RecentMap<K, V> {
  readonly #capacity: number;
  readonly #map = new Map<K, V>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  has(key: K): boolean {
    return this.#map.has(key);
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.#capacity) {
      const oldest = this.#map.keys().next();
      if (!oldest.done) this.#map.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.#map.delete(key);
  }
}
