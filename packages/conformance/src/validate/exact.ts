import { knownValuesOf } from '@ccr-kit/protocol-types';
import { isRecord } from '../internal/json';

/**
 * A compiled "does this value match its schema exactly?" predicate: `true` only when `findDrift`
 * would report nothing for it. Validation calls it first and runs the full `findDrift` walk (which
 * explains every difference) only for frames it rejects, so clean traffic is checked at the speed
 * of a closure tree instead of an interpreter over zod definitions. It mirrors the drift walk of
 * `@ccr-kit/protocol-types` rule for rule; `test/validate/exact.prop.test.ts` holds the two together.
 */
export type ExactCheck = (value: unknown) => boolean;

/** The slice of a zod schema this compiler reads (zod 4 keeps its definition at `_zod.def`). */
interface SchemaLike {
  readonly _zod: { readonly def: Def };
}
type Def = Readonly<Record<string, unknown>> & { readonly type: string };

/** Meta key the drift walk uses to mark the catch-all branch of a union. */
const UNKNOWN_FALLBACK_KEY = 'x-unknown-fallback';

const always: ExactCheck = () => true;

function defOf(schema: SchemaLike): Def {
  return schema._zod.def;
}

function metaOf(schema: SchemaLike): Record<string, unknown> | undefined {
  const meta = (schema as unknown as { meta?: () => unknown }).meta?.();
  return isRecord(meta) ? meta : undefined;
}

function isUnknownFallback(schema: SchemaLike): boolean {
  if (metaOf(schema)?.[UNKNOWN_FALLBACK_KEY] === true) return true;
  const def = defOf(schema);
  if (def.type !== 'object') return false;
  const shape = def.shape as Record<string, SchemaLike>;
  const keys = Object.keys(shape);
  return keys.length === 1 && shape.type !== undefined && defOf(shape.type).type === 'string';
}

function literalSet(schema: SchemaLike): unknown[] | undefined {
  const def = defOf(schema);
  if (def.type === 'literal') return def.values as unknown[];
  if (def.type === 'enum') return Object.values(def.entries as Record<string, unknown>);
  if (['optional', 'nullable', 'readonly', 'default'].includes(def.type)) return literalSet(def.innerType as SchemaLike);
  return undefined;
}

function acceptsUndefined(schema: SchemaLike): boolean {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'undefined':
    case 'unknown':
    case 'any':
    case 'default':
    case 'prefault':
    case 'catch':
      return true;
    case 'nullable':
    case 'readonly':
      return acceptsUndefined(def.innerType as SchemaLike);
    case 'lazy':
      return acceptsUndefined((def.getter as () => SchemaLike)());
    case 'pipe':
      return acceptsUndefined(def.in as SchemaLike);
    case 'union':
      return (def.options as SchemaLike[]).some(acceptsUndefined);
    default:
      return false;
  }
}

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
        const known = knownValuesOf(schema as never);
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
    const fields = new Map(Object.entries(shape).map(([key, field]) => [key, { check: this.compile(field), optional: acceptsUndefined(field) }]));
    const requiredCount = [...fields.values()].filter((f) => !f.optional).length;
    const catchall = def.catchall as SchemaLike | undefined;
    const open = catchall !== undefined && defOf(catchall).type !== 'never';
    // Walks the value's keys rather than the declared ones: frames leave most optional fields out.
    return (v) => {
      if (!isRecord(v)) return false;
      let required = 0;
      for (const key in v) {
        const field = fields.get(key);
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
    const plainCheck: ExactCheck = (v) => plain.some((check) => check(v));
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

/** The exact-match predicate of a schema, compiled on first use and cached. */
export function exactCheckFor(schema: unknown): ExactCheck {
  return shared.compile(schema as SchemaLike);
}

