import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { CodecError } from '../../src/codec/codec-error';
import { NdjsonDecoder, encodeNdjson, type NdjsonItem } from '../../src/codec/ndjson';
import { cutsArb, decodeAll, splitAt, utf8 } from './chunks';

const jsonArb = fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 });

/** Bytes that stress the decoder: line breaks, quotes, braces, BOM and broken UTF-8 lead/continuation bytes. */
const garbageArb = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x0a, 0x0d, 0x22, 0x7b, 0x20, 0xef, 0xbb, 0xbf, 0xe2, 0xf0, 0x80)), {
    maxLength: 200,
  })
  .map((bytes) => Uint8Array.from(bytes));

/** Cuts a string into chunks at code point boundaries (string sources never split a surrogate pair). */
function splitText(text: string, cuts: readonly number[]): string[] {
  const points = cuts
    .map((c) => c % (text.length + 1))
    .map((p) => (p > 0 && /[\uD800-\uDBFF]/.test(text.charAt(p - 1)) ? p - 1 : p))
    .sort((a, b) => a - b);
  const out: string[] = [];
  let start = 0;
  for (const p of points) {
    out.push(text.slice(start, p));
    start = p;
  }
  out.push(text.slice(start));
  return out;
}

/** A line that is not valid UTF-8: a quote, a lone continuation byte, a quote. */
const BROKEN_UTF8 = Uint8Array.of(0x22, 0x80, 0x22);

/** What a correct decoder must return for one newline-terminated line (JSON.parse is the oracle). */
function expectedFor(raw: string | Uint8Array, line: number): unknown[] {
  if (typeof raw !== 'string') return [{ ok: false, code: 'INVALID_UTF8', line }];
  let text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (line === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
  if (/^[ \t\r]*$/.test(text)) return [];
  try {
    return [{ ok: true, value: JSON.parse(text) as unknown, line }];
  } catch {
    return [{ ok: false, code: 'INVALID_JSON', line }];
  }
}

function summary(item: NdjsonItem): unknown {
  if (item.ok) return item;
  expect(item.error).toBeInstanceOf(CodecError);
  expect(item.error.line).toBe(item.line);
  expect(item.error.message).toContain(`line ${item.line}`);
  return { ok: false, code: item.error.code, line: item.line };
}

describe('NdjsonDecoder laws', () => {
  test.prop([fc.array(jsonArb, { maxLength: 20 }), cutsArb, fc.constantFrom('\n', '\r\n')])(
    'decode(encode(values)) equals the values under any chunking of the bytes',
    (values, cuts, ending) => {
      const bytes = utf8(values.map((v) => encodeNdjson(v).slice(0, -1) + ending).join(''));
      const items = decodeAll(new NdjsonDecoder(), splitAt(bytes, cuts));
      expect(items).toEqual(values.map((v, i) => ({ ok: true, value: JSON.parse(JSON.stringify(v)) as unknown, line: i + 1 })));
    },
  );

  test.prop([fc.array(jsonArb, { maxLength: 20 }), cutsArb, fc.array(fc.boolean(), { minLength: 41, maxLength: 41 })])(
    'decodes the same values from text chunks mixed with byte chunks',
    (values, cuts, asBytes) => {
      const chunks = splitText(values.map(encodeNdjson).join(''), cuts).map((c, i) => (asBytes[i] ? utf8(c) : c));
      const items = decodeAll(new NdjsonDecoder(), chunks);
      expect(items.map((i) => i.ok && i.value)).toEqual(values.map((v) => JSON.parse(JSON.stringify(v)) as unknown));
    },
  );

  test.prop([garbageArb, cutsArb, fc.constantFrom(undefined, 8)])(
    'arbitrary bytes never throw, and a valid line after garbage and a newline decodes with the right number',
    (garbage, cuts, maxLineBytes) => {
      const bytes = new Uint8Array([...garbage, ...utf8('\n{"ok":1}\n')]);
      const items = decodeAll(new NdjsonDecoder({ maxLineBytes }), splitAt(bytes, cuts));
      const newlines = garbage.filter((b) => b === 0x0a).length;
      expect(items.at(-1)).toEqual({ ok: true, value: { ok: 1 }, line: newlines + 2 });
      for (const item of items) if (!item.ok) expect(item.error.line).toBe(item.line);
    },
  );

  test.prop([garbageArb, cutsArb])('arbitrary bytes ending the stream never throw from end()', (garbage, cuts) => {
    const items = decodeAll(new NdjsonDecoder({ maxLineBytes: 16 }), splitAt(garbage, cuts));
    const lines = items.map((i) => i.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(new Set(lines).size).toBe(lines.length);
  });

  const lineArb = fc.oneof(
    fc.constant(BROKEN_UTF8),
    jsonArb.map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary', maxLength: 30 }).filter((s) => !s.includes('\n')),
    fc.constantFrom('', '  ', '\r', '{', '{"type":"assistant",', '\uFEFF[]', 'nul'),
  );

  test.prop([fc.array(lineArb, { maxLength: 30 }), cutsArb])(
    'every item and every error carries the number of the line it came from',
    (lines, cuts) => {
      const bytes = Uint8Array.from(lines.flatMap((l) => [...(typeof l === 'string' ? utf8(l) : l), 0x0a]));
      const items = decodeAll(new NdjsonDecoder(), splitAt(bytes, cuts));
      expect(items.map(summary)).toEqual(lines.flatMap((l, i) => expectedFor(l, i + 1)));
    },
  );
});
