import { describe, expect, it } from 'vitest';
import { NdjsonFrameDecoder, decodeFrames, type FrameItem } from '../../src/codec/frame-stream';
import { encodeNdjson } from '../../src/codec/ndjson';
import { UnknownFrame } from '../../src/parse';
import { decodeAll, streamOf, utf8 } from './chunks';

describe('NdjsonFrameDecoder', () => {
  it('hands back known frames as decoded, unknown ones as UnknownFrame, bad lines as errors', () => {
    const text = [
      encodeNdjson({ type: 'keep_alive' }),
      encodeNdjson({ type: 'brand_new_frame', extra: 1 }),
      '{"type":\n',
      encodeNdjson(['not', 'an', 'object']),
    ].join('');
    const items = decodeAll(new NdjsonFrameDecoder(), [utf8(text)]);

    expect(items[0]).toEqual({ ok: true, frame: { type: 'keep_alive' }, line: 1 });

    const unknown = items[1]?.ok ? items[1].frame : undefined;
    expect(unknown).toBeInstanceOf(UnknownFrame);
    expect(unknown).toMatchObject({ reason: 'unknown_type', type: 'brand_new_frame', raw: { type: 'brand_new_frame', extra: 1 } });

    expect(items[2]).toMatchObject({ ok: false, line: 3, error: { code: 'INVALID_JSON', line: 3 } });
    expect(items[3]?.ok && items[3].frame).toMatchObject({ reason: 'not_object' });
  });

  it('keeps unknown keys of a known frame (tolerant in)', () => {
    const [item] = new NdjsonFrameDecoder().push('{"type":"keep_alive","added_later":true}\n');
    expect(item).toEqual({ ok: true, frame: { type: 'keep_alive', added_later: true }, line: 1 });
  });
});

describe('decodeFrames', () => {
  it('decodes a byte stream split mid-line into frames with line numbers', async () => {
    const bytes = utf8('{"type":"keep_alive"}\r\n\n{"type":"keep_alive"}');
    const items: FrameItem[] = [];
    for await (const item of decodeFrames(streamOf([bytes.slice(0, 10), bytes.slice(10, 30), bytes.slice(30)]))) {
      items.push(item);
    }
    expect(items).toEqual([
      { ok: true, frame: { type: 'keep_alive' }, line: 1 },
      { ok: true, frame: { type: 'keep_alive' }, line: 3 },
    ]);
  });
});
