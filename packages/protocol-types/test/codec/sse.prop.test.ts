import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { SseDecoder, type SseItem } from '../../src/codec/sse';
import { encodeSseComment, encodeSseEvent, type SseEventInit } from '../../src/codec/sse-encode';
import { cutsArb, decodeAll, splitAt, utf8 } from './chunks';

const oneLine = fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => !/[\r\n]/.test(s));

const eventArb = fc.record({
  event: fc.option(oneLine, { nil: undefined }),
  data: fc.string({ unit: 'binary', maxLength: 40 }),
  id: fc.option(oneLine.filter((s) => !s.includes('\0')), { nil: undefined }),
  retry: fc.option(fc.nat(), { nil: undefined }),
});

type StreamPart = { comment: string } | { event: SseEventInit };

const partArb: fc.Arbitrary<StreamPart> = fc.oneof(
  { arbitrary: eventArb.map((event) => ({ event })), weight: 3 },
  { arbitrary: oneLine.map((comment) => ({ comment })), weight: 1 },
);

const encodePart = (part: StreamPart): string => ('comment' in part ? encodeSseComment(part.comment) : encodeSseEvent(part.event));

function expectedItem(part: StreamPart): SseItem {
  if ('comment' in part) return { kind: 'comment', comment: part.comment };
  const { event, data, id, retry } = part.event;
  return {
    kind: 'event',
    event: event === undefined || event === '' ? 'message' : event,
    data: data.replace(/\r\n|\r|\n/g, '\n'),
    ...(id === undefined ? {} : { id }),
    ...(retry === undefined ? {} : { retry }),
  };
}

/** Bytes that stress the decoder: CR, LF, colons, field letters, NUL, BOM and broken UTF-8. */
const garbageArb = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(...utf8('\r\n\n:data: id event retry \0'), 0xef, 0xbb, 0xbf, 0xe2, 0xf0, 0x80),
    ),
    { maxLength: 200 },
  )
  .map((bytes) => Uint8Array.from(bytes));

describe('SseDecoder laws', () => {
  test.prop([fc.array(partArb, { maxLength: 12 }), cutsArb, fc.constantFrom('\n', '\r', '\r\n'), fc.boolean()])(
    'decode(encode(events)) equals the events under any chunking, line ending and leading BOM',
    (parts, cuts, ending, bom) => {
      const text = (bom ? '\uFEFF' : '') + parts.map(encodePart).join('').replace(/\n/g, ending);
      const decoder = new SseDecoder();
      expect(decodeAll(decoder, splitAt(utf8(text), cuts))).toEqual(parts.map(expectedItem));
      const ids = parts.flatMap((p) => ('event' in p && p.event.id !== undefined ? [p.event.id] : []));
      expect(decoder.lastEventId).toBe(ids.at(-1) ?? '');
    },
  );

  test.prop([fc.array(partArb, { maxLength: 12 }), cutsArb])('decodes the same events from string chunks', (parts, cuts) => {
    const text = parts.map(encodePart).join('');
    const points = cuts.map((c) => c % (text.length + 1)).sort((a, b) => a - b);
    const chunks = [...points, text.length].map((p, i) => text.slice(i === 0 ? 0 : points[i - 1], p));
    expect(decodeAll(new SseDecoder(), chunks)).toEqual(parts.map(expectedItem));
  });

  test.prop([garbageArb, cutsArb, fc.constantFrom(undefined, 8)])(
    'arbitrary bytes never throw, and an event after garbage and a blank line decodes',
    (garbage, cuts, maxEventChars) => {
      const bytes = new Uint8Array([...garbage, ...utf8('\n\ndata: ok\n\n')]);
      const items = decodeAll(new SseDecoder({ maxEventChars }), splitAt(bytes, cuts));
      expect(items.at(-1)).toEqual({ kind: 'event', event: 'message', data: 'ok' });
    },
  );

  test.prop([garbageArb, cutsArb])('arbitrary bytes ending the stream never throw from end()', (garbage, cuts) => {
    const items = decodeAll(new SseDecoder({ maxEventChars: 8 }), splitAt(garbage, cuts));
    for (const item of items) if (item.kind === 'error') expect(item.error.line).toBe(item.line);
  });

  const sizedEventArb = fc.record({
    lines: fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 4 }),
    id: fc.option(fc.constantFrom('1', '22'), { nil: undefined }),
    comment: fc.boolean(),
  });

  test.prop([fc.array(sizedEventArb, { maxLength: 10 }), cutsArb])(
    'an oversized event is reported at the line where it starts and the next one still decodes',
    (events, cuts) => {
      const max = 20;
      let text = '';
      let line = 1;
      const expected: unknown[] = [];
      for (const { lines, id, comment } of events) {
        if (comment) {
          text += encodeSseComment('alive');
          expected.push({ kind: 'comment', comment: 'alive' });
          line += 1;
        }
        const data = lines.map((n) => 'x'.repeat(n)).join('\n');
        const encoded = encodeSseEvent({ data, id });
        // The whole event counts, line breaks between data lines included.
        const oversized = data.length > max;
        expected.push(oversized ? { kind: 'error', code: 'EVENT_TOO_LARGE', line } : { kind: 'event', data });
        text += encoded;
        line += encoded.split('\n').length - 1;
      }
      const items = decodeAll(new SseDecoder({ maxEventChars: max }), splitAt(utf8(text), cuts));
      const seen = items.map((item) => {
        if (item.kind === 'error') {
          expect(item.error.message).toContain(`line ${item.line}`);
          return { kind: 'error', code: item.error.code, line: item.error.line };
        }
        return item.kind === 'event' ? { kind: 'event', data: item.data } : item;
      });
      expect(seen).toEqual(expected);
    },
  );
});
