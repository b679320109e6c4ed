import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  contract,
  jsonPath,
  matchPath,
  type Clock,
  type Endpoint,
  type EndpointBody,
  type EndpointName,
  type EndpointParams,
  type EndpointQuery,
  type EndpointResponse,
} from '@ccr-kit/protocol-types';
import type { z } from 'zod';
import type { Faults } from '../faults';
import type { Journal } from '../journal';
import { HttpError, errorBody } from './errors';
import { readJsonBody, sendJson } from './io';

/** What a route handler receives: validated params, query and body. */
export interface RouteInput<N extends EndpointName> {
  readonly params: EndpointParams<N>;
  readonly query: EndpointQuery<N>;
  readonly body: EndpointBody<N>;
  readonly request: IncomingMessage;
}

/** What a route handler answers; `status` defaults to 200. */
export interface RouteReply<N extends EndpointName> {
  readonly status?: number | undefined;
  readonly body: EndpointResponse<N>;
}

/** Serves one endpoint; failures are thrown as {@link HttpError}. */
export type RouteHandler<N extends EndpointName> = (input: RouteInput<N>) => Promise<RouteReply<N>> | RouteReply<N>;

/** A handler per contract endpoint; endpoints without one answer 501. */
export type RouteHandlers = { readonly [N in EndpointName]?: RouteHandler<N> };

interface Route {
  readonly name: EndpointName;
  readonly endpoint: Endpoint;
  readonly handler: RouteHandler<EndpointName> | undefined;
  readonly literals: number;
}

/** What the router needs from the server. */
export interface RouterOptions {
  readonly journal: Journal;
  readonly clock: Clock;
  readonly maxBodyBytes: number;
  readonly faultsFor: (sessionId: string | undefined) => Faults;
}

function issuesMessage(where: string, issues: readonly z.core.$ZodIssue[]): { message: string; issues: { path: string; message: string }[] } {
  const list = issues.map((i) => ({ path: `${where}${jsonPath(i.path).slice(1)}`, message: i.message }));
  const first = list[0];
  const more = list.length > 1 ? ` (and ${list.length - 1} more: ${list.slice(1, 4).map((i) => i.path).join(', ')})` : '';
  return { message: `Invalid ${where}: ${first?.path ?? where}: ${first?.message ?? 'invalid'}${more}.`, issues: list };
}

function invalid(where: string, issues: readonly z.core.$ZodIssue[]): HttpError & { issues?: unknown } {
  const { message, issues: list } = issuesMessage(where, issues);
  const error = new HttpError(400, message) as HttpError & { issues?: unknown };
  error.issues = list;
  return error;
}

/**
 * Routes REST requests to handlers, registering one route per endpoint of the contract. Every
 * request's params, query and body are validated with the endpoint's schemas before the handler
 * runs, and every answer with its response schema after (a mismatch is a server bug: 500).
 */
export class Router {
  readonly #routes: Route[] = [];
  readonly #o: RouterOptions;

  constructor(handlers: RouteHandlers, options: RouterOptions) {
    this.#o = options;
    for (const [name, endpoint] of Object.entries(contract.endpoints) as [EndpointName, Endpoint][]) {
      const handler = handlers[name] as RouteHandler<EndpointName> | undefined;
      const literals = endpoint.path.split('/').filter((s) => s !== '' && !s.startsWith('{')).length;
      this.#routes.push({ name, endpoint, handler, literals });
    }
  }

  /** Names of the endpoints that have a handler. */
  get served(): EndpointName[] {
    return this.#routes.filter((r) => r.handler !== undefined).map((r) => r.name);
  }

  /** The methods the contract serves on a path (empty when no endpoint path matches). */
  methodsFor(pathname: string): string[] {
    return [...new Set(this.#routes.filter((r) => matchPath(r.endpoint.path, pathname) !== undefined).map((r) => r.endpoint.method))].sort();
  }

  /** Serves a request; returns `false` when no endpoint path matches (the caller answers 404). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, sessionId: string | undefined): Promise<boolean> {
    const method = (req.method ?? 'GET').toUpperCase();
    let best: { route: Route; params: Record<string, string> } | undefined;
    const allowed = new Set<string>();
    for (const route of this.#routes) {
      const params = matchPath(route.endpoint.path, url.pathname);
      if (params === undefined) continue;
      allowed.add(route.endpoint.method);
      if (route.endpoint.method !== method) continue;
      if (best === undefined || route.literals > best.route.literals) best = { route, params };
    }
    if (allowed.size === 0) return false;
    const faults = this.#o.faultsFor(sessionId);
    if (best === undefined) {
      const allow = [...allowed].sort().join(', ');
      req.resume();
      sendJson(res, 405, errorBody(405, `${method} is not allowed on ${url.pathname}; use ${allow}.`), { headers: { allow } });
      return true;
    }
    const { route, params } = best;
    try {
      const reply = await this.#run(route, params, req, url);
      const checked = route.endpoint.response.safeParse(reply.body);
      if (!checked.success) {
        const { message, issues } = issuesMessage('response', checked.error.issues);
        this.#o.journal.write('error', `server bug: ${route.name} answered a body that fails its schema: ${message}`, sessionId, { issues, body: reply.body });
        sendJson(res, 500, { ...errorBody(500, `Server bug: the ${route.name} response does not match the contract. ${message}`), issues });
        return true;
      }
      sendJson(res, reply.status ?? 200, reply.body, { faults, clock: this.#o.clock });
    } catch (error) {
      if (!(error instanceof HttpError)) {
        this.#o.journal.write('error', `${route.name} failed: ${String(error)}`, sessionId, { stack: (error as Error).stack });
        sendJson(res, 500, errorBody(500, `The mock server failed while serving ${route.name}: ${String(error)}`));
        return true;
      }
      const body = errorBody(error.status, error.message, error.reason, error.details);
      const issues = (error as { issues?: unknown }).issues;
      const headers = error.status === 413 ? { ...error.headers, connection: 'close' } : error.headers;
      this.#o.journal.write('error', `${route.name}: ${error.status} ${error.message}`, sessionId);
      sendJson(res, error.status, issues === undefined ? body : { ...body, error: { ...(body.error as object), issues } }, { headers });
    }
    return true;
  }

  async #run(route: Route, rawParams: Record<string, string>, req: IncomingMessage, url: URL): Promise<RouteReply<EndpointName>> {
    const { endpoint } = route;
    const params = endpoint.params?.safeParse(rawParams);
    if (params !== undefined && !params.success) throw invalid('params', params.error.issues);
    const query = endpoint.query?.safeParse(Object.fromEntries(url.searchParams));
    if (query !== undefined && !query.success) throw invalid('query', query.error.issues);
    let body: unknown;
    if (endpoint.body !== undefined) {
      const raw = await readJsonBody(req, this.#o.maxBodyBytes);
      if (raw === undefined) throw new HttpError(400, `Invalid body: ${route.name} needs a JSON body.`);
      const parsed = endpoint.body.safeParse(raw);
      if (!parsed.success) throw invalid('body', parsed.error.issues);
      body = raw;
    } else {
      req.resume();
    }
    if (route.handler === undefined) {
      throw new HttpError(501, `${route.name} (${endpoint.method} ${endpoint.path}) is part of the protocol but not served by the mock server.`);
    }
    // Handlers get the values as sent: unknown keys kept, as the tolerant-in rule asks.
    return route.handler({
      params: (params === undefined ? undefined : rawParams) as never,
      query: (query === undefined ? undefined : Object.fromEntries(url.searchParams)),
      body: body as never,
      request: req,
    });
  }
}
