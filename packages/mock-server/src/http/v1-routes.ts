import type { MockCredentials } from '../auth';
import type { SessionStore } from '../store/session-store';
import { applyClientFrames, parseLimit, requireSession } from './client-events';
import { HttpError } from './errors';
import type { RouteHandlers } from './router';
import { mockEnvironment, page, sessionView, v1Events } from './views';

/** What the v1 handlers need. */
export interface V1RouteDeps {
  readonly store: SessionStore;
  readonly credentials: MockCredentials;
  readonly startedAt: string;
  /** Whether a path's organization must be the configured one (strict auth). */
  readonly strictOrganization: boolean;
}

const MAX_PAGE = 1000;

/** Handlers of the v1 web API (`/v1/sessions…`, environments, share status). */
export function v1Routes(deps: V1RouteDeps): RouteHandlers {
  const { store } = deps;
  const environment = mockEnvironment(deps.startedAt);
  const checkOrg = (org: string): void => {
    if (deps.strictOrganization && org !== deps.credentials.organizationUuid) {
      throw new HttpError(403, `This credential has no access to organization ${org}.`);
    }
  };
  return {
    listSessions: ({ query }) => {
      const all = store.list();
      const start = query.after_id === undefined ? 0 : all.findIndex((s) => s.id === query.after_id) + 1;
      if (query.after_id !== undefined && start === 0) {
        throw new HttpError(400, `Invalid query: query.after_id: ${query.after_id} is not a session of this server.`);
      }
      const limit = parseLimit(query.limit, 100, MAX_PAGE);
      const result = page(all.slice(start), (s) => s.id, limit);
      return { body: { ...result, data: result.data.map(sessionView) } };
    },
    getSession: ({ params }) => ({ body: sessionView(requireSession(store, params.session_id)) }),
    createSession: async ({ body }) => {
      const context = body.session_context as Record<string, unknown>;
      const session = await store.create({
        surface: 'v1',
        title: body.title,
        environmentId: body.environment_id,
        context,
        settings: {
          model: typeof context.model === 'string' ? context.model : undefined,
          cwd: typeof context.cwd === 'string' ? context.cwd : undefined,
          title: body.title,
        },
      });
      if (body.events !== undefined && body.events.length > 0) {
        await applyClientFrames(session, body.events, (i) => `$.events[${i}]`);
      }
      return { body: sessionView(session) };
    },
    updateSession: async ({ params, body }) => {
      const session = requireSession(store, params.session_id);
      await session.update(body);
      return { body: sessionView(session) };
    },
    archiveSession: async ({ params }) => {
      const session = requireSession(store, params.session_id);
      await session.archive();
      return { body: { id: session.id, session_status: 'archived' } };
    },
    listEvents: ({ params, query }) => {
      const session = requireSession(store, params.session_id);
      const limit = parseLimit(query.limit, MAX_PAGE, MAX_PAGE);
      let after = 0;
      if (query.after_id !== undefined) {
        const seq = session.log.seqOf(query.after_id);
        if (seq === undefined) {
          throw new HttpError(400, `Invalid query: query.after_id: ${query.after_id} is not an event of session ${session.id}.`);
        }
        after = seq;
      }
      // Events trimmed by the history limit are gone: the page then starts at the oldest one kept,
      // and its first_id shows the client where it resumes.
      const events = session.log.after(after, limit + 1);
      const result = page(events, (e) => e.id, limit);
      return { body: { ...result, data: v1Events(result.data) } };
    },
    sendEvents: async ({ params, body }) => {
      const session = requireSession(store, params.session_id);
      const stored = await applyClientFrames(session, body.events, (i) => `$.events[${i}]`);
      return { body: { data: v1Events(stored) } };
    },
    listEnvironments: ({ params }) => {
      checkOrg(params.organization_uuid);
      const id = environment.environment_id;
      return { body: { environments: [environment], has_more: false, first_id: id, last_id: id } };
    },
    getEnvironment: ({ params }) => {
      checkOrg(params.organization_uuid);
      if (params.environment_id !== environment.environment_id) {
        throw new HttpError(404, `Environment ${params.environment_id} does not exist; this server has only ${environment.environment_id}.`);
      }
      return { body: environment };
    },
    getShareStatus: ({ params }) => {
      requireSession(store, params.session_id);
      return { body: { is_shared: false, share_status: 'private' } };
    },
  };
}
