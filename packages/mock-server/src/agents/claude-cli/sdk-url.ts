import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { NdjsonDecoder } from '@ccr-kit/protocol-types';
import { WsUpgrader, type WsConnection } from '../../internal/ws';
import type { CliTrafficChannel } from './traffic';

/** Where the frames and notes of an {@link SdkUrlLink} go. */
export interface SdkUrlLinkHandlers {
  /** A frame the CLI sent, re-sent duplicates already removed. */
  onFrame(frame: Record<string, unknown>): void;
  /** A line for the session journal. */
  journal(message: string): void;
  /** Raw traffic, for tapes. */
  tap?: ((channel: CliTrafficChannel, text: string, connection: number) => void) | undefined;
}

/** Largest message accepted from the CLI. */
const MAX_PAYLOAD = 64 * 1024 * 1024;

/**
 * The service side of the CLI's `--sdk-url` WebSocket: a loopback server the CLI connects to (and
 * reconnects to after a drop). Frames for the CLI wait while it is disconnected; the frames it
 * re-sends after a reconnect are dropped by `uuid`.
 */
export class SdkUrlLink {
  /** The URL to pass as `--sdk-url`. */
  readonly url: string;
  readonly #server: Server;
  readonly #upgrader = new WsUpgrader({ maxPayload: MAX_PAYLOAD });
  readonly #handlers: SdkUrlLinkHandlers;
  readonly #path: string;
  readonly #seen = new Set<string>();
  readonly #outbox: string[] = [];
  #socket: WsConnection | undefined;
  #connections = 0;
  #duplicates = 0;
  #closed = false;

  private constructor(server: Server, url: string, path: string, handlers: SdkUrlLinkHandlers) {
    this.#server = server;
    this.url = url;
    this.#path = path;
    this.#handlers = handlers;
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.#upgrade(request, socket, head));
  }

  /** Opens the loopback server for one session. */
  static async listen(sessionId: string, handlers: SdkUrlLinkHandlers): Promise<SdkUrlLink> {
    const server = createServer((_request, response) => {
      response.writeHead(426, { 'content-type': 'text/plain' });
      response.end('This endpoint only accepts the Claude Code CLI WebSocket (--sdk-url).\n');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const path = `/v2/session_ingress/ws/${encodeURIComponent(sessionId)}`;
    return new SdkUrlLink(server, `ws://127.0.0.1:${port}${path}`, path, handlers);
  }

  /** How many times the CLI has connected. */
  get connections(): number {
    return this.#connections;
  }

  /** Frames the CLI re-sent after reconnects and that were dropped. */
  get duplicatesDropped(): number {
    return this.#duplicates;
  }

  /** Whether the CLI is connected right now. */
  get connected(): boolean {
    return this.#socket !== undefined;
  }

  /** Sends a frame to the CLI, or keeps it until the CLI (re)connects. */
  send(frame: Record<string, unknown>): void {
    const text = `${JSON.stringify(frame)}\n`;
    if (this.#socket === undefined) this.#outbox.push(text);
    else this.#write(this.#socket, text);
  }

  /** Forgets the frames waiting for a connection (their CLI died); returns how many there were. */
  discardPending(): number {
    return this.#outbox.splice(0).length;
  }

  /** Closes the CLI's socket with `code` (1000 makes it reconnect; 4001 makes it exit); false when none is open. */
  dropConnection(code = 1000, reason = 'dropped by the mock server'): boolean {
    const socket = this.#socket;
    if (socket === undefined) return false;
    this.#socket = undefined;
    socket.close(code, reason);
    return true;
  }

  /** Stops accepting connections and closes the current one. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket = undefined;
    await this.#upgrader.close();
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve());
      this.#server.closeAllConnections();
    });
  }

  #write(socket: WsConnection, text: string): void {
    this.#handlers.tap?.('ws-to-cli', text.slice(0, -1), this.#connections);
    socket.send(text);
  }

  #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => undefined);
    const path = (request.url ?? '/').split('?')[0];
    if (this.#closed || path !== this.#path) {
      socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
      return;
    }
    const lastRequestId = request.headers['x-last-request-id'];
    this.#upgrader.upgrade(request, socket, head, (connection) => this.#attach(connection, typeof lastRequestId === 'string' ? lastRequestId : undefined));
  }

  #attach(connection: WsConnection, lastRequestId: string | undefined): void {
    const number = ++this.#connections;
    this.#socket?.terminate();
    this.#socket = connection;
    const resumed = lastRequestId === undefined ? '' : ` (reconnect; x-last-request-id ${lastRequestId})`;
    this.#handlers.journal(`the CLI connected over --sdk-url, connection ${number}${resumed}`);
    this.#handlers.tap?.('ws-open', this.#path, number);
    const decoder = new NdjsonDecoder();
    let dropped = 0;
    connection.onMessage((text) => {
      this.#handlers.tap?.('ws-from-cli', text.replace(/\n$/, ''), number);
      for (const item of decoder.push(text.endsWith('\n') ? text : `${text}\n`)) {
        if (!item.ok) {
          this.#handlers.journal(`the CLI sent a WebSocket line that is not JSON (${item.error.message}); ignored`);
          continue;
        }
        if (!this.#receive(item.value)) dropped++;
      }
    });
    connection.onClose((code) => {
      this.#handlers.tap?.('ws-close', String(code), number);
      if (this.#socket === connection) this.#socket = undefined;
      this.#handlers.journal(`the CLI's --sdk-url connection ${number} closed (code ${code})${dropped > 0 ? `; ${dropped} re-sent frame(s) were dropped` : ''}`);
    });
    connection.onError((error) => this.#handlers.journal(`--sdk-url connection ${number} failed: ${error.message}`));
    for (const text of this.#outbox.splice(0)) this.#write(connection, text);
  }

  /** Hands a frame on; returns false when it is a re-sent duplicate. */
  #receive(value: unknown): boolean {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.#handlers.journal(`the CLI sent a WebSocket line that is not a JSON object; ignored`);
      return true;
    }
    const frame = value as Record<string, unknown>;
    if (typeof frame.uuid === 'string') {
      if (this.#seen.has(frame.uuid)) {
        this.#duplicates++;
        return false;
      }
      this.#seen.add(frame.uuid);
    }
    this.#handlers.onFrame(frame);
    return true;
  }
}
