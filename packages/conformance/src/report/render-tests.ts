import type { CheckResult, CheckStatus, SuiteResult, TestReport } from './model';

const SYMBOL: Record<CheckStatus, string> = { pass: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip' };

function markText(check: CheckResult): string {
  if (check.mark === 'expected') return ' (expected failure)';
  if (check.mark === 'quarantined') return ' (quarantined)';
  return '';
}

function counted(report: TestReport): string {
  const { pass, fail, warn, skip } = report.counts;
  return `${pass} passed, ${fail} failed, ${warn} warned, ${skip} skipped`;
}

function baselineLines(report: TestReport): string[] {
  const b = report.baseline;
  if (b === undefined) return [];
  const lines: string[] = [];
  if (b.expected.length > 0) lines.push(`expected failures (baseline): ${b.expected.length}`);
  if (b.quarantined.length > 0) lines.push(`quarantined (reported, not gating): ${b.quarantined.join(', ')}`);
  for (const key of b.unexpected) lines.push(`NEW FAILURE: ${key}`);
  for (const key of b.stale) lines.push(`STALE BASELINE ENTRY (it no longer fails; remove it): ${key}`);
  return lines;
}

/** A test report as console text: one line per check, details under failures and warnings. */
export function renderTestsConsole(report: TestReport): string {
  const out: string[] = [report.title, ''];
  for (const suite of report.suites) {
    const where = suite.section === undefined ? '' : `  [${suite.section}]`;
    out.push(`${suite.id} · ${suite.client}${where} (${Math.round(suite.durationMs)} ms)`);
    for (const check of suite.checks) {
      out.push(`  ${SYMBOL[check.status]} ${check.id}  ${check.title}${markText(check)}`);
      if (check.message !== undefined && check.status !== 'pass') {
        for (const line of check.message.split('\n')) out.push(`         ${line}`);
      }
    }
    out.push('');
  }
  out.push(...baselineLines(report));
  out.push(`${report.failed ? 'FAILED' : 'PASSED'}: ${counted(report)}`);
  return `${out.join('\n')}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
}

/** A test report as a Markdown summary: a table per suite and the baseline verdict. */
export function renderTestsMarkdown(report: TestReport): string {
  const out: string[] = [`# ${report.title}`, '', `**${report.failed ? 'Failed' : 'Passed'}** — ${counted(report)}.`, ''];
  for (const suite of report.suites) {
    const where = suite.section === undefined ? '' : ` — [${suite.section}](${suite.section})`;
    out.push(`## ${suite.id} (${suite.client})${where}`, '', '| status | check | details |', '|---|---|---|');
    for (const check of suite.checks) {
      const details = check.status === 'pass' ? '' : (check.message ?? '');
      out.push(`| ${check.status}${markText(check)} | \`${check.id}\` ${cell(check.title)} | ${cell(details)} |`);
    }
    out.push('');
  }
  const baseline = baselineLines(report);
  if (baseline.length > 0) out.push('## Baseline', '', ...baseline.map((line) => `- ${line}`), '');
  return out.join('\n');
}

/** Escapes text for XML attribute values and content. */
export function xmlEscape(text: string): string {
  // XML 1.0 forbids control characters other than tab, LF and CR, even escaped.
  let clean = '';
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code >= 32 || code === 9 || code === 10 || code === 13) clean += ch;
  }
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function testcase(suite: SuiteResult, check: CheckResult): string {
  const head = `    <testcase classname="${xmlEscape(`${suite.client}.${suite.id}`)}" name="${xmlEscape(`${check.id}: ${check.title}`)}" time="0">`;
  const message = xmlEscape(check.message ?? check.title);
  if (check.status === 'fail' && check.mark === undefined) return `${head}\n      <failure message="${message}">${message}</failure>\n    </testcase>`;
  if (check.status === 'skip') return `${head}\n      <skipped message="${message}"/>\n    </testcase>`;
  if (check.status === 'warn' || check.mark !== undefined) {
    const label = check.mark === undefined ? 'warning' : `${check.mark}`;
    return `${head}\n      <system-out>${xmlEscape(`${label}: ${check.message ?? ''}`)}</system-out>\n    </testcase>`;
  }
  return `${head}</testcase>`;
}

/** A test report as JUnit XML: one `<testsuite>` per suite, one `<testcase>` per check (excused failures are not failures). */
export function renderTestsJunit(report: TestReport): string {
  const suites = report.suites.map((suite) => {
    const failures = suite.checks.filter((c) => c.status === 'fail' && c.mark === undefined).length;
    const skipped = suite.checks.filter((c) => c.status === 'skip').length;
    const time = (suite.durationMs / 1000).toFixed(3);
    const cases = suite.checks.map((check) => testcase(suite, check)).join('\n');
    return `  <testsuite name="${xmlEscape(`${suite.client}:${suite.id}`)}" tests="${suite.checks.length}" failures="${failures}" errors="0" skipped="${skipped}" time="${time}">\n${cases}\n  </testsuite>`;
  });
  const stale = (report.baseline?.stale ?? []).map(
    (key) => `    <testcase classname="baseline" name="${xmlEscape(key)}" time="0">\n      <failure message="stale baseline entry">${xmlEscape(`${key} no longer fails; remove it from the baseline.`)}</failure>\n    </testcase>`,
  );
  if (stale.length > 0) suites.push(`  <testsuite name="baseline" tests="${stale.length}" failures="${stale.length}" errors="0" skipped="0" time="0">\n${stale.join('\n')}\n  </testsuite>`);
  const total = report.suites.reduce((n, s) => n + s.checks.length, 0) + stale.length;
  const failures = report.suites.reduce((n, s) => n + s.checks.filter((c) => c.status === 'fail' && c.mark === undefined).length, 0) + stale.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlEscape(report.title)}" tests="${total}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
}

