import type { z } from 'zod';
import { knownValuesOf } from '../schemas/common';
import { defOf, mayBeAbsent, isRecord, isUnknownFallback, literalSet, minLengthOf } from './walk';

/**
 * A compiled "does this value match its schema exactly?" predicate: `true` only when the drift
 * walk would report nothing for it. `findDrift` calls it first and walks (explaining every
 * difference) only values it rejects, so clean traffic is checked at the speed of a closure tree
 * instead of an interpreter over zod definitions. It mirrors `walk.ts` rule for rule;
 * `test/drift-exact.prop.test.ts` holds the two together.
 */
export type ExactCheck = (value: unknown) => boolean;

type SchemaLike = z.ZodType;
type Def = Readonly<Record<string, unknown>> & { readonly type: string };

const always: ExactCheck = () => true;

/** Compiles schemas once each; recursive (lazy) schemas resolve through a forwarding stub. */
class Compiler {
  readonly #cache = new Map<SchemaLike, ExactCheck>();

  compile(schema: SchemaLike): ExactCheck {
    const cached = this.#cache.get(schema);
    if (cached !== undefined) return cached;
    let target: ExactCheck = always;
    this.#cache.set(schema, (value) => target(value));
    target = this.#build(schema);
    this.#cache.set(schema, target);
    return target;
  }

  #build(schema: SchemaLike): ExactCheck {
    const def = defOf(schema);
    switch (def.type) {
      case 'optional': {
        const inner = this.compile(def.innerType as SchemaLike);
        return (v) => v === undefined || inner(v);
      }
      case 'nullable': {
        const inner = this.compile(def.innerType as SchemaLike);
        return (v) => v === null || inner(v);
      }
      case 'default':
      case 'prefault':
      case 'catch':
      case 'readonly':
      case 'nonoptional':
        return this.compile(def.innerType as SchemaLike);
      case 'lazy': {
        let inner: ExactCheck | undefined;
        return (v) => (inner ??= this.compile((def.getter as () => SchemaLike)()))(v);
      }
      case 'pipe':
        return this.compile(def.in as SchemaLike);
      case 'string': {
        const known = knownValuesOf(schema);
        const min = minLengthOf(schema);
        if (min > 0) return (v) => typeof v === 'string' && v.length >= min && (known === undefined || known.includes(v));
        if (known === undefined) return (v) => typeof v === 'string';
        const set = new Set(known);
        return (v) => typeof v === 'string' && set.has(v);
      }
      case 'number':
      case 'int':
        return (v) => typeof v === 'number';
      case 'boolean':
        return (v) => typeof v === 'boolean';
      case 'null':
        return (v) => v === null;
      case 'undefined':
      case 'void':
        return (v) => v === undefined;
      case 'literal':
      case 'enum': {
        const allowed = literalSet(schema) ?? [];
        if (allowed.length === 1) {
          const only = allowed[0];
          return (v) => v === only;
        }
        return (v) => allowed.includes(v);
      }
      case 'array': {
        const element = this.compile(def.element as SchemaLike);
        return (v) => {
          if (!Array.isArray(v)) return false;
          for (let i = 0; i < v.length; i++) if (!element(v[i])) return false;
          return true;
        };
      }
      case 'tuple': {
        const items = (def.items as SchemaLike[]).map((item) => this.compile(item));
        return (v) => Array.isArray(v) && items.every((item, i) => item(v[i]));
      }
      case 'record': {
        const valueType = this.compile(def.valueType as SchemaLike);
        return (v) => {
          if (!isRecord(v)) return false;
          for (const key in v) if (!valueType(v[key])) return false;
          return true;
        };
      }
      case 'object':
        return this.#object(def);
      case 'union':
        return this.#union(def);
      case 'intersection': {
        const left = this.compile(def.left as SchemaLike);
        const right = this.compile(def.right as SchemaLike);
        return (v) => left(v) && right(v);
      }
      default:
        // The drift walk reports nothing for definitions it does not know (any, unknown, custom, …).
        return always;
    }
  }

  #object(def: Def): ExactCheck {
    const shape = def.shape as Record<string, SchemaLike>;
    // An absent or undefined optional field is handled below, so its check skips the optional wrapper.
    const fields: Record<string, { readonly check: ExactCheck; readonly optional: boolean } | undefined> = Object.create(null) as Record<string, never>;
    for (const [key, field] of Object.entries(shape)) fields[key] = { check: this.compile(unwrapOptional(field)), optional: mayBeAbsent(field) };
    const requiredCount = Object.values(fields).filter((f) => f !== undefined && !f.optional).length;
    const catchall = def.catchall as SchemaLike | undefined;
    const open = catchall !== undefined && defOf(catchall).type !== 'never';
    // Walks the value's keys rather than the declared ones: frames leave most optional fields out.
    return (v) => {
      if (!isRecord(v)) return false;
      let required = 0;
      for (const key in v) {
        const field = fields[key];
        if (field === undefined) {
          if (open) continue;
          return false;
        }
        const item = v[key];
        if (item === undefined) {
          if (!field.optional) return false;
          continue;
        }
        if (!field.check(item)) return false;
        if (!field.optional) required++;
      }
      return required === requiredCount;
    };
  }

  #union(def: Def): ExactCheck {
    const options = def.options as SchemaLike[];
    const discriminator = def.discriminator as string | undefined;
    const plain = options.filter((o) => !isUnknownFallback(o)).map((o) => this.compile(o));
    // Most unions are one known union plus the unknown fallback: then the known one is the check.
    const plainCheck: ExactCheck =
      plain.length === 1
        ? plain[0]!
        : (v) => {
            for (let i = 0; i < plain.length; i++) if (plain[i]!(v)) return true;
            return false;
          };
    if (discriminator === undefined) return plainCheck;
    const byTag = new Map<unknown, ExactCheck>();
    for (const option of options) {
      for (const tag of tagsOf(option, discriminator)) if (!byTag.has(tag)) byTag.set(tag, this.compile(option));
    }
    return (v) => {
      if (!isRecord(v)) return plainCheck(v);
      const check = byTag.get(v[discriminator]);
      return check !== undefined && check(v);
    };
  }
}

function isMinLength(check: unknown): boolean {
  return (check as { _zod?: { def?: { check?: string } } })._zod?.def?.check === 'min_length';
}

/** The schema inside `optional` wrappers (only those: `nullable`, `default`, … keep their meaning). */
function unwrapOptional(schema: SchemaLike): SchemaLike {
  let current = schema;
  for (let def = defOf(current); def.type === 'optional'; def = defOf(current)) current = def.innerType as SchemaLike;
  return current;
}

function tagsOf(option: SchemaLike, discriminator: string): unknown[] {
  const def = defOf(option);
  if (def.type === 'object') {
    const field = (def.shape as Record<string, SchemaLike>)[discriminator];
    return field === undefined ? [] : (literalSet(field) ?? []);
  }
  if (def.type === 'union') return (def.options as SchemaLike[]).flatMap((o) => tagsOf(o, discriminator));
  return [];
}

const shared = new Compiler();

/** Definitions whose zod parse checks more than the exact check looks at. */
const BEYOND_EXACT = new Set(['int', 'custom', 'transform', 'pipe', 'promise', 'function', 'bigint', 'date', 'symbol', 'map', 'set', 'file', 'nan', 'template_literal', 'success']);
const OPEN_CATCHALL = new Set(['unknown', 'any', 'never']);
const implies = new Map<SchemaLike, boolean>();

/**
 * Whether every value the exact check accepts also passes the schema's own zod parse: true when
 * nothing in the schema's tree checks more than types, shapes and literal values (no refinements,
 * formats, integer or length checks, transforms, custom types or typed catch-alls). `parseFrame`
 * may then skip zod for the values the exact check accepts. Values are taken to be JSON (no NaN).
 */
export function exactImpliesValid(schema: z.ZodType): boolean {
  let known = implies.get(schema);
  if (known === undefined) {
    known = reachesNoMore(schema, new Set());
    implies.set(schema, known);
  }
  return known;
}

/** Whether nothing reachable from `schema` checks more than the exact check does. */
function reachesNoMore(schema: SchemaLike, visiting: Set<SchemaLike>): boolean {
  const known = implies.get(schema);
  if (known !== undefined) return known;
  // Met again through a recursive (lazy) schema: it adds nothing that the rest of the walk does not see.
  if (visiting.has(schema)) return true;
  visiting.add(schema);
  const def = defOf(schema);
  // A string's minimum length is the one check the exact check makes too.
  if (Array.isArray(def.checks) && def.checks.length > 0 && !(def.type === 'string' && def.checks.every(isMinLength))) return false;
  if (def.format !== undefined || BEYOND_EXACT.has(def.type)) return false;
  const next = (item: unknown): boolean => reachesNoMore(item as SchemaLike, visiting);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return next(def.innerType);
    case 'lazy':
      return next((def.getter as () => SchemaLike)());
    case 'array':
      return next(def.element);
    case 'tuple':
      return (def.items as unknown[]).every(next);
    case 'record':
      return next(def.keyType) && next(def.valueType);
    case 'object': {
      const catchall = def.catchall as SchemaLike | undefined;
      if (catchall !== undefined && !OPEN_CATCHALL.has(defOf(catchall).type)) return false;
      return Object.values(def.shape as Record<string, SchemaLike>).every(next);
    }
    case 'union':
      return (def.options as unknown[]).every(next);
    case 'intersection':
      return next(def.left) && next(def.right);
    default:
      return true;
  }
}

/** The exact-match predicate of a schema, compiled on first use and cached. */
export function exactCheckFor(schema: z.ZodType): ExactCheck {
  return shared.compile(schema);
}

