import { describe, expect, it } from 'vitest';
import { CodecError } from '../../src/codec/codec-error';
import { NdjsonDecoder, decodeNdjsonStream, encodeNdjson, type NdjsonItem } from '../../src/codec/ndjson';
import { decodeAll, everyTwoWaySplit, streamOf, utf8 } from './chunks';

const values = (items: NdjsonItem[]): unknown[] => items.map((i) => (i.ok ? i.value : i.error.code));

function errorOf(item: NdjsonItem | undefined): CodecError {
  if (item === undefined || item.ok) throw new Error(`expected an error item, got ${JSON.stringify(item)}`);
  return item.error;
}

describe('NdjsonDecoder', () => {
  it('decodes a line split at every possible byte, including inside multi-byte characters', () => {
    const bytes = utf8('{"text":"héllo → 🌍 世界"}\n[1,2]\n');
    for (const chunks of everyTwoWaySplit(bytes)) {
      const items = decodeAll(new NdjsonDecoder(), chunks);
      expect(items).toEqual([
        { ok: true, value: { text: 'héllo → 🌍 世界' }, line: 1 },
        { ok: true, value: [1, 2], line: 2 },
      ]);
    }
  });

  it('returns every line of a chunk that holds many lines, with its line number', () => {
    const text = Array.from({ length: 50 }, (_, i) => encodeNdjson({ i })).join('');
    const items = new NdjsonDecoder().push(utf8(text));
    expect(items).toHaveLength(50);
    expect(items[49]).toEqual({ ok: true, value: { i: 49 }, line: 50 });
  });

  it('accepts CRLF line endings, also when CR and LF arrive in different chunks', () => {
    const decoder = new NdjsonDecoder();
    expect(decoder.push(utf8('{"a":1}\r'))).toEqual([]);
    expect(decoder.push(utf8('\n{"b":2}\r\n'))).toEqual([
      { ok: true, value: { a: 1 }, line: 1 },
      { ok: true, value: { b: 2 }, line: 2 },
    ]);
  });

  it('skips blank and whitespace-only lines but still counts them', () => {
    const items = decodeAll(new NdjsonDecoder(), [utf8('\n\r\n  \t\n1\n\n2\n')]);
    expect(items).toEqual([
      { ok: true, value: 1, line: 4 },
      { ok: true, value: 2, line: 6 },
    ]);
  });

  it('skips a byte order mark at the start of the stream, even when split across chunks', () => {
    const bytes = utf8('\uFEFF{"a":1}\n');
    for (const chunks of everyTwoWaySplit(bytes)) {
      expect(values(decodeAll(new NdjsonDecoder(), chunks))).toEqual([{ a: 1 }]);
    }
  });

  it('reports invalid JSON with the line number and an excerpt, then goes on', () => {
    const items = decodeAll(new NdjsonDecoder(), [utf8('1\n{"type":"assistant","message":{"id":\n3\n')]);
    const error = errorOf(items[1]);
    expect(error).toBeInstanceOf(CodecError);
    expect(error.code).toBe('INVALID_JSON');
    expect(error.line).toBe(2);
    expect(error.message).toContain('line 2');
    expect(error.message).toContain('{\\"type\\":\\"assistant\\"');
    expect(items[2]).toEqual({ ok: true, value: 3, line: 3 });
  });

  it('reports invalid UTF-8 as INVALID_UTF8 for that line only', () => {
    const bytes = new Uint8Array([...utf8('"ok"\n"'), 0xff, 0xfe, ...utf8('"\n"next"\n')]);
    const items = decodeAll(new NdjsonDecoder(), [bytes]);
    expect(items[0]).toEqual({ ok: true, value: 'ok', line: 1 });
    expect(errorOf(items[1])).toMatchObject({ code: 'INVALID_UTF8', line: 2 });
    expect(items[2]).toEqual({ ok: true, value: 'next', line: 3 });
  });

  it('decodes a real U+FFFD character like any other', () => {
    expect(decodeAll(new NdjsonDecoder(), [utf8('"a\uFFFDb"\n"c"\n')])).toEqual([
      { ok: true, value: 'a\uFFFDb', line: 1 },
      { ok: true, value: 'c', line: 2 },
    ]);
  });

  it('reports a line over maxLineBytes as soon as it is exceeded and resyncs at the next newline', () => {
    const decoder = new NdjsonDecoder({ maxLineBytes: 16 });
    expect(decoder.push(utf8('1\n"aaaaaaaaaa'))).toEqual([{ ok: true, value: 1, line: 1 }]);
    const tooLong = decoder.push(utf8('aaaaaaaaaa'));
    expect(errorOf(tooLong[0])).toMatchObject({ code: 'LINE_TOO_LONG', line: 2 });
    expect(tooLong[0]?.ok === false && tooLong[0].error.message).toContain('maxLineBytes (16 bytes)');
    // The rest of the long line is dropped, however many chunks it takes.
    expect(decoder.push(utf8('a'.repeat(100)))).toEqual([]);
    expect(decoder.push(utf8('aaa"\n{"b":2}\n'))).toEqual([{ ok: true, value: { b: 2 }, line: 3 }]);
    expect(decoder.end()).toEqual([]);
  });

  it('reports a too-long line that arrives whole in one chunk, as text or bytes', () => {
    for (const chunk of ['1\n12345\n1234\n', utf8('1\n12345\n1234\n')]) {
      const items = decodeAll(new NdjsonDecoder({ maxLineBytes: 4 }), [chunk]);
      expect(items[0]).toEqual({ ok: true, value: 1, line: 1 });
      expect(errorOf(items[1])).toMatchObject({ code: 'LINE_TOO_LONG', line: 2 });
      expect(items[2]).toEqual({ ok: true, value: 1234, line: 3 });
    }
  });

  it('decodes a last line without a newline, and reports a cut-off one as TRUNCATED', () => {
    expect(decodeAll(new NdjsonDecoder(), [utf8('1\n2')])).toEqual([
      { ok: true, value: 1, line: 1 },
      { ok: true, value: 2, line: 2 },
    ]);
    const cut = decodeAll(new NdjsonDecoder(), [utf8('1\n{"type":"assis')]);
    expect(errorOf(cut[1])).toMatchObject({ code: 'TRUNCATED', line: 2 });
    const midCharacter = decodeAll(new NdjsonDecoder(), [utf8('"🌍"').slice(0, 3)]);
    expect(errorOf(midCharacter[0])).toMatchObject({ code: 'TRUNCATED', line: 1 });
  });

  it('accepts string chunks and mixes them with byte chunks', () => {
    const items = decodeAll(new NdjsonDecoder(), ['{"a":', utf8('"é"}\n{"b"'), ':2}\r\n"c"\n', utf8('4')]);
    expect(values(items)).toEqual([{ a: 'é' }, { b: 2 }, 'c', 4]);
    expect(items.map((i) => i.line)).toEqual([1, 2, 3, 4]);
  });

  it('keeps its own copy of a partial line when the caller reuses its buffer', () => {
    const decoder = new NdjsonDecoder();
    const buffer = utf8('{"a":');
    decoder.push(buffer);
    buffer.fill(0x20);
    expect(decoder.push(utf8('1}\n'))).toEqual([{ ok: true, value: { a: 1 }, line: 1 }]);
  });

  it('rejects a maxLineBytes that is not a positive integer', () => {
    expect(() => new NdjsonDecoder({ maxLineBytes: 0 })).toThrow(/maxLineBytes must be a positive integer/);
    expect(() => new NdjsonDecoder({ maxLineBytes: Number.NaN })).toThrow(RangeError);
  });

  it('starts a new stream after end(), with line numbers from 1', () => {
    const decoder = new NdjsonDecoder();
    decodeAll(decoder, [utf8('1\n2\n"half')]);
    expect(decodeAll(decoder, [utf8('3\n')])).toEqual([{ ok: true, value: 3, line: 1 }]);
  });
});

describe('encodeNdjson', () => {
  it('writes one line per value, escaping newlines inside strings', () => {
    const line = encodeNdjson({ text: 'a\nb\r\nc' });
    expect(line).toBe('{"text":"a\\nb\\r\\nc"}\n');
    expect(line.indexOf('\n')).toBe(line.length - 1);
  });

  it('refuses values that have no JSON form', () => {
    expect(() => encodeNdjson(undefined)).toThrow(/no JSON form/);
    expect(() => encodeNdjson(() => 1)).toThrow(TypeError);
  });
});

describe('decodeNdjsonStream', () => {
  it('reads a ReadableStream of byte chunks', async () => {
    const bytes = utf8('{"a":1}\n\n[2]\n3');
    const items: NdjsonItem[] = [];
    for await (const item of decodeNdjsonStream(streamOf([bytes.slice(0, 3), bytes.slice(3)]))) items.push(item);
    expect(items).toEqual([
      { ok: true, value: { a: 1 }, line: 1 },
      { ok: true, value: [2], line: 3 },
      { ok: true, value: 3, line: 4 },
    ]);
  });

  it('reads an async iterable of strings', async () => {
    async function* source(): AsyncGenerator<string> {
      yield '{"a"';
      yield ':1}\n';
    }
    const items: NdjsonItem[] = [];
    for await (const item of decodeNdjsonStream(source())) items.push(item);
    expect(values(items)).toEqual([{ a: 1 }]);
  });

  it('stops with the abort reason and cancels the stream', async () => {
    const controller = new AbortController();
    let cancelled: unknown;
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(utf8('1\n'));
      },
      cancel(reason) {
        cancelled = reason;
      },
    });
    const seen: unknown[] = [];
    const run = (async () => {
      for await (const item of decodeNdjsonStream(stream, { signal: controller.signal })) {
        seen.push(item.ok && item.value);
        controller.abort(new Error('user left'));
      }
    })();
    await expect(run).rejects.toThrow('user left');
    expect(seen).toEqual([1]);
    expect(cancelled).toBeInstanceOf(Error);
  });
});
