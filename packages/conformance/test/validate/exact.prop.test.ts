import { fc, test } from '@fast-check/vitest';
import { findDrift, listFrameKinds } from '@ccr-kit/protocol-types';
import { anyFrameArbitrary } from '@ccr-kit/protocol-types/testing';
import { describe, expect } from 'vitest';
import { frameFindings } from '../../src/validate/validate';

/** Random edits that may or may not make a frame drift: new keys, removed keys, changed values. */
function mutate(frame: Record<string, unknown>, seed: number, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = structuredClone(frame);
  const keys = Object.keys(copy).filter((k) => k !== 'type');
  const key = keys[seed % Math.max(1, keys.length)];
  switch (seed % 3) {
    case 0:
      copy[`extra_${seed}`] = value;
      break;
    case 1:
      if (key !== undefined) delete copy[key];
      break;
    default:
      if (key !== undefined) copy[key] = value;
  }
  return copy;
}

describe('the fast exact check agrees with findDrift', () => {
  test.prop([anyFrameArbitrary()], { numRuns: 300 })('valid frames: no findings either way', (frame) => {
    expect(frameFindings(frame, 'to-client')).toEqual(findDrift(frame, 'to-client'));
  });

  test.prop([anyFrameArbitrary(), fc.nat(), fc.jsonValue()], { numRuns: 500 })('mutated frames: the same findings', (frame, seed, value) => {
    const mutated = mutate(frame, seed, value);
    expect(frameFindings(mutated, 'to-agent')).toEqual(findDrift(mutated, 'to-agent'));
  });

  test.prop([fc.constantFrom(...listFrameKinds().map((k) => k.key)), fc.dictionary(fc.string(), fc.jsonValue())], { numRuns: 200 })('arbitrary objects under a known type: the same findings', (key, body) => {
    const [type, subtype] = key.split('/');
    const frame = type === 'control_request' ? { ...body, type, request: { subtype } } : { ...body, type, ...(subtype === undefined ? {} : { subtype }) };
    expect(frameFindings(frame, 'to-client')).toEqual(findDrift(frame, 'to-client'));
  });
});
