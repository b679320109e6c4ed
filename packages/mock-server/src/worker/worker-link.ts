import { HttpError } from '../http/errors';
import type { LoggedEvent } from '../store/event-log';
import type { Session, WorkerSink } from '../store/session';
import { InternalEventLog } from './internal-events';
import type { WorkerStream } from './worker-stream';

/** The stored worker record of a session, as `GET …/worker` returns it. */
export interface WorkerRecordView {
  worker_status?: string;
  external_metadata: Record<string, unknown>;
  internal_metadata: Record<string, unknown>;
}

/** A worker registration of a session, as the admin API shows it. */
export interface WorkerInfo {
  readonly epoch: number;
  readonly status: string | undefined;
  readonly connected: boolean;
  readonly streams: number;
  readonly lastHeartbeatAt: string | undefined;
}

/** Shallow-merges metadata: `null` deletes a key. */
function merge(into: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete into[key];
    else into[key] = value;
  }
}

/**
 * The worker side of one session: the current `worker_epoch` (bumped by every `/bridge` call),
 * the stored worker record and the open worker streams. Once a worker registers it replaces the
 * in-process agent: client events go to its streams instead.
 */
export class WorkerLink implements WorkerSink {
  readonly #session: Session;
  readonly #streams = new Set<WorkerStream>();
  readonly #record: WorkerRecordView = { external_metadata: {}, internal_metadata: {} };
  /** The session's transcript lane; it outlives any one registration. */
  readonly internalEvents = new InternalEventLog();
  #epoch = 0;
  #connected = false;
  #lastHeartbeatAt: string | undefined;

  constructor(session: Session) {
    this.#session = session;
  }

  /** The current epoch (0 before any registration). */
  get epoch(): number {
    return this.#epoch;
  }

  /** What the admin API shows. */
  get info(): WorkerInfo {
    return { epoch: this.#epoch, status: this.#record.worker_status, connected: this.#connected, streams: this.#streams.size, lastHeartbeatAt: this.#lastHeartbeatAt };
  }

  /** The stored record. */
  get record(): WorkerRecordView {
    return this.#record;
  }

  /**
   * Registers a worker: bumps the epoch, closes the streams of the previous registration and
   * makes the worker the session's agent.
   * @throws {HttpError} 409 when `expected` is given and is not the current epoch, or the session is archived.
   */
  async register(expected?: number): Promise<number> {
    if (this.#session.archived) throw this.#conflict('session_not_active', `Session ${this.#session.id} is archived; no worker can attach to it.`, expected);
    if (expected !== undefined && expected !== this.#epoch) {
      throw new HttpError(409, `expected_epoch ${expected} is not the current worker_epoch of session ${this.#session.id} (${this.#epoch}).`, {
        reason: 'epoch_stale',
        headers: { 'x-ccr-conflict-reason': 'epoch_stale' },
        details: { expected_epoch: expected, actual_epoch: this.#epoch },
      });
    }
    this.#epoch++;
    for (const stream of [...this.#streams]) stream.close(`superseded by worker_epoch ${this.#epoch}`);
    this.#connected = true;
    await this.#session.useWorker(this);
    return this.#epoch;
  }

  /**
   * Checks the `worker_epoch` of a `/worker*` write.
   * @throws {HttpError} 409 with `x-ccr-conflict-reason` when it is not the current one or the session is archived.
   */
  requireEpoch(epoch: number): void {
    const id = this.#session.id;
    if (this.#session.archived) throw this.#conflict('session_not_active', `Session ${id} is archived; worker writes are refused.`, epoch);
    if (this.#epoch === 0) throw this.#conflict('epoch_stale', `No worker is registered on session ${id}; call POST /v1/code/sessions/${id}/bridge first.`, epoch);
    if (epoch < this.#epoch) {
      throw this.#conflict('superseded_by_worker', `worker_epoch ${epoch} was superseded by a newer registration (${this.#epoch}) on session ${id}; call /bridge again.`, epoch);
    }
    if (epoch > this.#epoch) throw this.#conflict('epoch_stale', `worker_epoch ${epoch} was never issued for session ${id} (current: ${this.#epoch}).`, epoch);
  }

  #conflict(reason: string, message: string, sent: number | undefined): HttpError {
    return new HttpError(409, message, {
      reason,
      headers: { 'x-ccr-conflict-reason': reason },
      details: { expected_epoch: this.#epoch, ...(sent === undefined ? {} : { actual_epoch: sent }) },
    });
  }

  /** Applies a `PUT …/worker` body (the epoch already checked). */
  update(body: { worker_status?: string | undefined; external_metadata?: Record<string, unknown> | undefined; internal_metadata?: Record<string, unknown> | undefined; connection_status?: string | undefined }): void {
    if (body.external_metadata !== undefined) merge(this.#record.external_metadata, body.external_metadata);
    if (body.internal_metadata !== undefined) merge(this.#record.internal_metadata, body.internal_metadata);
    if (body.worker_status !== undefined) {
      this.#record.worker_status = body.worker_status;
      this.#session.applyWorkerStatus(body.worker_status);
    }
    if (body.connection_status === 'disconnected') this.#connected = false;
  }

  /** Records a heartbeat; `release` ends the lease (the worker is gone until it registers again). */
  heartbeat(at: string, release: boolean): void {
    this.#lastHeartbeatAt = at;
    if (release) this.#connected = false;
  }

  /** Adds an open worker stream. */
  addStream(stream: WorkerStream): void {
    this.#streams.add(stream);
  }

  /** Forgets a stream that ended. */
  removeStream(stream: WorkerStream): void {
    this.#streams.delete(stream);
  }

  /**
   * Asks the worker for a heartbeat now: an ephemeral `heartbeat_probe` on every open worker stream.
   * @returns how many streams it went to.
   */
  probe(): number {
    for (const stream of this.#streams) stream.sendEphemeral('heartbeat_probe');
    return this.#streams.size;
  }

  /** Sends a client event to every open worker stream. */
  deliver(event: LoggedEvent): void {
    for (const stream of this.#streams) stream.send(event);
  }

  /** Ends every worker stream (session archived). */
  close(why: string): void {
    this.#connected = false;
    for (const stream of [...this.#streams]) stream.close(why);
  }
}

/** The worker links of every session, created on first use. */
export class WorkerRegistry {
  readonly #links = new Map<string, WorkerLink>();

  /** The link of a session. */
  linkFor(session: Session): WorkerLink {
    let link = this.#links.get(session.id);
    if (link === undefined) {
      link = new WorkerLink(session);
      this.#links.set(session.id, link);
    }
    return link;
  }

  /** The link of a session id, if a worker ever touched it. */
  get(sessionId: string): WorkerLink | undefined {
    return this.#links.get(sessionId);
  }
}
