import type { Frame } from '../frames';
import { parseFrame, type UnknownFrame } from '../parse';
import type { CodecError } from './codec-error';
import { NdjsonDecoder, type NdjsonDecoderOptions, type NdjsonItem } from './ndjson';
import { readChunks, type ChunkSource, type StreamOptions } from './source';

/**
 * One NDJSON line read as a frame. A line that is JSON but not a known, valid frame is still
 * `ok` and carries an {@link UnknownFrame} (tolerant in); `ok: false` means the line itself was bad.
 */
export type FrameItem =
  | { readonly ok: true; readonly frame: Frame | UnknownFrame; readonly line: number }
  | { readonly ok: false; readonly error: CodecError; readonly line: number };

function toFrameItems(items: NdjsonItem[]): FrameItem[] {
  const out: FrameItem[] = new Array<FrameItem>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as NdjsonItem;
    out[i] = item.ok ? { ok: true, frame: parseFrame(item.value), line: item.line } : item;
  }
  return out;
}

/**
 * Incremental frame decoder for NDJSON byte streams: {@link NdjsonDecoder} plus `parseFrame` on
 * each line, the one parse point for frames read from bytes. `push` and `end` never throw.
 */
export class NdjsonFrameDecoder {
  readonly #lines: NdjsonDecoder;

  constructor(options: NdjsonDecoderOptions = {}) {
    this.#lines = new NdjsonDecoder(options);
  }

  /** Decodes one chunk and returns the frames of every line it completes. */
  push(chunk: Uint8Array | string): FrameItem[] {
    return toFrameItems(this.#lines.push(chunk));
  }

  /** Ends the stream (see {@link NdjsonDecoder.end}); the decoder is then ready for a new stream. */
  end(): FrameItem[] {
    return toFrameItems(this.#lines.end());
  }
}

/**
 * Decodes an NDJSON byte or text stream into frames, one item per non-blank line.
 * @throws the signal's reason when it aborts, and whatever the source throws; never for bad lines.
 */
export async function* decodeFrames(
  source: ChunkSource,
  options: NdjsonDecoderOptions & StreamOptions = {},
): AsyncGenerator<FrameItem, void, undefined> {
  const decoder = new NdjsonFrameDecoder(options);
  for await (const chunk of readChunks(source, options)) for (const item of decoder.push(chunk)) yield item;
  for (const item of decoder.end()) yield item;
}
