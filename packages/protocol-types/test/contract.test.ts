import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildPath, connectionSide, contract, matchPath, matchRoute, pathParamNames, type EndpointName } from '../src/contract';
import { SseEventSchemas } from '../src/schemas/rest-v2';
import { WORKER_CLOSE_CODES, WorkerSseEventSchemas, isWorkerCloseCode } from '../src/schemas/worker';

const endpoints = Object.entries(contract.endpoints);
const channels = Object.entries(contract.channels);

function paramKeys(schema: z.ZodObject | undefined): string[] {
  return Object.keys(schema?.shape ?? {}).sort();
}

function issuePaths(schema: z.ZodType, value: unknown): PropertyKey[][] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => issue.path);
}

describe('contract tables', () => {
  it('lists every endpoint and channel the protocol surfaces need, each under its own name', () => {
    const required = [
      'listSessions', 'getSession', 'createSession', 'updateSession', 'archiveSession', 'listEvents', 'sendEvents',
      'listEnvironments', 'getEnvironment', 'getShareStatus', 'createCodeSession', 'postClientEvents',
      'listClientEvents', 'bridge', 'registerWorker', 'getWorker', 'putWorker', 'postWorkerEvents',
      'postWorkerEventBatch', 'postWorkerDelivery', 'getWorkerEvent', 'workerHeartbeat', 'postInternalEvents',
      'listInternalEvents',
    ];
    expect(Object.keys(contract.endpoints)).toEqual(expect.arrayContaining(required));
    expect(Object.keys(contract.channels).sort()).toEqual(['v1Subscribe', 'v2EventStream', 'workerEventStream']);
    for (const [key, route] of [...endpoints, ...channels]) expect(route.name).toBe(key);
  });

  it.each(endpoints)('endpoint %s declares exactly the params its path template uses', (_, endpoint) => {
    const params = 'params' in endpoint ? endpoint.params : undefined;
    expect(paramKeys(params)).toEqual(pathParamNames(endpoint.path).sort());
  });

  it.each(channels)('channel %s declares exactly the params its path template uses', (_, channel) => {
    expect(paramKeys(channel.params)).toEqual(pathParamNames(channel.path).sort());
  });

  it('never declares the same method and path twice', () => {
    const keys = endpoints.map(([, e]) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives every worker write a 409 epoch-conflict body and every endpoint an error body for 401 and 404', () => {
    for (const [, endpoint] of endpoints) {
      expect(endpoint.errors[401], endpoint.name).toBeDefined();
      expect(endpoint.errors[404], endpoint.name).toBeDefined();
      if (endpoint.surface === 'worker') expect(endpoint.errors[409], endpoint.name).toBeDefined();
    }
  });

  it('wires the SSE channels to their event tables and to the endpoint clients write through', () => {
    expect(contract.channels.v2EventStream.sseEvents).toBe(SseEventSchemas);
    expect(contract.channels.workerEventStream.sseEvents).toBe(WorkerSseEventSchemas);
    expect(contract.channels.v2EventStream.sendEndpoint in contract.endpoints).toBe(true);
    expect(contract.channels.workerEventStream.sendEndpoint in contract.endpoints).toBe(true);
    expect(contract.channels.v2EventStream.outbound.safeParse({ type: 'user' }).success).toBe(false);
  });
});

describe('buildPath and matchPath', () => {
  const segment = fc.string({ minLength: 1, maxLength: 24 });

  propTest.prop([segment, segment])('round-trip any parameter values, slashes and spaces included', (session_id, event_id) => {
    const path = buildPath(contract.endpoints.getWorkerEvent.path, { session_id, event_id });
    expect(matchPath(contract.endpoints.getWorkerEvent.path, path)).toEqual({ session_id, event_id });
  });

  it('encodes each segment so a value cannot escape into another segment', () => {
    expect(buildPath('/v1/sessions/{session_id}/events', { session_id: 'a/b c?' })).toBe('/v1/sessions/a%2Fb%20c%3F/events');
  });

  it('names the missing parameter when one is absent or empty', () => {
    const template = contract.endpoints.getEnvironment.path as string;
    expect(() => buildPath(template, { organization_uuid: 'org' })).toThrow(/"environment_id"/);
    expect(() => buildPath(template, { organization_uuid: '', environment_id: 'env' })).toThrow(/"organization_uuid"/);
  });

  it('rejects paths with other literals, other lengths, empty params or a trailing slash', () => {
    const template = '/v1/sessions/{session_id}/events';
    expect(matchPath(template, '/v1/sessions/s1/events')).toEqual({ session_id: 's1' });
    expect(matchPath(template, '/v1/sessions/s1/archive')).toBeUndefined();
    expect(matchPath(template, '/v1/sessions/s1/events/')).toBeUndefined();
    expect(matchPath(template, '/v1/sessions//events')).toBeUndefined();
    expect(matchPath(template, '/v1/sessions/%E0%A4%A/events')).toBeUndefined();
  });

  it('routes a request to the most specific endpoint or channel', () => {
    expect(matchRoute('GET', '/v1/code/sessions/cse_1/worker/events/stream')).toMatchObject({
      kind: 'channel',
      name: 'workerEventStream',
      params: { session_id: 'cse_1' },
    });
    expect(matchRoute('GET', '/v1/code/sessions/cse_1/worker/events/evt_9')).toMatchObject({
      name: 'getWorkerEvent',
      params: { session_id: 'cse_1', event_id: 'evt_9' },
    });
    expect(matchRoute('post', '/v1/sessions/s1/events')?.name).toBe('sendEvents');
    expect(matchRoute('GET', '/v1/sessions/s1/events')?.name).toBe('listEvents');
    expect(matchRoute('GET', '/v1/sessions/ws/s1/subscribe')?.name).toBe('v1Subscribe');
    expect(matchRoute('DELETE', '/v1/sessions/s1')).toBeUndefined();
  });

  it('tells a worker\'s URLs from a client\'s, for every route of the contract and the CLI\'s --sdk-url socket', () => {
    const routes = [...Object.values(contract.endpoints), ...Object.values(contract.channels)];
    for (const route of routes) {
      const url = `https://api.example.invalid${route.path.replace(/\{(\w+)\}/g, 'x_$1')}?limit=1`;
      expect(connectionSide(url), route.name).toBe(route.surface === 'worker' ? 'worker' : 'client');
    }
    expect(connectionSide('ws://127.0.0.1:4000/v2/session_ingress/ws/session_1')).toBe('worker');
    expect(connectionSide('/v1/sessions/workers_list/events')).toBe('client');
  });
});

/** Bodies written after the examples in claude-remote-protocol's README and PROTOCOL.md. */
const seedExamples: [EndpointName, 'body' | 'response', unknown][] = [
  ['createSession', 'body', { environment_id: 'env_01abc', session_context: { model: 'claude-sonnet-4-6' } }],
  [
    'createSession',
    'body',
    {
      title: 'My Task',
      environment_id: 'env_01abc',
      events: [{ type: 'event', data: { note: 'seed' } }],
      session_context: {
        model: 'claude-sonnet-4-6',
        sources: [{ type: 'git_repository', git_info: { type: 'github', repo: 'owner/repo', branches: ['main'] } }],
        outcomes: [],
        custom_system_prompt: 'Be brief.',
      },
    },
  ],
  ['updateSession', 'body', { title: 'Renamed', session_status: 'archived' }],
  ['updateSession', 'body', {}],
  [
    'sendEvents',
    'body',
    {
      events: [
        {
          type: 'user',
          uuid: '0b6c1f7e-4a53-4c8e-9a57-3c1d2b0e9f11',
          session_id: 'session_01xyz',
          parent_tool_use_id: null,
          message: { role: 'user', content: 'Hello, Claude!' },
        },
      ],
    },
  ],
  ['sendEvents', 'body', { events: [{ type: 'control_request', request_id: 'interrupt-1', request: { subtype: 'interrupt' } }] }],
  [
    'sendEvents',
    'body',
    {
      events: [
        {
          type: 'control_response',
          response: {
            subtype: 'success',
            request_id: 'toolu_01',
            response: { behavior: 'allow', updatedInput: { command: 'ls' }, toolUseID: 'toolu_01' },
          },
        },
      ],
    },
  ],
  [
    'listEnvironments',
    'response',
    {
      environments: [
        {
          kind: 'bridge',
          environment_id: 'env_01abc',
          name: 'LAPTOP:/home/me/project:1a2b',
          created_at: '2026-03-11T14:42:56.620319Z',
          state: 'active',
          config: null,
          bridge_info: {
            max_sessions: 1,
            machine_name: 'LAPTOP',
            directory: '/home/me/project',
            branch: 'HEAD',
            git_repo_url: null,
            online: true,
            spawn_mode: null,
          },
        },
      ],
      has_more: false,
      first_id: 'env_01abc',
      last_id: 'env_01abc',
    },
  ],
  [
    'listEvents',
    'response',
    {
      data: [
        { type: 'assistant', uuid: 'u1', session_id: 's1', created_at: '2026-03-11T10:00:00Z', message: { id: 'msg_1' } },
        { type: 'control_response', response: { subtype: 'success', request_id: 'r1' } },
      ],
      first_id: 'u1',
      last_id: 'u1',
      has_more: false,
    },
  ],
];

describe('seed examples', () => {
  it.each(seedExamples)('%s %s from the reverse-engineered client validates', (name, part, value) => {
    const endpoint = contract.endpoints[name];
    const schema = part === 'body' && 'body' in endpoint ? endpoint.body : endpoint.response;
    expect(issuePaths(schema, value)).toEqual([]);
  });

  it('accepts a frame type nobody has seen yet inside a REST body', () => {
    const body = { events: [{ type: 'brand_new_frame', uuid: 'u9', extra: { nested: true } }] };
    expect(contract.endpoints.sendEvents.body.safeParse(body).success).toBe(true);
  });
});

describe('bad input', () => {
  it('points at the wrong field of a create-session body', () => {
    const body = {
      environment_id: 'env_1',
      session_context: { sources: [{ type: 'git_repository', git_info: { type: 'github', repo: 'o/r', branches: 'main' } }] },
    };
    expect(issuePaths(contract.endpoints.createSession.body, body)).toEqual([
      ['session_context', 'sources', 0, 'git_info', 'branches'],
    ]);
  });

  it('points at an event without a type and at a missing worker epoch', () => {
    expect(issuePaths(contract.endpoints.sendEvents.body, { events: [{ uuid: 'u1' }] })).toEqual([['events', 0, 'type']]);
    expect(issuePaths(contract.endpoints.postWorkerEvents.body, { events: [] })).toEqual([['worker_epoch']]);
  });

  it('refuses more than 100 events in one worker upload', () => {
    const events = Array.from({ length: 101 }, () => ({ payload: { type: 'keep_alive' }, ephemeral: true }));
    expect(issuePaths(contract.endpoints.postWorkerEvents.body, { worker_epoch: 3, events })).toEqual([['events']]);
  });

  it('validates query strings as the URL delivers them', () => {
    const query = contract.endpoints.listEvents.query;
    expect(query.safeParse(Object.fromEntries(new URLSearchParams('after_id=evt_1&limit=50'))).success).toBe(true);
    expect(issuePaths(query, Object.fromEntries(new URLSearchParams('limit=ten')))).toEqual([['limit']]);
    const gap = contract.endpoints.listClientEvents.query;
    expect(gap.safeParse({ after_sequence_num: '41', limit: '100' }).success).toBe(true);
    expect(issuePaths(gap, { after_sequence_num: '-1' })).toEqual([['after_sequence_num']]);
  });
});

describe('stream envelopes and worker bodies', () => {
  it('reads the client_event the official browser client receives, and open-ended delivery statuses', () => {
    const data = {
      event_id: 'evt_1',
      sequence_num: 7,
      event_type: 'user',
      payload: { type: 'user', uuid: 'u1', message: { role: 'user', content: 'hi' } },
      source: 'client',
      created_at: '2026-11-01T10:00:00Z',
    };
    expect(SseEventSchemas.client_event.safeParse(data).success).toBe(true);
    expect(issuePaths(SseEventSchemas.client_event, { ...data, sequence_num: 0 })).toEqual([['sequence_num']]);
    expect(SseEventSchemas.delivery_update.safeParse({ event_id: 'evt_1', status: 'DELIVERY_STATUS_NEW' }).success).toBe(true);
    expect(SseEventSchemas.catch_up_truncated.safeParse({}).success).toBe(true);
  });

  it('reads a 409 epoch conflict and a /bridge answer whose epoch is numeric text', () => {
    const conflict = {
      type: 'error',
      error: { type: 'conflict_error', message: 'stale', reason: 'epoch_stale', expected_epoch: 4, actual_epoch: '5' },
    };
    expect(contract.endpoints.putWorker.errors[409].safeParse(conflict).success).toBe(true);
    const bridge = { worker_jwt: 'jwt', api_base_url: 'https://api.example', expires_in: 14400, worker_epoch: '12' };
    expect(contract.endpoints.bridge.response.safeParse(bridge).success).toBe(true);
    expect(issuePaths(contract.endpoints.bridge.response, { ...bridge, worker_epoch: 'twelve' })).toEqual([['worker_epoch']]);
  });

  it('knows the meaning of each worker close code 4090–4094 and nothing else', () => {
    expect(Object.keys(WORKER_CLOSE_CODES)).toEqual(['4090', '4091', '4092', '4093', '4094']);
    expect(WORKER_CLOSE_CODES[4090].meaning).toMatch(/bridge/);
    expect(isWorkerCloseCode(4093)).toBe(true);
    expect(isWorkerCloseCode(1000)).toBe(false);
  });
});
