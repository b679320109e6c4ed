import { listFrameKinds } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { CoverageCollector } from '../../src/coverage/coverage';
import { schemaPaths } from '../../src/coverage/fields';

describe('schema coverage', () => {
  it('lists every frame kind as unexercised when nothing was seen', () => {
    const report = new CoverageCollector().report();
    expect(report.exercisedKinds).toBe(0);
    expect(report.unexercisedKinds).toHaveLength(listFrameKinds().length);
  });

  it('marks the fields a frame has, per union branch of content blocks', () => {
    const collector = new CoverageCollector();
    collector.add({ type: 'assistant', uuid: 'u', session_id: 's', parent_tool_use_id: null, message: { id: 'm', type: 'message', role: 'assistant', model: 'x', content: [{ type: 'text', text: 'hi' }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } });
    const report = collector.report();
    const assistant = report.perKind.find((k) => k.kind === 'assistant')!;
    expect(report.exercisedKinds).toBe(1);
    expect(report.unexercisedKinds.map((k) => k.kind)).not.toContain('assistant');
    const declared = schemaPaths(listFrameKinds().find((k) => k.key === 'assistant')!.schema);
    const textPath = [...declared].find((p) => /^\$\.message\.content\[\*\]<.*text>\.text$/.test(p));
    expect(textPath).toBeDefined();
    expect(assistant.unexercised).not.toContain(textPath);
    expect(assistant.unexercised).toContain('$.error');
    expect(assistant.unexercised.some((p) => p.includes('<tool_use>'))).toBe(true);
  });

  it('ignores values that are not known frames', () => {
    const collector = new CoverageCollector();
    collector.add({ type: 'brand_new' });
    collector.add('not a frame');
    expect(collector.report()).toMatchObject({ frames: 2, exercisedKinds: 0 });
  });
});
