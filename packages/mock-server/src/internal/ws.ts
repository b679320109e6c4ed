import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';

/** A server-side WebSocket as the rest of the package sees it (the only place that knows `ws`). */
export interface WsConnection {
  /** Sends one text message. */
  send(text: string): void;
  /** Closes with a close frame. */
  close(code: number, reason: string): void;
  /** Destroys the socket without a close frame (the client sees 1006), after the sends already handed over are written. */
  terminate(): void;
  /** Destroys the socket now, discarding what waits to be written (a peer that stopped reading). */
  destroy(): void;
  /** Bytes queued in the socket but not yet written. */
  readonly bufferedAmount: number;
  onMessage(listener: (text: string, isBinary: boolean) => void): void;
  onClose(listener: (code: number, reason: string) => void): void;
  /** Errors such as an oversized message (the socket then closes with 1009). */
  onError(listener: (error: Error & { code?: string }) => void): void;
}

/** Settings of {@link WsUpgrader}. */
export interface WsUpgraderOptions {
  /** Largest message accepted from a client; bigger ones close the socket with 1009. */
  readonly maxPayload: number;
}

function wrap(socket: WebSocket): WsConnection {
  const textOf = (data: RawData): string =>
    Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
  // Sends not yet handed to the OS; an abrupt cut waits for them so the frames before it arrive.
  let inFlight = 0;
  let cutWhenWritten = false;
  const written = (): void => {
    inFlight--;
    if (inFlight === 0 && cutWhenWritten) socket.terminate();
  };
  return {
    send: (text) => {
      if (socket.readyState !== socket.OPEN) return;
      inFlight++;
      socket.send(text, written);
    },
    close: (code, reason) => {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason.slice(0, 120));
    },
    terminate: () => {
      if (inFlight === 0) socket.terminate();
      else cutWhenWritten = true;
    },
    destroy: () => socket.terminate(),
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    onMessage: (listener) => socket.on('message', (data, isBinary) => listener(textOf(data), isBinary)),
    onClose: (listener) => socket.on('close', (code, reason) => listener(code, reason.toString('utf8'))),
    onError: (listener) => socket.on('error', listener),
  };
}

/** Completes WebSocket upgrades on a `node:http` server (no compression, no subprotocol). */
export class WsUpgrader {
  readonly #wss: WebSocketServer;

  constructor(options: WsUpgraderOptions) {
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload, perMessageDeflate: false, clientTracking: true });
  }

  /** Finishes the handshake of an upgrade request and hands over the connection. */
  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, onConnection: (connection: WsConnection) => void): void {
    this.#wss.handleUpgrade(request, socket, head, (ws) => onConnection(wrap(ws)));
  }

  /** Terminates every open socket and closes the upgrader. */
  close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    return new Promise((resolve) => this.#wss.close(() => resolve()));
  }
}
