import { frameKey, listFrameKinds, type FrameDirection } from '@ccr-kit/protocol-types';
import { isRecord } from '../internal/json';
import { schemaPaths, usedPaths } from './fields';

/** How much of one frame kind's schema the corpus exercises. */
export interface KindCoverage {
  readonly kind: string;
  readonly direction: FrameDirection;
  readonly frames: number;
  /** Fields the schema declares (to a bounded depth). */
  readonly fields: number;
  /** Declared fields no frame had, as paths (see `schemaPaths`). */
  readonly unexercised: readonly string[];
}

/** Which frame kinds and fields of the schemas no recording exercises. */
export interface CoverageReport {
  readonly frames: number;
  readonly kinds: number;
  readonly exercisedKinds: number;
  readonly fields: number;
  readonly exercisedFields: number;
  /** Frame kinds no frame had, with their declared direction. */
  readonly unexercisedKinds: readonly { readonly kind: string; readonly direction: FrameDirection }[];
  /** Exercised kinds, each with the fields still missing. */
  readonly perKind: readonly KindCoverage[];
}

/** Accumulates frames, then reports schema coverage. */
export class CoverageCollector {
  readonly #used = new Map<string, Set<string>>();
  readonly #frames = new Map<string, number>();
  #total = 0;

  /** Counts one frame (any value; unknown kinds are ignored for coverage). */
  add(value: unknown): void {
    this.#total++;
    if (!isRecord(value)) return;
    const key = frameKey(value);
    const kind = key === undefined ? undefined : kindIndex().get(key);
    if (kind === undefined || key === undefined) return;
    this.#frames.set(key, (this.#frames.get(key) ?? 0) + 1);
    let used = this.#used.get(key);
    if (used === undefined) {
      used = new Set();
      this.#used.set(key, used);
    }
    usedPaths(kind.schema, value, used);
  }

  /** The coverage of everything added so far. */
  report(): CoverageReport {
    const perKind: KindCoverage[] = [];
    const unexercisedKinds: { kind: string; direction: FrameDirection }[] = [];
    let fields = 0;
    let exercisedFields = 0;
    for (const [key, kind] of kindIndex()) {
      const declared = kind.paths;
      fields += declared.size;
      const used = this.#used.get(key);
      if (used === undefined) {
        unexercisedKinds.push({ kind: key, direction: kind.direction });
        continue;
      }
      const missing = [...declared].filter((p) => !used.has(p));
      exercisedFields += declared.size - missing.length;
      perKind.push({ kind: key, direction: kind.direction, frames: this.#frames.get(key) ?? 0, fields: declared.size, unexercised: missing });
    }
    const total = kindIndex().size;
    return {
      frames: this.#total,
      kinds: total,
      exercisedKinds: total - unexercisedKinds.length,
      fields,
      exercisedFields,
      unexercisedKinds,
      perKind: perKind.sort((a, b) => a.kind.localeCompare(b.kind)),
    };
  }
}

interface KindInfo {
  readonly schema: unknown;
  readonly direction: FrameDirection;
  readonly paths: Set<string>;
}

let kinds: Map<string, KindInfo> | undefined;

function kindIndex(): Map<string, KindInfo> {
  kinds ??= new Map(listFrameKinds().map((k) => [k.key, { schema: k.schema, direction: k.direction, paths: schemaPaths(k.schema) }]));
  return kinds;
}
