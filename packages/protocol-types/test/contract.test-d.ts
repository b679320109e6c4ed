import { describe, expectTypeOf, it } from 'vitest';
import {
  buildPath,
  contract,
  matchPath,
  type EndpointBody,
  type EndpointErrorBody,
  type EndpointName,
  type EndpointParams,
  type EndpointQuery,
  type EndpointResponse,
} from '../src/contract';
import type { ListEventsResponse, UpdateSessionBody } from '../src/schemas/rest-v1';
import type { WorkerConflictBody } from '../src/schemas/worker';

describe('contract types', () => {
  it('keeps literal methods and paths', () => {
    expectTypeOf(contract.endpoints.listEvents.method).toEqualTypeOf<'GET'>();
    expectTypeOf(contract.endpoints.listEvents.path).toEqualTypeOf<'/v1/sessions/{session_id}/events'>();
    expectTypeOf<'listEvents'>().toExtend<EndpointName>();
  });

  it('derives params, query, body and response of an endpoint', () => {
    expectTypeOf<EndpointParams<'listEvents'>>().toEqualTypeOf<{ session_id: string }>();
    expectTypeOf<EndpointQuery<'listEvents'>>().toEqualTypeOf<{ after_id?: string | undefined; limit?: string | undefined }>();
    expectTypeOf<EndpointBody<'listEvents'>>().toEqualTypeOf<undefined>();
    expectTypeOf<EndpointResponse<'listEvents'>>().toEqualTypeOf<ListEventsResponse>();
    expectTypeOf<EndpointBody<'updateSession'>>().toEqualTypeOf<UpdateSessionBody>();
    expectTypeOf<EndpointParams<'listSessions'>>().toEqualTypeOf<undefined>();
    expectTypeOf<WorkerConflictBody>().toExtend<EndpointErrorBody<'putWorker'>>();
  });

  it('types path parameters from the template', () => {
    buildPath('/v1/sessions/{session_id}', { session_id: 's1' });
    // @ts-expect-error session_id is required by the template
    buildPath('/v1/sessions/{session_id}', {});
    expectTypeOf(matchPath('/a/{x}/{y}', '/a/1/2')).toEqualTypeOf<{ x: string; y: string } | undefined>();
  });
});
