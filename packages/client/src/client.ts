import type { EndpointResponse } from '@ccr-kit/protocol-types';
import type { ClaudeRemoteOptions } from './auth';
import { ClientError } from './errors';
import { ClaudeApi, type ClaudeApiOptions } from './rest/api';
import { SessionManager, type SessionManagerOptions } from './session/manager';

/** Options of {@link ClaudeClient.connect}: callbacks, tuning and transport choice. */
export type ConnectOptions = Omit<SessionManagerOptions, keyof ClaudeRemoteOptions | 'sessionId' | 'api'>;

/** Options of {@link ClaudeClient.create}: the new session's settings plus {@link ConnectOptions}. */
export interface CreateOptions extends ConnectOptions {
  /** The environment to run in; the first active one by default. */
  environmentId?: string | undefined;
  /** @default 'claude-sonnet-4-6' */
  model?: string | undefined;
  title?: string | undefined;
  /** The full session context; `model` is ignored when this is given. */
  sessionContext?: Record<string, unknown> | undefined;
}

/** The model a new session gets when none is given (as in `claude-remote-protocol`). */
export const DEFAULT_MODEL = 'claude-sonnet-4-6';

/**
 * The entry point: credentials once, then any number of sessions (`claude-remote-protocol`'s
 * `ClaudeClient`, same methods). `client.api` is the REST client.
 */
export class ClaudeClient {
  readonly api: ClaudeApi;
  readonly #credentials: ClaudeApiOptions;
  readonly #sessions = new Map<string, SessionManager>();

  constructor(credentials: ClaudeApiOptions) {
    this.#credentials = credentials;
    this.api = new ClaudeApi(credentials);
  }

  /** Connects to an existing session (replaying its history by default) and returns it connected. */
  async connect(sessionId: string, options: ConnectOptions = {}): Promise<SessionManager> {
    this.disconnect(sessionId);
    const session = new SessionManager({ replay: true, ...this.#credentials, ...options, sessionId, api: this.api });
    this.#sessions.set(sessionId, session);
    try {
      await session.connect();
    } catch (error) {
      this.#sessions.delete(sessionId);
      throw error;
    }
    return session;
  }

  /**
   * Creates a session and connects to it. Without `environmentId` it uses the first active environment.
   * @throws {ClientError} `INVALID_ARGUMENT` when no environment is active.
   */
  async create(options: CreateOptions = {}): Promise<SessionManager> {
    const { environmentId, model, title, sessionContext, ...connectOptions } = options;
    let environment = environmentId;
    if (environment === undefined) {
      const list = await this.api.listEnvironments();
      const active = list.environments.find((e) => e.state === 'active');
      if (!active) {
        throw new ClientError('INVALID_ARGUMENT', `No active environment among ${list.environments.length}; start one (e.g. claude remote-control) or pass environmentId.`);
      }
      environment = active.environment_id;
    }
    const created = await this.api.createSession({
      environment_id: environment,
      session_context: sessionContext ?? { model: model ?? DEFAULT_MODEL },
      ...(title === undefined ? {} : { title }),
    });
    return this.connect(created.id, connectOptions);
  }

  /** Lists sessions (one page). */
  listSessions(): Promise<EndpointResponse<'listSessions'>> {
    return this.api.listSessions();
  }

  /** Reads one session. */
  getSession(sessionId: string): Promise<EndpointResponse<'getSession'>> {
    return this.api.getSession(sessionId);
  }

  /** Lists environments. */
  listEnvironments(): Promise<EndpointResponse<'listEnvironments'>> {
    return this.api.listEnvironments();
  }

  /** A session connected through this client, if any. */
  getConnected(sessionId: string): SessionManager | undefined {
    return this.#sessions.get(sessionId);
  }

  /** Disconnects one session. */
  disconnect(sessionId: string): void {
    const session = this.#sessions.get(sessionId);
    if (!session) return;
    this.#sessions.delete(sessionId);
    session.disconnect();
  }

  /** Disconnects every session. */
  disconnectAll(): void {
    for (const id of [...this.#sessions.keys()]) this.disconnect(id);
  }
}
