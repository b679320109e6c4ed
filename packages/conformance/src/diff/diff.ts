import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { readFrameFile, type DirectionOption } from '../frames/read';
import { addShapes, type KindShape, type ShapeIndex } from './shape';

/** What changed between two recordings' shapes. */
export type ShapeChangeKind =
  | 'kind_added'
  | 'kind_removed'
  | 'path_added'
  | 'path_removed'
  | 'type_changed'
  | 'became_optional'
  | 'became_required'
  | 'values_added'
  | 'values_removed';

/** One shape difference, with the frame kind and JSON path (array items as `[*]`, data keys as `{*}`). */
export interface ShapeChange {
  /** `<direction> <type>[/<subtype>]`. */
  readonly kind: string;
  readonly change: ShapeChangeKind;
  readonly path?: string | undefined;
  readonly message: string;
}

/** The shape differences between an OLD and a NEW set of recordings. */
export interface ShapeDiff {
  readonly old: { readonly files: number; readonly frames: number };
  readonly new: { readonly files: number; readonly frames: number };
  readonly changes: readonly ShapeChange[];
}

const EXTENSIONS = /\.(ndjson|jsonl|tape)$/;

async function listFiles(target: string): Promise<string[]> {
  let info;
  try {
    info = await stat(target);
  } catch (cause) {
    throw new Error(`Cannot read ${target}: ${(cause as Error).message}. Pass a tape, an NDJSON file or a folder of them.`, { cause });
  }
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => e.isDirectory() || EXTENSIONS.test(e.name))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => (e.isDirectory() ? listFiles(join(target, e.name)) : Promise.resolve([join(target, e.name)]))),
  );
  return nested.flat();
}

/**
 * Reads the shapes of every frame in a tape, an NDJSON file, or a folder of them (recursively).
 * @throws {Error} when the path cannot be read.
 */
export async function loadShapes(target: string, direction: DirectionOption = 'auto'): Promise<{ index: ShapeIndex; files: number; frames: number }> {
  const index: ShapeIndex = new Map();
  const files = await listFiles(target);
  let frames = 0;
  for (const file of files) {
    const read = readFrameFile(await readFile(file, 'utf8'), { name: basename(file), direction });
    frames += read.frames.length;
    addShapes(index, read.frames);
  }
  return { index, files: files.length, frames };
}

function typesText(types: ReadonlySet<string>): string {
  return [...types].sort().join(' | ');
}

function parentOf(path: string): string | undefined {
  const match = /^(.*?)(\.[^.[{<]+|\[\*\](<[^>]*>)?|\{\*\})$/.exec(path);
  return match?.[1] === undefined || match[1] === '' ? undefined : match[1];
}

function compareKind(kind: string, before: KindShape, after: KindShape, out: ShapeChange[]): void {
  for (const [path, shape] of after.paths) {
    const old = before.paths.get(path);
    if (old === undefined) {
      const parent = parentOf(path);
      if (parent === undefined || before.paths.has(parent)) out.push({ kind, change: 'path_added', path, message: `new field (${typesText(shape.types)})` });
      continue;
    }
    if (typesText(old.types) !== typesText(shape.types)) {
      out.push({ kind, change: 'type_changed', path, message: `type ${typesText(old.types)} → ${typesText(shape.types)}` });
    }
    // Optionality is relative to the parent (a block's field is required if every such block has it);
    // array items themselves vary by design.
    const parent = parentOf(path);
    if (parent !== undefined && !/\]$|>$/.test(path)) {
      const wasRequired = old.frames === (before.paths.get(parent)?.frames ?? before.frames);
      const isRequired = shape.frames === (after.paths.get(parent)?.frames ?? after.frames);
      if (wasRequired && !isRequired) out.push({ kind, change: 'became_optional', path, message: 'present wherever its parent was in OLD, missing in some NEW frames' });
      if (!wasRequired && isRequired && shape.frames > 1) out.push({ kind, change: 'became_required', path, message: `optional in OLD, present in all ${shape.frames} NEW frames that have its parent` });
    }
    const added = [...shape.values].filter((v) => !old.values.has(v));
    const removed = [...old.values].filter((v) => !shape.values.has(v));
    if (added.length > 0) out.push({ kind, change: 'values_added', path, message: `new values ${added.map((v) => JSON.stringify(v)).join(', ')}` });
    if (removed.length > 0) out.push({ kind, change: 'values_removed', path, message: `values no longer seen ${removed.map((v) => JSON.stringify(v)).join(', ')}` });
  }
  for (const path of before.paths.keys()) {
    if (after.paths.has(path)) continue;
    const parent = parentOf(path);
    if (parent === undefined || after.paths.has(parent)) out.push({ kind, change: 'path_removed', path, message: 'field no longer seen' });
  }
}

/** Compares two shape indexes: frame kinds and fields added or removed, types, optionality and discriminator values. */
export function diffShapes(before: ShapeIndex, after: ShapeIndex): ShapeChange[] {
  const out: ShapeChange[] = [];
  for (const [kind, shape] of after) {
    const old = before.get(kind);
    if (old === undefined) out.push({ kind, change: 'kind_added', message: `frame kind seen ${shape.frames} time(s) only in NEW` });
    else compareKind(kind, old, shape, out);
  }
  for (const [kind, shape] of before) {
    if (!after.has(kind)) out.push({ kind, change: 'kind_removed', message: `frame kind seen ${shape.frames} time(s) only in OLD` });
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || (a.path ?? '').localeCompare(b.path ?? ''));
}

/**
 * The shape differences between two tapes, NDJSON files or folders, without using any schema.
 * @throws {Error} when either path cannot be read.
 */
export async function diffRecordings(oldPath: string, newPath: string, direction: DirectionOption = 'auto'): Promise<ShapeDiff> {
  const before = await loadShapes(oldPath, direction);
  const after = await loadShapes(newPath, direction);
  return {
    old: { files: before.files, frames: before.frames },
    new: { files: after.files, frames: after.frames },
    changes: diffShapes(before.index, after.index),
  };
}
