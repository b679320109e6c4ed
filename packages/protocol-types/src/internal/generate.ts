import { z } from 'zod';
import { contract } from '../contract';
import { listFrameKinds } from '../frames';
import { knownValuesOf } from '../schemas/common';
import { TapeEventSchema, TapeHeaderSchema } from '../schemas/tape';

type Def = Record<string, unknown> & { type: string };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function toJson(schema: z.ZodType): string {
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input', reused: 'inline' });
  return `${JSON.stringify(json, null, 2)}\n`;
}

function fileName(key: string): string {
  return key.replace(/\//g, '.');
}

/** JSON Schema text for every frame kind, REST body and tape line, keyed by relative file path. */
export function buildJsonSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const { key, schema } of listFrameKinds()) files[`frames/${fileName(key)}.json`] = toJson(schema);
  for (const [name, endpoint] of Object.entries(contract.endpoints)) {
    const e = endpoint as { body?: z.ZodType; response: z.ZodType; query?: z.ZodType };
    if (e.body) files[`rest/${name}.request.json`] = toJson(e.body);
    if (e.query) files[`rest/${name}.query.json`] = toJson(e.query);
    files[`rest/${name}.response.json`] = toJson(e.response);
  }
  files['tape/header.json'] = toJson(TapeHeaderSchema);
  files['tape/event.json'] = toJson(TapeEventSchema);
  return files;
}

/** A short type label for a field schema in the catalog. */
function label(schema: z.ZodType, depth = 0): string {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
      return label(def.innerType as z.ZodType, depth);
    case 'nullable':
      return `${label(def.innerType as z.ZodType, depth)} \\| null`;
    case 'string': {
      const known = knownValuesOf(schema);
      return known ? `open enum (${known.length})` : 'string';
    }
    case 'literal':
      return (def.values as unknown[]).map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
    case 'enum':
      return Object.values(def.entries as Record<string, string>).map((v) => `\`${v}\``).join(' \\| ');
    case 'array':
      return depth > 1 ? 'array' : `${label(def.element as z.ZodType, depth + 1)}[]`;
    case 'object':
      return 'object';
    case 'record':
      return 'record';
    case 'union':
      return 'union';
    case 'lazy':
      return 'object';
    default:
      return def.type;
  }
}

function isOptional(schema: z.ZodType): boolean {
  return defOf(schema).type === 'optional';
}

/** The Markdown message catalog: one row per frame kind with its direction and fields. */
export function buildCatalog(): string {
  const lines: string[] = [];
  const kinds = [...listFrameKinds()].sort((a, b) => a.key.localeCompare(b.key));
  lines.push(`${kinds.length} frame kinds. Required fields first; \`?\` marks optional fields.`, '');
  lines.push('| frame | direction | fields |', '|---|---|---|');
  for (const { key, direction, schema } of kinds) {
    const def = defOf(schema);
    let shape = def.shape as Record<string, z.ZodType>;
    if (key.startsWith('control_request/')) {
      const request = shape.request;
      if (request && defOf(request).type === 'object') {
        shape = { ...shape, ...Object.fromEntries(Object.entries(defOf(request).shape as Record<string, z.ZodType>).map(([k, v]) => [`request.${k}`, v])) };
        delete shape.request;
      }
    }
    const fields = Object.entries(shape)
      .filter(([name]) => name !== 'type' && name !== 'subtype' && name !== 'request.subtype')
      .sort(([a, sa], [b, sb]) => Number(isOptional(sa)) - Number(isOptional(sb)) || a.localeCompare(b))
      .map(([name, field]) => `\`${name}${isOptional(field) ? '?' : ''}\`: ${label(field)}`);
    lines.push(`| \`${key}\` | ${direction} | ${fields.join('<br>') || '—'} |`);
  }
  return lines.join('\n');
}
