import type { DriftDirection, DriftKind, DriftSeverity } from '@ccr-kit/protocol-types';
import type { FileProblem } from '../frames/read';

/** Findings per severity. */
export interface SeverityCounts {
  critical: number;
  warning: number;
  info: number;
}

/** One occurrence of a finding: where it was and what value was there. */
export interface FindingExample {
  readonly line: number;
  /** The exact JSON path (with indices). */
  readonly path: string;
  readonly value?: unknown;
}

/** Every finding of one kind at one path (array indices folded to `[*]`) within one frame kind. */
export interface FindingGroup {
  readonly severity: DriftSeverity;
  readonly kind: DriftKind;
  /** JSON path with array indices as `[*]`, e.g. `$.message.content[*].citations`. */
  readonly path: string;
  /** The message of the first occurrence. */
  readonly message: string;
  readonly count: number;
  /** Up to three occurrences with distinct values. */
  readonly examples: readonly FindingExample[];
}

/** What drifted in one frame kind (`type` or `type/subtype`) flowing one way. */
export interface KindReport {
  readonly kind: string;
  readonly direction: DriftDirection;
  readonly frames: number;
  readonly findings: readonly FindingGroup[];
}

/** The validation of one file. */
export interface FileReport {
  readonly file: string;
  readonly format: 'tape' | 'ndjson';
  readonly frames: number;
  /** Lines that could not be read at all (bad JSON, bad tape lines); gated like critical findings. */
  readonly problems: readonly FileProblem[];
  readonly kinds: readonly KindReport[];
  readonly counts: SeverityCounts;
}

/** The lowest severity that fails a run, or `never`. */
export type FailOn = DriftSeverity | 'never';

/** The validation of a set of files, with the verdict of the threshold. */
export interface ValidationReport {
  readonly files: readonly FileReport[];
  readonly frames: number;
  readonly counts: SeverityCounts;
  readonly problems: number;
  readonly failOn: FailOn;
  /** Whether any finding reached `failOn`, or a line could not be read. */
  readonly failed: boolean;
}
