import { isUnknownFrame, parseFrame, type FrameOfType } from '@ccr-kit/protocol-types';
import { MessageAssembler } from '../assembler/assembler';
import type { WsAssistantMessage } from '../compat/types';
import { AsyncQueue } from '../internal/async-queue';
import type { SessionCallbacks, SessionMessage } from './types';

/**
 * The application side of a session: parses each delivered frame once, feeds the assembler,
 * calls the callbacks (an exception in one is reported, never propagated) and feeds every
 * `messages()` iterator.
 */
export class AppChannel {
  readonly assembler: MessageAssembler;
  readonly #callbacks: SessionCallbacks;
  readonly #reportError: (error: Error) => void;
  readonly #iterators = new Set<AsyncQueue<SessionMessage>>();

  constructor(callbacks: SessionCallbacks, reportError: (error: Error) => void) {
    this.#callbacks = callbacks;
    this.#reportError = reportError;
    // Frames reach the app exactly once already (Delivery), so the assembler skips its own uuid check.
    this.assembler = new MessageAssembler({ dedupe: false });
  }

  /** Hands one conversation frame (not a control frame) to the application. */
  deliver(raw: Record<string, unknown>): void {
    const frame = parseFrame(raw);
    const callbacks = this.#callbacks;
    if (callbacks.onFrame) this.#guard(() => callbacks.onFrame?.(frame));
    const type = (raw as { type?: unknown }).type;
    if (isUnknownFrame(frame)) {
      if (callbacks.onUnknownFrame) this.#guard(() => callbacks.onUnknownFrame?.(frame));
    } else if (type === 'assistant' && callbacks.onAssistantMessage) {
      // The schema keeps tool_use `input` as unknown; the Messages API always sends an object there.
      this.#guard(() => callbacks.onAssistantMessage?.(frame as WsAssistantMessage));
    } else if (type === 'result' && callbacks.onResult) {
      this.#guard(() => callbacks.onResult?.(frame as FrameOfType<'result'>));
    }
    if (type === 'assistant' || type === 'stream_event' || type === 'result') {
      const message = this.assembler.push(raw);
      if (message && callbacks.onMessageUpdate) this.#guard(() => callbacks.onMessageUpdate?.(message));
    }
    for (const queue of this.#iterators) queue.push(frame);
  }

  /** A new iterator over every message delivered from now on. */
  iterate(signal: AbortSignal | undefined): AsyncIterableIterator<SessionMessage> {
    const queue: AsyncQueue<SessionMessage> = new AsyncQueue(() => this.#iterators.delete(queue));
    if (signal?.aborted) {
      queue.fail(signal.reason);
      return queue;
    }
    signal?.addEventListener(
      'abort',
      () => {
        this.#iterators.delete(queue);
        queue.fail(signal.reason);
      },
      { once: true },
    );
    this.#iterators.add(queue);
    return queue;
  }

  /** Ends every iterator (the session was closed by the application). */
  end(): void {
    for (const queue of this.#iterators) queue.end();
    this.#iterators.clear();
  }

  #guard(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.#reportError(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
