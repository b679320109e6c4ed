import type { DeliveryStatus } from '../hub';

/**
 * Follows client events through the agent for v2 `delivery_update` frames: RECEIVED when the agent
 * gets an event, PROCESSING when it starts working on a user message, PROCESSED when that turn's
 * `result` arrives. Other client frames (answers, control requests) are processed at once.
 */
export class DeliveryTracker {
  readonly #publish: (eventId: string, status: DeliveryStatus) => void;
  readonly #queued: string[] = [];
  #processing: string | undefined;

  constructor(publish: (eventId: string, status: DeliveryStatus) => void) {
    this.#publish = publish;
  }

  /** The agent received an event; `immediate` events are processed on receipt. */
  received(eventId: string, immediate: boolean): void {
    this.#publish(eventId, 'DELIVERY_STATUS_RECEIVED');
    if (immediate) this.#publish(eventId, 'DELIVERY_STATUS_PROCESSED');
    else this.#queued.push(eventId);
  }

  /** The agent sent a frame: the oldest waiting user message is now being processed. */
  agentActive(_frame: Record<string, unknown>): void {
    if (this.#processing !== undefined) return;
    const next = this.#queued.shift();
    if (next === undefined) return;
    this.#processing = next;
    this.#publish(next, 'DELIVERY_STATUS_PROCESSING');
  }

  /** The agent ended a turn (`result`). */
  turnEnded(): void {
    if (this.#processing === undefined) return;
    this.#publish(this.#processing, 'DELIVERY_STATUS_PROCESSED');
    this.#processing = undefined;
  }
}
