import { fc, test } from '@fast-check/vitest';
import { findDrift, frameKey, listFrameKinds, type DriftDirection } from '@ccr-kit/protocol-types';
import { anyFrameArbitrary } from '@ccr-kit/protocol-types/testing';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusTapePath, loadCorpus } from '../../src/corpus/manifest';
import { readFrameFile } from '../../src/frames/read';
import { exactCheckFor } from '../../src/validate/exact';
import { frameFindings } from '../../src/validate/validate';
import { CORPUS } from '../helpers';

type Json = Record<string, unknown>;

const EXACT = new Map(listFrameKinds().map((k) => [k.key, exactCheckFor(k.schema)]));

/** Every object and array inside a value (the value itself first), so edits can land at any depth. */
function containers(value: unknown, out: (Json | unknown[])[] = []): (Json | unknown[])[] {
  if (Array.isArray(value)) {
    out.push(value);
    for (const item of value) containers(item, out);
  } else if (value !== null && typeof value === 'object') {
    out.push(value as Json);
    for (const item of Object.values(value)) containers(item, out);
  }
  return out;
}

/** One random edit at a random depth: a new key or item, a removed one, or a changed value. */
function mutate(frame: Json, pick: number, seed: number, value: unknown): Json {
  const copy = structuredClone(frame);
  const all = containers(copy);
  const target = all[pick % all.length]!;
  const keys = Array.isArray(target) ? target.map((_, i) => i) : Object.keys(target).filter((k) => target !== copy || k !== 'type');
  const key = keys[seed % Math.max(1, keys.length)];
  const edit = seed % 3;
  if (Array.isArray(target)) {
    if (edit === 0 || key === undefined) target.push(value);
    else if (edit === 1) target.splice(key as number, 1);
    else target[key as number] = value;
  } else if (edit === 0 || key === undefined) target[`extra_${seed}`] = value;
  else if (edit === 1) delete target[key as string];
  else target[key as string] = value;
  return copy;
}

const direction = fc.constantFrom<DriftDirection>('to-client', 'to-agent');

describe('the compiled exact check agrees with findDrift', () => {
  test.prop([anyFrameArbitrary(), direction], { numRuns: 300 })('valid frames: no findings either way', (frame, dir) => {
    expect(frameFindings(frame, dir)).toEqual(findDrift(frame, dir));
  });

  test.prop([anyFrameArbitrary(), fc.nat(), fc.nat(), fc.jsonValue(), direction], { numRuns: 600 })('frames edited at any depth: the same findings', (frame, pick, seed, value, dir) => {
    const mutated = mutate(frame, pick, seed, value);
    expect(frameFindings(mutated, dir)).toEqual(findDrift(mutated, dir));
  });

  test.prop([anyFrameArbitrary(), fc.nat(), fc.nat(), fc.jsonValue()], { numRuns: 600 })('it accepts exactly the frames findDrift finds nothing in', (frame, pick, seed, value) => {
    const mutated = mutate(frame, pick, seed, value);
    const key = frameKey(mutated);
    const check = key === undefined ? undefined : EXACT.get(key);
    if (check !== undefined) expect(check(mutated)).toBe(findDrift(mutated, 'to-client').length === 0);
  });

  test.prop([fc.constantFrom(...listFrameKinds().map((k) => k.key)), fc.dictionary(fc.string(), fc.jsonValue()), direction], { numRuns: 200 })('arbitrary objects under a known type: the same findings', (key, body, dir) => {
    const [type, subtype] = key.split('/');
    const frame = type === 'control_request' ? { ...body, type, request: { subtype } } : { ...body, type, ...(subtype === undefined ? {} : { subtype }) };
    expect(frameFindings(frame, dir)).toEqual(findDrift(frame, dir));
  });

  it('every frame of the corpus: the same findings', async () => {
    const corpus = await loadCorpus(CORPUS);
    let frames = 0;
    for (const entry of corpus.manifest.tapes) {
      for (const frame of readFrameFile(readFileSync(corpusTapePath(corpus, entry), 'utf8')).frames) {
        expect(frameFindings(frame.value, frame.direction), `${entry.file} line ${frame.line}`).toEqual(findDrift(frame.value, frame.direction));
        frames++;
      }
    }
    expect(frames).toBeGreaterThan(600);
  });
});
