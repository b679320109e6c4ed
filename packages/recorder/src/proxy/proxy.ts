import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Clock } from '@ccr-kit/protocol-types';
import { RecorderError, type RedactionLeakError } from '../errors';
import type { RedactionOptions } from '../redact/redactor';
import { TapeRecorder, type TapeEventInput, type TapeSummary } from '../tape/recorder';
import { createTapeFile } from '../tape/sink';
import { DEFAULT_MAX_BODY_BYTES } from './body';
import type { ProxyContext } from './context';
import { relayHttp } from './http-relay';
import { WsRelay } from './ws-relay';

/** Options of {@link createRecordingProxy}. */
export interface RecordingProxyOptions {
  /** The service to forward to, e.g. `https://api.anthropic.com` or a mock server's URL (a path prefix is kept). */
  target: string;
  /** @default '127.0.0.1' */
  host?: string | undefined;
  /** @default 0 (any free port) */
  port?: number | undefined;
  /** A recorder to write to; otherwise one is created writing a new tape file in `out`. */
  recorder?: TapeRecorder | undefined;
  /** Directory for the tape when no `recorder` is given. */
  out?: string | undefined;
  /** Redaction for the recorder created from `out`. */
  redaction?: RedactionOptions | undefined;
  /** Clock for the recorder created from `out`. */
  clock?: Clock | undefined;
  /** Largest body copy kept in the tape (relaying is never limited). @default 8 MiB */
  maxBodyBytes?: number | undefined;
  /** Called when a leak stops the recording (the proxy keeps relaying; close it to stop). */
  onStop?: ((error: RedactionLeakError) => void) | undefined;
  /** Called for problems that do not stop the proxy (an unreachable upstream, a binary frame). */
  onWarning?: ((message: string) => void) | undefined;
}

/** A running recording proxy. */
export interface RecordingProxy {
  /** Base URL for HTTP clients, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The same address with the `ws:` scheme. */
  readonly wsUrl: string;
  readonly port: number;
  readonly recorder: TapeRecorder;
  /** Stops listening, closes relayed connections and finishes the tape. */
  close(): Promise<TapeSummary>;
}

function parseTarget(target: string): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch (cause) {
    throw new RecorderError('USAGE', `The proxy target ${JSON.stringify(target)} is not a URL; give one like http://127.0.0.1:8080.`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new RecorderError('USAGE', `The proxy target must be an http: or https: URL, got ${url.protocol} (${target}).`);
  }
  return url;
}

/**
 * Starts a reverse proxy that forwards REST, WebSocket upgrades and SSE streams to `target` and
 * records both directions into one tape, appending each event as the traffic flows. Point a
 * client's base URL at `url`.
 * @throws {RecorderError} `USAGE` for a bad target or when neither `recorder` nor `out` is given.
 */
export async function createRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const base = parseTarget(options.target);
  const warn = options.onWarning ?? (() => undefined);
  let recorder = options.recorder;
  if (recorder === undefined) {
    if (options.out === undefined) throw new RecorderError('USAGE', 'createRecordingProxy needs `recorder` or `out` (a directory for the tape).');
    recorder = new TapeRecorder({
      capture: 'proxy',
      sink: createTapeFile(options.out, 'proxy'),
      redaction: options.redaction,
      clock: options.clock,
      meta: { target: base.href },
      onStop: options.onStop,
    });
  }
  const tape = recorder;
  const counters = { req: 0, ws: 0 };
  const prefix = base.pathname.replace(/\/+$/, '');
  const ctx: ProxyContext = {
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    nextId: (kind) => `${kind}-${++counters[kind]}`,
    upstreamUrl: (path, webSocket) => {
      const url = new URL(prefix + path, base);
      if (webSocket) url.protocol = base.protocol === 'https:' ? 'wss:' : 'ws:';
      return url;
    },
    record: (event: TapeEventInput) => {
      try {
        tape.record(event);
      } catch (error) {
        warn(`Could not record a ${event.kind} event: ${(error as Error).message}`);
      }
    },
    warn,
  };
  const sockets = new Set<Socket>();
  const ws = new WsRelay(ctx);
  const server: Server = createServer({ noDelay: true }, (req, res) => relayHttp(req, res, ctx));
  server.on('upgrade', (req, socket, head) => ws.handle(req, socket, head));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new RecorderError('USAGE', `The proxy cannot listen on ${options.host ?? '127.0.0.1'}:${options.port ?? 0}: ${cause.message}`, { cause })),
    );
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  let closing: Promise<TapeSummary> | undefined;
  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}`,
    port,
    recorder: tape,
    close: () =>
      (closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        await ws.closeAll();
        server.closeIdleConnections();
        for (const socket of sockets) socket.destroy();
        await stopped;
        return tape.finish();
      })()),
  };
}
