import type { ShapeChange, ShapeDiff } from '../diff/diff';
import type { OutputFormat } from './format';
import { xmlEscape } from './render-tests';

function byKind(changes: readonly ShapeChange[]): Map<string, ShapeChange[]> {
  const out = new Map<string, ShapeChange[]>();
  for (const change of changes) {
    const list = out.get(change.kind) ?? [];
    list.push(change);
    out.set(change.kind, list);
  }
  return out;
}

function headline(diff: ShapeDiff): string {
  return `${diff.changes.length} shape difference(s) between OLD (${diff.old.files} file(s), ${diff.old.frames} frames) and NEW (${diff.new.files} file(s), ${diff.new.frames} frames)`;
}

function consoleText(diff: ShapeDiff): string {
  const out: string[] = [];
  for (const [kind, changes] of byKind(diff.changes)) {
    out.push(kind);
    for (const c of changes) out.push(`  ${c.change.padEnd(16)} ${c.path ?? ''}  ${c.message}`);
  }
  out.push('', headline(diff));
  return `${out.join('\n')}\n`;
}

function markdownText(diff: ShapeDiff): string {
  const rows = diff.changes.map((c) => `| \`${c.kind}\` | ${c.change} | \`${c.path ?? ''}\` | ${c.message.replace(/\|/g, '\\|')} |`);
  const table = rows.length === 0 ? ['No shape differences.'] : ['| frame kind | change | path | details |', '|---|---|---|---|', ...rows];
  return ['# Shape diff', '', `**${headline(diff)}**`, '', ...table, ''].join('\n');
}

function junitText(diff: ShapeDiff): string {
  const suites = [...byKind(diff.changes)].map(([kind, changes]) => {
    const cases = changes.map((c) => {
      const message = xmlEscape(`${c.change} ${c.path ?? ''}: ${c.message}`);
      return `    <testcase classname="${xmlEscape(kind)}" name="${xmlEscape(`${c.change} ${c.path ?? ''}`)}" time="0">\n      <failure message="${message}">${message}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${xmlEscape(kind)}" tests="${cases.length}" failures="${cases.length}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="ccr-conformance diff" tests="${diff.changes.length}" failures="${diff.changes.length}">\n${suites.join('\n')}\n</testsuites>\n`;
}

/** Renders a shape diff in a format. */
export function formatShapeDiff(diff: ShapeDiff, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(diff, null, 2)}\n`;
    case 'junit':
      return junitText(diff);
    case 'markdown':
      return markdownText(diff);
    case 'console':
      return consoleText(diff);
  }
}
