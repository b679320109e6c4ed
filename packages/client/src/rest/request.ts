import {
  ProtocolError,
  buildPath,
  contract,
  realClock,
  toProtocolIssues,
  type Clock,
  type Endpoint,
  type EndpointBody,
  type EndpointName,
  type EndpointParams,
  type EndpointQuery,
  type EndpointResponse,
} from '@ccr-kit/protocol-types';
import { ClientError, HttpError } from '../errors';
import { backoffDelay } from '../internal/backoff';
import { sleep } from '../session/timers';

type Field<K extends string, T> = [T] extends [undefined] ? { [P in K]?: undefined } : { [P in K]: T };

/** The input of a request to endpoint `N`: typed path params, query and body, as the contract declares them. */
export type RequestInput<N extends EndpointName> = Field<'params', EndpointParams<N>> &
  Field<'body', EndpointBody<N>> & {
    query?: EndpointQuery<N> | undefined;
    signal?: AbortSignal | undefined;
    headers?: Record<string, string> | undefined;
    /** Overrides {@link RequestOptions.timeout} for this call, in ms. */
    timeout?: number | undefined;
  };

/** Calls one contract endpoint and resolves with its validated response. */
export type RequestFunction = <N extends EndpointName>(name: N, input: RequestInput<N>) => Promise<EndpointResponse<N>>;

/** Options of {@link createRequest}. */
export interface RequestOptions {
  baseUrl: string;
  /** Headers for every request (auth, version, …); called per request so credentials can change. */
  headers: () => Record<string, string>;
  fetch?: typeof fetch | undefined;
  clock?: Clock | undefined;
  /** Retries of a 408, 429, 5xx or network failure, for requests safe to repeat. @default 2 */
  retries?: number | undefined;
  /**
   * How long one attempt may take, from sending the request to reading the whole answer, in ms;
   * then it is aborted and fails with `TIMEOUT` (retried like a network failure when safe). 0 disables.
   * @default 60000
   */
  timeout?: number | undefined;
}

/** Default of {@link RequestOptions.timeout}: 60 s. */
export const DEFAULT_REQUEST_TIMEOUT = 60_000;

/** Endpoints that must not be repeated blindly: a retry could create a second session. */
const NOT_RETRIED = new Set<string>(['createSession', 'createCodeSession', 'bridge', 'registerWorker']);
const TRANSIENT = new Set([408, 429, 500, 502, 503, 504, 529]);

function issuesText(error: { issues: Parameters<typeof toProtocolIssues>[0] }, where: string): string {
  return toProtocolIssues(error.issues)
    .slice(0, 3)
    .map((i) => `${where}${i.path.slice(1)}: ${i.message}`)
    .join('; ');
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function retryAfterMs(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? Math.min(seconds * 1000, 60_000) : undefined;
}

/**
 * Makes the one generic request function every REST call goes through: it looks the endpoint up
 * in the protocol-types `contract`, validates path params, query and body with its schemas,
 * builds the URL, sends it, retries transient failures, and validates the response.
 */
export function createRequest(options: RequestOptions): RequestFunction {
  const clock = options.clock ?? realClock;
  const retries = options.retries ?? 2;
  const endpoints = contract.endpoints as Record<string, Endpoint>;

  return async function request(name, input) {
    const endpoint = endpoints[name];
    if (!endpoint) throw new ClientError('INVALID_ARGUMENT', `Unknown endpoint ${String(name)}; see contract.endpoints for the names.`);
    const label = `${name} (${endpoint.method} ${endpoint.path})`;
    const raw = input as { params?: unknown; query?: unknown; body?: unknown; signal?: AbortSignal; headers?: Record<string, string>; timeout?: number };
    const timeout = raw.timeout ?? options.timeout ?? DEFAULT_REQUEST_TIMEOUT;
    let path = endpoint.path;
    if (endpoint.params) {
      const checked = endpoint.params.safeParse(raw.params ?? {});
      if (!checked.success) throw new ClientError('INVALID_ARGUMENT', `${label}: bad path parameters: ${issuesText(checked.error, 'params')}.`);
      path = buildPath(endpoint.path, checked.data as Record<string, string>);
    }
    let url = `${options.baseUrl}${path}`;
    if (raw.query !== undefined && endpoint.query) {
      const checked = endpoint.query.safeParse(raw.query);
      if (!checked.success) throw new ClientError('INVALID_ARGUMENT', `${label}: bad query: ${issuesText(checked.error, 'query')}.`);
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(raw.query as Record<string, unknown>)) if (value !== undefined) search.set(key, String(value));
      const qs = search.toString();
      if (qs) url += `?${qs}`;
    }
    let body: string | undefined;
    if (endpoint.body) {
      const checked = endpoint.body.safeParse(raw.body);
      if (!checked.success) throw new ClientError('INVALID_ARGUMENT', `${label}: the request body does not match the contract: ${issuesText(checked.error, 'body')}.`);
      body = JSON.stringify(raw.body);
    }
    const headers: Record<string, string> = { ...options.headers(), ...raw.headers };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const doFetch = options.fetch ?? globalThis.fetch;
    const maxAttempts = endpoint.method === 'GET' || !NOT_RETRIED.has(name) ? retries + 1 : 1;

    for (let attempt = 1; ; attempt++) {
      const deadline = attemptDeadline(clock, timeout, raw.signal);
      try {
        let response: Response;
        try {
          response = await doFetch(url, { method: endpoint.method, headers, body: body ?? null, signal: deadline.signal });
        } catch (error) {
          if (raw.signal?.aborted) throw new ClientError('ABORTED', `${label} was aborted.`, { cause: error });
          if (attempt < maxAttempts) {
            await sleep(clock, backoffDelay(attempt, { initialDelay: 500, maxDelay: 8000 })).done;
            continue;
          }
          if (deadline.timedOut) throw timeoutError(label, timeout, error);
          throw new ClientError('CONNECTION_CLOSED', `${label} could not reach ${url}: ${(error as Error).message}; check the base URL and network.`, { cause: error });
        }
        if (!response.ok) {
          const errorBody = await readBody(response).catch(() => undefined);
          if (deadline.timedOut) throw timeoutError(label, timeout, undefined);
          if (TRANSIENT.has(response.status) && attempt < maxAttempts) {
            await sleep(clock, retryAfterMs(response) ?? backoffDelay(attempt, { initialDelay: 500, maxDelay: 8000 })).done;
            continue;
          }
          throw new HttpError({
            status: response.status,
            method: endpoint.method,
            url,
            body: errorBody,
            requestId: response.headers.get('request-id') ?? response.headers.get('x-request-id') ?? undefined,
          });
        }
        let json: unknown;
        try {
          json = (await readBody(response)) ?? {};
        } catch (error) {
          if (raw.signal?.aborted) throw new ClientError('ABORTED', `${label} was aborted.`, { cause: error });
          if (deadline.timedOut) throw timeoutError(label, timeout, error);
          throw new ClientError('CONNECTION_CLOSED', `${label}: the answer from ${url} was cut off: ${(error as Error).message}.`, { cause: error });
        }
        const checked = endpoint.response.safeParse(json);
        if (!checked.success) {
          throw new ProtocolError(
            `${label} answered with a body that does not match the contract (${issuesText(checked.error, '$')}); the server may be newer than this client.`,
            toProtocolIssues(checked.error.issues),
          );
        }
        return json as never;
      } finally {
        deadline.clear();
      }
    }
  };
}

function timeoutError(label: string, timeout: number, cause: unknown): ClientError {
  return new ClientError('TIMEOUT', `${label} got no complete answer within ${timeout} ms; the request was aborted. Raise requestTimeout if the server is slow.`, { cause });
}

/** An abort signal for one attempt: aborts on the caller's signal or when `timeout` ms pass on the clock. */
function attemptDeadline(clock: Clock, timeout: number, outer: AbortSignal | undefined): { signal: AbortSignal; readonly timedOut: boolean; clear(): void } {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) controller.abort(outer.reason);
  else outer?.addEventListener('abort', onAbort, { once: true });
  const handle =
    timeout > 0 && Number.isFinite(timeout)
      ? clock.setTimeout(() => {
          timedOut = true;
          controller.abort(new ClientError('TIMEOUT', `No answer within ${timeout} ms.`));
        }, timeout)
      : undefined;
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut;
    },
    clear() {
      if (handle !== undefined) clock.clearTimeout(handle);
      outer?.removeEventListener('abort', onAbort);
    },
  };
}
