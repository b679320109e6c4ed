import { basename } from 'node:path';
import { UnsupportedControlError, type ClientAdapter, type ClientConnection, type ClientTransport } from '../adapters/types';
import { frameLabel, isRecord, type JsonObject } from '../internal/json';
import { Waiter } from '../internal/waiter';
import type { CheckResult, SuiteResult } from '../report/model';
import { AnswerBook } from './answers';
import { replayChecks } from './checks';
import { Observer } from './observer';
import { replayScript, type AgentStep, type ClientStep } from './script';
import { startReplayServer, type ReplayServer } from './server';

/** Options of {@link replayTape}. */
export interface ReplayOptions {
  /** @default 'websocket' */
  readonly transport?: ClientTransport | undefined;
  /** Longest wait for the client's next move, in ms (a watchdog, not a protocol timer). @default 10000 */
  readonly stepTimeoutMs?: number | undefined;
  /** Name of the tape in messages and the suite id. @default '<tape>' */
  readonly source?: string | undefined;
  /** What the tape exercises (the suite title). */
  readonly note?: string | undefined;
  /** The PROTOCOL.md section the tape exercises first. */
  readonly section?: string | undefined;
}

/** The suite id of a tape: `tape:<file name without .tape.ndjson>`. */
export function tapeSuiteId(source: string): string {
  const name = basename(source).replace(/\.(tape\.)?ndjson$/, '');
  // A corpus flow is recorded once per CLI version: the version folder keeps the ids apart.
  const version = /(?:^|[\\/])(cli-\d+\.\d+\.\d+)[\\/][^\\/]+$/.exec(source)?.[1];
  return `tape:${version === undefined ? '' : `${version}/`}${name}`;
}

function payloadOf(frame: JsonObject): { subtype: string; payload: JsonObject } {
  const { subtype, ...payload } = isRecord(frame.request) ? frame.request : {};
  return { subtype: String(subtype), payload };
}

interface Drive {
  readonly server: ReplayServer;
  readonly observer: Observer;
  readonly waiter: Waiter;
  readonly timeoutMs: number;
  /** Set when the client cannot send a control request the tape needs: the replay stops. */
  unsupported: UnsupportedControlError | undefined;
}

async function perform(step: ClientStep, connection: ClientConnection, drive: Drive): Promise<void> {
  switch (step.action) {
    case 'user': {
      const parent = step.frame.parent_tool_use_id;
      await connection.sendUser(isRecord(step.frame.message) ? step.frame.message : {}, typeof parent === 'string' ? parent : null);
      return;
    }
    case 'control': {
      const { subtype, payload } = payloadOf(step.frame);
      // Not awaited: an interrupt is answered only after the frames that follow it on the tape.
      connection.control(subtype, payload).catch((error: unknown) => {
        if (error instanceof UnsupportedControlError) drive.unsupported = error;
        drive.waiter.notify();
      });
      return;
    }
    default:
      // Answers come from the adapter's handlers; other client frames have no client API to trigger.
      return;
  }
}

/** Walks the script: before each client action, waits until the client has seen what preceded it on the tape. */
async function play(script: ReturnType<typeof replayScript>, connection: ClientConnection, drive: Drive): Promise<string | undefined> {
  const before: AgentStep[] = [];
  try {
    for (const step of script.steps) {
      if (step.side === 'agent') {
        before.push(step);
        continue;
      }
      if (step.action === 'answer') continue;
      const prior = [...before];
      await drive.waiter.until(() => drive.unsupported !== undefined || drive.observer.reached(prior), drive.timeoutMs, () => `waiting to send ${frameLabel(step.frame)} (tape line ${step.line}); next expected ${drive.observer.nextMissing() ?? 'request'}; last seen: ${drive.observer.recent()}`);
      if (drive.unsupported !== undefined) throw drive.unsupported;
      await perform(step, connection, drive);
    }
    await drive.waiter.until(() => drive.unsupported !== undefined || (drive.observer.complete() && drive.server.finished()), drive.timeoutMs, () => `waiting for the end of the tape; next expected ${drive.observer.nextMissing() ?? 'a request'}; last seen: ${drive.observer.recent()}`);
    if (drive.unsupported !== undefined) throw drive.unsupported;
    return undefined;
  } catch (error) {
    if (error instanceof UnsupportedControlError) throw error;
    return (error as Error).message;
  }
}

function skipped(reason: string): CheckResult[] {
  return ['initialize', 'parse', 'frames', 'requests', 'client-frames', 'complete'].map((id) => ({ id, title: id, status: 'skip', message: reason }));
}

/**
 * Replays a tape against a client: a mock server plays the tape's agent side, the client under
 * test connects, sends the recorded prompts and control requests when the tape did, and answers the
 * agent's requests as the recorded host did. Returns one suite with checks `initialize`, `parse`,
 * `frames`, `requests`, `client-frames` and `complete`.
 * @throws {ReplayScriptError} when the tape cannot be replayed at all.
 */
export async function replayTape(tape: string, adapter: ClientAdapter, options: ReplayOptions = {}): Promise<SuiteResult> {
  const source = options.source ?? '<tape>';
  const transport = options.transport ?? 'websocket';
  const script = replayScript(tape, source);
  const started = performance.now();
  const suite = (checks: CheckResult[]): SuiteResult => ({
    id: tapeSuiteId(source),
    title: options.note ?? `replay of ${source}`,
    client: `${adapter.name}/${transport}`,
    section: options.section,
    durationMs: performance.now() - started,
    checks,
  });
  if (!adapter.transports.includes(transport)) return suite(skipped(`the ${adapter.name} client does not support ${transport}`));
  const waiter = new Waiter();
  const observer = new Observer(script.steps.filter((s): s is AgentStep => s.side === 'agent'));
  const answers = new AnswerBook(script.steps);
  const server = await startReplayServer(tape, source, transport, () => waiter.notify());
  const timeoutMs = options.stepTimeoutMs ?? 10_000;
  let connection: ClientConnection | undefined;
  try {
    try {
      connection = await adapter.connect(server.target, script.setup, {
        onFrame: (frame) => {
          observer.frame(frame);
          waiter.notify();
        },
        onUnknownFrame: (frame, reason) => observer.unknown.push({ frame, reason }),
        onError: (error) => observer.errors.push(error),
        answer: (request, signal) => {
          observer.asked.push(request);
          waiter.notify();
          return answers.answer(request, signal);
        },
      });
    } catch (error) {
      return suite([{ id: 'connect', title: 'connects to the session', status: 'fail', message: (error as Error).message }]);
    }
    let stopped: string | undefined;
    try {
      stopped = await play(script, connection, { server, observer, waiter, timeoutMs, unsupported: undefined });
    } catch (error) {
      return suite(skipped((error as Error).message));
    }
    return suite(
      replayChecks({
        script,
        observer,
        answers,
        delivered: server.delivered,
        initializes: server.initializes,
        agentJournal: server.agentJournal(),
        finished: server.finished(),
        stopped,
      }),
    );
  } finally {
    await connection?.close().catch(() => undefined);
    await server.close();
  }
}
