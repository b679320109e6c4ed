import { NdjsonDecoder, type Clock, type TimerHandle } from '@ccr-kit/protocol-types';
import type { FaultRegistry } from '../faults';
import type { Hub, Outbound as OutboundItem, Subscriber } from '../hub';
import type { WsConnection } from '../internal/ws';
import type { Journal } from '../journal';
import { checkClientFrame } from '../store/client-frame';
import type { LoggedEvent } from '../store/event-log';
import type { Session } from '../store/session';
import { Outbound } from './outbound';

/** The v1 keep-alive period: the service and clients each send `keep_alive` every 50 s. */
export const WS_KEEP_ALIVE_MS = 50_000;

const KEEP_ALIVE_LINE = '{"type":"keep_alive"}\n';
/** Client frame types that are not echoed back over v1 sockets (they are answers and requests, not transcript). */
const NOT_ECHOED = new Set(['control_request', 'control_response', 'control_cancel_request', 'keep_alive']);

/** What a v1 subscriber needs from the server. */
export interface WsSubscriberOptions {
  readonly id: string;
  readonly session: Session;
  readonly connection: WsConnection;
  readonly remote: string;
  readonly connectedAt: string;
  readonly replay: boolean;
  readonly clock: Clock;
  readonly hub: Hub;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
  readonly maxLineBytes: number;
  /** When set, the first frame must be an `auth` frame this accepts, or the socket closes with 4001. */
  readonly awaitAuthFrame?: ((frame: unknown) => boolean) | undefined;
}

function errorLine(message: string, path?: string): string {
  return `${JSON.stringify({ type: 'error', error: { type: 'invalid_request_error', message, ...(path === undefined ? {} : { path }) } })}\n`;
}

/**
 * One v1 WebSocket subscriber (`/v1/sessions/ws/{id}/subscribe`): sends the session's frames as
 * NDJSON (replaying the log first with `replay=true`), keeps the socket alive every 50 s on the
 * server clock, and passes the frames the client writes (initialize, user, control answers) to the
 * session exactly like POSTed events.
 */
export class WsSubscriber implements Subscriber {
  readonly transport = 'ws' as const;
  readonly id: string;
  readonly sessionId: string;
  readonly remote: string;
  readonly connectedAt: string;
  readonly #o: WsSubscriberOptions;
  readonly #out: Outbound;
  readonly #decoder: NdjsonDecoder;
  #keepAlive: TimerHandle | undefined;
  #inbound: Promise<void> = Promise.resolve();
  #authPending: boolean;
  #closed = false;

  constructor(options: WsSubscriberOptions) {
    this.#o = options;
    this.id = options.id;
    this.sessionId = options.session.id;
    this.remote = options.remote;
    this.connectedAt = options.connectedAt;
    this.#authPending = options.awaitAuthFrame !== undefined;
    this.#decoder = new NdjsonDecoder({ maxLineBytes: options.maxLineBytes });
    const conn = options.connection;
    this.#out = new Outbound(
      {
        messageBoundaries: true,
        write: (text) => conn.send(text),
        close: (code, reason) => conn.close(code, reason),
        drop: () => conn.terminate(),
      },
      {
        clock: options.clock,
        faults: () => options.faults.resolve(this.sessionId),
        onFault: (message) => options.journal.write('fault', `ws ${this.id}: ${message}`, this.sessionId),
      },
    );
  }

  /** Frames sent so far (keep-alives not counted). */
  get framesSent(): number {
    return this.#out.framesSent;
  }

  /** Wires the socket: replays when asked, joins the hub, starts keep-alives. */
  start(): void {
    const conn = this.#o.connection;
    conn.onMessage((text, isBinary) => this.#onMessage(text, isBinary));
    conn.onClose((code, reason) => this.#onClose(code, reason));
    conn.onError((error) => this.#o.journal.write('error', `ws ${this.id}: ${error.message}`, this.sessionId));
    if (this.#o.replay) {
      for (const event of this.#o.session.log.all()) if (this.#wants(event)) this.#out.send(event.line);
    }
    this.#o.hub.add(this);
    this.#o.journal.write('connection', `ws ${this.id} subscribed${this.#o.replay ? ' with replay' : ''} from ${this.remote}`, this.sessionId);
    this.#scheduleKeepAlive();
  }

  #wants(event: LoggedEvent): boolean {
    if (event.source !== 'client') return true;
    return !NOT_ECHOED.has(event.type) && event.origin !== this.id;
  }

  deliver(item: OutboundItem): void {
    if (this.#authPending) return;
    if (item.kind === 'durable') {
      if (this.#wants(item.event)) this.#out.send(item.event.line);
    } else if (item.kind === 'ephemeral') {
      this.#out.send(item.line);
    }
  }

  close(code = 1000, reason = 'closing'): void {
    this.#o.connection.close(code, reason);
    this.#cleanup();
  }

  #scheduleKeepAlive(): void {
    this.#keepAlive = this.#o.clock.setTimeout(() => {
      if (this.#closed) return;
      this.#out.send(KEEP_ALIVE_LINE, false);
      this.#scheduleKeepAlive();
    }, WS_KEEP_ALIVE_MS);
  }

  #onMessage(text: string, isBinary: boolean): void {
    if (this.#closed) return;
    if (isBinary) {
      this.#o.journal.write('error', `ws ${this.id}: binary message refused`, this.sessionId);
      this.#o.connection.close(1003, 'binary messages are not supported; send NDJSON text');
      return;
    }
    for (const item of this.#decoder.push(text)) {
      if (!item.ok) {
        const message = `line ${item.line}: ${item.error.message}`;
        this.#o.journal.write('error', `ws ${this.id}: ${message}`, this.sessionId);
        this.#o.connection.send(errorLine(message));
        this.#o.connection.close(item.error.code === 'LINE_TOO_LONG' ? 1009 : 1007, message);
        this.#cleanup();
        return;
      }
      this.#onFrame(item.value, item.line);
    }
  }

  #onFrame(value: unknown, line: number): void {
    this.#o.journal.write('frame.in', `ws ${this.id} line ${line}`, this.sessionId, value);
    if (this.#authPending) {
      if (this.#o.awaitAuthFrame?.(value) === true) {
        this.#authPending = false;
        return;
      }
      this.#o.connection.close(4001, 'unauthorized: send credentials or an auth frame first');
      this.#cleanup();
      return;
    }
    if (value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'auth') return;
    const checked = checkClientFrame(value, '$');
    if (!checked.ok) {
      this.#o.journal.write('error', `ws ${this.id} line ${line}: ${checked.path}: ${checked.message}`, this.sessionId);
      this.#o.connection.send(errorLine(`line ${line}: ${checked.path}: ${checked.message}`, checked.path));
      return;
    }
    const session = this.#o.session;
    // One frame at a time, so the session sees them in the order the client wrote them.
    this.#inbound = this.#inbound
      .then(() => session.receiveFromClient(checked.frame, this.id))
      .then(
        (outcome) => {
          if (outcome.kind === 'ignored' && session.archived) this.#o.connection.send(errorLine(outcome.reason));
        },
        (error: unknown) => this.#o.journal.write('error', `ws ${this.id}: ${String(error)}`, this.sessionId),
      );
  }

  #onClose(code: number, reason: string): void {
    this.#o.journal.write('connection', `ws ${this.id} closed (${code}${reason ? ` ${reason}` : ''})`, this.sessionId);
    this.#cleanup();
  }

  #cleanup(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#out.stop();
    this.#o.clock.clearTimeout(this.#keepAlive);
    this.#o.hub.remove(this);
  }
}
