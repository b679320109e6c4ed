import { readFile } from 'node:fs/promises';
import { isRecord } from '../internal/json';
import { checkKey, countStatuses, type BaselineOutcome, type CheckResult, type SuiteResult, type TestReport } from '../report/model';

/** One baseline or quarantine entry: a check key (`<client>:<suite>/<check>`, `*` matches any run of characters) and why. */
export interface BaselineEntry {
  readonly id: string;
  readonly reason: string;
}

/**
 * Known failures. `expected`: failures that must keep failing — a new failure fails the run, and so
 * does an entry whose check now passes (stale). `quarantine`: flaky or disputed checks, reported
 * but never gating.
 */
export interface Baseline {
  readonly expected: readonly BaselineEntry[];
  readonly quarantine: readonly BaselineEntry[];
}

/** An empty baseline. */
export const EMPTY_BASELINE: Baseline = { expected: [], quarantine: [] };

/** A baseline file that cannot be used; the message names the file and the JSON path. */
export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

function entries(value: unknown, path: string, source: string): BaselineEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new BaselineError(`${source}: ${path} must be an array of {"id", "reason"}.`);
  return value.map((item: unknown, i) => {
    if (!isRecord(item) || typeof item.id !== 'string' || item.id === '' || typeof item.reason !== 'string') {
      throw new BaselineError(`${source}: ${path}[${i}] must be {"id": "<client>:<suite>/<check>", "reason": "why"}.`);
    }
    if (!/^[^:]+:[^/]+\/.+$/.test(item.id)) throw new BaselineError(`${source}: ${path}[${i}].id "${item.id}" must look like <client>:<suite>/<check>.`);
    return { id: item.id, reason: item.reason };
  });
}

/**
 * Reads a baseline from JSON text.
 * @throws {BaselineError} naming the source and the JSON path of the problem.
 */
export function parseBaseline(text: string, source = '<baseline>'): Baseline {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new BaselineError(`${source}: not valid JSON (${(cause as Error).message}).`, { cause });
  }
  if (!isRecord(value)) throw new BaselineError(`${source}: expected an object {"expected": [...], "quarantine": [...]}.`);
  return { expected: entries(value.expected, '$.expected', source), quarantine: entries(value.quarantine, '$.quarantine', source) };
}

/**
 * Reads a baseline file.
 * @throws {BaselineError} when it cannot be read or is malformed.
 */
export async function loadBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new BaselineError(`Cannot read the baseline ${path}: ${(cause as Error).message}.`, { cause });
  }
  return parseBaseline(text, path);
}

function pattern(id: string): RegExp {
  return new RegExp(`^${id.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

function suitePart(id: string): RegExp {
  return pattern(id.slice(0, id.lastIndexOf('/')));
}

/**
 * Applies a baseline to a report: failures it lists are marked `expected` (or `quarantined`) and no
 * longer fail the run; failures it does not list, and `expected` entries whose checks ran without
 * failing (or no longer exist in a suite that ran), fail it.
 */
export function applyBaseline(report: TestReport, baseline: Baseline): TestReport {
  const expected = baseline.expected.map((e) => ({ entry: e, re: pattern(e.id), suite: suitePart(e.id) }));
  const quarantine = baseline.quarantine.map((e) => ({ entry: e, re: pattern(e.id) }));
  const hits = new Map<string, CheckResult['status'][]>();
  const outcome = { expected: [] as string[], quarantined: [] as string[], stale: [] as string[], unexpected: [] as string[] };
  const suites: SuiteResult[] = report.suites.map((suite) => ({
    ...suite,
    checks: suite.checks.map((check) => {
      const key = checkKey(suite, check);
      for (const e of expected) if (e.re.test(key)) hits.set(e.entry.id, [...(hits.get(e.entry.id) ?? []), check.status]);
      if (check.status !== 'fail') return check;
      if (quarantine.some((q) => q.re.test(key))) {
        outcome.quarantined.push(key);
        return { ...check, mark: 'quarantined' as const };
      }
      if (expected.some((e) => e.re.test(key))) {
        outcome.expected.push(key);
        return { ...check, mark: 'expected' as const };
      }
      outcome.unexpected.push(key);
      return check;
    }),
  }));
  for (const e of expected) {
    const statuses = hits.get(e.entry.id) ?? [];
    const ranSuite = report.suites.some((s) => e.suite.test(`${s.client}:${s.id}`));
    const passing = statuses.some((s) => s === 'pass' || s === 'warn');
    if (!statuses.includes('fail') && (passing || (ranSuite && statuses.length === 0))) outcome.stale.push(e.entry.id);
  }
  const baselineOutcome: BaselineOutcome = outcome;
  return {
    ...report,
    suites,
    counts: countStatuses(suites),
    baseline: baselineOutcome,
    failed: outcome.unexpected.length > 0 || outcome.stale.length > 0,
  };
}
