import { Session, type SessionEnv, type SessionInit } from './session';

/** Every session of the server; v1 (`session_…`) and v2 (`cse_…`) sessions share it. */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #env: SessionEnv;

  constructor(env: SessionEnv) {
    this.#env = env;
  }

  /** Creates a session and starts attaching its agent (the returned promise settles once attached). */
  async create(init: SessionInit): Promise<Session> {
    const id = this.#env.ids.prefixed(init.surface === 'v2' ? 'cse_' : 'session_');
    const session = new Session(id, init, this.#env);
    this.#sessions.set(id, session);
    this.#env.journal.write('server', `session created (${init.surface}) "${session.title}"`, id);
    await session.start();
    return session;
  }

  /** A session by id. */
  get(id: string): Session | undefined {
    return this.#sessions.get(id);
  }

  /** Every session, newest first. */
  list(): Session[] {
    return [...this.#sessions.values()].reverse();
  }

  /** Number of sessions. */
  get size(): number {
    return this.#sessions.size;
  }

  /** Stops every agent (server shutdown). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((s) => s.close()));
  }
}
