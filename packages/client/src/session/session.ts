import {
  realClock,
  type Clock,
  type ControlRequestParams,
  type ControlResponsePayload,
  type HostToAgentSubtype,
} from '@ccr-kit/protocol-types';
import type { MessageAssembler } from '../assembler/assembler';
import { ClientError } from '../errors';
import { HookRegistry } from '../helpers/hooks';
import { McpBridge } from '../helpers/mcp';
import { randomUuid } from '../internal/ids';
import { describeJson } from '../transport/frame-check';
import { RecentSet } from '../internal/recent-set';
import type { TransportMessage } from '../transport/types';
import { AgentState, interruptReceiptOf, type CommandLifecycleEvent, type InterruptReceipt } from './agent-state';
import { AppChannel } from './app-channel';
import { Connection } from './connection';
import { Delivery, type Delivered } from './delivery';
import { IncomingControl } from './incoming';
import { OutgoingRequests, payloadOf, pendingRequestsOf } from './outgoing';
import type {
  ConnectionState,
  FileAttachment,
  RequestOptions,
  SendMessageOptions,
  SessionMessage,
  SessionOptions,
} from './types';

type Json = Record<string, unknown>;

/** Content of a user message: plain text, or Messages API content blocks (text, image, document, …). */
export type UserContent = string | readonly ({ type: string } & Record<string, unknown>)[];

/** The arguments of `request(subtype, …)`: the payload is optional when every field of it is. */
export type RequestArgs<S extends HostToAgentSubtype> = Record<string, never> extends ControlRequestParams<S>
  ? [payload?: ControlRequestParams<S>, options?: RequestOptions]
  : [payload: ControlRequestParams<S>, options?: RequestOptions];

/**
 * One CCR session: connects through a transport, keeps the connection alive, reconnects with
 * backoff, delivers every event exactly once and in order across reconnects, answers the
 * agent's control requests and sends the application's messages and control requests.
 */
export class Session {
  readonly sessionId: string;
  readonly #options: SessionOptions;
  readonly #app: AppChannel;
  readonly #delivery: Delivery;
  readonly #outgoing: OutgoingRequests;
  readonly #incoming: IncomingControl;
  readonly #hooks: HookRegistry;
  readonly #mcp: McpBridge | undefined;
  readonly #connection: Connection;
  readonly #sentRequestIds = new RecentSet<string>(1000);
  readonly #agent: AgentState;
  readonly #clock: Clock;
  #initializeResponse: Json | undefined;

  constructor(options: SessionOptions) {
    if (typeof options.sessionId !== 'string' || options.sessionId === '') {
      throw new ClientError('INVALID_ARGUMENT', 'Session: options.sessionId must be a non-empty string.');
    }
    if (typeof options.transport !== 'function') {
      throw new ClientError('INVALID_ARGUMENT', 'Session: options.transport must be a function that makes a Transport.');
    }
    this.sessionId = options.sessionId;
    this.#options = options;
    const clock: Clock = options.clock ?? realClock;
    this.#clock = clock;
    const onError = (error: Error) => this.#reportError(error);
    this.#agent = new AgentState((event) => {
      try {
        options.onCommandLifecycle?.(event);
      } catch (error) {
        onError(error as Error);
      }
    });
    this.#app = new AppChannel(options, onError);
    this.#delivery = new Delivery({
      window: options.dedupWindow ?? 10_000,
      history: options.history,
      resumeFrom: options.resumeFrom,
      deliver: (item) => this.#route(item),
      notice: (message) => this.#notice(message),
      progress: () => this.#connection.progress(),
      onError,
    });
    this.#outgoing = new OutgoingRequests(clock);
    this.#hooks = new HookRegistry(options.hooks);
    this.#mcp = options.mcpServers ? new McpBridge(options.mcpServers, (server, message) => this.#forwardMcp(server, message)) : undefined;
    this.#connection = new Connection({
      sessionId: this.sessionId,
      options,
      clock,
      cursor: () => ({
        lastUuid: this.#delivery.lastUuid,
        lastSequenceNum: this.#delivery.lastSequenceNum,
        replay: this.#delivery.wantsReplay(options.replay ?? false),
      }),
      beginConnection: (replay) => this.#delivery.beginConnection(replay),
      opened: (signal) => this.#opened(signal),
      closed: () => this.#delivery.stop(),
      receive: (message) => this.#receive(message),
      reportError: onError,
      failed: (error) => {
        this.#reportError(error);
        this.#outgoing.failAll(error);
      },
      stateChanged: (state) => this.#stateChanged(state),
    });
    this.#incoming = new IncomingControl({
      callbacks: options,
      defaultPermission: options.defaultPermission ?? 'deny',
      hooks: this.#hooks,
      mcp: this.#mcp,
      respond: (frame) => this.#connection.sendOrQueue(frame),
      onError,
    });
  }

  /** The current connection state. */
  get state(): ConnectionState {
    return this.#connection.state;
  }

  /** The assembler that folds this session's assistant frames into whole messages. */
  get assembler(): MessageAssembler {
    return this.#app.assembler;
  }

  /** The payload of the last `initialize` reply (commands, models, account, …). */
  get initializeResponse(): Json | undefined {
    return this.#initializeResponse;
  }

  /** Where a later run can resume from: the last delivered durable uuid and sequence number. */
  get cursor(): { uuid: string | undefined; sequenceNum: number | undefined } {
    return { uuid: this.#delivery.lastUuid, sequenceNum: this.#delivery.lastSequenceNum };
  }

  /**
   * Connects (retrying with backoff up to `maxRetries`), sends `initialize` and waits up to
   * `initializeTimeout` for its reply. Resolves once connected.
   * @throws {ClientError} the last failure when every attempt failed or the failure is permanent.
   */
  connect(): Promise<void> {
    return this.#connection.connect();
  }

  /** Closes the connection for good (until `connect()` is called again) and ends `messages()` iterators. */
  disconnect(reason = 'user_initiated'): void {
    this.#connection.stop(reason);
    this.#connection.clearOutbox();
    this.#incoming.abortAll();
    this.#outgoing.failAll(new ClientError('CONNECTION_CLOSED', `Session ${this.sessionId} was disconnected (${reason}) before the agent answered.`));
    this.#agent.failAll(new ClientError('CONNECTION_CLOSED', `Session ${this.sessionId} was disconnected (${reason}).`));
    this.#app.end();
  }

  /** Disconnects and closes the in-process MCP server transports. */
  async close(): Promise<void> {
    this.disconnect();
    await this.#mcp?.close();
  }

  /**
   * Sends a user message; returns its uuid. The second argument may be the attachments array
   * (as in `claude-remote-protocol`) or {@link SendMessageOptions}.
   */
  async sendMessage(content: UserContent, options?: SendMessageOptions | FileAttachment[]): Promise<string> {
    if (typeof content !== 'string' && !(Array.isArray(content) && content.every((b) => b !== null && typeof b === 'object' && typeof b.type === 'string'))) {
      throw new ClientError('INVALID_ARGUMENT', 'sendMessage: content must be a string or an array of content blocks with a string "type".');
    }
    const opts: SendMessageOptions = Array.isArray(options) ? { attachments: options } : (options ?? {});
    const uuid = opts.uuid ?? randomUuid();
    const frame: Json = {
      ...opts.extra,
      type: 'user',
      uuid,
      session_id: this.sessionId,
      parent_tool_use_id: opts.parentToolUseId ?? null,
      message: { role: 'user', content },
    };
    if (opts.attachments && opts.attachments.length > 0) frame.file_attachments = opts.attachments;
    this.#connection.touch();
    if (this.#options.postEvents) {
      await this.#connection.wakeUp();
      await this.#options.postEvents([frame]);
    } else {
      await this.#connection.send(frame);
    }
    return uuid;
  }

  /**
   * Asks the agent to stop the current turn. With `cancelQueued`, prompts waiting behind it are
   * dropped too. Resolves with the agent's receipt: the uuids still queued and those cancelled
   * (`receipt: false` from agents that send none, such as CLI 2.1.197).
   */
  async interrupt(options: { cancelQueued?: boolean | undefined; reason?: string | undefined } & RequestOptions = {}): Promise<InterruptReceipt> {
    const { cancelQueued, reason, ...request } = options;
    const payload: Json = {};
    if (cancelQueued !== undefined) payload.cancel_queued = cancelQueued;
    if (reason !== undefined) payload.reason = reason;
    return interruptReceiptOf(await this.request('interrupt', payload, request));
  }

  /** Switches the model; `null` or omitted resets it to the default. Resolves with the model now in use, when the agent says. */
  async setModel(model?: string | null, options: { onlyIfModelIsCurrent?: boolean | undefined } = {}): Promise<{ model?: string | undefined }> {
    const payload: Json = model === undefined ? {} : { model };
    if (options.onlyIfModelIsCurrent !== undefined) payload.only_if_model_is_current = options.onlyIfModelIsCurrent;
    const answer = await this.request('set_model', payload);
    return typeof answer.model === 'string' ? { model: answer.model } : {};
  }

  /**
   * Changes the permission mode (`default`, `acceptEdits`, `plan`, `bypassPermissions`, `dontAsk`,
   * `auto`, or `manual`, which CLI 2.1.337 takes as `default`). Resolves with the mode the agent
   * reports. A mode the agent refuses rejects with a {@link ControlRequestError} (`invalid_mode`).
   */
  async setPermissionMode(mode: string): Promise<{ mode?: string | undefined }> {
    const answer = await this.request('set_permission_mode', { mode } as ControlRequestParams<'set_permission_mode'>);
    return typeof answer.mode === 'string' ? { mode: answer.mode } : {};
  }

  /** The capabilities the agent announced (`system/init` or the `initialize` reply), e.g. `interrupt_cancel_queued_v1`. */
  get capabilities(): readonly string[] {
    return this.#agent.capabilities;
  }

  /** Whether the agent announced a capability. */
  supports(capability: string): boolean {
    return this.#agent.capabilities.includes(capability);
  }

  /** The live background tasks, from the last `system/background_tasks_changed` (`undefined` before one arrived). */
  get backgroundTasks(): AgentState['backgroundTasks'] {
    return this.#agent.backgroundTasks;
  }

  /** The last `command_lifecycle` state of a user message sent with {@link sendMessage}, or `undefined`. */
  commandState(uuid: string): CommandLifecycleEvent | undefined {
    return this.#agent.commandState(uuid);
  }

  /**
   * Resolves when a user message's lifecycle ends (`completed`, `cancelled`, `discarded`,
   * `refused`): after its turn's `result`. Only agents announcing `msg_lifecycle_v1` report it.
   * @throws {ClientError} `TIMEOUT` (with `timeout`), `ABORTED`, or `CONNECTION_CLOSED` on disconnect.
   */
  waitForCommand(uuid: string, options: RequestOptions = {}): Promise<CommandLifecycleEvent> {
    return this.#agent.waitForCommand(uuid, this.#clock, { timeoutMs: options.timeout, signal: options.signal });
  }

  /** Sets the thinking budget; `null` restores the session default. */
  async setMaxThinkingTokens(tokens: number | null): Promise<void> {
    await this.request('set_max_thinking_tokens', { max_thinking_tokens: tokens });
  }

  /** The status of the agent's MCP servers (`{ mcpServers: [...] }`). */
  async mcpStatus(): Promise<ControlResponsePayload<'mcp_status'>> {
    const payload = await this.request('mcp_status');
    return { ...payload, mcpServers: Array.isArray(payload.mcpServers) ? payload.mcpServers : [] };
  }

  /** The MCP server list alone (`claude-remote-protocol` name). */
  async mcpServerStatus(): Promise<ControlResponsePayload<'mcp_status'>['mcpServers']> {
    return (await this.mcpStatus()).mcpServers;
  }

  /** The slash commands the agent reported in its `initialize` reply. */
  async supportedCommands(): Promise<unknown> {
    return this.#initializeResponse?.commands;
  }

  /**
   * Sends any host→agent control request, typed by subtype, and resolves with its success payload.
   * @throws {ControlRequestError} when the agent answers with an error.
   * @throws {ClientError} `TIMEOUT`, `ABORTED`, `NOT_CONNECTED` or `CONNECTION_CLOSED`.
   */
  async request<S extends HostToAgentSubtype>(subtype: S, ...args: RequestArgs<S>): Promise<ControlResponsePayload<S>> {
    const [payload, options] = args;
    const envelope = await this.#controlRequest({ ...(payload as Json | undefined), subtype }, options ?? {});
    return payloadOf(envelope) as ControlResponsePayload<S>;
  }

  /** Every message from now on (conversation frames, not control frames), until disconnect or abort. */
  messages(options: { signal?: AbortSignal | undefined } = {}): AsyncIterableIterator<SessionMessage> {
    return this.#app.iterate(options.signal);
  }

  /** Runs on every new connection: releases held frames after the backfill and sends `initialize`. */
  async #opened(connection: AbortSignal): Promise<void> {
    void this.#delivery.catchUp();
    const request: Json = { ...this.#options.initialize, subtype: 'initialize' };
    const hooks = this.#hooks.initializeField;
    if (hooks) request.hooks = hooks;
    if (this.#mcp) {
      await this.#mcp.start();
      request.sdkMcpServers = this.#mcp.names;
    }
    try {
      const envelope = await this.#controlRequest(request, { timeout: this.#options.initializeTimeout ?? 10_000, signal: connection });
      // The answer to this connection's initialize is live traffic: a replay before it is over.
      if (!connection.aborted) this.#delivery.liveReached();
      this.#initializeResponse = payloadOf(envelope);
      this.#agent.observeInitialize(this.#initializeResponse);
      for (const pending of pendingRequestsOf(envelope)) this.#incoming.handle(pending);
    } catch (error) {
      if (connection.aborted || this.state !== 'connected') return;
      this.#reportError(
        new ClientError('TIMEOUT', `Session ${this.sessionId}: initialize failed (${(error as Error).message}); continuing without it, so prompts pending from before may not be re-offered.`, {
          cause: error,
        }),
      );
    }
  }

  #receive(message: TransportMessage): void {
    if (message.kind === 'frame') {
      const frame = message.frame as { type?: unknown } | null;
      if (frame !== null && typeof frame === 'object' && frame.type === 'keep_alive') return;
    }
    // Whatever a transport hands over, nothing here may throw back into it.
    try {
      this.#delivery.receive(message);
    } catch (error) {
      this.#reportError(new ClientError('INVALID_FRAME', `A received frame could not be handled: ${(error as Error).message}`, { cause: error }));
    }
  }

  #notice(message: TransportMessage): void {
    if (message.kind !== 'delivery_update' || !this.#options.onDeliveryUpdate) return;
    try {
      this.#options.onDeliveryUpdate(message.update);
    } catch (error) {
      this.#reportError(error as Error);
    }
  }

  #route(item: Delivered): void {
    const frame = item.frame;
    if (frame === null || typeof frame !== 'object' || Array.isArray(frame)) {
      this.#reportError(new ClientError('INVALID_FRAME', `Dropped a ${item.source === undefined ? '' : `${item.source} `}frame that is not a JSON object (${describeJson(frame)}).`));
      return;
    }
    const record = frame as Json;
    switch (record.type) {
      case 'control_response':
        this.#outgoing.settle(record);
        return;
      case 'control_request': {
        // Our own requests come back as durable echoes; only the agent's are ours to answer.
        const id = record.request_id;
        if (item.source === 'client' || (typeof id === 'string' && this.#sentRequestIds.has(id))) return;
        this.#incoming.handle(record);
        return;
      }
      case 'control_cancel_request':
        if (typeof record.request_id === 'string') this.#incoming.cancel(record.request_id);
        return;
      default:
        this.#connection.touch();
        this.#agent.observe(record);
        this.#app.deliver(record);
    }
  }

  async #controlRequest(request: Json, options: RequestOptions): Promise<Json> {
    const subtype = String(request.subtype);
    options.signal?.throwIfAborted();
    this.#connection.touch();
    const { requestId, response } = this.#outgoing.create(subtype, options.timeout ?? this.#options.requestTimeout ?? 60_000);
    this.#sentRequestIds.add(requestId);
    // The answer may settle while the frame is still being sent; it is awaited below.
    response.catch(() => undefined);
    const onAbort = () => {
      this.#outgoing.fail(requestId, new ClientError('ABORTED', `Control request ${subtype} (${requestId}) was aborted by the caller.`, { cause: options.signal?.reason }));
      void this.#connection.transport?.send({ type: 'control_cancel_request', request_id: requestId }).catch(() => undefined);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await this.#connection.send({ type: 'control_request', request_id: requestId, request }, options.signal);
    } catch (error) {
      this.#outgoing.fail(requestId, error instanceof Error ? error : new Error(String(error)));
    }
    try {
      return await response;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
    }
  }

  async #forwardMcp(serverName: string, message: Json): Promise<void> {
    await this.#controlRequest({ subtype: 'mcp_message', server_name: serverName, message }, {});
  }

  #stateChanged(state: ConnectionState): void {
    if (!this.#options.onStateChange) return;
    try {
      this.#options.onStateChange(state);
    } catch (error) {
      this.#reportError(error as Error);
    }
  }

  #reportError(error: Error): void {
    const handler = this.#options.onError;
    if (!handler) return;
    try {
      handler(error);
    } catch {
      // An error handler that throws has nowhere left to report to.
    }
  }
}
