import { frameLabel, isRecord } from '../internal/json';
import type { LocatedFrame } from '../frames/extract';

/** JSON type names as a shape records them. */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

/**
 * Paths use `.key` for fields, `[*]` for array items (`[*]<tag>` when the item has a string `type`)
 * and `{*}` for keys that are data rather than names.
 */

/** What was seen at one path of one frame kind. */
export interface PathShape {
  /** Types seen at this path. */
  readonly types: Set<JsonType>;
  /** Frames of the kind that had this path at least once. */
  frames: number;
  /** Values seen at discriminator paths (`…type`, `…subtype`), capped. */
  readonly values: Set<string>;
}

/** The observed shape of one frame kind flowing one way, without any schema. */
export interface KindShape {
  /** `<direction> <type>[/<subtype>]`. */
  readonly key: string;
  frames: number;
  readonly paths: Map<string, PathShape>;
}

/** Observed shapes by frame kind. */
export type ShapeIndex = Map<string, KindShape>;

const MAX_DEPTH = 10;
const MAX_VALUES = 30;
const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}

/**
 * Keys that are data rather than field names (model names in `modelUsage`, question texts in
 * `answers`, file paths) fold into `{*}`, so two recordings with different data keep one shape.
 */
function segment(key: string, parent: string): string {
  return IDENTIFIER.test(key) && !DATA_MAPS.test(parent) ? `.${key}` : '{*}';
}

/** Objects whose keys are data even when they look like names: usage per model, answers per question, counts per type. */
const DATA_MAPS = /\.(modelUsage|model_usage_since_last_result|answers|by_type|contextWindow|models_used)$/;

/**
 * Fields whose string values are a vocabulary (discriminators and enums the CLI sends), so new or
 * vanished values are changes worth reporting; other strings are data.
 */
const ENUM_FIELDS = new Set([
  'type',
  'subtype',
  'state',
  'status',
  'terminal_reason',
  'error_code',
  'stop_reason',
  'permissionMode',
  'current_permission_mode',
  'mode',
  'behavior',
  'api_error_type',
  'startup_failure_reason',
  'level',
  'apiKeySource',
  'fast_mode_state',
  'hookEventName',
  'hook_event',
]);

function isEnumPath(path: string): boolean {
  if (path.endsWith('.capabilities[*]')) return true;
  const field = /\.([A-Za-z_$][\w$-]*)$/.exec(path)?.[1];
  return field !== undefined && ENUM_FIELDS.has(field);
}

function visit(value: unknown, path: string, depth: number, seen: Map<string, { types: Set<JsonType>; values: Set<string> }>): void {
  let entry = seen.get(path);
  if (entry === undefined) {
    entry = { types: new Set(), values: new Set() };
    seen.set(path, entry);
  }
  entry.types.add(typeOf(value));
  if (typeof value === 'string' && isEnumPath(path) && entry.values.size < MAX_VALUES) entry.values.add(value);
  if (depth >= MAX_DEPTH) return;
  if (Array.isArray(value)) {
    // Items tagged with a string `type` (content blocks, events) get one shape per tag.
    for (const item of value) visit(item, isRecord(item) && typeof item.type === 'string' ? `${path}[*]<${item.type}>` : `${path}[*]`, depth + 1, seen);
  } else if (isRecord(value)) {
    for (const key of Object.keys(value)) visit(value[key], `${path}${segment(key, path)}`, depth + 1, seen);
  }
}

/**
 * The kind of a frame: `<type>[/<subtype>]`, and for a `control_response` whose request is in the
 * same recording, the subtype it answers (`control_response/success → interrupt`), so each
 * control request's reply has its own shape.
 */
export function kindLabel(value: unknown, asked: ReadonlyMap<string, string>): string {
  if (!isRecord(value)) return '(not an object)';
  const label = frameLabel(value);
  if (value.type !== 'control_response' || !isRecord(value.response)) return label;
  const id = value.response.request_id;
  const subtype = typeof id === 'string' ? asked.get(id) : undefined;
  return subtype === undefined ? label : `${label} → ${subtype}`;
}

/** The subtype of every control request in a recording, by request id (for {@link kindLabel}). */
export function requestSubtypes(frames: readonly LocatedFrame[]): Map<string, string> {
  const asked = new Map<string, string>();
  for (const frame of frames) {
    const value = frame.value;
    if (isRecord(value) && value.type === 'control_request' && typeof value.request_id === 'string' && isRecord(value.request) && typeof value.request.subtype === 'string') {
      asked.set(value.request_id, value.request.subtype);
    }
  }
  return asked;
}

/** Adds frames to a shape index (one recording's frames, in order). */
export function addShapes(index: ShapeIndex, frames: readonly LocatedFrame[]): void {
  const asked = requestSubtypes(frames);
  for (const frame of frames) {
    const label = kindLabel(frame.value, asked);
    const key = `${frame.direction} ${label}`;
    let kind = index.get(key);
    if (kind === undefined) {
      kind = { key, frames: 0, paths: new Map() };
      index.set(key, kind);
    }
    kind.frames++;
    const seen = new Map<string, { types: Set<JsonType>; values: Set<string> }>();
    visit(frame.value, '$', 0, seen);
    for (const [path, { types, values }] of seen) {
      let shape = kind.paths.get(path);
      if (shape === undefined) {
        shape = { types: new Set(), frames: 0, values: new Set() };
        kind.paths.set(path, shape);
      }
      shape.frames++;
      for (const t of types) shape.types.add(t);
      for (const v of values) if (shape.values.size < MAX_VALUES) shape.values.add(v);
    }
  }
}
