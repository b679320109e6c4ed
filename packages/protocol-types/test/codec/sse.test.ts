import { describe, expect, it } from 'vitest';
import { SseDecoder, decodeSseStream, type SseItem } from '../../src/codec/sse';
import { encodeSseComment, encodeSseEvent } from '../../src/codec/sse-encode';
import { decodeAll, everyTwoWaySplit, streamOf, utf8 } from './chunks';

const decode = (...chunks: (string | Uint8Array)[]): SseItem[] => decodeAll(new SseDecoder(), chunks);

describe('SseDecoder', () => {
  it('dispatches an event at the blank line, named "message" by default', () => {
    expect(decode('data: hello\n\nevent: client_event\ndata: {"a":1}\n\n')).toEqual([
      { kind: 'event', event: 'message', data: 'hello' },
      { kind: 'event', event: 'client_event', data: '{"a":1}' },
    ]);
  });

  it('joins multi-line data with \\n', () => {
    expect(decode('data: one\ndata:\ndata: three\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'one\n\nthree' }]);
  });

  it('strips exactly one space after the colon', () => {
    expect(decode('data:x\n\ndata:  two spaces\n\n').map((i) => i.kind === 'event' && i.data)).toEqual(['x', ' two spaces']);
  });

  it('treats a line without a colon as a field with an empty value', () => {
    expect(decode('data\ndata\n\n')).toEqual([{ kind: 'event', event: 'message', data: '\n' }]);
  });

  it('ignores unknown fields and does not dispatch a block without data', () => {
    expect(decode('event: ping\nfoo: bar\n\ndata: x\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'x' }]);
  });

  it('accepts CR, LF and CRLF line endings in one stream', () => {
    expect(decode('data: a\r\rdata: b\n\ndata: c\r\n\r\n').map((i) => i.kind === 'event' && i.data)).toEqual(['a', 'b', 'c']);
  });

  it('counts a CR at the end of a chunk and an LF at the start of the next as one line ending', () => {
    // Read as two endings, the LF would be a blank line and dispatch "a" early.
    expect(decode('data: a\r', '\ndata: b\r', '\n\r', '\n')).toEqual([{ kind: 'event', event: 'message', data: 'a\nb' }]);
  });

  it('dispatches a CR-terminated event without waiting for the next chunk', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('data: now\r\r')).toEqual([{ kind: 'event', event: 'message', data: 'now' }]);
  });

  it('decodes UTF-8 characters split across chunks at every byte', () => {
    const bytes = utf8('data: héllo 🌍 世界\n\n');
    for (const chunks of everyTwoWaySplit(bytes)) {
      expect(decodeAll(new SseDecoder(), chunks)).toEqual([{ kind: 'event', event: 'message', data: 'héllo 🌍 世界' }]);
    }
  });

  it('skips a BOM at the very start only, even when its bytes are split', () => {
    for (const chunks of everyTwoWaySplit(utf8('\uFEFFdata: a\n\n'))) {
      expect(decodeAll(new SseDecoder(), chunks)).toEqual([{ kind: 'event', event: 'message', data: 'a' }]);
    }
    // A BOM later on is part of the field name, which is then unknown.
    expect(decode('data: a\n\n\uFEFFdata: b\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'a' }]);
  });

  it('reports comments as items, in stream order', () => {
    expect(decode(': keep-alive\n:\ndata: x\n\n')).toEqual([
      { kind: 'comment', comment: 'keep-alive' },
      { kind: 'comment', comment: '' },
      { kind: 'event', event: 'message', data: 'x' },
    ]);
  });

  it('puts id on the event that set it and keeps lastEventId across events', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('id: 7\ndata: a\n\ndata: b\n\n')).toEqual([
      { kind: 'event', event: 'message', data: 'a', id: '7' },
      { kind: 'event', event: 'message', data: 'b' },
    ]);
    expect(decoder.lastEventId).toBe('7');
    decoder.push('id\n\n');
    expect(decoder.lastEventId).toBe('');
  });

  it('ignores an id that contains NUL', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('id: 1\n\nid: 2\0x\ndata: a\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'a' }]);
    expect(decoder.lastEventId).toBe('1');
  });

  it('accepts retry with digits only, also from a block without data', () => {
    const decoder = new SseDecoder();
    expect(decoder.push('retry: 3000\n\n')).toEqual([]);
    expect(decoder.retry).toBe(3000);
    expect(decoder.push('retry: 12a\nretry: -5\nretry: 1.5\ndata: x\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'x' }]);
    expect(decoder.retry).toBe(3000);
    expect(decoder.push('retry:250\ndata: y\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'y', retry: 250 }]);
  });

  it('drops an oversized event with an EVENT_TOO_LARGE error naming its first line, then resyncs', () => {
    // Each line fits the limit of 15; the event's data (16 chars) does not.
    const decoder = new SseDecoder({ maxEventChars: 15 });
    const first = decoder.push(': hi\n\ndata: abcdefgh\ndata: ijklmnop');
    expect(first).toEqual([{ kind: 'comment', comment: 'hi' }]);
    const error = decoder.push('\n');
    expect(error).toMatchObject([{ kind: 'error', line: 3, error: { code: 'EVENT_TOO_LARGE', line: 3 } }]);
    expect(error[0]?.kind === 'error' && error[0].error.message).toContain('maxEventChars (15)');
    expect(decoder.push('data: more\n\ndata: ok\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'ok' }]);
  });

  it('reports an over-long line as soon as it exceeds the limit, without waiting for its end', () => {
    const decoder = new SseDecoder({ maxEventChars: 10 });
    expect(decoder.push('data: 1234')).toEqual([]);
    expect(decoder.push('5')).toMatchObject([{ kind: 'error', error: { code: 'EVENT_TOO_LARGE', line: 1 } }]);
    expect(decoder.push('x'.repeat(1000))).toEqual([]);
    expect(decoder.push('\n\ndata: ok\n\n')).toEqual([{ kind: 'event', event: 'message', data: 'ok' }]);
  });

  it('reports an event cut off by the end of the stream as TRUNCATED, and keeps lastEventId for the reconnect', () => {
    const decoder = new SseDecoder();
    const items = decodeAll(decoder, ['id: 4\ndata: a\n\nid: 5\ndata: {"half":']);
    expect(items[0]).toEqual({ kind: 'event', event: 'message', data: 'a', id: '4' });
    expect(items[1]).toMatchObject({ kind: 'error', line: 4, error: { code: 'TRUNCATED' } });
    expect(decoder.lastEventId).toBe('5');
    expect(decodeAll(decoder, ['data: b\n\n'])).toEqual([{ kind: 'event', event: 'message', data: 'b' }]);
  });

  it('rejects a maxEventChars that is not a positive integer', () => {
    expect(() => new SseDecoder({ maxEventChars: -1 })).toThrow(/maxEventChars must be a positive integer/);
  });

  it('does not report a clean end or a trailing comment as truncated', () => {
    expect(decode('data: a\n\n: bye')).toEqual([{ kind: 'event', event: 'message', data: 'a' }]);
  });
});

describe('encodeSseEvent and encodeSseComment', () => {
  it('writes fields, one data line per line of data, and the dispatching blank line', () => {
    expect(encodeSseEvent({ event: 'client_event', id: '12', retry: 500, data: 'a\nb\r\nc' })).toBe(
      'event: client_event\nid: 12\nretry: 500\ndata: a\ndata: b\ndata: c\n\n',
    );
    expect(encodeSseEvent({ data: '' })).toBe('data: \n\n');
    expect(encodeSseComment('ping')).toBe(': ping\n');
  });

  it('round-trips through the decoder', () => {
    const text = encodeSseComment('hello\nthere') + encodeSseEvent({ event: 'x', data: ' lead\n\ntrail ', id: '' });
    expect(decode(text)).toEqual([
      { kind: 'comment', comment: 'hello' },
      { kind: 'comment', comment: 'there' },
      { kind: 'event', event: 'x', data: ' lead\n\ntrail ', id: '' },
    ]);
  });

  it('refuses fields that would break the framing', () => {
    expect(() => encodeSseEvent({ event: 'a\nb', data: '' })).toThrow(/line break/);
    expect(() => encodeSseEvent({ id: '1\r', data: '' })).toThrow(/line break/);
    expect(() => encodeSseEvent({ id: 'a\0', data: '' })).toThrow(/NUL/);
    expect(() => encodeSseEvent({ retry: -1, data: '' })).toThrow(/non-negative integer/);
    expect(() => encodeSseEvent({ retry: 1.5, data: '' })).toThrow(/non-negative integer/);
  });
});

describe('decodeSseStream', () => {
  it('reads a ReadableStream of bytes', async () => {
    const bytes = utf8(encodeSseEvent({ event: 'client_event', id: '1', data: '{"type":"keep_alive"}' }));
    const items: SseItem[] = [];
    for await (const item of decodeSseStream(streamOf([bytes.slice(0, 5), bytes.slice(5)]))) items.push(item);
    expect(items).toEqual([{ kind: 'event', event: 'client_event', data: '{"type":"keep_alive"}', id: '1' }]);
  });
});
