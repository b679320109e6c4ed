import type { Clock } from '@ccr-kit/protocol-types';
import type { AgentBackend } from './agent';
import type { MockAdmin } from './admin/admin';
import type { MockCredentials } from './auth';
import type { CorsOption } from './http/cors';
import type { Faults } from './faults';
import type { JournalEntry } from './journal';

/** Options of {@link createMockServer}. */
export interface MockServerOptions {
  /** The agent behind every session. @default the built-in demo agent */
  agent?: AgentBackend | undefined;
  /** `strict` checks the credentials and headers the real service requires. @default 'off' */
  auth?: 'off' | 'strict' | undefined;
  /** Credentials accepted in strict mode. @default {@link DEFAULT_CREDENTIALS} */
  credentials?: Partial<MockCredentials> | undefined;
  /** Time source for keep-alives, delays and agent timers; pass a `VirtualClock` to drive it from tests. @default realClock */
  clock?: Clock | undefined;
  /** Faults in force from the start (server-wide). */
  faults?: Faults | undefined;
  /** Durable events kept per session; older ones are trimmed (v2 `catch_up_truncated`). @default 10000 */
  historyLimit?: number | undefined;
  /** Makes ids and timestamps reproducible. */
  seed?: number | undefined;
  /** Largest WebSocket message / NDJSON line accepted from a client, in bytes. @default 4 MiB */
  maxFrameBytes?: number | undefined;
  /** Largest REST request body, in bytes. @default 4 MiB */
  maxBodyBytes?: number | undefined;
  /**
   * Most bytes that may wait for one WebSocket or SSE subscriber that does not read; past it the
   * subscriber is disconnected (close 1013 / stream ended) and resumes by sequence number.
   * @default 1 MiB
   */
  maxBufferedBytes?: number | undefined;
  /**
   * Cross-origin access for browser clients (a page served by a Vite dev server, say): `true`
   * answers preflights and lets every origin in, `{origins}` only the listed ones (other origins
   * also get 403 on WebSocket upgrades), `false` sends no CORS headers.
   * @default true when `host` is a loopback address, else false
   */
  cors?: CorsOption | undefined;
  /**
   * Interface to bind. A non-loopback address needs `auth: 'strict'` or
   * `allowUnauthenticatedNetwork: true`; the admin API then always needs the mock credentials.
   * @default '127.0.0.1'
   */
  host?: string | undefined;
  /** Lets `host` be a non-loopback address with auth off (a warning is journalled). @default false */
  allowUnauthenticatedNetwork?: boolean | undefined;
  /** Port to bind; 0 picks a free one. @default 0 */
  port?: number | undefined;
  /** Where journal entries go as they are written (e.g. `--verbose` prints them). */
  onJournal?: ((entry: JournalEntry) => void) | undefined;
  /** Journal entries kept in memory. @default 20000 */
  journalCapacity?: number | undefined;
}

/** A running mock server. */
export interface MockServer {
  /** Base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** WebSocket base URL, e.g. `ws://127.0.0.1:54321`. */
  readonly wsUrl: string;
  readonly host: string;
  readonly port: number;
  /** The in-process admin API (the same calls as `/__admin/`). */
  readonly admin: MockAdmin;
  /** The credentials strict mode accepts. */
  readonly credentials: MockCredentials;
  /** Closes every connection, stops every agent and releases the port. */
  close(): Promise<void>;
}

/** Defaults of the numeric limits. */
export const DEFAULT_LIMITS = {
  historyLimit: 10_000,
  maxFrameBytes: 4 * 1024 * 1024,
  maxBodyBytes: 4 * 1024 * 1024,
} as const;
