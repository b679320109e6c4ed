import { matchesExactly } from '@ccr-kit/protocol-types';
import { isRecord } from '../internal/json';

/**
 * Field paths of a schema and of values walked along it. A path names object fields with `.key`,
 * array items with `[*]`, record values with `{*}`, and the branch of a union with `<tag>` (the
 * branch's literal `type`, or its position): `$.message.content[*]<tool_use>.input`.
 */

interface SchemaLike {
  readonly _zod: { readonly def: Readonly<Record<string, unknown>> & { readonly type: string } };
}

const MAX_DEPTH = 8;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

function unwrap(schema: SchemaLike): SchemaLike {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const def = current._zod.def;
    if (WRAPPERS.has(def.type)) current = def.innerType as SchemaLike;
    else if (def.type === 'lazy') current = (def.getter as () => SchemaLike)();
    else if (def.type === 'pipe') current = def.in as SchemaLike;
    else return current;
  }
  return current;
}

function literalTag(option: SchemaLike, key: string): string | undefined {
  const def = unwrap(option)._zod.def;
  if (def.type !== 'object') return undefined;
  const field = (def.shape as Record<string, SchemaLike>)[key];
  if (field === undefined) return undefined;
  const fd = unwrap(field)._zod.def;
  if (fd.type === 'literal') {
    const values = fd.values as unknown[];
    return values.length === 1 && typeof values[0] === 'string' ? values[0] : undefined;
  }
  return undefined;
}

function branchLabel(option: SchemaLike, index: number, discriminator: string): string {
  return literalTag(option, discriminator) ?? `#${index}`;
}

function optionsOf(def: Readonly<Record<string, unknown>>): { options: SchemaLike[]; discriminator: string } {
  return { options: def.options as SchemaLike[], discriminator: (def.discriminator as string | undefined) ?? 'type' };
}

/** Every field path a schema declares, to a bounded depth (recursive schemas stop there). */
export function schemaPaths(schema: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (s: SchemaLike, path: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const inner = unwrap(s);
    const def = inner._zod.def;
    switch (def.type) {
      case 'object':
        for (const [key, field] of Object.entries(def.shape as Record<string, SchemaLike>)) {
          const child = `${path}.${key}`;
          out.add(child);
          walk(field, child, depth + 1);
        }
        return;
      case 'array':
        walk(def.element as SchemaLike, `${path}[*]`, depth + 1);
        return;
      case 'record':
        walk(def.valueType as SchemaLike, `${path}{*}`, depth + 1);
        return;
      case 'union': {
        const { options, discriminator } = optionsOf(def);
        options.forEach((option, i) => walk(option, `${path}<${branchLabel(option, i, discriminator)}>`, depth + 1));
        return;
      }
      case 'intersection':
        walk(def.left as SchemaLike, path, depth + 1);
        walk(def.right as SchemaLike, path, depth + 1);
        return;
      default:
        return;
    }
  };
  walk(schema as SchemaLike, '$', 0);
  return out;
}

function pickBranch(options: readonly SchemaLike[], discriminator: string, value: unknown): number {
  if (isRecord(value)) {
    const tag = value[discriminator];
    const byTag = options.findIndex((o) => literalTag(o, discriminator) === tag);
    if (byTag >= 0) return byTag;
  }
  const exact = options.findIndex((o) => matchesExactly(o as unknown as Parameters<typeof matchesExactly>[0], value));
  if (exact >= 0) return exact;
  return options.findIndex((o) => {
    const def = unwrap(o)._zod.def;
    return def.type === (Array.isArray(value) ? 'array' : isRecord(value) ? 'object' : typeof value);
  });
}

/** Adds to `into` every schema path that `value` exercises (fields present in it, walked along the schema). */
export function usedPaths(schema: unknown, value: unknown, into: Set<string>): void {
  const walk = (s: SchemaLike, v: unknown, path: string, depth: number): void => {
    if (depth > MAX_DEPTH || v === undefined || v === null) return;
    const inner = unwrap(s);
    const def = inner._zod.def;
    switch (def.type) {
      case 'object': {
        if (!isRecord(v)) return;
        for (const [key, field] of Object.entries(def.shape as Record<string, SchemaLike>)) {
          if (v[key] === undefined) continue;
          const child = `${path}.${key}`;
          into.add(child);
          walk(field, v[key], child, depth + 1);
        }
        return;
      }
      case 'array':
        if (Array.isArray(v)) for (const item of v) walk(def.element as SchemaLike, item, `${path}[*]`, depth + 1);
        return;
      case 'record':
        if (isRecord(v)) for (const item of Object.values(v)) walk(def.valueType as SchemaLike, item, `${path}{*}`, depth + 1);
        return;
      case 'union': {
        const { options, discriminator } = optionsOf(def);
        const index = pickBranch(options, discriminator, v);
        const option = options[index];
        if (option !== undefined) walk(option, v, `${path}<${branchLabel(option, index, discriminator)}>`, depth + 1);
        return;
      }
      case 'intersection':
        walk(def.left as SchemaLike, v, path, depth + 1);
        walk(def.right as SchemaLike, v, path, depth + 1);
        return;
      default:
        return;
    }
  };
  walk(schema as SchemaLike, value, '$', 0);
}
