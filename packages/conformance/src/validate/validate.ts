import { findDrift, frameKey, type DriftDirection, type DriftFinding, type DriftSeverity } from '@ccr-kit/protocol-types';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readFrameFile, type DirectionOption } from '../frames/read';
import { isRecord, wildcardPath } from '../internal/json';
import type { FailOn, FileReport, FindingExample, FindingGroup, KindReport, SeverityCounts, ValidationReport } from './types';

/** Options of {@link validateText} and {@link validateFiles}. */
export interface ValidateOptions {
  /** Direction of plain NDJSON frames; tapes carry their own. @default 'auto' */
  readonly direction?: DirectionOption | undefined;
  /** The lowest severity that fails the run. @default 'critical' */
  readonly failOn?: FailOn | undefined;
}

const RANK: Record<DriftSeverity, number> = { info: 0, warning: 1, critical: 2 };
const MAX_EXAMPLES = 3;

/** The drift findings of one frame (`findDrift`, which checks clean frames on a compiled fast path). */
export function frameFindings(value: unknown, direction: DriftDirection): DriftFinding[] {
  return findDrift(value, direction);
}

/** The frame kind a value is reported under: its registry key, its unknown type, or a placeholder. */
export function kindOf(value: unknown): string {
  if (!isRecord(value)) return '(not an object)';
  return frameKey(value) ?? '(no type)';
}

interface KindAccumulator {
  readonly kind: string;
  readonly direction: DriftDirection;
  frames: number;
  readonly groups: Map<string, { group: Omit<FindingGroup, 'count' | 'examples'>; count: number; examples: FindingExample[] }>;
}

function emptyCounts(): SeverityCounts {
  return { critical: 0, warning: 0, info: 0 };
}

function addExample(examples: FindingExample[], example: FindingExample): void {
  if (examples.length >= MAX_EXAMPLES) return;
  const text = JSON.stringify(example.value);
  if (examples.some((e) => JSON.stringify(e.value) === text)) return;
  examples.push(example);
}

/** Validates the frames of one file's text (a tape or plain NDJSON). */
export function validateText(file: string, text: string, options: ValidateOptions = {}): FileReport {
  const read = readFrameFile(text, { name: basename(file), direction: options.direction });
  const byDirection: Record<DriftDirection, Map<string, KindAccumulator>> = { 'to-client': new Map(), 'to-agent': new Map() };
  const counts = emptyCounts();
  for (const frame of read.frames) {
    const key = isRecord(frame.value) ? frameKey(frame.value) : undefined;
    const kind = key ?? kindOf(frame.value);
    const kinds = byDirection[frame.direction];
    let acc = kinds.get(kind);
    if (acc === undefined) {
      acc = { kind, direction: frame.direction, frames: 0, groups: new Map() };
      kinds.set(kind, acc);
    }
    acc.frames++;
    for (const finding of frameFindings(frame.value, frame.direction)) {
      counts[finding.severity]++;
      const path = wildcardPath(finding.path);
      const groupKey = `${finding.severity} ${finding.kind} ${path}`;
      let entry = acc.groups.get(groupKey);
      if (entry === undefined) {
        entry = { group: { severity: finding.severity, kind: finding.kind, path, message: finding.message }, count: 0, examples: [] };
        acc.groups.set(groupKey, entry);
      }
      entry.count++;
      addExample(entry.examples, { line: frame.line, path: finding.path, ...('value' in finding ? { value: finding.value } : {}) });
    }
  }
  const reports: KindReport[] = [...byDirection['to-client'].values(), ...byDirection['to-agent'].values()]
    .map((acc) => ({
      kind: acc.kind,
      direction: acc.direction,
      frames: acc.frames,
      findings: [...acc.groups.values()]
        .map(({ group, count, examples }) => ({ ...group, count, examples }))
        .sort((a, b) => RANK[b.severity] - RANK[a.severity] || a.path.localeCompare(b.path)),
    }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.direction.localeCompare(b.direction));
  return { file, format: read.format, frames: read.frames.length, problems: read.problems, kinds: reports, counts };
}

/** Whether a set of file reports fails the threshold. */
export function summarize(files: readonly FileReport[], failOn: FailOn = 'critical'): ValidationReport {
  const counts = emptyCounts();
  let frames = 0;
  let problems = 0;
  for (const file of files) {
    frames += file.frames;
    problems += file.problems.length;
    counts.critical += file.counts.critical;
    counts.warning += file.counts.warning;
    counts.info += file.counts.info;
  }
  const reached = failOn !== 'never' && (Object.keys(RANK) as DriftSeverity[]).some((s) => RANK[s] >= RANK[failOn] && counts[s] > 0);
  return { files, frames, counts, problems, failOn, failed: reached || (failOn !== 'never' && problems > 0) };
}

/**
 * Validates every frame in each file against the protocol schemas.
 * @throws {Error} when a file cannot be read (the message names it).
 */
export async function validateFiles(paths: readonly string[], options: ValidateOptions = {}): Promise<ValidationReport> {
  const files: FileReport[] = [];
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      throw new Error(`Cannot read ${path}: ${(cause as Error).message}. Check the path.`, { cause });
    }
    files.push(validateText(path, text, options));
  }
  return summarize(files, options.failOn);
}
