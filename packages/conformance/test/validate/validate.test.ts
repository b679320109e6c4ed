import { describe, expect, it } from 'vitest';
import { summarize, validateText } from '../../src/validate/validate';
import { corpusTape, editTape } from '../helpers';

/** 01-plain-text with three kinds of drift planted: a new frame type, a new key, a missing required field. */
function driftedTape(): string {
  return editTape(corpusTape('01-plain-text'), (frame, dir) => {
    if (dir !== 'stdout') return [frame];
    if (frame.type === 'assistant') return [{ ...frame, future_field: { added: 'later' } }];
    if (frame.type === 'result') {
      const { num_turns: _removed, ...rest } = frame;
      return [rest, { type: 'brand_new_frame', uuid: 'u-new', session_id: 's' }];
    }
    return [frame];
  });
}

describe('validate', () => {
  it('finds no drift in any corpus tape', () => {
    for (const id of ['01-plain-text', '08-interrupt-slow-stream', '12-control-requests', '18-mcp-forwarding']) {
      const report = validateText(`${id}.tape.ndjson`, corpusTape(id));
      expect(report.counts, id).toEqual({ critical: 0, warning: 0, info: 0 });
      expect(report.frames, id).toBeGreaterThan(3);
    }
  });

  it('an injected unknown frame type, unknown key and removed required field give exactly one warning, one info and one critical', () => {
    const report = validateText('drifted.tape.ndjson', driftedTape());
    expect(report.counts).toEqual({ critical: 1, warning: 1, info: 1 });
    const findings = report.kinds.flatMap((k) => k.findings.map((f) => ({ frameKind: k.kind, direction: k.direction, severity: f.severity, kind: f.kind, path: f.path, count: f.count })));
    expect(findings).toEqual(
      expect.arrayContaining([
        { frameKind: 'brand_new_frame', direction: 'to-client', severity: 'warning', kind: 'unknown_type', path: '$.type', count: 1 },
        { frameKind: 'assistant', direction: 'to-client', severity: 'info', kind: 'unknown_key', path: '$.future_field', count: 1 },
        { frameKind: 'result/success', direction: 'to-client', severity: 'critical', kind: 'missing', path: '$.num_turns', count: 1 },
      ]),
    );
    expect(findings).toHaveLength(3);
    const unknownKey = report.kinds.find((k) => k.kind === 'assistant')!.findings[0]!;
    expect(unknownKey.examples).toEqual([{ line: 4, path: '$.future_field', value: { added: 'later' } }]);
    expect(summarize([report]).failed).toBe(true);
    expect(summarize([report], 'never').failed).toBe(false);
  });

  it('grades the same drift one step up when it flows to the agent', () => {
    const ndjson = `${JSON.stringify({ type: 'user', session_id: '', message: { role: 'user', content: 'hi' }, parent_tool_use_id: null, future_field: 1 })}\n`;
    expect(validateText('host.stdin.ndjson', ndjson).counts).toEqual({ critical: 0, warning: 1, info: 0 });
    expect(validateText('host.ndjson', ndjson, { direction: 'to-client' }).counts).toEqual({ critical: 0, warning: 0, info: 1 });
  });

  it('groups repeated findings by frame kind and wildcard path, with distinct example values', () => {
    const frame = (i: number) => JSON.stringify({ type: 'system', subtype: 'status', status: null, uuid: `u${i}`, session_id: 's', extra: i % 2 });
    const report = validateText('status.stdout.ndjson', [0, 1, 2, 3].map(frame).join('\n'));
    const [group] = report.kinds[0]!.findings;
    expect(group).toMatchObject({ severity: 'info', kind: 'unknown_key', path: '$.extra', count: 4 });
    expect(group!.examples.map((e) => e.value)).toEqual([0, 1]);
  });

  it('reports unreadable lines with their numbers and fails on them', () => {
    const report = validateText('broken.ndjson', `{"type":"keep_alive"}\n{not json\n`);
    expect(report.problems).toEqual([{ line: 2, message: expect.stringMatching(/^not valid JSON/) }]);
    expect(summarize([report]).failed).toBe(true);
  });

  it('threshold warning fails on a warning, threshold critical does not', () => {
    const report = validateText('new.stdout.ndjson', '{"type":"brand_new_frame"}\n');
    expect(summarize([report], 'critical').failed).toBe(false);
    expect(summarize([report], 'warning').failed).toBe(true);
  });
});
