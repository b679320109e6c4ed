import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { listTurns } from '../scenario/match';
import { parseScenario } from '../scenario/parse';
import { isErrorResponse, type Scenario, type ScenarioTurn } from '../scenario/schema';
import { sleep, systemClock, type FakeModelClock } from './clock';
import { ConversationPlayer, viewRequest } from './conversation';
import { looksDenied, type ToolResultView } from './denial';
import { countTokensBody, DEFAULT_MODELS, getModelBody, isModelProbe, listModelsBody, probeMessageBody } from './endpoints';
import { defaultErrorType, errorBody } from './errors';
import { createIdSource } from './ids';
import { headerRecord, isRecord, readBody, sessionKey } from './request';
import { encodeSseEvent, planMessage } from './stream';

/** How the fake model answered a request. */
export type FakeModelAnswer =
  | 'stream'
  | 'message'
  | 'error'
  | 'mid_stream_error'
  | 'no_script'
  | 'endpoint'
  | 'probe'
  | 'bad_request'
  | 'not_found';

/** Which scripted answer a Messages request got. */
export interface ServedAnswer {
  readonly scenario: string;
  readonly turnIndex: number;
  /** Index in the list being played: the turn's responses, or a deny branch (see `path`). */
  readonly responseIndex: number;
  /** JSON path of the answer in its scenario, e.g. `$.turns[0].responses[0].blocks[1].onDeny[0]`. */
  readonly path: string;
}

/** One request the fake model received, with what it answered. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/v1/messages?beta=true`. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The JSON body, or `undefined` when there was none (or it was not JSON). */
  readonly body: unknown;
  /** `clock.now()` when the request arrived. */
  readonly receivedAt: number;
  readonly status: number;
  readonly answer: FakeModelAnswer;
  /** Which scripted answer was served (Messages requests only). */
  readonly served?: ServedAnswer | undefined;
}

/** Options of {@link createFakeModelServer}. */
export interface FakeModelServerOptions {
  /** Scenarios to play; their turns are matched in order unless a URL from `urlFor` picks one. */
  scenarios: readonly Scenario[];
  /** @default '127.0.0.1' */
  host?: string | undefined;
  /** @default 0 (any free port) */
  port?: number | undefined;
  /** Time source for scripted delays. @default systemClock */
  clock?: FakeModelClock | undefined;
  /** Seed of the deterministic `msg_`/`toolu_`/`req_` ids. @default 1 */
  seed?: number | undefined;
  /** Model ids listed by `GET /v1/models`. */
  models?: readonly string[] | undefined;
  /**
   * Whether an `is_error` tool_result counts as a permission denial, which plays the call's
   * `onDeny` branch. @default looksDenied (canned denial texts and free-form messages are denials;
   * the CLI's tool-error shapes such as "Exit code 1" are failures)
   */
  isDenied?: ((result: ToolResultView) => boolean) | undefined;
  /**
   * The turn to play for a prompt no scenario turn matches (e.g. a list of the prompts it knows).
   * Without it such a prompt gets a 400 that names it.
   */
  fallback?: ((prompt: string) => ScenarioTurn) | undefined;
}

/** A running fake Anthropic Messages API. */
export interface FakeModelServer {
  /** Base URL to use as `ANTHROPIC_BASE_URL`, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Every request received so far, oldest first. */
  readonly requests: readonly RecordedRequest[];
  /** A base URL that plays only the named scenario (`<url>/scenarios/<name>`). */
  urlFor(scenarioName: string): string;
  /** Ends open streams, closes every connection and stops listening. */
  close(): Promise<void>;
}

const SCENARIO_PREFIX = /^\/scenarios\/([^/?]+)(?=\/|\?|$)/;

/**
 * Starts a fake Anthropic Messages API that answers from scenarios: `POST /v1/messages` (SSE or
 * JSON), scripted HTTP errors and mid-stream `error` events, plus `count_tokens`, `models` and the
 * `HEAD /` probe the CLI sends.
 * @throws {ScenarioError} when a scenario is invalid, or an Error when two share a name.
 */
export async function createFakeModelServer(options: FakeModelServerOptions): Promise<FakeModelServer> {
  const scenarios = options.scenarios.map((s, i) => parseScenario(s, `scenarios[${i}] ("${s.name}")`));
  const byName = new Map<string, Scenario>();
  for (const s of scenarios) {
    if (byName.has(s.name)) throw new Error(`Two scenarios are named "${s.name}"; give each a unique name.`);
    byName.set(s.name, s);
  }
  const clock = options.clock ?? systemClock;
  const ids = createIdSource(options.seed ?? 1);
  const models = options.models ?? DEFAULT_MODELS;
  const requests: RecordedRequest[] = [];
  const players = new Map<string, ConversationPlayer>();
  const streams = new Set<AbortController>();

  function playerFor(scenarioName: string | undefined, session: string): ConversationPlayer {
    const key = `${scenarioName ?? '*'}\u0000${session}`;
    let player = players.get(key);
    if (player === undefined) {
      const picked = scenarioName === undefined ? scenarios : [byName.get(scenarioName)!];
      const label =
        scenarioName === undefined ? `the ${scenarios.length} scenario(s)` : `scenario "${scenarioName}"`;
      player = new ConversationPlayer(listTurns(picked), label, options.isDenied ?? looksDenied, options.fallback);
      players.set(key, player);
    }
    return player;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const receivedAt = clock.now();
    const headers = headerRecord(request);
    const method = request.method ?? 'GET';
    const rawPath = request.url ?? '/';
    const text = await readBody(request);
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    const requestId = ids.next('req');
    const record = (status: number, answer: FakeModelAnswer, served?: RecordedRequest['served']): void => {
      requests.push({ method, path: rawPath, headers, body, receivedAt, status, answer, served });
    };
    const json = (status: number, payload: unknown, extra: Record<string, string> = {}): void => {
      response.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId, ...extra });
      response.end(JSON.stringify(payload));
    };
    const fail = (status: number, answer: FakeModelAnswer, message: string): void => {
      record(status, answer);
      json(status, errorBody(defaultErrorType(status), `fake model: ${message}`, requestId));
    };

    let path = rawPath.split('?')[0] ?? '/';
    let scenarioName: string | undefined;
    const prefix = SCENARIO_PREFIX.exec(path);
    if (prefix) {
      scenarioName = decodeURIComponent(prefix[1]!);
      path = path.slice(prefix[0].length) || '/';
      if (!byName.has(scenarioName)) {
        fail(
          404,
          'not_found',
          `no scenario is named "${scenarioName}"; known: ${[...byName.keys()].join(', ')}`,
        );
        return;
      }
    }

    if ((method === 'HEAD' || method === 'GET') && path === '/') {
      record(200, 'endpoint');
      response.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId });
      response.end(method === 'HEAD' ? undefined : '{}');
      return;
    }
    if (method === 'GET' && path === '/v1/models') {
      record(200, 'endpoint');
      json(200, listModelsBody(models));
      return;
    }
    if (method === 'GET' && path.startsWith('/v1/models/')) {
      record(200, 'endpoint');
      json(200, getModelBody(decodeURIComponent(path.slice('/v1/models/'.length))));
      return;
    }
    const isMessages = method === 'POST' && path === '/v1/messages';
    const isCount = method === 'POST' && path === '/v1/messages/count_tokens';
    if (!isMessages && !isCount) {
      fail(
        404,
        'not_found',
        `no route for ${method} ${path}; the fake model serves POST /v1/messages, POST /v1/messages/count_tokens and GET /v1/models`,
      );
      return;
    }
    if (!isRecord(body) || !Array.isArray(body.messages)) {
      fail(400, 'bad_request', `${path} needs a JSON object body with a "messages" array`);
      return;
    }
    if (isCount) {
      record(200, 'endpoint');
      json(200, countTokensBody(body));
      return;
    }

    if (isModelProbe(body)) {
      record(200, 'probe');
      json(200, probeMessageBody(body, requestId));
      return;
    }
    const selection = playerFor(scenarioName, sessionKey(headers, body)).next(viewRequest(body));
    if (selection.kind === 'no_script') {
      fail(400, 'no_script', selection.reason);
      return;
    }
    const served: ServedAnswer = {
      scenario: selection.turn.scenario.name,
      turnIndex: selection.turn.turnIndex,
      responseIndex: selection.responseIndex,
      path: selection.path,
    };
    const controller = new AbortController();
    streams.add(controller);
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    try {
      const answer = selection.response;
      if (isErrorResponse(answer)) {
        const { status, type, message, retryAfter, delayMs } = answer.error;
        record(status, 'error', served);
        if (!(await sleep(clock, delayMs ?? 0, controller.signal))) return;
        const extra: Record<string, string> =
          retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
        json(status, errorBody(type ?? defaultErrorType(status), message, requestId), extra);
        return;
      }
      const planned = planMessage(answer, {
        ids,
        requestModel: typeof body.model === 'string' ? body.model : 'claude-fake',
      });
      const failure = answer.midStreamError;
      if (body.stream !== true) {
        if (failure !== undefined) {
          record(500, 'error', served);
          json(500, errorBody(failure.type ?? 'overloaded_error', failure.message, requestId));
          return;
        }
        record(200, 'message', served);
        if (!(await sleep(clock, answer.delayMs ?? 0, controller.signal))) return;
        json(200, planned.message);
        return;
      }
      record(200, failure === undefined ? 'stream' : 'mid_stream_error', served);
      if (!(await sleep(clock, answer.delayMs ?? 0, controller.signal))) return;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'request-id': requestId,
      });
      for (const step of planned.steps) {
        if (!(await sleep(clock, step.delayMs, controller.signal))) return;
        if (!response.write(encodeSseEvent(step))) {
          await new Promise<void>((resolve) => {
            const done = (): void => {
              response.off('drain', done);
              controller.signal.removeEventListener('abort', done);
              resolve();
            };
            response.once('drain', done);
            controller.signal.addEventListener('abort', done, { once: true });
          });
        }
      }
      response.end();
    } finally {
      streams.delete(controller);
    }
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(
            errorBody('api_error', `fake model: internal failure (${String(error)})`, 'req_internal'),
          ),
        );
      } else {
        response.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    requests,
    urlFor: (name) => `${url}/scenarios/${encodeURIComponent(name)}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const controller of streams) controller.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
