import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from '../internal/ws';
import { BodyCollector } from './body';
import type { ProxyContext } from './context';
import { tapeHeaders, upstreamRequestHeaders } from './headers';

const HOP_BY_HOP_RESPONSE = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

function textOf(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function isSendableCode(code: number): boolean {
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
}

/** Ends the other side the way this side ended: same code and reason, or an abrupt cut for 1006. */
function mirrorClose(socket: WebSocket, code: number, reason: Buffer): void {
  if (socket.readyState === WebSocket.CLOSING || socket.readyState === WebSocket.CLOSED) return;
  if (code === 1006) socket.terminate();
  else if (isSendableCode(code)) socket.close(code, reason);
  else socket.close();
}

/**
 * Relays WebSocket upgrades: the upstream connection is opened first (same path, query, headers
 * and subprotocols), the client is accepted only once it is open, then every message is forwarded
 * as soon as it arrives and recorded as a `ws.frame` afterwards. An upstream refusal (401, 404…)
 * is passed back as the same HTTP response and recorded as `http.request` + `http.response`.
 */
export class WsRelay {
  readonly #ctx: ProxyContext;
  readonly #server: WebSocketServer;
  readonly #protocols = new WeakMap<IncomingMessage, string>();
  readonly #sockets = new Set<WebSocket>();

  constructor(ctx: ProxyContext) {
    this.#ctx = ctx;
    this.#server = new WebSocketServer({
      noServer: true,
      perMessageDeflate: false,
      handleProtocols: (_offered, req) => this.#protocols.get(req) ?? false,
    });
  }

  /** Handles one `upgrade` event of the proxy's HTTP server. */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const ctx = this.#ctx;
    const id = ctx.nextId('ws');
    const target = ctx.upstreamUrl(req.url ?? '/', true);
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '');
    const upstream = new WebSocket(target, offered, { headers: upstreamRequestHeaders(req.headers, target, true), perMessageDeflate: false });
    this.#sockets.add(upstream);
    upstream.on('close', () => this.#sockets.delete(upstream));
    socket.on('error', () => upstream.terminate());
    let settled = false;
    upstream.once('unexpected-response', (_request, response) => {
      settled = true;
      this.#sockets.delete(upstream);
      this.#refuse(id, req, socket, target, response);
    });
    upstream.once('open', () => {
      settled = true;
      if (upstream.protocol !== '') this.#protocols.set(req, upstream.protocol);
      if (socket.destroyed) {
        upstream.terminate();
        return;
      }
      this.#server.handleUpgrade(req, socket, head, (client) => {
        ctx.record({ kind: 'ws.open', id, url: target.href, headers: tapeHeaders(req.rawHeaders) });
        this.#wire(id, client, upstream);
      });
    });
    upstream.on('error', (error) => {
      if (settled) {
        ctx.warn(`WebSocket ${id} upstream error: ${error.message}`);
        return;
      }
      settled = true;
      ctx.warn(`Cannot open the WebSocket ${target.href}: ${error.message}`);
      const body = JSON.stringify({ type: 'error', error: { type: 'proxy_error', message: `ccr-record proxy could not open ${target.href}: ${error.message}` } });
      socket.end(`HTTP/1.1 502 Bad Gateway\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
    });
  }

  /** Closes every relayed WebSocket with 1001 (going away); resolves when they are closed or after `graceMs`. */
  async closeAll(graceMs = 1000): Promise<void> {
    const open = [...this.#sockets];
    for (const ws of open) mirrorClose(ws, 1001, Buffer.from('ccr-record proxy shutting down'));
    this.#server.close();
    const closed = open
      .filter((ws) => ws.readyState !== WebSocket.CLOSED)
      .map((ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((r) => {
      timer = setTimeout(r, graceMs);
      timer.unref();
    });
    await Promise.race([Promise.all(closed), grace]);
    clearTimeout(timer);
    for (const ws of open) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
  }

  #wire(id: string, client: WebSocket, upstream: WebSocket): void {
    const ctx = this.#ctx;
    this.#sockets.add(client);
    const frame = (dir: 'to-server' | 'to-client', data: RawData, isBinary: boolean): void => {
      const bytes = textOf(data);
      if (isBinary) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        } catch {
          ctx.warn(`WebSocket ${id}: a ${bytes.length}-byte binary message (${dir}) was relayed but not recorded (tapes hold text frames).`);
          return;
        }
      }
      ctx.record({ kind: 'ws.frame', id, dir, text: bytes.toString('utf8') });
    };
    client.on('message', (data, isBinary) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data, { binary: isBinary });
      frame('to-server', data, isBinary);
    });
    upstream.on('message', (data, isBinary) => {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
      frame('to-client', data, isBinary);
    });
    client.on('ping', (data) => {
      if (upstream.readyState === WebSocket.OPEN) upstream.ping(data);
    });
    let closed = false;
    const onClose = (from: WebSocket, to: WebSocket) => (code: number, reason: Buffer) => {
      this.#sockets.delete(from);
      if (!closed) {
        closed = true;
        ctx.record({ kind: 'ws.close', id, code, reason: reason.toString('utf8') });
      }
      mirrorClose(to, code, reason);
    };
    client.on('close', onClose(client, upstream));
    upstream.on('close', onClose(upstream, client));
    client.on('error', (error) => ctx.warn(`WebSocket ${id} client error: ${error.message}`));
  }

  #refuse(id: string, req: IncomingMessage, socket: Duplex, target: URL, response: IncomingMessage): void {
    const ctx = this.#ctx;
    ctx.record({ kind: 'http.request', id, method: req.method ?? 'GET', url: target.href, headers: tapeHeaders(req.rawHeaders) });
    let head = `HTTP/1.1 ${response.statusCode ?? 502} ${response.statusMessage ?? ''}\r\n`;
    for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
      const name = response.rawHeaders[i] as string;
      if (!HOP_BY_HOP_RESPONSE.has(name.toLowerCase())) head += `${name}: ${response.rawHeaders[i + 1] as string}\r\n`;
    }
    socket.write(`${head}connection: close\r\n\r\n`);
    const body = new BodyCollector(ctx.maxBodyBytes);
    response.on('data', (chunk: Buffer) => {
      socket.write(chunk);
      body.push(chunk);
    });
    response.on('end', () => {
      socket.end();
      const headers = tapeHeaders(response.rawHeaders);
      ctx.record({ kind: 'http.response', id, status: response.statusCode ?? 502, headers, ...body.fields(response.headers['content-encoding']) });
    });
    response.on('error', () => socket.destroy());
  }
}
