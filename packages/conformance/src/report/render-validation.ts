import type { DriftSeverity } from '@ccr-kit/protocol-types';
import { preview } from '../internal/json';
import type { FileReport, FindingGroup, ValidationReport } from '../validate/types';
import { xmlEscape } from './render-tests';

const RANK: Record<DriftSeverity, number> = { info: 0, warning: 1, critical: 2 };

function gates(report: ValidationReport, severity: DriftSeverity): boolean {
  return report.failOn !== 'never' && RANK[severity] >= RANK[report.failOn];
}

function counts(c: { critical: number; warning: number; info: number }): string {
  return `${c.critical} critical, ${c.warning} warning, ${c.info} info`;
}

function exampleText(group: FindingGroup): string {
  return group.examples
    .map((e) => `line ${e.line} ${e.path}${'value' in e ? ` = ${preview(e.value, 60)}` : ''}`)
    .join('; ');
}

function verdict(report: ValidationReport): string {
  const head = report.failed ? 'FAILED' : 'PASSED';
  const gate = report.failOn === 'never' ? 'never fails' : `fails on ${report.failOn} and above`;
  return `${head}: ${report.files.length} file(s), ${report.frames} frame(s); ${counts(report.counts)}; ${report.problems} unreadable line(s) (${gate})`;
}

function fileLines(file: FileReport): string[] {
  const out = [`${file.file} (${file.format}, ${file.frames} frames): ${counts(file.counts)}`];
  for (const problem of file.problems) out.push(`  line ${problem.line}: ${problem.message}`);
  for (const kind of file.kinds) {
    if (kind.findings.length === 0) continue;
    out.push(`  ${kind.kind} (${kind.direction}, ${kind.frames} frames)`);
    for (const g of kind.findings) {
      out.push(`    ${g.severity.padEnd(8)} ${g.kind.padEnd(13)} ${g.path}  ×${g.count}  ${g.message}`);
      out.push(`             e.g. ${exampleText(g)}`);
    }
  }
  return out;
}

/** A validation report as console text: per file, per frame kind, each finding with its path, examples and severity. */
export function renderValidationConsole(report: ValidationReport): string {
  const out: string[] = [];
  for (const file of report.files) out.push(...fileLines(file), '');
  out.push(verdict(report));
  return `${out.join('\n')}\n`;
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A validation report as a Markdown summary with one findings table per file. */
export function renderValidationMarkdown(report: ValidationReport): string {
  const out = ['# Protocol drift', '', `**${verdict(report)}**`, ''];
  for (const file of report.files) {
    out.push(`## \`${file.file}\``, '', `${file.format}, ${file.frames} frames — ${counts(file.counts)}.`, '');
    for (const problem of file.problems) out.push(`- line ${problem.line}: ${mdCell(problem.message)}`);
    const rows = file.kinds.flatMap((kind) =>
      kind.findings.map((g) => `| \`${kind.kind}\` | ${kind.direction} | ${g.severity} | ${g.kind} | \`${mdCell(g.path)}\` | ${g.count} | ${mdCell(g.message)} | ${mdCell(exampleText(g))} |`),
    );
    if (rows.length > 0) {
      out.push('| frame kind | direction | severity | kind | path | count | message | examples |', '|---|---|---|---|---|---|---|---|', ...rows);
    } else if (file.problems.length === 0) {
      out.push('No drift.');
    }
    out.push('');
  }
  return out.join('\n');
}

/** A validation report as JUnit XML: a suite per file, a case per frame kind; findings that gate are failures. */
export function renderValidationJunit(report: ValidationReport): string {
  const suites = report.files.map((file) => {
    const cases = file.kinds.map((kind) => {
      const failing = kind.findings.filter((g) => gates(report, g.severity));
      const head = `    <testcase classname="${xmlEscape(file.file)}" name="${xmlEscape(`${kind.kind} (${kind.direction})`)}" time="0">`;
      const lines = kind.findings.map((g) => `${g.severity} ${g.kind} ${g.path} ×${g.count}: ${g.message} (${exampleText(g)})`);
      if (failing.length > 0) {
        const message = xmlEscape(`${failing.length} finding group(s) at or above ${report.failOn}`);
        return `${head}\n      <failure message="${message}">${xmlEscape(lines.join('\n'))}</failure>\n    </testcase>`;
      }
      if (lines.length > 0) return `${head}\n      <system-out>${xmlEscape(lines.join('\n'))}</system-out>\n    </testcase>`;
      return `${head}</testcase>`;
    });
    for (const problem of file.problems) {
      const message = xmlEscape(`line ${problem.line}: ${problem.message}`);
      cases.push(`    <testcase classname="${xmlEscape(file.file)}" name="line ${problem.line}" time="0">\n      <failure message="${message}">${message}</failure>\n    </testcase>`);
    }
    const failures = file.kinds.filter((k) => k.findings.some((g) => gates(report, g.severity))).length + file.problems.length;
    return `  <testsuite name="${xmlEscape(file.file)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ccr-conformance validate">\n${suites.join('\n')}\n</testsuites>\n`;
}
