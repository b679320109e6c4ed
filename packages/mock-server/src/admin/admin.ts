import { VirtualClock, type Clock, type SessionState } from '@ccr-kit/protocol-types';
import type { FaultRegistry, Faults } from '../faults';
import type { Hub, SubscriberInfo } from '../hub';
import type { IdFactory } from '../internal/ids';
import { journalData, type Journal, type JournalEntry, type JournalQuery } from '../journal';
import { checkClientFrame } from '../store/client-frame';
import type { Session, SessionSurface } from '../store/session';
import type { SessionStore } from '../store/session-store';
import type { WorkerInfo, WorkerRegistry } from '../worker/worker-link';
import { DEFAULT_QUESTIONS, resultFrame, toolPromptFrames, type EndTurnOptions, type PermissionFlowOptions, type QuestionSpec } from './flows';

/** A session as the admin API lists it. */
export interface AdminSessionInfo {
  readonly id: string;
  readonly surface: SessionSurface;
  readonly title: string;
  readonly status: string;
  readonly state: SessionState;
  readonly agent: string | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Sequence numbers of the oldest kept and the newest event (0 when empty). */
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly subscribers: SubscriberInfo[];
  readonly pending: { requestId: string; subtype: string; toolUseId: string | undefined }[];
  /** The external worker registration, once a worker called `/bridge` on the session. */
  readonly worker?: WorkerInfo | undefined;
}

/** What an injected frame became. */
export interface InjectResult {
  /** Sequence number when it was stored (ephemeral frames have none). */
  readonly sequenceNum: number | undefined;
  readonly uuid: string | undefined;
}

/** A prompt the admin API opened. */
export interface FlowResult {
  readonly requestId?: string | undefined;
  readonly toolUseId?: string | undefined;
  readonly sequenceNum?: number | undefined;
}

/** What the admin needs from the server. */
export interface AdminDeps {
  readonly store: SessionStore;
  readonly hub: Hub;
  readonly clock: Clock;
  readonly ids: IdFactory;
  readonly journal: Journal;
  readonly faults: FaultRegistry;
  readonly workers?: WorkerRegistry | undefined;
}

/**
 * Controls the server from a test or tool: list sessions and subscribers, inject frames, open
 * prompts, end turns, move the virtual clock, set faults and read the journal. The same calls are
 * served over HTTP under `/__admin/`.
 */
export class MockAdmin {
  readonly #d: AdminDeps;

  constructor(deps: AdminDeps) {
    this.#d = deps;
  }

  #session(id: string): Session {
    const session = this.#d.store.get(id);
    if (session === undefined) throw new AdminError(404, `Session ${id} does not exist on this server.`);
    return session;
  }

  #info(session: Session): AdminSessionInfo {
    return {
      id: session.id,
      surface: session.surface,
      title: session.title,
      status: session.status,
      state: session.state,
      agent: session.agentName,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
      firstSeq: session.log.size === 0 ? 0 : session.log.firstSeq,
      lastSeq: session.log.lastSeq,
      subscribers: this.#d.hub.list(session.id),
      pending: session.prompts().map((p) => ({ requestId: p.requestId, subtype: p.subtype, toolUseId: p.toolUseId })),
      worker: this.#workerInfo(session.id),
    };
  }

  #workerInfo(sessionId: string): WorkerInfo | undefined {
    const link = this.#d.workers?.get(sessionId);
    return link === undefined || link.epoch === 0 ? undefined : link.info;
  }

  /** Every session, newest first. */
  sessions(): AdminSessionInfo[] {
    return this.#d.store.list().map((s) => this.#info(s));
  }

  /** One session. @throws {AdminError} 404 when unknown. */
  session(id: string): AdminSessionInfo {
    return this.#info(this.#session(id));
  }

  /** Creates a session (v1 by default) with its agent attached. */
  async createSession(options: { surface?: SessionSurface | undefined; title?: string | undefined; model?: string | undefined; cwd?: string | undefined; permissionMode?: string | undefined } = {}): Promise<AdminSessionInfo> {
    const session = await this.#d.store.create({
      surface: options.surface ?? 'v1',
      title: options.title,
      context: { ...(options.model === undefined ? {} : { model: options.model }), ...(options.cwd === undefined ? {} : { cwd: options.cwd }) },
      settings: { model: options.model, cwd: options.cwd, permissionMode: options.permissionMode, title: options.title },
    });
    return this.#info(session);
  }

  /** Subscribers of one session, or of all. */
  subscribers(sessionId?: string): SubscriberInfo[] {
    return this.#d.hub.list(sessionId);
  }

  /**
   * Injects a frame as if the agent (default) or a client had sent it.
   * @throws {AdminError} 400 when a client frame is invalid, 404 for an unknown session.
   */
  async inject(sessionId: string, frame: Record<string, unknown>, options: { as?: 'agent' | 'client' | undefined } = {}): Promise<InjectResult> {
    const session = this.#session(sessionId);
    this.#d.journal.write('frame.in', `admin injects a ${String(frame.type)} frame as ${options.as ?? 'agent'}`, sessionId, journalData(frame));
    if (options.as === 'client') {
      const checked = checkClientFrame(frame, '$.frame');
      if (!checked.ok) throw new AdminError(400, `Invalid frame: ${checked.path}: ${checked.message}.`);
      const outcome = await session.receiveFromClient(checked.frame);
      return outcome.kind === 'ignored' ? { sequenceNum: undefined, uuid: undefined } : { sequenceNum: outcome.event?.seq, uuid: outcome.event?.id };
    }
    if (typeof frame.type !== 'string') throw new AdminError(400, 'Invalid frame: $.frame.type: a frame needs a string "type".');
    const event = session.emitFromAgent(frame);
    return { sequenceNum: event?.seq, uuid: event?.id ?? (typeof frame.uuid === 'string' ? frame.uuid : undefined) };
  }

  /** Opens a permission prompt now (assistant tool_use + `can_use_tool`); it stays open until answered. */
  askPermission(sessionId: string, options: PermissionFlowOptions = {}): FlowResult {
    const session = this.#session(sessionId);
    const { frames, requestId, toolUseId } = toolPromptFrames(
      this.#d.ids,
      options.toolName ?? 'Bash',
      options.input ?? { command: 'ls -la', description: 'List files' },
      options.description,
    );
    let seq: number | undefined;
    for (const frame of frames) seq = session.emitFromAgent(frame)?.seq;
    return { requestId, toolUseId, sequenceNum: seq };
  }

  /** Asks the client an AskUserQuestion now. */
  askQuestion(sessionId: string, options: { questions?: readonly QuestionSpec[] | undefined } = {}): FlowResult {
    const questions = options.questions ?? DEFAULT_QUESTIONS;
    return this.askPermission(sessionId, { toolName: 'AskUserQuestion', input: { questions }, description: 'Asks the user a question.' });
  }

  /** Ends the current turn now with a `result` frame. */
  endTurn(sessionId: string, options: EndTurnOptions = {}): FlowResult {
    const event = this.#session(sessionId).emitFromAgent(resultFrame(options));
    return { sequenceNum: event?.seq };
  }

  /**
   * Sends the attached worker a `heartbeat_probe` (an ephemeral event on its streams): a worker
   * that supports it beats at once, which a test can then see in `session(id).worker.lastHeartbeatAt`.
   * @returns how many worker streams it went to.
   * @throws {AdminError} 404 for an unknown session, 409 when no worker is registered on it.
   */
  probeWorker(sessionId: string): number {
    this.#session(sessionId);
    const link = this.#d.workers?.get(sessionId);
    if (link === undefined || link.epoch === 0) {
      throw new AdminError(409, `No worker is registered on session ${sessionId}; a worker attaches with POST /v1/code/sessions/${sessionId}/bridge.`);
    }
    this.#d.journal.write('server', 'admin sends the worker a heartbeat_probe', sessionId);
    return link.probe();
  }

  /** Closes every subscriber of a session (a WebSocket close code where it applies). */
  disconnect(sessionId: string, options: { code?: number | undefined; reason?: string | undefined } = {}): number {
    this.#session(sessionId);
    const count = this.#d.hub.count(sessionId);
    this.#d.hub.closeAll(sessionId, options.code ?? 1000, options.reason ?? 'closed by the admin API');
    return count;
  }

  /**
   * Moves the virtual clock forward, firing keep-alives, delays and agent timers that fall due.
   * @throws {AdminError} 409 when the server runs on the real clock.
   */
  async advanceClock(ms: number): Promise<number> {
    const clock = this.#d.clock;
    if (!(clock instanceof VirtualClock)) {
      throw new AdminError(409, 'The server runs on the real clock; start it with a VirtualClock (clock option) to advance time.');
    }
    await clock.advanceAsync(ms, Math.max(1, Math.min(ms, 1000)));
    return clock.now();
  }

  /** Sets the faults of the server, or of one session. @throws {AdminError} 400 listing invalid fields. */
  setFaults(faults: Faults, sessionId?: string): void {
    if (sessionId !== undefined) this.#session(sessionId);
    try {
      this.#d.faults.set(faults, sessionId);
    } catch (error) {
      throw new AdminError(400, (error as Error).message);
    }
    this.#d.journal.write('fault', `faults set${sessionId === undefined ? ' for the server' : ''}`, sessionId, faults);
  }

  /** Clears the faults of one session, or all of them. */
  clearFaults(sessionId?: string): void {
    this.#d.faults.clear(sessionId);
    this.#d.journal.write('fault', 'faults cleared', sessionId);
  }

  /** Faults in force. */
  faults(): { server: Faults; sessions: Record<string, Faults> } {
    return this.#d.faults.snapshot();
  }

  /** Journal entries, oldest first. */
  journal(query: JournalQuery = {}): JournalEntry[] {
    return this.#d.journal.read(query);
  }
}

/** An admin call that failed; `status` is the HTTP status the admin routes answer with. */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}
