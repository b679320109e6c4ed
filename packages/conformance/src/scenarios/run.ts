import { VirtualClock } from '@ccr-kit/protocol-types';
import { createMockServer } from '@ccr-kit/mock-server';
import { NO_SETUP, type ClientAdapter, type ClientConnection, type ClientTransport } from '../adapters/types';
import { frameLabel, isRecord } from '../internal/json';
import { Waiter } from '../internal/waiter';
import type { CheckResult, SuiteResult } from '../report/model';
import type { AgentRequest } from '../replay/answers';
import { StageAgent } from './stage';
import { CheckWarning, type AnswerPolicy, type ClientUnderTest, type Scenario, type ScenarioContext } from './types';

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** @default 'websocket' */
  readonly transport?: ClientTransport | undefined;
  /** Longest single wait, in ms (a watchdog, not a protocol timer). @default 10000 */
  readonly stepTimeoutMs?: number | undefined;
}

class Client implements ClientUnderTest {
  readonly frames: unknown[] = [];
  readonly asked: AgentRequest[] = [];
  readonly unknown: { frame: unknown; reason: string }[] = [];
  readonly errors: Error[] = [];
  connection!: ClientConnection;

  constructor(
    readonly waiter: Waiter,
    readonly timeoutMs: number,
    readonly policies: { current: AnswerPolicy | undefined },
  ) {}

  instruct(policy: AnswerPolicy): void {
    this.policies.current = policy;
  }

  async answer(request: AgentRequest, signal: AbortSignal): Promise<Record<string, unknown>> {
    this.asked.push(request);
    this.waiter.notify();
    // Scenarios wait on what their policies observe of the signal; re-check once those listeners ran.
    signal.addEventListener('abort', () => queueMicrotask(() => this.waiter.notify()), { once: true });
    const policy = this.policies.current;
    if (policy !== undefined) return policy(request, signal);
    return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('withdrawn')), { once: true }));
  }

  frame(what: string, predicate: (frame: Record<string, unknown>) => boolean, from = 0): Promise<Record<string, unknown>> {
    return this.waiter.until(
      () => this.frames.slice(from).find((f): f is Record<string, unknown> => isRecord(f) && predicate(f)),
      this.timeoutMs,
      () => `the client never handed over ${what}; it surfaced: ${this.frames.map((f) => (isRecord(f) ? frameLabel(f) : typeof f)).join(', ') || 'nothing'}`,
    );
  }

  request(subtype: string, count = 1): Promise<AgentRequest> {
    return this.waiter.until(
      () => this.asked.filter((a) => a.subtype === subtype)[count - 1],
      this.timeoutMs,
      () => `the client's handler was asked ${this.asked.filter((a) => a.subtype === subtype).length} ${subtype} request(s), expected ${count}`,
    );
  }
}

/**
 * Runs one scenario against a client: a fresh mock server with the scenario's stage agent and one
 * session; the scenario connects the client and records its checks.
 */
export async function runScenario(scenario: Scenario, adapter: ClientAdapter, options: RunScenarioOptions = {}): Promise<SuiteResult> {
  const transport = options.transport ?? 'websocket';
  const timeoutMs = options.stepTimeoutMs ?? 10_000;
  const started = performance.now();
  const checks: CheckResult[] = [];
  const suite = (): SuiteResult => ({ id: scenario.id, title: scenario.title, client: `${adapter.name}/${transport}`, section: scenario.section, durationMs: performance.now() - started, checks });
  if (!adapter.transports.includes(transport)) {
    checks.push({ id: 'transport', title: `runs over ${transport}`, status: 'skip', message: `the ${adapter.name} client does not support ${transport}` });
    return suite();
  }
  const waiter = new Waiter();
  const stage = new StageAgent(waiter, timeoutMs);
  const server = await createMockServer({ agent: stage, onJournal: () => waiter.notify(), ...(scenario.needs?.virtualClock === true ? { clock: new VirtualClock() } : {}) });
  let client: Client | undefined;
  let broken: string | undefined;
  const policies: { current: AnswerPolicy | undefined } = { current: undefined };
  try {
    const session = await server.admin.createSession({ surface: transport === 'sse' ? 'v2' : 'v1' });
    const ctx: ScenarioContext = {
      stage,
      server,
      sessionId: session.id,
      transport,
      timeoutMs,
      instruct(policy) {
        policies.current = policy;
      },
      async connect(setup = NO_SETUP) {
        if (client !== undefined) return client;
        const fresh = new Client(waiter, timeoutMs, policies);
        fresh.connection = await adapter.connect({ baseUrl: server.url, wsUrl: server.wsUrl, sessionId: session.id, transport }, setup, {
          onFrame: (frame) => {
            fresh.frames.push(frame);
            waiter.notify();
          },
          onUnknownFrame: (frame, reason) => fresh.unknown.push({ frame, reason }),
          onError: (error) => fresh.errors.push(error),
          answer: (request, signal) => fresh.answer(request, signal),
        });
        client = fresh;
        return fresh;
      },
      async check(id, title, body) {
        if (broken !== undefined) {
          checks.push({ id, title, status: 'skip', message: `skipped: ${broken}` });
          return false;
        }
        try {
          await body();
          checks.push({ id, title, status: 'pass' });
          return true;
        } catch (error) {
          if (error instanceof CheckWarning) {
            checks.push({ id, title, status: 'warn', message: error.message });
            return true;
          }
          checks.push({ id, title, status: 'fail', message: (error as Error).message });
          broken = `the earlier check ${id} failed`;
          return false;
        }
      },
      subscriptions() {
        return server.admin.journal({ sessionId: session.id, kind: 'connection' }).filter((e) => / subscribed/.test(e.message)).length;
      },
      until(what, check) {
        return waiter.until(check, timeoutMs, () => what);
      },
    };
    await scenario.run(ctx);
  } catch (error) {
    checks.push({ id: 'scenario', title: 'runs to its end', status: 'fail', message: (error as Error).message });
  } finally {
    await client?.connection.close().catch(() => undefined);
    await server.close();
  }
  return suite();
}
