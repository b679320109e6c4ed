import type { Clock, Frame } from '@ccr-kit/protocol-types';

/** Session settings an agent may honour, taken from the create-session request. */
export interface AgentSettings {
  readonly model?: string | undefined;
  readonly permissionMode?: string | undefined;
  readonly cwd?: string | undefined;
  readonly title?: string | undefined;
}

/**
 * What the server hands an agent when a session starts: its id, the server clock, a signal that
 * aborts when the session is archived or the server closes, and the way to talk back.
 */
export interface AgentContext {
  readonly sessionId: string;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly settings: AgentSettings;
  /**
   * Sends a frame towards the clients. The server fills in `uuid` and `session_id` when missing,
   * appends it to the session's event log (unless it is display-only, such as `stream_event`) and
   * fans it out to every subscriber.
   */
  emit(frame: Record<string, unknown>): void;
  /** Writes a line to the server journal (shown with `--verbose`, readable over the admin API). */
  journal(message: string, data?: unknown): void;
}

/** One agent attached to one session. */
export interface AgentSession {
  /**
   * Receives every frame a client sends to the agent: `user`, host→agent `control_request`,
   * `control_response` to the agent's own requests and `control_cancel_request`
   * (`keep_alive` and `initialize` are handled by the server and are not delivered).
   */
  deliver(frame: Frame): void;
  /**
   * Optional: answers a client's `initialize` request. The server merges the returned fields into
   * its own response (commands, models, pending prompts, …); hooks and sdkMcpServers arrive here.
   */
  initialize?(request: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Stops the agent (session archived or server closing); must not throw. */
  stop(): Promise<void>;
}

/** A kind of agent the server can run behind each session (`scripted`, `tape`, `claude-cli`, …). */
export interface AgentBackend {
  readonly name: string;
  attach(ctx: AgentContext): AgentSession | Promise<AgentSession>;
}
