import { RecorderError } from '../errors';
import { WebSocket } from '../internal/ws';

/** A DevTools Protocol event. */
export interface CdpEvent {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

interface Pending {
  readonly method: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A Chrome DevTools Protocol connection to one target (a page's `webSocketDebuggerUrl`). */
export class CdpConnection {
  readonly #socket: WebSocket;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Set<(event: CdpEvent) => void>();
  #nextId = 1;
  /** Resolves when the connection ends (the tab closed, the browser quit, or `close()`). */
  readonly closed: Promise<void>;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => this.#receive(data.toString()));
    this.closed = new Promise((resolve) => {
      socket.on('close', () => {
        for (const p of this.#pending.values()) p.reject(new RecorderError('CDP', `${p.method} got no answer: the DevTools connection closed.`));
        this.#pending.clear();
        resolve();
      });
    });
  }

  /**
   * Opens a connection to a DevTools WebSocket URL.
   * @throws {RecorderError} `CDP` when it cannot connect.
   */
  static connect(url: string): Promise<CdpConnection> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 512 * 1024 * 1024 });
      socket.once('open', () => resolve(new CdpConnection(socket)));
      socket.once('error', (cause) =>
        reject(new RecorderError('CDP', `Cannot connect to the DevTools target ${url}: ${cause.message}. Is the browser running with --remote-debugging-port?`, { cause })),
      );
    });
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  onEvent(listener: (event: CdpEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Calls a DevTools method.
   * @throws {RecorderError} `CDP` with the browser's error message.
   */
  send<T = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<T> {
    if (this.#socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new RecorderError('CDP', `Cannot call ${method}: the DevTools connection is closed.`));
    }
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { method, resolve: resolve, reject });
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    if (this.#socket.readyState === WebSocket.OPEN || this.#socket.readyState === WebSocket.CONNECTING) this.#socket.close();
    await this.closed;
  }

  #receive(text: string): void {
    let message: { id?: number; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { message?: string } };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id);
      if (pending === undefined) return;
      this.#pending.delete(message.id);
      if (message.error !== undefined) pending.reject(new RecorderError('CDP', `${pending.method} failed: ${message.error.message ?? 'unknown error'}.`));
      else pending.resolve(message.result ?? {});
      return;
    }
    if (message.method !== undefined) {
      const event = { method: message.method, params: message.params ?? {} };
      for (const listener of this.#listeners) listener(event);
    }
  }
}

/** One DevTools target from `/json/list`. */
export interface CdpTarget {
  readonly id: string;
  readonly type: string;
  readonly url: string;
  readonly webSocketDebuggerUrl?: string | undefined;
}

async function devtoolsJson<T>(base: string, path: string, method = 'GET'): Promise<T> {
  const url = `${base.replace(/\/+$/, '')}${path}`;
  let response: Response;
  try {
    response = await fetch(url, { method });
  } catch (cause) {
    throw new RecorderError('CDP', `Cannot reach the DevTools endpoint ${url}: ${(cause as Error).message}. Start the browser with --remote-debugging-port and pass its http://host:port to --cdp.`, { cause });
  }
  if (!response.ok) throw new RecorderError('CDP', `${method} ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** The page targets of a browser's DevTools endpoint (`http://127.0.0.1:9222`). */
export async function listTargets(cdpUrl: string): Promise<CdpTarget[]> {
  return devtoolsJson<CdpTarget[]>(cdpUrl, '/json/list');
}

/** Opens a new tab at `about:blank` and returns its target. */
export async function newTarget(cdpUrl: string): Promise<CdpTarget> {
  return devtoolsJson<CdpTarget>(cdpUrl, '/json/new?about:blank', 'PUT');
}

/** Closes a tab. */
export async function closeTarget(cdpUrl: string, id: string): Promise<void> {
  const url = `${cdpUrl.replace(/\/+$/, '')}/json/close/${encodeURIComponent(id)}`;
  await fetch(url).then((r) => r.text()).catch(() => undefined);
}
