/** The outcome of one check. `warn` passes with a remark; `skip` did not run (the reason says why). */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

/** How the baseline treated a failing check. */
export type BaselineMark = 'expected' | 'quarantined';

/** One check with a stable id (e.g. `turn.result-once`), its status and, when not a pass, why. */
export interface CheckResult {
  /** Stable id, unique within its suite: baselines and quarantine lists refer to `suite/check`. */
  readonly id: string;
  readonly title: string;
  readonly status: CheckStatus;
  readonly message?: string | undefined;
  /** Set when the baseline or the quarantine list covers this failure. */
  readonly mark?: BaselineMark | undefined;
}

/** One scenario or replayed tape against one client, with its checks. */
export interface SuiteResult {
  /** Stable id, e.g. `flow-permissions` or `tape:03-bash-touch-allowed`. */
  readonly id: string;
  readonly title: string;
  /** The client under test (`ours`, `official`, `command`, …) and its transport. */
  readonly client: string;
  /** The PROTOCOL.md section the suite exercises, e.g. `PROTOCOL.md#flow-permissions`. */
  readonly section?: string | undefined;
  readonly durationMs: number;
  readonly checks: readonly CheckResult[];
}

/** Checks per status. */
export interface StatusCounts {
  pass: number;
  fail: number;
  warn: number;
  skip: number;
}

/** What the baseline did to a run: failures it excused, quarantined ones, and entries that no longer fail. */
export interface BaselineOutcome {
  readonly expected: readonly string[];
  readonly quarantined: readonly string[];
  /** Baseline entries whose check passed (or did not run): the baseline must be updated. */
  readonly stale: readonly string[];
  /** Failures not in the baseline nor quarantined. */
  readonly unexpected: readonly string[];
}

/** A run of suites, reported like a test suite. */
export interface TestReport {
  readonly title: string;
  readonly suites: readonly SuiteResult[];
  readonly counts: StatusCounts;
  readonly baseline?: BaselineOutcome | undefined;
  /** Whether the run fails: an unexcused failure, or a stale baseline entry. */
  readonly failed: boolean;
}

/** The full id of a check: `<client>:<suite>/<check>` — what baselines and quarantine lists name. */
export function checkKey(suite: Pick<SuiteResult, 'id' | 'client'>, check: Pick<CheckResult, 'id'>): string {
  return `${suite.client}:${suite.id}/${check.id}`;
}

/** Counts checks per status. */
export function countStatuses(suites: readonly SuiteResult[]): StatusCounts {
  const counts: StatusCounts = { pass: 0, fail: 0, warn: 0, skip: 0 };
  for (const suite of suites) for (const check of suite.checks) counts[check.status]++;
  return counts;
}

/** A report without a baseline: it fails on any failed check. */
export function makeReport(title: string, suites: readonly SuiteResult[]): TestReport {
  const counts = countStatuses(suites);
  return { title, suites, counts, failed: counts.fail > 0 };
}
