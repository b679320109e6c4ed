import { encodeNdjson } from '@ccr-kit/protocol-types';
import type { TapeRecorder } from './tape/recorder';

/** What a transport delivers to `onmessage` (the shape of `@ccr-kit/client`'s `TransportMessage`, kept structural). */
export interface RecordableTransportMessage {
  readonly kind: string;
  readonly frame?: unknown;
  readonly sequenceNum?: number | undefined;
  readonly eventId?: string | undefined;
  readonly source?: string | undefined;
  readonly data?: unknown;
  readonly update?: unknown;
}

/** Why a transport closed (structural). */
export interface RecordableTransportCloseInfo {
  readonly code?: number | undefined;
  readonly reason?: string | undefined;
}

/** Anything with the Transport shape: `start`, `send`, `close` and the three callbacks. */
export interface RecordableTransport {
  start(): Promise<void>;
  send(frame: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
  // Method syntax keeps parameters bivariant, so transports with narrower message types fit.
  onmessage?: { bivarianceHack(message: RecordableTransportMessage): void }['bivarianceHack'] | undefined;
  onclose?: { bivarianceHack(info: RecordableTransportCloseInfo): void }['bivarianceHack'] | undefined;
  onerror?: ((error: Error) => void) | undefined;
}

/** Options of {@link recordTransport}. */
export interface RecordTransportOptions {
  /** The tape connection id. @default `transport-N` */
  id?: string | undefined;
  /** The URL recorded on open. @default `transport:<id>` */
  url?: string | undefined;
  /**
   * How the traffic is written: `ws` records `ws.open`, `ws.frame` both ways and `ws.close`; `sse`
   * records the stream as `http.request` + `sse.event`s (`client_event`, `ephemeral_event`,
   * `delivery_update`, `catch_up_truncated`) and each send as a POST of `{events: [{payload}]}`.
   * @default 'ws'
   */
  as?: 'ws' | 'sse' | undefined;
  /** `sse` only: the URL recorded for sends. @default the `url` without a trailing `/stream` */
  sendUrl?: string | undefined;
}

let counter = 0;

function sseEventFor(message: RecordableTransportMessage): { event: string; data: string; lastEventId?: string } {
  if (message.kind === 'frame') {
    const durable = message.sequenceNum !== undefined;
    const envelope = {
      ...(message.eventId !== undefined ? { event_id: message.eventId } : {}),
      ...(durable ? { sequence_num: message.sequenceNum } : {}),
      ...(message.source !== undefined ? { source: message.source } : {}),
      payload: message.frame,
    };
    const base = { event: durable ? 'client_event' : 'ephemeral_event', data: JSON.stringify(envelope) };
    return durable ? { ...base, lastEventId: String(message.sequenceNum) } : base;
  }
  const body = message.kind === 'delivery_update' ? message.update : message.data;
  return { event: message.kind, data: JSON.stringify(body ?? {}) };
}

/**
 * Records everything a transport sends and receives into a tape, in place: `send` and the
 * callbacks the caller sets are wrapped, and the same object is returned, so a transport factory
 * can be written `(ctx) => recordTransport(createTransport(ctx), recorder)`.
 */
export function recordTransport<T extends RecordableTransport>(transport: T, recorder: TapeRecorder, options: RecordTransportOptions = {}): T {
  const id = options.id ?? `transport-${++counter}`;
  const url = options.url ?? `transport:${id}`;
  const as = options.as ?? 'ws';
  const sendUrl = options.sendUrl ?? url.replace(/\/stream\/?$/, '');
  let sends = 0;
  const start = transport.start.bind(transport);
  const send = transport.send.bind(transport);
  transport.start = async () => {
    await start();
    if (as === 'ws') recorder.record({ kind: 'ws.open', id, url });
    else recorder.record({ kind: 'http.request', id, method: 'GET', url, headers: { accept: 'text/event-stream' } });
  };
  transport.send = async (frame) => {
    await send(frame);
    if (as === 'ws') recorder.record({ kind: 'ws.frame', id, dir: 'to-server', text: encodeNdjson(frame) });
    else {
      const body = JSON.stringify({ events: [{ payload: frame }] });
      recorder.record({ kind: 'http.request', id: `${id}-send-${++sends}`, method: 'POST', url: sendUrl, headers: { 'content-type': 'application/json' }, body });
    }
  };
  const handlers = { onmessage: transport.onmessage, onclose: transport.onclose };
  const onmessage = (message: RecordableTransportMessage): void => {
    if (as === 'sse') recorder.record({ kind: 'sse.event', id, ...sseEventFor(message) });
    else if (message.kind === 'frame') recorder.record({ kind: 'ws.frame', id, dir: 'to-client', text: encodeNdjson(message.frame) });
    handlers.onmessage?.(message);
  };
  const onclose = (info: RecordableTransportCloseInfo): void => {
    if (as === 'ws') recorder.record({ kind: 'ws.close', id, code: info.code ?? 1005, reason: info.reason ?? '' });
    handlers.onclose?.(info);
  };
  // The transport calls `this.onmessage(...)`: reading the property yields the recording wrapper,
  // setting it stores the caller's handler behind it.
  Object.defineProperty(transport, 'onmessage', {
    configurable: true,
    enumerable: true,
    get: () => onmessage,
    set: (handler: RecordableTransport['onmessage']) => {
      handlers.onmessage = handler;
    },
  });
  Object.defineProperty(transport, 'onclose', {
    configurable: true,
    enumerable: true,
    get: () => onclose,
    set: (handler: RecordableTransport['onclose']) => {
      handlers.onclose = handler;
    },
  });
  return transport;
}
