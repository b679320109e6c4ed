import { fc } from '@fast-check/vitest';

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Splits bytes at the given offsets (taken modulo the length, sorted, duplicates kept as empty chunks). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.slice(start, point));
    start = point;
  }
  chunks.push(bytes.slice(start));
  return chunks;
}

/** Every way of cutting bytes into two chunks. */
export function* everyTwoWaySplit(bytes: Uint8Array): Generator<Uint8Array[]> {
  for (let i = 0; i <= bytes.length; i++) yield [bytes.slice(0, i), bytes.slice(i)];
}

/** Cut points for {@link splitAt}: up to 40 offsets, so chunks are often one or two bytes long. */
export const cutsArb = fc.array(fc.nat(), { maxLength: 40 });

/** Anything with the push/end shape of the decoders. */
export interface Decoder<T> {
  push(chunk: Uint8Array | string): T[];
  end(): T[];
}

/** Feeds every chunk and the end of the stream to a decoder and collects what it returns. */
export function decodeAll<T>(decoder: Decoder<T>, chunks: Iterable<Uint8Array | string>): T[] {
  const out: T[] = [];
  for (const chunk of chunks) out.push(...decoder.push(chunk));
  out.push(...decoder.end());
  return out;
}

/** A ReadableStream over the given chunks. */
export function streamOf(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}
