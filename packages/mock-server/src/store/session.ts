import type { Clock, Frame, SessionState } from '@ccr-kit/protocol-types';
import type { AgentBackend, AgentSession, AgentSettings } from '../agent';
import type { DeliveryStatus, Hub } from '../hub';
import type { IdFactory } from '../internal/ids';
import type { Journal } from '../journal';
import { answeredRequestId, controlSubtype, isEphemeralFrame } from './classify';
import { DeliveryTracker } from './delivery';
import { EventLog, type EventSource, type LoggedEvent } from './event-log';
import { buildInitializeResponse } from './initialize';
import { PendingRequests, type PendingPrompt } from './pending';

/** What every session shares with the server. */
export interface SessionEnv {
  readonly ids: IdFactory;
  readonly clock: Clock;
  readonly journal: Journal;
  readonly hub: Hub;
  readonly historyLimit: number;
  readonly agent: AgentBackend | undefined;
}

/** An external worker attached over the worker API; it takes the in-process agent's place. */
export interface WorkerSink {
  /** Receives each client event as it is stored. */
  deliver(event: LoggedEvent): void;
  /** Ends the worker's streams (session archived or server closing). */
  close(why: string): void;
}

/** Which API created a session: v1 web sessions (`session_…`) or v2 code sessions (`cse_…`). */
export type SessionSurface = 'v1' | 'v2';

/** Lifecycle status shown on v1 (`session_status`). */
export type SessionStatusValue = 'active' | 'idle' | 'archived' | (string & {});

/** How a session is created. */
export interface SessionInit {
  readonly surface: SessionSurface;
  readonly title?: string | undefined;
  readonly environmentId?: string | undefined;
  readonly context?: Record<string, unknown> | undefined;
  readonly settings?: AgentSettings | undefined;
  readonly tags?: readonly string[] | undefined;
}

/** What happened to a frame a client sent. */
export type ClientFrameOutcome =
  | { readonly kind: 'stored'; readonly event: LoggedEvent }
  | { readonly kind: 'duplicate'; readonly event: LoggedEvent | undefined }
  | { readonly kind: 'ignored'; readonly reason: string };

/** One session: its event log, state, open prompts and agent. */
export class Session {
  readonly id: string;
  readonly surface: SessionSurface;
  readonly createdAt: string;
  readonly environmentId: string;
  readonly context: Record<string, unknown>;
  readonly settings: AgentSettings;
  readonly tags: readonly string[];
  readonly log: EventLog;
  readonly pending = new PendingRequests();
  title: string;
  updatedAt: string;
  #state: SessionState = 'idle';
  #statusOverride: SessionStatusValue | undefined;
  #archived = false;
  #agent: AgentSession | undefined;
  #worker: WorkerSink | undefined;
  #attaching: Promise<void> | undefined;
  readonly #abort = new AbortController();
  readonly #env: SessionEnv;
  readonly #delivery: DeliveryTracker;

  constructor(id: string, init: SessionInit, env: SessionEnv) {
    this.id = id;
    this.surface = init.surface;
    this.#env = env;
    this.createdAt = env.ids.timestamp();
    this.updatedAt = this.createdAt;
    this.title = init.title ?? init.settings?.title ?? 'Untitled session';
    this.environmentId = init.environmentId ?? 'env_mock';
    this.context = init.context ?? {};
    this.settings = { ...init.settings, title: this.title };
    this.tags = init.tags ?? [];
    this.log = new EventLog(env.historyLimit);
    this.#delivery = new DeliveryTracker((eventId, status) =>
      env.hub.publish(this.id, { kind: 'delivery', eventId, status, timestamp: env.ids.timestamp() }),
    );
  }

  /** idle, running or requires_action, derived from the frames seen. */
  get state(): SessionState {
    return this.#state;
  }

  /** v1 `session_status`: archived, a status set with PATCH, or active/idle from the state. */
  get status(): SessionStatusValue {
    if (this.#archived) return 'archived';
    return this.#statusOverride ?? (this.#state === 'idle' ? 'idle' : 'active');
  }

  /** Whether the session was archived (it no longer accepts frames). */
  get archived(): boolean {
    return this.#archived;
  }

  /** The name of the agent backend, `worker` once an external worker attached, or none. */
  get agentName(): string | undefined {
    return this.#worker === undefined ? this.#env.agent?.name : 'worker';
  }

  /** Makes an external worker the session's agent: the in-process agent stops, client events go to the worker. */
  async useWorker(worker: WorkerSink): Promise<void> {
    if (this.#worker === worker) return;
    this.#worker = worker;
    this.#journal('server', 'an external worker attached; the in-process agent stops');
    await this.#stopAgent();
  }

  /** Applies the `worker_status` a worker reported (`PUT …/worker`); unknown statuses change nothing. */
  applyWorkerStatus(status: string): void {
    if (status === 'idle' || status === 'running' || status === 'requires_action') this.#setState(status);
  }

  /** Publishes a worker's delivery ack to v2 clients as a `delivery_update`. */
  reportDelivery(eventId: string, status: DeliveryStatus): void {
    this.#env.hub.publish(this.id, { kind: 'delivery', eventId, status, timestamp: this.#env.ids.timestamp() });
  }

  /** Attaches the agent backend; frames sent before it is ready wait for it. */
  start(): Promise<void> {
    const backend = this.#env.agent;
    if (backend === undefined || this.#attaching !== undefined) return this.#attaching ?? Promise.resolve();
    this.#attaching = (async () => {
      try {
        this.#agent = await backend.attach({
          sessionId: this.id,
          clock: this.#env.clock,
          signal: this.#abort.signal,
          settings: this.settings,
          emit: (frame) => this.emitFromAgent(frame),
          journal: (message, data) => this.#env.journal.write('agent', message, this.id, data),
        });
        this.#journal('server', `agent ${backend.name} attached`);
      } catch (error) {
        this.#journal('error', `agent ${backend.name} failed to attach: ${String(error)}`, { error: String(error) });
      }
    })();
    return this.#attaching;
  }

  /** Sets title and/or status (PATCH); `archived` archives the session. */
  async update(patch: { title?: string | undefined; session_status?: string | undefined }): Promise<void> {
    if (patch.title !== undefined) this.title = patch.title;
    if (patch.session_status === 'archived') await this.archive();
    else if (patch.session_status !== undefined) this.#statusOverride = patch.session_status;
    this.updatedAt = this.#env.ids.timestamp();
  }

  /** Archives the session: stops its agent and refuses further frames. */
  async archive(): Promise<void> {
    if (this.#archived) return;
    this.#archived = true;
    this.updatedAt = this.#env.ids.timestamp();
    this.#abort.abort(new Error(`session ${this.id} archived`));
    this.#journal('server', 'session archived');
    this.#worker?.close('session archived');
    await this.#stopAgent();
  }

  /** Stops the agent without archiving (server shutdown). */
  async close(): Promise<void> {
    if (!this.#abort.signal.aborted) this.#abort.abort(new Error('server closing'));
    this.#worker?.close('server closing');
    await this.#stopAgent();
  }

  async #stopAgent(): Promise<void> {
    await this.#attaching;
    const agent = this.#agent;
    this.#agent = undefined;
    if (agent === undefined) return;
    try {
      await agent.stop();
    } catch (error) {
      this.#journal('error', `agent stop failed: ${String(error)}`);
    }
  }

  /**
   * Takes a frame from the agent (or the admin API speaking as the agent): fills in `uuid` and
   * `session_id`, tracks prompts and state, stores it unless it is ephemeral (by type, or because
   * a worker flagged it) and fans it out.
   * @throws {TypeError} when the frame is not an object with a string `type`.
   */
  emitFromAgent(input: Record<string, unknown>, options: { ephemeral?: boolean | undefined } = {}): LoggedEvent | undefined {
    if (input === null || typeof input !== 'object' || typeof input.type !== 'string') {
      throw new TypeError(`Agent frames must be objects with a string "type"; session ${this.id} got ${JSON.stringify(input)?.slice(0, 80)}.`);
    }
    if (this.#archived) {
      this.#journal('error', `dropped a ${input.type} frame from the agent: the session is archived`);
      return undefined;
    }
    if (input.type === 'keep_alive') return undefined;
    const frame = this.#stamp(input);
    this.#delivery.agentActive(frame);
    if (options.ephemeral === true || isEphemeralFrame(frame)) {
      this.#env.hub.publish(this.id, { kind: 'ephemeral', frame, line: `${JSON.stringify(frame)}\n` });
      return undefined;
    }
    if (this.log.has(frame.uuid as string)) {
      this.#journal('frame.out', `dropped a duplicate ${frame.type} (uuid ${frame.uuid as string})`);
      return undefined;
    }
    this.#trackAgentFrame(frame);
    return this.#append(frame, 'worker', undefined);
  }

  #trackAgentFrame(frame: Record<string, unknown>): void {
    if (frame.type === 'control_request') {
      const prompt = this.pending.opened(frame);
      if (prompt !== undefined) this.#setState('requires_action');
    } else if (frame.type === 'control_cancel_request' && typeof frame.request_id === 'string') {
      if (this.pending.cancelled(frame.request_id)) this.#afterPromptClosed();
    } else if (frame.type === 'result') {
      this.#delivery.turnEnded();
      if (this.pending.promptCount === 0) this.#setState('idle');
    } else if (frame.type === 'system' && frame.subtype === 'session_state_changed') {
      const state = frame.state;
      if (state === 'idle' || state === 'running' || state === 'requires_action') this.#setState(state);
    }
  }

  /**
   * Takes a validated frame from a client: stores its durable echo (`source: 'client'`), answers
   * `initialize` itself, and delivers everything else but `keep_alive` to the agent.
   * @param origin the id of the subscriber whose socket carried it, if any.
   */
  async receiveFromClient(input: Frame, origin?: string): Promise<ClientFrameOutcome> {
    const raw = input as Record<string, unknown>;
    if (raw.type === 'keep_alive') return { kind: 'ignored', reason: 'keep_alive is not stored' };
    if (this.#archived) return { kind: 'ignored', reason: `session ${this.id} is archived` };
    const frame = this.#stamp(raw);
    const uuid = frame.uuid as string;
    if (this.log.has(uuid)) {
      this.#journal('frame.in', `duplicate ${frame.type} (uuid ${uuid}) acknowledged, not delivered again`);
      return { kind: 'duplicate', event: this.log.after(this.log.seqOf(uuid)! - 1, 1)[0] };
    }
    let deliver: Record<string, unknown> | undefined = frame;
    if (frame.type === 'control_response') {
      const requestId = answeredRequestId(frame);
      const match = requestId === undefined ? undefined : this.pending.match(requestId);
      if (match?.kind === 'closed') {
        this.#journal('frame.in', `ignored a control_response to ${match.requestId}: already ${match.why}`);
        return { kind: 'ignored', reason: `request ${match.requestId} was already ${match.why}` };
      }
      if (match?.kind === 'open') {
        this.pending.answered(match.requestId);
        if (match.requestId !== requestId) {
          deliver = { ...frame, response: { ...(frame.response as Record<string, unknown>), request_id: match.requestId } };
        }
        this.#afterPromptClosed();
      }
    }
    const event = this.#append(frame, 'client', origin);
    if (this.#worker !== undefined) {
      // An external worker answers initialize itself and acknowledges deliveries itself.
      if (frame.type === 'user' && this.#state === 'idle') this.#setState('running');
      this.#worker.deliver(event);
      return { kind: 'stored', event };
    }
    if (frame.type === 'control_request' && controlSubtype(frame) === 'initialize') {
      this.#delivery.received(event.id, true);
      void this.#answerInitialize(frame);
      return { kind: 'stored', event };
    }
    if (frame.type === 'user' && this.#state === 'idle') this.#setState('running');
    await this.#deliver(deliver as Frame, event.id, frame.type === 'user');
    return { kind: 'stored', event };
  }

  async #deliver(frame: Frame, eventId: string, startsTurn: boolean): Promise<void> {
    await this.#attaching;
    const agent = this.#agent;
    if (agent === undefined) {
      this.#journal('frame.in', `no agent attached; ${frame.type} stored but not delivered`);
      return;
    }
    // Reported before the call: an agent may answer synchronously from inside deliver().
    this.#delivery.received(eventId, !startsTurn);
    try {
      agent.deliver(frame);
    } catch (error) {
      this.#journal('error', `agent threw while receiving ${frame.type}: ${String(error)}`);
    }
  }

  async #answerInitialize(frame: Record<string, unknown>): Promise<void> {
    const requestId = typeof frame.request_id === 'string' ? frame.request_id : '';
    const request = (frame.request ?? {}) as Record<string, unknown>;
    await this.#attaching;
    let response: Record<string, unknown>;
    try {
      const fromAgent = this.#agent?.initialize === undefined ? {} : await this.#agent.initialize(request);
      response = buildInitializeResponse(requestId, fromAgent, this.pending.prompts());
    } catch (error) {
      response = { subtype: 'error', request_id: requestId, error: `initialize failed in the agent: ${String(error)}` };
    }
    if (this.#archived) return;
    this.#append(this.#stamp({ type: 'control_response', response }), 'worker', undefined);
  }

  /** Open prompts (permission, elicitation, dialog), oldest first. */
  prompts(): PendingPrompt[] {
    return this.pending.prompts();
  }

  #afterPromptClosed(): void {
    if (this.pending.promptCount === 0 && this.#state === 'requires_action') this.#setState('running');
  }

  #setState(state: SessionState): void {
    if (state === this.#state) return;
    this.#journal('server', `state ${this.#state} → ${state}`);
    this.#state = state;
    this.#statusOverride = undefined;
    this.updatedAt = this.#env.ids.timestamp();
  }

  #stamp(frame: Record<string, unknown>): Record<string, unknown> {
    if (typeof frame.uuid === 'string' && frame.uuid !== '' && frame.session_id === this.id) return frame;
    return {
      ...frame,
      uuid: typeof frame.uuid === 'string' && frame.uuid !== '' ? frame.uuid : this.#env.ids.uuid(),
      session_id: this.id,
    };
  }

  #append(frame: Record<string, unknown>, source: EventSource, origin: string | undefined): LoggedEvent {
    const event = this.log.append(frame, source, this.#env.ids.timestamp(), origin);
    this.#env.journal.write('frame.out', () => `#${event.seq} ${source} ${event.type}`, this.id, () => event.frame);
    event.heat();
    this.#env.hub.publish(this.id, { kind: 'durable', event });
    event.cool();
    return event;
  }

  #journal(kind: 'server' | 'error' | 'frame.in' | 'frame.out', message: string, data?: unknown): void {
    this.#env.journal.write(kind, message, this.id, data);
  }
}
