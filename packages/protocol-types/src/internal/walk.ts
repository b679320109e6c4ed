import { z } from 'zod';
import { knownValuesOf } from '../schemas/common';
import type { DriftKind } from '../drift';

/** A finding before its severity is graded by direction. */
export interface RawFinding {
  readonly kind: DriftKind;
  readonly path: string;
  readonly message: string;
  readonly value?: unknown;
}

type Def = Record<string, unknown> & { type: string };

export function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Meta key marking the catch-all branch of a union (an unknown block or event type). */
export const UNKNOWN_FALLBACK_KEY = 'x-unknown-fallback';

/**
 * Whether a schema is the catch-all branch of a union: tagged with {@link UNKNOWN_FALLBACK_KEY}, or
 * an object whose only field is a non-literal string `type`.
 */
export function isUnknownFallback(schema: z.ZodType): boolean {
  const meta = z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
  if (meta?.[UNKNOWN_FALLBACK_KEY] === true) return true;
  const def = defOf(schema);
  if (def.type !== 'object') return false;
  const keys = Object.keys(def.shape as Record<string, z.ZodType>);
  const type = (def.shape as Record<string, z.ZodType>).type;
  return keys.length === 1 && type !== undefined && defOf(type).type === 'string';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function short(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 80 ? `${value.slice(0, 77)}...` : value;
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : value;
  }
  return value;
}

function keyPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function literalSet(schema: z.ZodType): unknown[] | undefined {
  const def = defOf(schema);
  if (def.type === 'literal') return def.values as unknown[];
  if (def.type === 'enum') return Object.values(def.entries as Record<string, unknown>);
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly' || def.type === 'default') {
    return literalSet(def.innerType as z.ZodType);
  }
  return undefined;
}

/**
 * Whether an object key may be left out, by zod's own rule: its schema is optional-in (`optional`,
 * `default`, `prefault`, …). A required `z.unknown()` field must be present, as zod says.
 */
/** The `min(n)` of a string schema (e.g. a model name that may not be empty), or 0. */
export function minLengthOf(schema: z.ZodType): number {
  const checks = defOf(schema).checks;
  if (!Array.isArray(checks)) return 0;
  let min = 0;
  for (const check of checks as { _zod?: { def?: { check?: string; minimum?: number } } }[]) {
    const def = check._zod?.def;
    if (def?.check === 'min_length' && typeof def.minimum === 'number') min = Math.max(min, def.minimum);
  }
  return min;
}

export function mayBeAbsent(schema: z.ZodType): boolean {
  return (schema as unknown as { _zod: { optin?: string } })._zod.optin !== undefined;
}

function walk(schema: z.ZodType, value: unknown, path: string, out: RawFinding[]): void {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      if (value !== undefined) walk(def.innerType as z.ZodType, value, path, out);
      return;
    case 'nullable':
      if (value !== null) walk(def.innerType as z.ZodType, value, path, out);
      return;
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      walk(def.innerType as z.ZodType, value, path, out);
      return;
    case 'lazy':
      walk((def.getter as () => z.ZodType)(), value, path, out);
      return;
    case 'pipe':
      walk(def.in as z.ZodType, value, path, out);
      return;
    case 'any':
    case 'unknown':
      return;
    case 'string': {
      if (typeof value !== 'string') return mismatch('a string', value, path, out);
      const min = minLengthOf(schema);
      if (value.length < min) return mismatch(`a string of at least ${min} character(s)`, value, path, out);
      const known = knownValuesOf(schema);
      if (known !== undefined && !known.includes(value)) {
        out.push({ kind: 'unknown_enum', path, message: `unknown value ${JSON.stringify(value)} (known: ${known.join(', ')})`, value: short(value) });
      }
      return;
    }
    case 'number':
    case 'int':
      if (typeof value !== 'number') mismatch('a number', value, path, out);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') mismatch('a boolean', value, path, out);
      return;
    case 'null':
      if (value !== null) mismatch('null', value, path, out);
      return;
    case 'undefined':
    case 'void':
      if (value !== undefined) mismatch('nothing', value, path, out);
      return;
    case 'literal':
    case 'enum': {
      const allowed = literalSet(schema) ?? [];
      if (allowed.includes(value)) return;
      const sameType = allowed.some((a) => typeof a === typeof value);
      if (sameType) {
        out.push({ kind: 'unknown_enum', path, message: `unexpected value ${JSON.stringify(value)} (expected ${allowed.map((a) => JSON.stringify(a)).join(' | ')})`, value: short(value) });
      } else {
        mismatch(allowed.map((a) => JSON.stringify(a)).join(' | '), value, path, out);
      }
      return;
    }
    case 'array': {
      if (!Array.isArray(value)) return mismatch('an array', value, path, out);
      const element = def.element as z.ZodType;
      for (let i = 0; i < value.length; i++) walk(element, value[i], `${path}[${i}]`, out);
      return;
    }
    case 'tuple': {
      if (!Array.isArray(value)) return mismatch('an array', value, path, out);
      const items = def.items as z.ZodType[];
      items.forEach((item, i) => walk(item, value[i], `${path}[${i}]`, out));
      return;
    }
    case 'record': {
      if (!isRecord(value)) return mismatch('an object', value, path, out);
      const valueType = def.valueType as z.ZodType;
      for (const [key, item] of Object.entries(value)) walk(valueType, item, keyPath(path, key), out);
      return;
    }
    case 'object':
      walkObject(def, value, path, out);
      return;
    case 'union':
      walkUnion(def, value, path, out);
      return;
    case 'intersection': {
      walk(def.left as z.ZodType, value, path, out);
      walk(def.right as z.ZodType, value, path, out);
      return;
    }
    default:
      return;
  }
}

function mismatch(expected: string, value: unknown, path: string, out: RawFinding[]): void {
  if (value === undefined) {
    out.push({ kind: 'missing', path, message: `required field is missing (expected ${expected})` });
  } else {
    out.push({ kind: 'type_mismatch', path, message: `expected ${expected}, received ${describe(value)}`, value: short(value) });
  }
}

function walkObject(def: Def, value: unknown, path: string, out: RawFinding[]): void {
  if (!isRecord(value)) return mismatch('an object', value, path, out);
  const shape = def.shape as Record<string, z.ZodType>;
  for (const key in shape) {
    const field = shape[key] as z.ZodType;
    const item = value[key];
    if (item === undefined) {
      if (!mayBeAbsent(field)) out.push({ kind: 'missing', path: keyPath(path, key), message: `required field "${key}" is missing` });
      continue;
    }
    walk(field, item, keyPath(path, key), out);
  }
  const catchall = def.catchall as z.ZodType | undefined;
  const open = catchall !== undefined && defOf(catchall).type !== 'never';
  if (open) return;
  for (const key of Object.keys(value)) {
    if (!(key in shape)) {
      out.push({ kind: 'unknown_key', path: keyPath(path, key), message: `unknown key "${key}"`, value: short(value[key]) });
    }
  }
}

function walkUnion(def: Def, value: unknown, path: string, out: RawFinding[]): void {
  const options = def.options as z.ZodType[];
  const discriminator = def.discriminator as string | undefined;
  if (discriminator !== undefined && isRecord(value)) {
    const tag = value[discriminator];
    for (const option of options) {
      if (matchesDiscriminator(option, discriminator, tag)) return walk(option, value, path, out);
    }
    if (tag === undefined) {
      out.push({ kind: 'missing', path: keyPath(path, discriminator), message: `required field "${discriminator}" is missing` });
    } else {
      out.push({ kind: 'unknown_type', path: keyPath(path, discriminator), message: `unknown ${discriminator} ${JSON.stringify(tag)}`, value: short(tag) });
    }
    return;
  }
  // Plain union: take the first branch that fits exactly; otherwise the closest one.
  let best: RawFinding[] | undefined;
  let fallbackHit = false;
  for (const option of options) {
    if (isUnknownFallback(option)) {
      fallbackHit = true;
      continue;
    }
    const trial: RawFinding[] = [];
    walk(option, value, path, trial);
    if (trial.length === 0) return;
    if (best === undefined || score(trial) < score(best)) best = trial;
  }
  const typePath = keyPath(path, 'type');
  if (fallbackHit && isRecord(value) && best !== undefined && best.some((f) => f.kind === 'unknown_type' && f.path === typePath)) {
    const type = value.type;
    out.push({ kind: 'unknown_type', path: typePath, message: `unknown type ${JSON.stringify(type)}`, value: short(type) });
    return;
  }
  if (best !== undefined) out.push(...best);
}

function score(findings: readonly RawFinding[]): number {
  let total = 0;
  for (const f of findings) total += f.kind === 'unknown_key' ? 1 : f.kind === 'unknown_enum' ? 3 : 10;
  return total;
}

function matchesDiscriminator(option: z.ZodType, discriminator: string, tag: unknown): boolean {
  const def = defOf(option);
  if (def.type === 'object') {
    const field = (def.shape as Record<string, z.ZodType>)[discriminator];
    return field !== undefined && (literalSet(field) ?? []).includes(tag);
  }
  if (def.type === 'union') return (def.options as z.ZodType[]).some((o) => matchesDiscriminator(o, discriminator, tag));
  return false;
}

/** Walks `value` against `schema` strictly and returns every difference found. */
export function walkSchema(schema: z.ZodType, value: unknown): RawFinding[] {
  const out: RawFinding[] = [];
  walk(schema, value, '$', out);
  return out;
}
