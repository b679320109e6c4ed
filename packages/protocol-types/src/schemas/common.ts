import { z } from 'zod';

/**
 * Shared building blocks for every schema file.
 *
 * Conventions (see docs/architecture.md): frame and body schemas are plain `z.object`s with no
 * transforms, defaults or refinements. `parseFrame` validates with them and hands back the input
 * object, so unknown keys survive (tolerant in); `findDrift` walks the same schemas strictly.
 */

/** Metadata key holding the known values of an open enum. */
export const KNOWN_VALUES_KEY = 'x-known-values';

/**
 * A string enum that stays open to values added by newer peers: any string parses, the listed
 * values give autocompletion, and `findDrift` reports others as `unknown_enum`.
 */
export function openEnum<const T extends readonly string[]>(
  values: T,
): z.ZodType<T[number] | (string & {})> {
  return z.string().meta({ [KNOWN_VALUES_KEY]: [...values] });
}

/** Known values of an open enum schema, or `undefined` for any other schema. */
export function knownValuesOf(schema: z.ZodType): readonly string[] | undefined {
  const meta = z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
  const values = meta?.[KNOWN_VALUES_KEY];
  return Array.isArray(values) ? (values as string[]) : undefined;
}

/** Any JSON object (a record with string keys). */
export const JsonObjectSchema = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObjectSchema>;

/** A message or event uuid (RFC 4122 text; not checked for format, peers vary). */
export const UuidSchema = z.string();
export type Uuid = z.infer<typeof UuidSchema>;

/** `uuid` and `session_id`, carried by every `system` frame and most other SDK messages. */
export const BaseFields = {
  uuid: UuidSchema,
  session_id: z.string(),
} as const;

/** ISO-8601 timestamp text. */
export const IsoTimeSchema = z.string();

/** Which way a frame flows: from the agent towards clients, from clients towards the agent, or both. */
export const FrameDirectionSchema = z.enum(['to-client', 'to-agent', 'both']);
export type FrameDirection = z.infer<typeof FrameDirectionSchema>;

/** Metadata key holding a frame schema's direction. */
export const DIRECTION_KEY = 'x-direction';

/**
 * Declares a frame schema: a plain `z.object` tagged with the direction it flows in. Its `type`
 * (and `subtype`, or `request.subtype` for control requests) must be literals or enums: the frame
 * registry reads them to route `parseFrame`.
 */
export function frameSchema<S extends z.core.$ZodLooseShape>(direction: FrameDirection, shape: S) {
  return z.object({ ...WrittenAtFields, ...shape }).meta({ [DIRECTION_KEY]: direction });
}

/**
 * When the sender wrote the frame: CLI 2.1.2xx and later stamp `written_at` (ISO time) on most
 * frames they send; every frame schema accepts it (PROTOCOL.md#frames).
 */
export const WrittenAtFields = { written_at: z.string().optional() } as const;

/** The direction a frame schema was declared with, or `undefined` when it is not a frame schema. */
export function directionOf(schema: z.ZodType): FrameDirection | undefined {
  const meta = z.globalRegistry.get(schema) as Record<string, unknown> | undefined;
  const direction = meta?.[DIRECTION_KEY];
  return direction === 'to-client' || direction === 'to-agent' || direction === 'both' ? direction : undefined;
}
