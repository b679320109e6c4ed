import { describe, expect, it } from 'vitest';
import { formatTestReport, formatValidationReport } from '../../src/report/format';
import { makeReport, type SuiteResult } from '../../src/report/model';
import { summarize, validateText } from '../../src/validate/validate';

const suites: SuiteResult[] = [
  {
    id: 'flow-permissions',
    title: 'Permissions',
    client: 'ours/websocket',
    section: 'PROTOCOL.md#flow-permissions',
    durationMs: 12,
    checks: [
      { id: 'allow-updated-input', title: 'allow carries the input', status: 'pass' },
      { id: 'deny-message', title: 'deny carries <the> "message"', status: 'fail', message: 'the deny answer: $.message: expected "no", got "yes" & more' },
      { id: 'turn-continues', title: 'turn continues', status: 'skip', message: 'skipped: the earlier check deny-message failed' },
      { id: 'late', title: 'late answers', status: 'warn', message: 'answered a withdrawn prompt' },
    ],
  },
];

describe('test reports', () => {
  const report = makeReport('ccr-conformance run', suites);

  it('fail when a check fails, with counts per status', () => {
    expect(report.counts).toEqual({ pass: 1, fail: 1, warn: 1, skip: 1 });
    expect(report.failed).toBe(true);
  });

  it('console: one line per check with its id, and the reason under failures', () => {
    const text = formatTestReport(report, 'console');
    expect(text).toContain('flow-permissions · ours/websocket  [PROTOCOL.md#flow-permissions]');
    expect(text).toContain('FAIL deny-message');
    expect(text).toContain('the deny answer: $.message: expected "no", got "yes"');
    expect(text.trim().split('\n').at(-1)).toBe('FAILED: 1 passed, 1 failed, 1 warned, 1 skipped');
  });

  it('JUnit: a testsuite per suite, failures and skips marked, XML escaped', () => {
    const xml = formatTestReport(report, 'junit');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>/);
    expect(xml).toContain('<testsuite name="ours/websocket:flow-permissions" tests="4" failures="1" errors="0" skipped="1"');
    expect(xml).toContain('name="deny-message: deny carries &lt;the&gt; &quot;message&quot;"');
    expect(xml).toContain('<failure message="the deny answer: $.message: expected &quot;no&quot;, got &quot;yes&quot; &amp; more">');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
  });

  it('Markdown: a table per suite with the section linked', () => {
    const md = formatTestReport(report, 'markdown');
    expect(md).toContain('## flow-permissions (ours/websocket) — [PROTOCOL.md#flow-permissions](PROTOCOL.md#flow-permissions)');
    expect(md).toContain('| fail | `deny-message` deny carries <the> "message" |');
  });

  it('JSON: the report as data', () => {
    expect(JSON.parse(formatTestReport(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('validation reports', () => {
  const file = validateText('new.stdout.ndjson', '{"type":"brand_new_frame"}\n{"type":"keep_alive","extra":true}\n');
  const report = summarize([file], 'warning');

  it('console: per file, per frame kind, with path, example and severity', () => {
    const text = formatValidationReport(report, 'console');
    expect(text).toContain('new.stdout.ndjson (ndjson, 2 frames): 0 critical, 1 warning, 1 info');
    expect(text).toMatch(/brand_new_frame \(to-client, 1 frames\)\n\s+warning\s+unknown_type\s+\$\.type\s+×1/);
    expect(text).toContain('e.g. line 1 $.type = "brand_new_frame"');
    expect(text).toContain('FAILED');
  });

  it('JUnit: a failure for the kind at or above the threshold, output for the rest', () => {
    const xml = formatValidationReport(report, 'junit');
    expect(xml).toContain('name="brand_new_frame (to-client)"');
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('<system-out>info unknown_key $.extra');
  });

  it('Markdown: a findings table', () => {
    expect(formatValidationReport(report, 'markdown')).toContain('| `brand_new_frame` | to-client | warning | unknown_type | `$.type` | 1 |');
  });
});
