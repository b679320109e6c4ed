import { fc, test } from '@fast-check/vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDrift, matchesExactly } from '../src/drift';
import { listFrameKinds, lookupFrameSchema } from '../src/frames';
import { exactImpliesValid } from '../src/internal/exact';
import { walkSchema } from '../src/internal/walk';
import { isUnknownFrame, parseFrame } from '../src/parse';
import { z } from 'zod';
import { anyFrameArbitrary } from '../src/testing';

type Json = Record<string, unknown>;

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

/** The law behind findDrift's fast path: the compiled check accepts exactly what the walk finds clean. */
function agrees(frame: Json): void {
  const entry = lookupFrameSchema(frame);
  if (entry === undefined) return;
  expect(matchesExactly(entry.schema, frame)).toBe(walkSchema(entry.schema, frame).length === 0);
}

/**
 * The law behind parseFrame's fast path: a value the exact check accepts passes zod too, and
 * parseFrame's verdict is zod's either way.
 */
function parsesAsZod(frame: Json): void {
  const entry = lookupFrameSchema(frame);
  if (entry === undefined) return;
  const zodAccepts = entry.schema.safeParse(frame).success;
  if (exactImpliesValid(entry.schema) && matchesExactly(entry.schema, frame)) expect(zodAccepts).toBe(true);
  expect(isUnknownFrame(parseFrame(frame))).toBe(!zodAccepts);
}

describe('parseFrame\'s fast path gives zod\'s verdict', () => {
  it('is open to every frame kind (nothing in the frame schemas checks more than the exact check)', () => {
    const closed = listFrameKinds()
      .map((k) => k.key)
      .filter((key) => {
        const [type, subtype] = key.split('/');
        const entry = lookupFrameSchema(type === 'control_request' ? { type, request: { subtype } } : { type, subtype });
        return entry === undefined || !exactImpliesValid(entry.schema);
      });
    expect(closed).toEqual([]);
  });

  it('is closed to schemas whose zod parse checks more: integers, lengths, formats, refinements, typed catch-alls', () => {
    const closed = [
      z.object({ n: z.number().int() }),
      z.object({ n: z.int() }),
      z.object({ list: z.array(z.string()).max(2) }),
      z.object({ id: z.string().regex(/^a/) }),
      z.object({ at: z.iso.datetime() }),
      z.object({ n: z.number() }).refine((v) => v.n > 0),
      z.object({ a: z.string() }).catchall(z.number()),
      z.object({ nested: z.lazy(() => z.object({ n: z.number().int() })) }),
    ];
    for (const schema of closed) expect(exactImpliesValid(schema)).toBe(false);
    type Tree = { children: Tree[] };
    const tree: z.ZodType<Tree> = z.lazy(() => z.object({ children: z.array(tree) }));
    expect(exactImpliesValid(tree)).toBe(true);
  });

  test.prop([anyFrameArbitrary()], { numRuns: 200 })('valid frames', (frame) => parsesAsZod(frame));

  test.prop([anyFrameArbitrary(), fc.nat(), fc.nat(), fc.jsonValue()], { numRuns: 800 })('frames edited at any depth', (frame, pick, seed, value) => {
    parsesAsZod(mutate(frame, pick, seed, value));
  });

  test.prop([fc.constantFrom(...listFrameKinds().map((k) => k.key)), fc.dictionary(fc.string(), fc.jsonValue())], { numRuns: 300 })('arbitrary objects under a known type', (key, body) => {
    const [type, subtype] = key.split('/');
    parsesAsZod(type === 'control_request' ? { ...body, type, request: { subtype } } : { ...body, type, ...(subtype === undefined ? {} : { subtype }) });
  });
});

describe('the compiled exact check agrees with the drift walk', () => {
  test.prop([anyFrameArbitrary()], { numRuns: 300 })('valid frames pass both', (frame) => {
    agrees(frame);
    expect(findDrift(frame, 'to-client')).toEqual([]);
  });

  test.prop([anyFrameArbitrary(), fc.nat(), fc.nat(), fc.jsonValue()], { numRuns: 800 })('frames edited at any depth: the same verdict', (frame, pick, seed, value) => {
    agrees(mutate(frame, pick, seed, value));
  });

  test.prop([fc.constantFrom(...listFrameKinds().map((k) => k.key)), fc.dictionary(fc.string(), fc.jsonValue())], { numRuns: 300 })('arbitrary objects under a known type: the same verdict', (key, body) => {
    const [type, subtype] = key.split('/');
    agrees(type === 'control_request' ? { ...body, type, request: { subtype } } : { ...body, type, ...(subtype === undefined ? {} : { subtype }) });
  });

  it('every frame of the real CLI corpus: the same verdict', () => {
    const dir = join(import.meta.dirname, 'corpus', 'cli-2.1.197');
    let frames = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ndjson'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        agrees(JSON.parse(line) as Json);
        frames++;
      }
    }
    expect(frames).toBeGreaterThan(100);
  });
});
