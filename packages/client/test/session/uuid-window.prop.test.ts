import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { RecentSet } from '../../src/internal/recent-set';
import { UuidWindow } from '../../src/internal/uuid-window';

const CANONICAL = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The reference: one string set per kind, each remembering the newest `capacity` keys. */
class Reference {
  readonly #uuids: RecentSet<string>;
  readonly #others: RecentSet<string>;
  constructor(capacity: number) {
    this.#uuids = new RecentSet(capacity);
    this.#others = new RecentSet(capacity);
  }
  #of(key: string): RecentSet<string> {
    return CANONICAL.test(key) ? this.#uuids : this.#others;
  }
  add(key: string): boolean {
    return this.#of(key).add(key);
  }
  has(key: string): boolean {
    return this.#of(key).has(key);
  }
  get size(): number {
    return this.#uuids.size + this.#others.size;
  }
}

const hex = (n: number, width: number): string => (n >>> 0).toString(16).padStart(width, '0').slice(-width);
/** A small pool of keys, so that adds repeat, collide in the index and get evicted. */
const pool = fc
  .array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 24 })
  .chain((words) =>
    fc.constant([
      ...words.map(([a, b, c, d]) => `${hex(a, 8)}-${hex(b, 4)}-${hex(b >>> 16, 4)}-${hex(c, 4)}-${hex(c >>> 16, 4)}${hex(d, 8)}`),
      // Look like UUIDs but are not canonical: they must be told apart from the lowercase form.
      ...words.slice(0, 2).map(([a, b, c, d]) => `${hex(a, 8)}-${hex(b, 4)}-${hex(b >>> 16, 4)}-${hex(c, 4)}-${hex(c >>> 16, 4)}${hex(d, 8)}`.toUpperCase()),
      // A canonical UUID next to near misses that a lenient reader would take for it.
      '00000000-0000-4000-8000-000000000000',
      '00000000-0000-4000-8000-00000000000g',
      '00000000-0000-4000-8000-00000000000\u0130',
      '00000000_0000-4000-8000-000000000000',
      '00000000-0000-4000-8000-0000000000000',
      'flood-1',
      'not-a-uuid',
      '',
    ]),
  );

describe('UuidWindow', () => {
  test.prop([fc.integer({ min: 1, max: 12 }), pool, fc.array(fc.nat(), { minLength: 1, maxLength: 300 })], { numRuns: 300 })(
    'remembers exactly what a string set of the same capacity per kind remembers',
    (capacity, keys, picks) => {
      const window = new UuidWindow(capacity);
      const reference = new Reference(capacity);
      for (const pick of picks) {
        const key = keys[pick % keys.length]!;
        expect(window.add(key), `add ${key}`).toBe(reference.add(key));
        expect(window.size).toBe(reference.size);
      }
      for (const key of keys) expect(window.has(key), `has ${key}`).toBe(reference.has(key));
    },
  );

  it('drops a re-sent frame uuid and forgets the oldest one past its capacity', () => {
    const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
    const window = new UuidWindow(1000);
    for (let n = 0; n < 5000; n++) expect(window.add(uuid(n))).toBe(true);
    expect(window.add(uuid(4999))).toBe(false);
    expect(window.has(uuid(4000))).toBe(true);
    expect(window.has(uuid(3999))).toBe(false);
    expect(window.add(uuid(3999))).toBe(true);
    expect(window.size).toBe(1000);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new UuidWindow(0)).toThrow(/positive integer, received 0/);
  });
});
