import type fc from 'fast-check';
import { listFrameKinds, type Frame } from '../frames';
import { arbitraryFor, type ArbitraryOptions } from './arbitrary';
import fcRuntime from 'fast-check';

export { arbitraryFor };
export type { ArbitraryOptions };

/** An arbitrary for one frame kind (`type` or `type/subtype`, as in the message catalog). */
export function frameArbitrary(key: string, options?: ArbitraryOptions): fc.Arbitrary<Frame> {
  const kind = listFrameKinds().find((k) => k.key === key);
  if (!kind) throw new Error(`frameArbitrary: unknown frame kind "${key}"; see listFrameKinds() for the known ones.`);
  const arb = arbitraryFor(kind.schema, options) as fc.Arbitrary<Frame>;
  const [type, subtype] = key.split('/');
  if (subtype === undefined) return arb;
  // Enum subtypes (e.g. the result error subtypes) must land on this key's value.
  return arb.map((frame) => {
    const copy = { ...(frame as Record<string, unknown>) };
    if (type === 'control_request') copy.request = { ...(copy.request as Record<string, unknown>), subtype };
    else copy.subtype = subtype;
    return copy as Frame;
  });
}

/** An arbitrary over every known frame kind. */
export function anyFrameArbitrary(options?: ArbitraryOptions): fc.Arbitrary<Frame> {
  return fcRuntime.oneof(...listFrameKinds().map((k) => frameArbitrary(k.key, options)));
}

/** A seeded PRNG (mulberry32) returning floats in [0, 1): benchmarks and campaigns replay the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
