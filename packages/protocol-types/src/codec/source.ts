/** A byte or text stream a decoder can read: any async iterable of chunks, or a WHATWG `ReadableStream`. */
export type ChunkSource = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/** Options shared by the stream helpers. */
export interface StreamOptions {
  /** Stops reading: the iterator throws the signal's reason (a `ReadableStream` is cancelled at once). */
  signal?: AbortSignal | undefined;
}

function isReadableStream(source: ChunkSource): source is ReadableStream<Uint8Array> {
  return typeof (source as Partial<ReadableStream<Uint8Array>>).getReader === 'function';
}

/**
 * Reads the chunks of a source one by one. Works on browsers whose `ReadableStream` is not async
 * iterable; leaving the loop early cancels the stream, as `for await` over a stream does.
 * @throws the signal's reason when it aborts, and whatever the source throws.
 */
export async function* readChunks(source: ChunkSource, options: StreamOptions = {}): AsyncGenerator<Uint8Array | string> {
  const { signal } = options;
  signal?.throwIfAborted();
  if (!isReadableStream(source)) {
    for await (const chunk of source) {
      signal?.throwIfAborted();
      yield chunk;
    }
    return;
  }
  const reader = source.getReader();
  // Cancelling the reader ends a pending read() at once instead of waiting for the next chunk.
  const onAbort = (): void => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
