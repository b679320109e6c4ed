/** One thing a transport received: a frame (with its v2 envelope when there is one) or a stream notice. */
export type TransportMessage =
  | {
      readonly kind: 'frame';
      /** The decoded JSON value, not yet validated (the session parses it in one place). */
      readonly frame: unknown;
      /** v2 durable events: the dense, increasing `sequence_num` (SSE `id:`). */
      readonly sequenceNum?: number | undefined;
      /** v2 durable events: the service's `event_id`. */
      readonly eventId?: string | undefined;
      /** v2: who wrote the event (`worker`, `client`, …). */
      readonly source?: string | undefined;
    }
  | {
      /** v2: the server could not replay every event after the resume cursor. */
      readonly kind: 'catch_up_truncated';
      readonly data: unknown;
    }
  | {
      /** v2: the worker acknowledged one event this session sent. */
      readonly kind: 'delivery_update';
      readonly update: DeliveryUpdate;
    };

/** A `delivery_update` (PROTOCOL.md#v2-sse): the worker's acknowledgement of one client event. */
export interface DeliveryUpdate {
  readonly event_id: string;
  /** `DELIVERY_STATUS_RECEIVED` | `DELIVERY_STATUS_PROCESSING` | `DELIVERY_STATUS_PROCESSED` (open set). */
  readonly status: string;
  readonly timestamp?: string | undefined;
}

/** Why a transport closed. */
export interface TransportCloseInfo {
  /** WebSocket close code, or the HTTP status that refused a stream. */
  readonly code?: number | undefined;
  readonly reason?: string | undefined;
  readonly error?: Error | undefined;
  /** True when reconnecting cannot help (auth refused, session gone). */
  readonly permanent?: boolean | undefined;
}

/**
 * A bidirectional frame channel to the CCR service, used once: `start` opens it, `close` ends it.
 * The session makes a new one for every (re)connect.
 */
export interface Transport {
  /** Opens the channel; resolves when frames can be sent. @throws when it cannot open. */
  start(): Promise<void>;
  /** Sends one frame towards the agent. @throws {ClientError} `NOT_CONNECTED` when closed. */
  send(frame: Record<string, unknown>): Promise<void>;
  /** Closes the channel; `onclose` fires once. */
  close(): Promise<void>;
  /** Called for every received frame or stream notice. */
  onmessage?: ((message: TransportMessage) => void) | undefined;
  /** Called once when the channel ends, whoever ended it. */
  onclose?: ((info: TransportCloseInfo) => void) | undefined;
  /** Called for problems that do not end the channel (a malformed line, a failed keep-alive). */
  onerror?: ((error: Error) => void) | undefined;
  /** Whether the session should send `keep_alive` frames over it (true for sockets). */
  readonly keepAlive?: boolean | undefined;
}

/** What a session knows when it opens a transport, so the transport can ask for a resume. */
export interface TransportContext {
  /** 0 for the first connect, then 1, 2, … for reconnects. */
  readonly attempt: number;
  /** Whether to ask the server to replay the session history (v1 `replay=true`). */
  readonly replay: boolean;
  /** v2: the highest `sequence_num` delivered so far (sent as `Last-Event-ID`). */
  readonly lastSequenceNum: number | undefined;
  /** v1: the uuid of the last durable event delivered. */
  readonly lastUuid: string | undefined;
}

/** Makes a fresh transport for each connect attempt. */
export type TransportFactory = (context: TransportContext) => Transport;
