import { DEFAULT_MAX_JSON_DEPTH, NdjsonDecoder, findTooDeep, type Clock, type TimerHandle } from '@ccr-kit/protocol-types';
import { isAuthFrame, redactedAuthFrame, type AuthFrameResult } from '../auth';
import type { FaultRegistry } from '../faults';
import type { Hub, Outbound as OutboundItem, Subscriber } from '../hub';
import type { WsConnection } from '../internal/ws';
import { journalData, type Journal } from '../journal';
import { checkClientFrame } from '../store/client-frame';
import type { LoggedEvent } from '../store/event-log';
import type { Session } from '../store/session';
import { Outbound } from './outbound';

/** The v1 keep-alive period: the service and clients each send `keep_alive` every 50 s. */
export const WS_KEEP_ALIVE_MS = 50_000;

/** How long a socket that connected without credentials may take to send its `auth` frame (strict auth). */
export const WS_AUTH_FRAME_TIMEOUT_MS = 10_000;

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
  /** Most bytes waiting for this subscriber before it is disconnected. @default DEFAULT_MAX_BUFFERED_BYTES */
  readonly maxBufferedBytes?: number | undefined;
  readonly clock: Clock;
  readonly hub: Hub;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
  readonly maxLineBytes: number;
  /**
   * When set, the first frame must be an `auth` frame this accepts (within
   * {@link WS_AUTH_FRAME_TIMEOUT_MS}), or the socket closes with 4001; nothing is sent before it.
   */
  readonly awaitAuthFrame?: ((frame: unknown) => AuthFrameResult) | undefined;
}

/** The `request_id` of a `control_request` frame, if it has a string one. */
function controlRequestId(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const frame = value as { type?: unknown; request_id?: unknown };
  return frame.type === 'control_request' && typeof frame.request_id === 'string' ? frame.request_id : undefined;
}

/** The CLI's answer to a control request it refuses: `subtype: 'error'` with an `error_code`. */
function controlErrorFor(requestId: string, value: unknown, path: string, message: string): Record<string, unknown> {
  const subtype = (value as { request?: { subtype?: unknown } }).request?.subtype;
  const code =
    subtype === 'set_permission_mode' && path.startsWith('$.request.mode')
      ? 'invalid_mode'
      : path === '$.type' || subtype === 'hook_callback' || subtype === 'can_use_tool'
        ? 'unsupported_request'
        : 'invalid_request';
  return { type: 'control_response', response: { subtype: 'error', request_id: requestId, error: `${path}: ${message}`, error_code: code } };
}

function errorLine(message: string, path?: string, type = 'invalid_request_error'): string {
  return `${JSON.stringify({ type: 'error', error: { type, message, ...(path === undefined ? {} : { path }) } })}\n`;
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
  #authDeadline: TimerHandle | undefined;
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
        buffered: () => conn.bufferedAmount,
        abort: () => conn.destroy(),
      },
      {
        clock: options.clock,
        faults: () => options.faults.resolve(this.sessionId),
        onFault: (message) => options.journal.write('fault', `ws ${this.id}: ${message}`, this.sessionId),
        maxBufferedBytes: options.maxBufferedBytes,
        onSlowConsumer: (message) => options.journal.write('connection', `ws ${this.id}: ${message}`, this.sessionId),
      },
    );
  }

  /** Frames sent so far (keep-alives not counted). */
  get framesSent(): number {
    return this.#out.framesSent;
  }

  /** Wires the socket and joins the hub; replays when asked and starts keep-alives once authenticated. */
  start(): void {
    const conn = this.#o.connection;
    conn.onMessage((text, isBinary) => this.#onMessage(text, isBinary));
    conn.onClose((code, reason) => this.#onClose(code, reason));
    conn.onError((error) => this.#o.journal.write('error', `ws ${this.id}: ${error.message}`, this.sessionId));
    this.#o.hub.add(this);
    this.#o.journal.write('connection', `ws ${this.id} subscribed${this.#o.replay ? ' with replay' : ''} from ${this.remote}`, this.sessionId);
    if (!this.#authPending) {
      this.#open();
      return;
    }
    this.#authDeadline = this.#o.clock.setTimeout(
      () => this.#refuse(`unauthorized: no auth frame within ${WS_AUTH_FRAME_TIMEOUT_MS / 1000} s`),
      WS_AUTH_FRAME_TIMEOUT_MS,
    );
  }

  /** Starts the flow of frames: the replay first (with `replay=true`), then live frames and keep-alives. */
  #open(): void {
    if (this.#o.replay) {
      for (const event of this.#o.session.log.all()) if (this.#wants(event)) this.#out.send(event.line);
    }
    this.#scheduleKeepAlive();
  }

  #refuse(reason: string): void {
    this.#o.journal.write('error', `ws ${this.id}: ${reason}`, this.sessionId);
    this.#o.connection.send(errorLine(reason, undefined, 'authentication_error'));
    this.#o.connection.close(4001, reason);
    this.#cleanup();
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
    const deep = findTooDeep(value);
    if (deep !== undefined) {
      const message = `line ${line}: ${deep}: nested deeper than ${DEFAULT_MAX_JSON_DEPTH} levels; the frame was dropped`;
      this.#o.journal.write('error', `ws ${this.id} ${message}`, this.sessionId);
      this.#o.connection.send(errorLine(message, deep));
      return;
    }
    const auth = isAuthFrame(value);
    // An auth frame's token never reaches the journal, the event log or the agent.
    this.#o.journal.write('frame.in', `ws ${this.id} line ${line}${auth ? ' (auth)' : ''}`, this.sessionId, auth ? redactedAuthFrame(value) : journalData(value));
    if (this.#authPending) {
      const result = this.#o.awaitAuthFrame?.(value) ?? { ok: true };
      if (!result.ok) {
        this.#refuse(result.reason);
        return;
      }
      this.#authPending = false;
      this.#o.clock.clearTimeout(this.#authDeadline);
      this.#o.journal.write('connection', `ws ${this.id} authenticated with an auth frame`, this.sessionId);
      this.#open();
      return;
    }
    if (auth) return;
    const checked = checkClientFrame(value, '$');
    if (!checked.ok) {
      this.#o.journal.write('error', `ws ${this.id} line ${line}: ${checked.path}: ${checked.message}`, this.sessionId);
      const requestId = controlRequestId(value);
      // A control request always gets its control_response (as the CLI answers): a client waits on the id.
      if (requestId !== undefined) this.#o.connection.send(`${JSON.stringify(controlErrorFor(requestId, value, checked.path, checked.message))}\n`);
      else this.#o.connection.send(errorLine(`line ${line}: ${checked.path}: ${checked.message}`, checked.path));
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
    this.#o.clock.clearTimeout(this.#authDeadline);
    this.#o.hub.remove(this);
  }
}
