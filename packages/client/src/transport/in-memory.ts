import { ClientError } from '../errors';
import type { Transport, TransportCloseInfo, TransportMessage } from './types';

/**
 * A transport whose other end lives in the same process: frames are cloned and delivered on a
 * microtask, so tests exercise the real session logic without sockets.
 */
export class InMemoryTransport implements Transport {
  onmessage?: ((message: TransportMessage) => void) | undefined;
  onclose?: ((info: TransportCloseInfo) => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  readonly keepAlive: boolean;

  #peer: InMemoryTransport | undefined;
  #started = false;
  #closed = false;
  #inbox: TransportMessage[] = [];

  constructor(options: { keepAlive?: boolean | undefined } = {}) {
    this.keepAlive = options.keepAlive ?? true;
  }

  /** Two transports wired to each other: what one sends, the other receives. */
  static createLinkedPair(options: { keepAlive?: boolean | undefined } = {}): [InMemoryTransport, InMemoryTransport] {
    const a = new InMemoryTransport(options);
    const b = new InMemoryTransport(options);
    a.#peer = b;
    b.#peer = a;
    return [a, b];
  }

  get closed(): boolean {
    return this.#closed;
  }

  async start(): Promise<void> {
    if (this.#closed) throw new ClientError('CONNECTION_CLOSED', 'InMemoryTransport.start: this transport is closed; create a new pair.');
    this.#started = true;
    const pending = this.#inbox;
    this.#inbox = [];
    for (const message of pending) this.#receive(message);
  }

  async send(frame: Record<string, unknown>): Promise<void> {
    await this.deliver({ kind: 'frame', frame });
  }

  /** Sends any transport message (a frame with a v2 envelope, a stream notice) to the peer. */
  async deliver(message: TransportMessage): Promise<void> {
    if (this.#closed || !this.#peer) {
      throw new ClientError('NOT_CONNECTED', 'InMemoryTransport.send: the transport is closed; wait for the session to reconnect.');
    }
    const peer = this.#peer;
    const copy = structuredClone(message);
    queueMicrotask(() => peer.#receive(copy));
  }

  #receive(message: TransportMessage): void {
    if (this.#closed) return;
    if (!this.#started) {
      this.#inbox.push(message);
      return;
    }
    this.onmessage?.(message);
  }

  async close(info: TransportCloseInfo = {}): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const peer = this.#peer;
    this.#peer = undefined;
    this.onclose?.(info);
    if (peer && !peer.#closed) queueMicrotask(() => void peer.close(info));
  }
}
