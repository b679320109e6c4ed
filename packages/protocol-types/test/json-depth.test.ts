import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_JSON_DEPTH, findTooDeep, isUnknownFrame, parseFrame } from '../src/index';

function nest(depth: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 1; i < depth; i++) value = i % 2 === 0 ? [value] : { k: value };
  return value;
}

describe('findTooDeep', () => {
  it('passes values within the limit and names the path of the first one beyond it', () => {
    expect(findTooDeep(nest(DEFAULT_MAX_JSON_DEPTH, {}))).toBeUndefined();
    expect(findTooDeep({ a: [1, { b: nest(3, {}) }] }, 4)).toBe('$.a[1].b[0]');
    expect(findTooDeep({ 'odd key': { x: {} } }, 2)).toBe('$["odd key"].x');
    expect(findTooDeep(null)).toBeUndefined();
    expect(findTooDeep('text')).toBeUndefined();
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    const path = findTooDeep(nest(100_000, {}));
    expect(path?.startsWith('$.k[0].k[0]')).toBe(true);
  });
});

describe('parseFrame on hostile nesting', () => {
  it('never throws for a frame nested 20,000 deep: it is a frame or an unknown frame that says where', () => {
    const deepInput = { type: 'assistant', uuid: 'u', session_id: 's', parent_tool_use_id: null, message: { id: 'm', type: 'message', role: 'assistant', model: 'x', content: [{ type: 'tool_use', id: 't', name: 'Bash', input: nest(20_000) }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } };
    expect(() => parseFrame(deepInput)).not.toThrow();
    const deepShape = { type: 'result', subtype: 'success', deep: nest(20_000) };
    const parsed = parseFrame(deepShape);
    if (isUnknownFrame(parsed)) expect(parsed.issues.length).toBeGreaterThan(0);
  });
});

describe('SseDecoder counts the whole event against maxEventChars', () => {
  it('an event of many empty data lines is too large once its line breaks pass the limit', async () => {
    const { SseDecoder } = await import('../src/index');
    const decoder = new SseDecoder({ maxEventChars: 1000 });
    const items = decoder.push(`${'data:\n'.repeat(5_000)}\nevent: after\ndata: ok\n\n`);
    expect(items.map((i) => i.kind)).toEqual(['error', 'event']);
    expect(items[0]).toMatchObject({ kind: 'error', error: { code: 'EVENT_TOO_LARGE' } });
    const exact = new SseDecoder({ maxEventChars: 11 }).push('data:abcde\ndata:fghij\n\n');
    expect(exact).toEqual([{ kind: 'event', event: 'message', data: 'abcde\nfghij' }]);
    // 10 characters of text, 11 with the line break between them
    expect(new SseDecoder({ maxEventChars: 10 }).push('data:abcde\ndata:fghij\n\n')[0]).toMatchObject({ kind: 'error', error: { code: 'EVENT_TOO_LARGE' } });
  });
});
