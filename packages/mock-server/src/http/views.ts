import type { EndpointResponse } from '@ccr-kit/protocol-types';
import type { Session } from '../store/session';
import type { LoggedEvent } from '../store/event-log';

/** The one environment the mock server offers: a bridge on this machine. */
export function mockEnvironment(createdAt: string): EndpointResponse<'getEnvironment'> {
  return {
    environment_id: 'env_mock',
    name: 'ccr-mock:local',
    kind: 'bridge',
    state: 'active',
    created_at: createdAt,
    config: null,
    bridge_info: {
      max_sessions: 1000,
      machine_name: 'ccr-mock',
      directory: process.cwd(),
      branch: null,
      git_repo_url: null,
      online: true,
      spawn_mode: null,
    },
  };
}

/** A session as the v1 API shows it. */
export function sessionView(session: Session): EndpointResponse<'getSession'> {
  return {
    id: session.id,
    title: session.title,
    session_status: session.status,
    environment_id: session.environmentId,
    // Stored as the client sent it (validated on the way in), unknown keys kept.
    session_context: session.context,
    created_at: session.createdAt,
    updated_at: session.updatedAt,
    type: 'internal_session',
    active_mount_paths: [],
    metadata: { worker_status: session.state },
  };
}

/** A page of items after a cursor, with `first_id` / `last_id` / `has_more`. */
export function page<T>(items: readonly T[], idOf: (item: T) => string, limit: number): { data: T[]; first_id: string | null; last_id: string | null; has_more: boolean } {
  const data = items.slice(0, limit);
  return {
    data,
    first_id: data.length > 0 ? idOf(data[0]!) : null,
    last_id: data.length > 0 ? idOf(data[data.length - 1]!) : null,
    has_more: items.length > limit,
  };
}

/** The stored v1 form of events. */
export function v1Events(events: readonly LoggedEvent[]): EndpointResponse<'listEvents'>['data'] {
  return events.map((e) => e.v1 as EndpointResponse<'listEvents'>['data'][number]);
}
