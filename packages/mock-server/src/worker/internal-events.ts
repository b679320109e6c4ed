import type { InternalEvent, InternalEventInput } from '@ccr-kit/protocol-types';
import { HttpError } from '../http/errors';

/** Default and largest page of `GET …/worker/internal-events`. */
export const INTERNAL_EVENTS_PAGE = 100;
export const INTERNAL_EVENTS_MAX_PAGE = 1000;

const CURSOR = /^ie_(\d+)$/;

interface Stored {
  readonly seq: number;
  readonly event: InternalEvent;
}

/** Which events a listing returns and from where. */
export interface InternalEventQuery {
  readonly limit: number;
  /** Only this subagent's events; without it, the main lane (plus every subagent with `subagents`). */
  readonly sessionAgentId?: string | undefined;
  readonly subagents: boolean;
  /** An opaque `next_cursor` from an earlier page. */
  readonly cursor?: string | undefined;
  /** Start after this event (an anchor the worker remembers). */
  readonly afterEventId?: string | undefined;
}

/**
 * The transcript lane of one session (`/worker/internal-events`): what a worker stores so that a
 * later worker can resume the conversation. Kept per session, across worker registrations. An
 * event's id is its payload's `uuid` (a fresh one when it has none); storing an id twice reports
 * `duplicate: true` and keeps the first.
 */
export class InternalEventLog {
  readonly #events: Stored[] = [];
  readonly #seqById = new Map<string, number>();

  /** How many events are stored. */
  get size(): number {
    return this.#events.length;
  }

  /** Stores a batch in order; one result per event. */
  append(inputs: readonly InternalEventInput[], createdAt: string, newId: () => string): { event_id: string; duplicate: boolean }[] {
    return inputs.map((input) => {
      const uuid = input.payload.uuid;
      const eventId = typeof uuid === 'string' && uuid !== '' ? uuid : newId();
      if (this.#seqById.has(eventId)) return { event_id: eventId, duplicate: true };
      const seq = this.#events.length + 1;
      const event: InternalEvent = {
        event_id: eventId,
        event_type: input.payload.type,
        payload: input.payload,
        is_compaction: input.is_compaction ?? false,
        created_at: createdAt,
        ...(input.session_agent_id === undefined ? {} : { session_agent_id: input.session_agent_id }),
      };
      this.#events.push({ seq, event });
      this.#seqById.set(eventId, seq);
      return { event_id: eventId, duplicate: false };
    });
  }

  /**
   * One page of events, oldest first, and the cursor of the next page (`null` on the last).
   * @throws {HttpError} 400 for a malformed cursor or both anchors at once; 404 with reason
   * `after_event_id_not_found` for an anchor that was never stored (the worker then lists from the start).
   */
  list(query: InternalEventQuery): { data: InternalEvent[]; next_cursor: string | null } {
    if (query.cursor !== undefined && query.afterEventId !== undefined) {
      throw new HttpError(400, 'Invalid query: give either query.cursor or query.after_event_id, not both.');
    }
    let after = 0;
    if (query.cursor !== undefined) {
      const match = CURSOR.exec(query.cursor);
      if (match === null) throw new HttpError(400, `Invalid query: query.cursor: ${JSON.stringify(query.cursor)} is not a cursor this server gave out (use next_cursor as returned).`);
      after = Number(match[1]);
    } else if (query.afterEventId !== undefined) {
      const seq = this.#seqById.get(query.afterEventId);
      if (seq === undefined) {
        throw new HttpError(404, `Event ${query.afterEventId} is not in this session's internal events; list again without after_event_id.`, { reason: 'after_event_id_not_found' });
      }
      after = seq;
    }
    const data: InternalEvent[] = [];
    let last = after;
    for (let i = after; i < this.#events.length; i++) {
      const stored = this.#events[i]!;
      if (!this.#matches(stored.event, query)) continue;
      if (data.length === query.limit) return { data, next_cursor: `ie_${last}` };
      data.push(stored.event);
      last = stored.seq;
    }
    return { data, next_cursor: null };
  }

  #matches(event: InternalEvent, query: InternalEventQuery): boolean {
    if (query.sessionAgentId !== undefined) return event.session_agent_id === query.sessionAgentId;
    return query.subagents || event.session_agent_id === undefined;
  }
}
