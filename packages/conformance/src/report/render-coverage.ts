import type { CoverageReport } from '../coverage/coverage';
import type { OutputFormat } from './format';
import { xmlEscape } from './render-tests';

function percent(part: number, whole: number): string {
  return whole === 0 ? '100%' : `${((part / whole) * 100).toFixed(1)}%`;
}

function headline(report: CoverageReport): string {
  return `${report.exercisedKinds}/${report.kinds} frame kinds (${percent(report.exercisedKinds, report.kinds)}) and ${report.exercisedFields}/${report.fields} fields (${percent(report.exercisedFields, report.fields)}) exercised by ${report.frames} frames`;
}

function consoleText(report: CoverageReport): string {
  const out = [`Frame kinds no recording exercises (${report.unexercisedKinds.length}):`];
  for (const k of report.unexercisedKinds) out.push(`  ${k.kind} (${k.direction})`);
  out.push('', 'Fields no recording exercises, per exercised frame kind:');
  for (const k of report.perKind) {
    if (k.unexercised.length === 0) continue;
    out.push(`  ${k.kind} (${k.frames} frames; ${k.fields - k.unexercised.length}/${k.fields} fields)`);
    for (const path of k.unexercised) out.push(`    ${path}`);
  }
  out.push('', headline(report));
  return `${out.join('\n')}\n`;
}

function markdownText(report: CoverageReport): string {
  const out = ['# Schema coverage', '', `**${headline(report)}**`, '', `## Frame kinds never seen (${report.unexercisedKinds.length})`, ''];
  out.push(report.unexercisedKinds.map((k) => `\`${k.kind}\``).join(', ') || 'None.', '', '## Fields never seen', '');
  out.push('| frame kind | frames | fields covered | never seen |', '|---|---|---|---|');
  for (const k of report.perKind) {
    const missing = k.unexercised.map((p) => `\`${p}\``).join(', ');
    out.push(`| \`${k.kind}\` | ${k.frames} | ${k.fields - k.unexercised.length}/${k.fields} | ${missing} |`);
  }
  out.push('');
  return out.join('\n');
}

function junitText(report: CoverageReport): string {
  const seen = report.perKind.map((k) => {
    const head = `    <testcase classname="coverage" name="${xmlEscape(k.kind)}" time="0">`;
    if (k.unexercised.length === 0) return `${head}</testcase>`;
    return `${head}\n      <system-out>${xmlEscape(`fields never seen: ${k.unexercised.join(', ')}`)}</system-out>\n    </testcase>`;
  });
  const unseen = report.unexercisedKinds.map(
    (k) => `    <testcase classname="coverage" name="${xmlEscape(k.kind)}" time="0">\n      <skipped message="no recording exercises this frame kind"/>\n    </testcase>`,
  );
  const total = seen.length + unseen.length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ccr-conformance coverage">\n  <testsuite name="schema coverage" tests="${total}" failures="0" errors="0" skipped="${unseen.length}">\n${[...seen, ...unseen].join('\n')}\n  </testsuite>\n</testsuites>\n`;
}

/** Renders a schema-coverage report in a format. */
export function formatCoverage(report: CoverageReport, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
    case 'junit':
      return junitText(report);
    case 'markdown':
      return markdownText(report);
    case 'console':
      return consoleText(report);
  }
}
