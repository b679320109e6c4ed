import { checkClientFrame } from '../store/client-frame';
import type { LoggedEvent } from '../store/event-log';
import type { Session } from '../store/session';
import type { SessionStore } from '../store/session-store';
import { HttpError } from './errors';

/**
 * Finds a session for a request.
 * @throws {HttpError} 404 naming the id when there is none.
 */
export function requireSession(store: SessionStore, id: string): Session {
  const session = store.get(id);
  if (session === undefined) throw new HttpError(404, `Session ${id} does not exist on this server; create one with POST /v1/sessions or POST /v1/code/sessions.`);
  return session;
}

/**
 * Checks every frame of a request first (nothing is applied when one is bad), then hands them to
 * the session in order. Returns the stored events (a retried uuid returns the first copy).
 * @throws {HttpError} 400 naming the path of the first bad frame, or when the session is archived.
 */
export async function applyClientFrames(session: Session, frames: readonly unknown[], pathOf: (index: number) => string): Promise<LoggedEvent[]> {
  if (session.archived) throw new HttpError(400, `Session ${session.id} is archived; it accepts no more events.`, { reason: 'session_not_active' });
  const checked = frames.map((frame, i) => {
    const result = checkClientFrame(frame, pathOf(i));
    if (!result.ok) throw new HttpError(400, `Invalid body: ${result.path.replace(/^\$/, 'body')}: ${result.message}.`);
    return result.frame;
  });
  const stored: LoggedEvent[] = [];
  for (const frame of checked) {
    const outcome = await session.receiveFromClient(frame);
    if (outcome.kind === 'stored') stored.push(outcome.event);
    else if (outcome.kind === 'duplicate' && outcome.event !== undefined) stored.push(outcome.event);
  }
  return stored;
}

/**
 * Reads a `limit` query value.
 * @throws {HttpError} 400 when it is 0 or above the maximum.
 */
export function parseLimit(raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (n < 1 || n > max) throw new HttpError(400, `Invalid query: query.limit: must be between 1 and ${max}, got ${raw}.`);
  return n;
}
