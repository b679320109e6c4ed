import type { EndpointResponse } from '@ccr-kit/protocol-types';
import type { SessionStore } from '../store/session-store';
import { applyClientFrames, parseLimit, requireSession } from './client-events';
import { HttpError } from './errors';
import type { RouteHandlers } from './router';

const MAX_PAGE = 1000;

type ClientEventRow = EndpointResponse<'listClientEvents'>['data'][number];

/** Handlers of the v2 client API (`/v1/code/sessions…`). */
export function v2Routes(store: SessionStore): RouteHandlers {
  return {
    createCodeSession: async ({ body }) => {
      const session = await store.create({
        surface: 'v2',
        title: body.title,
        tags: body.tags,
        context: { ...body.config },
        settings: { model: body.config.model, cwd: body.config.cwd, title: body.title },
      });
      return { status: 201, body: { session: { id: session.id, title: session.title, created_at: session.createdAt, status: session.status } } };
    },
    postClientEvents: async ({ params, body }) => {
      const session = requireSession(store, params.session_id);
      if (body.session_id !== undefined && body.session_id !== session.id) {
        throw new HttpError(400, `Invalid body: body.session_id: ${body.session_id} does not match the session in the path (${session.id}).`);
      }
      const stored = await applyClientFrames(
        session,
        body.events.map((e) => e.payload),
        (i) => `$.events[${i}].payload`,
      );
      return { body: { data: stored.map((e) => ({ event_id: e.id, sequence_num: e.seq })) } };
    },
    listClientEvents: ({ params, query }) => {
      const session = requireSession(store, params.session_id);
      const after = query.after_sequence_num === undefined ? 0 : Number(query.after_sequence_num);
      const limit = parseLimit(query.limit, MAX_PAGE, MAX_PAGE);
      const events = session.log.after(after, limit + 1);
      return {
        body: {
          data: events.slice(0, limit).map((e) => e.v2 as ClientEventRow),
          has_more: events.length > limit,
        },
      };
    },
  };
}
