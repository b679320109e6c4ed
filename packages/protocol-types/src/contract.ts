import type { z } from 'zod';
import { channels } from './contract-channels';
import type { Channel, Endpoint, HttpMethod } from './contract-define';
import { literalSegmentCount, matchPath } from './contract-path';
import { v1Endpoints } from './contract-v1';
import { v2Endpoints } from './contract-v2';
import { workerEndpoints } from './contract-worker';

export { SubscribeQuerySchema, type SubscribeQuery } from './contract-channels';
export {
  defineChannel,
  defineEndpoint,
  type Channel,
  type ChannelTransport,
  type Endpoint,
  type HttpMethod,
  type Surface,
} from './contract-define';
export {
  buildPath,
  literalSegmentCount,
  matchPath,
  pathParamNames,
  type MatchedParams,
  type PathParamNames,
  type PathParams,
} from './contract-path';
export { V1_ERRORS } from './contract-v1';
export { V2_ERRORS } from './contract-v2';
export { WORKER_ERRORS } from './contract-worker';

/**
 * The contract: every REST endpoint and stream channel of the CCR protocol, with the schemas
 * that validate each side. The client derives its requests from it and the mock server its routes
 * (PROTOCOL.md#contract).
 */
export const contract = {
  endpoints: { ...v1Endpoints, ...v2Endpoints, ...workerEndpoints },
  channels,
} as const;

/** The type of {@link contract}. */
export type Contract = typeof contract;
/** Name of a contract endpoint, e.g. `'listEvents'`. */
export type EndpointName = keyof Contract['endpoints'];
/** Name of a contract channel, e.g. `'v1Subscribe'`. */
export type ChannelName = keyof Contract['channels'];

type EndpointOf<N extends EndpointName> = Contract['endpoints'][N];
type Part<E, K extends string> = E extends { readonly [P in K]: infer S extends z.ZodType } ? z.infer<S> : undefined;

/** Path parameters of an endpoint, or `undefined` when its path has none. */
export type EndpointParams<N extends EndpointName> = Part<EndpointOf<N>, 'params'>;
/** Query of an endpoint (string values), or `undefined` when it takes none. */
export type EndpointQuery<N extends EndpointName> = Part<EndpointOf<N>, 'query'>;
/** Request body of an endpoint, or `undefined` when it sends none. */
export type EndpointBody<N extends EndpointName> = Part<EndpointOf<N>, 'body'>;
/** Successful response body of an endpoint. */
export type EndpointResponse<N extends EndpointName> = z.infer<EndpointOf<N>['response']>;
/** Any error body an endpoint may answer with. */
export type EndpointErrorBody<N extends EndpointName> = z.infer<EndpointOf<N>['errors'][keyof EndpointOf<N>['errors']]>;

/** Whose connection a URL is: a client's (web, app, SDK) or a worker's (the CLI, a bridge). */
export type ConnectionSide = 'client' | 'worker';

/**
 * The side of the service a URL belongs to. A worker's URLs are `/worker…`, `/bridge` and the
 * socket the CLI opens with `--sdk-url` (`/v2/session_ingress/ws/{id}`, PROTOCOL.md#stdio);
 * everything else is a client's. Recorded traffic is read by it: on a worker's connection the
 * agent's frames are the uploads, on a client's they come down.
 */
export function connectionSide(url: string): ConnectionSide {
  return /\/(worker|bridge|session_ingress)(\/|\?|#|$)/.test(url) ? 'worker' : 'client';
}

/** A request routed by {@link matchRoute}: the endpoint or channel it hits and its decoded path parameters. */
export type RouteMatch =
  | { readonly kind: 'endpoint'; readonly name: EndpointName; readonly route: Endpoint; readonly params: Record<string, string> }
  | { readonly kind: 'channel'; readonly name: ChannelName; readonly route: Channel; readonly params: Record<string, string> };

/**
 * Finds the endpoint or channel a request targets. Channels are opened with `GET`. When several
 * templates match (`…/worker/events/stream` also fits `…/worker/events/{event_id}`), the one with
 * more literal segments wins. Returns `undefined` when nothing matches `method` and `pathname`.
 */
export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  const verb = method.toUpperCase() as HttpMethod;
  let best: RouteMatch | undefined;
  let bestScore = -1;
  const consider = (candidate: RouteMatch) => {
    const score = literalSegmentCount(candidate.route.path);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  };
  for (const [name, route] of Object.entries(contract.endpoints) as [EndpointName, Endpoint][]) {
    if (route.method !== verb) continue;
    const params = matchPath(route.path, pathname);
    if (params) consider({ kind: 'endpoint', name, route, params });
  }
  if (verb === 'GET') {
    for (const [name, route] of Object.entries(contract.channels) as [ChannelName, Channel][]) {
      const params = matchPath(route.path, pathname);
      if (params) consider({ kind: 'channel', name, route, params });
    }
  }
  return best;
}
