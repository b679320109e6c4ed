import type { JsonObject } from '../internal/json';
import type { AgentRequest } from '../replay/answers';
import type { ClientSetup } from '../replay/script';

/** The transports a client can be tested over. */
export type ClientTransport = 'websocket' | 'sse';

/** Where the client under test connects: a mock-server session. */
export interface ClientTarget {
  /** HTTP base URL, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** WebSocket base URL, e.g. `ws://127.0.0.1:41234`. */
  readonly wsUrl: string;
  readonly sessionId: string;
  readonly transport: ClientTransport;
}

/** What the harness wants to hear from the client under test, and how it instructs answers. */
export interface ClientHandlers {
  /** Every frame the client handed to its application (messages, system frames, stream events, …). */
  onFrame(frame: unknown): void;
  /** A frame the client could not parse or flagged as unknown. */
  onUnknownFrame(frame: unknown, reason: string): void;
  /** Any error the client reported. */
  onError(error: Error): void;
  /**
   * Called when the agent asks the client something (`can_use_tool`, `hook_callback`,
   * `mcp_message`, …): resolves with the payload the client must answer with, rejects when it
   * must answer with an error or not at all (the signal aborts when the agent withdraws).
   */
  answer(request: AgentRequest, signal: AbortSignal): Promise<JsonObject>;
}

/** A connected client under test. */
export interface ClientConnection {
  /** Sends a user message with this recorded `message` (`{role, content}`) and `parent_tool_use_id`. */
  sendUser(message: JsonObject, parentToolUseId: string | null): Promise<void>;
  /**
   * Sends a host control request (`interrupt`, `set_model`, …) with this payload and resolves with
   * the agent's success payload.
   * @throws {UnsupportedControlError} when the client has no way to send this subtype.
   */
  control(subtype: string, payload: JsonObject): Promise<JsonObject | undefined>;
  /** Closes the connection and releases everything the client holds. */
  close(): Promise<void>;
}

/** A client library or program that the harness can drive. */
export interface ClientAdapter {
  /** Short name used in reports: `ours`, `official`, `command`. */
  readonly name: string;
  readonly transports: readonly ClientTransport[];
  /** Connects a new client to the target, registering the hooks and MCP servers in `setup`. */
  connect(target: ClientTarget, setup: ClientSetup, handlers: ClientHandlers): Promise<ClientConnection>;
}

/** The client under test offers no way to send a control request of this subtype. */
export class UnsupportedControlError extends Error {
  override readonly name = 'UnsupportedControlError';
  constructor(
    readonly adapter: string,
    readonly subtype: string,
  ) {
    super(`The ${adapter} client cannot send a ${subtype} control request.`);
  }
}

/** An empty setup: no hooks, no in-process MCP servers. */
export const NO_SETUP: ClientSetup = { hooks: {}, mcpServers: [] };
