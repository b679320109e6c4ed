import type { MockServer } from '../../src';
import { connectClient as connectSession, sdk, type ClientCallbacks, type SessionRun } from '../agents/official-client';

export { sdk };
export type { ClientCallbacks };

/** How the official client reaches the mock server. */
export type ClientTransport = 'websocket' | 'sse';

/** Longest wait for the next message: the real CLI starts in about a second, more on a busy machine. */
export const WAIT_MS = 60_000;

/** One official-client session on a mock server running the real CLI. */
export type ClientRun = SessionRun;

/** Creates a session on `server` and connects the official client, waiting up to {@link WAIT_MS} per message. */
export function connectClient(server: MockServer, transport: ClientTransport, callbacks: ClientCallbacks = {}, settings: { cwd?: string | undefined } = {}): Promise<ClientRun> {
  return connectSession(server, transport, callbacks, { ...settings, waitMs: WAIT_MS });
}
