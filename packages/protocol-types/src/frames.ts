import { z } from 'zod';
import { directionOf, type FrameDirection } from './schemas/common';
import { CONTROL_FRAME_SCHEMAS } from './schemas/control';
import { MESSAGE_FRAME_SCHEMAS } from './schemas/messages';
import { SYSTEM_FRAME_SCHEMAS } from './schemas/system';
import { TASK_FRAME_SCHEMAS } from './schemas/tasks';

/** Every known frame schema, from every domain file. */
export const FRAME_SCHEMAS: readonly [
  ...typeof MESSAGE_FRAME_SCHEMAS,
  ...typeof SYSTEM_FRAME_SCHEMAS,
  ...typeof TASK_FRAME_SCHEMAS,
  ...typeof CONTROL_FRAME_SCHEMAS,
] = [...MESSAGE_FRAME_SCHEMAS, ...SYSTEM_FRAME_SCHEMAS, ...TASK_FRAME_SCHEMAS, ...CONTROL_FRAME_SCHEMAS];

type FrameSchemaMember = (typeof FRAME_SCHEMAS)[number];

/** Any known frame of the stream-json / CCR vocabulary (PROTOCOL.md#message-catalog). */
export const FrameSchema: z.ZodUnion<typeof FRAME_SCHEMAS> = z.union(FRAME_SCHEMAS);
export type Frame = z.infer<FrameSchemaMember>;

/** The frame type(s) with a given `type` discriminator. */
export type FrameOfType<T extends Frame['type']> = Extract<Frame, { type: T }>;

/** A `system` frame with a given `subtype`. */
export type SystemFrame<S extends string = string> = Extract<Frame, { type: 'system'; subtype: S }>;

function schemasFor(direction: Exclude<FrameDirection, 'both'>): FrameSchemaMember[] {
  return FRAME_SCHEMAS.filter((schema) => {
    const d = directionOf(schema);
    return d === direction || d === 'both';
  });
}

/** Frames that flow from an agent (CLI or worker) towards clients. */
export const ToClientFrameSchema: z.ZodType<Frame> = z.union(schemasFor('to-client') as unknown as [FrameSchemaMember, ...FrameSchemaMember[]]);
/** Frames that flow from a client (host) towards the agent. */
export const ToAgentFrameSchema: z.ZodType<Frame> = z.union(schemasFor('to-agent') as unknown as [FrameSchemaMember, ...FrameSchemaMember[]]);

/** Literal values a discriminator schema accepts (`z.literal` or `z.enum`). */
export function literalValues(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  if (def.type === 'literal') return (def.values as unknown[]).filter((v): v is string => typeof v === 'string');
  if (def.type === 'enum') return Object.values(def.entries as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
  return [];
}

interface RegistryEntry {
  readonly key: string;
  readonly schema: FrameSchemaMember;
  readonly direction: FrameDirection;
}

/** `type`s whose schemas are split by a second discriminator. */
const SUBTYPED = new Set<string>();
const REGISTRY = new Map<string, RegistryEntry>();

for (const schema of FRAME_SCHEMAS) {
  const shape = (schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
  const direction = directionOf(schema) ?? 'both';
  for (const type of literalValues(shape.type)) {
    let subtypes = literalValues(shape.subtype);
    if (type === 'control_request') {
      const request = shape.request as z.ZodObject | undefined;
      subtypes = literalValues((request?.shape as Record<string, z.ZodType> | undefined)?.subtype);
    }
    const keys = subtypes.length > 0 ? subtypes.map((s) => `${type}/${s}`) : [type];
    if (subtypes.length > 0) SUBTYPED.add(type);
    for (const key of keys) {
      if (REGISTRY.has(key)) throw new Error(`Two frame schemas claim the discriminator ${key}; each must be unique.`);
      REGISTRY.set(key, { key, schema, direction });
    }
  }
}

/** The discriminators of a raw frame: `type`, plus `subtype` (or `request.subtype` for control requests). */
export function discriminatorsOf(value: Record<string, unknown>): { type?: string; subtype?: string } {
  const type = value.type;
  if (typeof type !== 'string') return {};
  let subtype: unknown = value.subtype;
  if (type === 'control_request') {
    const request = value.request;
    subtype = request !== null && typeof request === 'object' ? (request as Record<string, unknown>).subtype : undefined;
  }
  return typeof subtype === 'string' ? { type, subtype } : { type };
}

/** The registry key for a frame: `type` or `type/subtype`. */
export function frameKey(value: Record<string, unknown>): string | undefined {
  const { type, subtype } = discriminatorsOf(value);
  if (type === undefined) return undefined;
  return SUBTYPED.has(type) && subtype !== undefined ? `${type}/${subtype}` : type;
}

/** Looks up the schema for a raw frame; `undefined` when its type or subtype is unknown. */
export function lookupFrameSchema(value: Record<string, unknown>): RegistryEntry | undefined {
  const type = value.type;
  if (typeof type !== 'string') return undefined;
  // Types without subtypes (stream_event, assistant, user, …) need no key string built.
  if (!SUBTYPED.has(type)) return REGISTRY.get(type);
  const key = frameKey(value);
  return key === undefined ? undefined : REGISTRY.get(key);
}

/** Whether a `type` is known at all (its subtype may still be unknown). */
export function isKnownFrameType(type: string): boolean {
  return SUBTYPED.has(type) || REGISTRY.has(type);
}

/** Every registry key (`type` or `type/subtype`) with its direction, for catalogs and coverage. */
export function listFrameKinds(): readonly { key: string; direction: FrameDirection; schema: z.ZodType }[] {
  return [...REGISTRY.values()].map(({ key, direction, schema }) => ({ key, direction, schema }));
}
