import { ClientError } from '../errors';

/** A JSON-RPC 2.0 message as MCP exchanges it. */
export type JsonRpcMessage = Record<string, unknown> & { jsonrpc?: '2.0' | undefined };

/**
 * The transport shape `@modelcontextprotocol/sdk` servers connect to (its `Transport` interface),
 * written structurally so the client has no runtime dependency on the SDK.
 */
export interface McpTransportLike {
  start(): Promise<void>;
  send(message: JsonRpcMessage, options?: unknown): Promise<void>;
  close(): Promise<void>;
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: ((message: JsonRpcMessage, extra?: unknown) => void) | undefined;
  sessionId?: string | undefined;
}

/** An in-process MCP server: an `McpServer` or low-level `Server` of `@modelcontextprotocol/sdk`. */
export interface McpServerLike {
  connect(transport: McpTransportLike): Promise<void>;
}

const NOTIFICATION_ACK: JsonRpcMessage = { jsonrpc: '2.0', result: {}, id: 0 };

function isRequest(message: JsonRpcMessage): boolean {
  return typeof message.method === 'string' && message.id !== undefined && message.id !== null;
}

function isResponse(message: JsonRpcMessage): boolean {
  return message.method === undefined && message.id !== undefined && ('result' in message || 'error' in message);
}

/** Carries one server's JSON-RPC traffic over `mcp_message` control requests. */
class ControlTransport implements McpTransportLike {
  onclose?: (() => void) | undefined;
  onerror?: ((error: Error) => void) | undefined;
  onmessage?: ((message: JsonRpcMessage, extra?: unknown) => void) | undefined;
  readonly #waiting = new Map<string, (message: JsonRpcMessage) => void>();
  readonly #outbound: (message: JsonRpcMessage) => Promise<void>;

  constructor(outbound: (message: JsonRpcMessage) => Promise<void>) {
    this.#outbound = outbound;
  }

  async start(): Promise<void> {}

  async send(message: JsonRpcMessage): Promise<void> {
    if (isResponse(message)) {
      const key = String(message.id);
      const waiter = this.#waiting.get(key);
      if (waiter) {
        this.#waiting.delete(key);
        waiter(message);
        return;
      }
    }
    await this.#outbound(message);
  }

  async close(): Promise<void> {
    this.#waiting.clear();
    this.onclose?.();
  }

  /** Hands a message from the agent to the server; resolves with its reply when it is a request. */
  exchange(message: JsonRpcMessage, signal: AbortSignal): Promise<JsonRpcMessage> {
    if (!this.onmessage) {
      return Promise.reject(new ClientError('NOT_CONNECTED', 'The in-process MCP server is not connected yet; call session.connect() first.'));
    }
    if (!isRequest(message)) {
      this.onmessage(message);
      return Promise.resolve(NOTIFICATION_ACK);
    }
    const key = String(message.id);
    const reply = new Promise<JsonRpcMessage>((resolve, reject) => {
      this.#waiting.set(key, resolve);
      signal.addEventListener('abort', () => {
        this.#waiting.delete(key);
        reject(new ClientError('ABORTED', `MCP request ${key} was cancelled by the agent.`));
      }, { once: true });
    });
    this.onmessage(message);
    return reply;
  }
}

/**
 * Plugs in-process MCP servers into a session: `mcp_message` requests from the agent go to the
 * named server and its replies go back as `mcp_response`; messages the server initiates go to
 * the agent as host→agent `mcp_message` requests.
 */
export class McpBridge {
  readonly #servers: Record<string, McpServerLike>;
  readonly #send: (serverName: string, message: JsonRpcMessage) => Promise<void>;
  readonly #transports = new Map<string, ControlTransport>();
  #started: Promise<void> | undefined;

  constructor(servers: Record<string, McpServerLike>, send: (serverName: string, message: JsonRpcMessage) => Promise<void>) {
    this.#servers = servers;
    this.#send = send;
  }

  /** Names declared as `sdkMcpServers` in `initialize`. */
  get names(): string[] {
    return Object.keys(this.#servers);
  }

  /** Connects every server to its transport once. */
  start(): Promise<void> {
    this.#started ??= (async () => {
      for (const [name, server] of Object.entries(this.#servers)) {
        const transport = new ControlTransport((message) => this.#send(name, message));
        this.#transports.set(name, transport);
        await server.connect(transport);
      }
    })();
    return this.#started;
  }

  /** Answers one `mcp_message` request with `{ mcp_response }`. */
  async handle(request: Record<string, unknown>, signal: AbortSignal): Promise<Record<string, unknown>> {
    const name = request.server_name;
    const message = request.message;
    if (typeof name !== 'string' || message === null || typeof message !== 'object') {
      throw new ClientError('INVALID_FRAME', 'mcp_message needs a string server_name and a JSON-RPC message object.');
    }
    await this.start();
    const transport = this.#transports.get(name);
    if (!transport) {
      throw new ClientError('INVALID_ARGUMENT', `No in-process MCP server named ${JSON.stringify(name)}; registered: ${JSON.stringify(this.names)}.`);
    }
    return { mcp_response: await transport.exchange(message as JsonRpcMessage, signal) };
  }

  /** Closes every server transport. */
  async close(): Promise<void> {
    for (const transport of this.#transports.values()) await transport.close();
    this.#transports.clear();
    this.#started = undefined;
  }
}
