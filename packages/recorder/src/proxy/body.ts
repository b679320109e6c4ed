import { createHash } from 'node:crypto';
import { brotliDecompressSync, createBrotliDecompress, createGunzip, createInflate, gunzipSync, inflateSync } from 'node:zlib';
import type { Transform } from 'node:stream';
import { bodyMarker } from '../redact/http';

/** Default of the largest body kept in a tape (the relay itself never limits anything). */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** A tape body: UTF-8 text as is, anything else as base64. */
export function bodyFields(bytes: Buffer): { body: string; bodyEncoding?: 'base64' } {
  try {
    return { body: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { body: bytes.toString('base64'), bodyEncoding: 'base64' };
  }
}

/** Undoes a `content-encoding` for the recorded copy of a body; unknown encodings are kept as they are. */
export function decodeContent(bytes: Buffer, encoding: string | undefined): Buffer {
  const name = (encoding ?? '').trim().toLowerCase();
  try {
    if (name === 'gzip' || name === 'x-gzip') return gunzipSync(bytes);
    if (name === 'deflate') return inflateSync(bytes);
    if (name === 'br') return brotliDecompressSync(bytes);
  } catch {
    // A body that does not decode is recorded as received (base64); the leak scan still reads it.
  }
  return bytes;
}

/** A streaming decoder for a `content-encoding`, or undefined when the stream is not encoded. */
export function contentDecoder(encoding: string | undefined): Transform | undefined {
  const name = (encoding ?? '').trim().toLowerCase();
  if (name === 'gzip' || name === 'x-gzip') return createGunzip();
  if (name === 'deflate') return createInflate();
  if (name === 'br') return createBrotliDecompress();
  return undefined;
}

/** Keeps a copy of a body as it streams through, up to a limit. */
export class BodyCollector {
  readonly #limit: number;
  readonly #chunks: Buffer[] = [];
  readonly #hash = createHash('sha256');
  #size = 0;

  constructor(limit = DEFAULT_MAX_BODY_BYTES) {
    this.#limit = limit;
  }

  /** Bytes seen so far (including any beyond the limit). */
  get size(): number {
    return this.#size;
  }

  push(chunk: Buffer): void {
    const room = this.#limit - Math.min(this.#size, this.#limit);
    if (room > 0) this.#chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, room));
    this.#size += chunk.length;
    this.#hash.update(chunk);
  }

  /**
   * The kept bytes as tape body fields (none when the body was empty). A body over the limit is
   * never written cut off (a cut JSON body escapes the JSON rules): it becomes a marker with its
   * size and sha256.
   */
  fields(contentEncoding?: string): { body?: string; bodyEncoding?: 'base64' } {
    if (this.#size === 0) return {};
    if (this.#size > this.#limit) {
      this.#chunks.length = 0;
      return { body: bodyMarker(this.#size, this.#hash.digest('hex'), `over the ${this.#limit}-byte limit`) };
    }
    return bodyFields(decodeContent(Buffer.concat(this.#chunks), contentEncoding));
  }
}
