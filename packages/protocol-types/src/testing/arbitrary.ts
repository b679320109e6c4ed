import fc from 'fast-check';
import type { z } from 'zod';
import { knownValuesOf } from '../schemas/common';
import { isUnknownFallback, minLengthOf } from '../internal/walk';

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Options for {@link arbitraryFor}. */
export interface ArbitraryOptions {
  /** How deep nested objects and arrays go before optional parts are left out. Default 4. */
  maxDepth?: number | undefined;
  /** Longest generated array. Default 3. */
  maxArrayLength?: number | undefined;
}

const cache = new WeakMap<z.ZodType, Map<number, fc.Arbitrary<unknown>>>();

const jsonLeaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);

/**
 * A fast-check arbitrary derived from a zod schema by walking its definition, so it moves in
 * lockstep with the schema: every generated value parses and the strict drift walk finds nothing.
 */
export function arbitraryFor<T>(schema: z.ZodType<T>, options: ArbitraryOptions = {}): fc.Arbitrary<T> {
  return build(schema, options.maxDepth ?? 4, options.maxArrayLength ?? 3) as fc.Arbitrary<T>;
}

function build(schema: z.ZodType, depth: number, maxLength: number): fc.Arbitrary<unknown> {
  let byDepth = cache.get(schema);
  const hit = byDepth?.get(depth * 100 + maxLength);
  if (hit) return hit;
  const arb = make(schema, depth, maxLength);
  if (!byDepth) cache.set(schema, (byDepth = new Map()));
  byDepth.set(depth * 100 + maxLength, arb);
  return arb;
}

function make(schema: z.ZodType, depth: number, maxLength: number): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const next = (s: z.ZodType) => build(s, depth - 1, maxLength);
  switch (def.type) {
    case 'optional':
      return depth <= 0 ? fc.constant(undefined) : fc.option(next(def.innerType as z.ZodType), { nil: undefined });
    case 'nullable':
      return fc.option(build(def.innerType as z.ZodType, depth, maxLength), { nil: null });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return build(def.innerType as z.ZodType, depth, maxLength);
    case 'lazy':
      return build((def.getter as () => z.ZodType)(), depth, maxLength);
    case 'pipe':
      return build(def.in as z.ZodType, depth, maxLength);
    case 'string': {
      const known = knownValuesOf(schema);
      const minLength = minLengthOf(schema);
      return known && known.length > 0 ? fc.constantFrom(...known) : fc.string({ minLength, maxLength: Math.max(16, minLength) });
    }
    case 'number':
      // JSON has no -0, so it is folded to 0 to keep generated frames plain JSON.
      return fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((n) => n || 0));
    case 'int':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'any':
    case 'unknown':
      return depth <= 0 ? jsonLeaf : fc.oneof(jsonLeaf, fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), jsonLeaf, { maxKeys: 2 }));
    case 'array': {
      const length = depth <= 0 ? 0 : maxLength;
      return fc.array(next(def.element as z.ZodType), { maxLength: length });
    }
    case 'tuple':
      return fc.tuple(...(def.items as z.ZodType[]).map(next));
    case 'record': {
      const keyDef = defOf(def.keyType as z.ZodType);
      const keys = keyDef.type === 'enum' ? fc.constantFrom(...Object.values(keyDef.entries as Record<string, string>)) : fc.string({ minLength: 1, maxLength: 8 });
      return depth <= 0 ? fc.constant({}) : fc.dictionary(keys, next(def.valueType as z.ZodType), { maxKeys: 2 });
    }
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const entries = Object.entries(shape).map(([key, field]) => [key, build(field, depth - 1, maxLength)] as const);
      return fc.record(Object.fromEntries(entries)).map((value) => {
        // Optional fields generated as `undefined` are left out, as JSON would.
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
        return out;
      });
    }
    case 'union': {
      const options = (def.options as z.ZodType[]).filter((o) => !isUnknownFallback(o));
      return fc.oneof(...options.map((o) => build(o, depth, maxLength)));
    }
    case 'intersection':
      return fc
        .tuple(build(def.left as z.ZodType, depth, maxLength), build(def.right as z.ZodType, depth, maxLength))
        .map(([a, b]) => ({ ...(a as object), ...(b as object) }));
    default:
      throw new Error(`arbitraryFor: no generator for zod schema type "${def.type}"; add one in src/testing/arbitrary.ts.`);
  }
}
