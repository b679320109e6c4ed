import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDrift } from '../src/drift';
import { listFrameKinds } from '../src/frames';
import { isUnknownFrame, parseFrame } from '../src/parse';
import { anyFrameArbitrary, frameArbitrary } from '../src/testing';

describe('schema-derived arbitraries', () => {
  const kinds = listFrameKinds();

  it('cover every frame kind in the registry', () => {
    expect(kinds.length).toBeGreaterThan(100);
    for (const { key } of kinds) expect(() => frameArbitrary(key)).not.toThrow();
  });

  it.each(kinds.map((k) => [k.key, k.direction] as const))(
    '%s: every generated frame parses as itself and shows no drift',
    (key, direction) => {
      fc.assert(
        fc.property(frameArbitrary(key), (frame) => {
          const parsed = parseFrame(frame);
          if (isUnknownFrame(parsed)) throw new Error(`${key}: parsed as unknown: ${parsed.describe()}`);
          expect(parsed).toBe(frame);
          const drift = findDrift(frame, direction === 'to-agent' ? 'to-agent' : 'to-client');
          expect(drift).toEqual([]);
        }),
        { numRuns: 15 },
      );
    },
  );

  it('survive a JSON round trip unchanged (they are plain JSON)', () => {
    fc.assert(
      fc.property(anyFrameArbitrary(), (frame) => {
        expect(JSON.parse(JSON.stringify(frame))).toEqual(frame);
      }),
      { numRuns: 200 },
    );
  });

  it('reject an unknown frame kind with a message naming it', () => {
    expect(() => frameArbitrary('teleport/now')).toThrow(/unknown frame kind "teleport\/now"/);
  });
});
