import type { EndpointBody, EndpointResponse } from '@ccr-kit/protocol-types';
import { baseUrlOf, buildHeaders, type ClaudeRemoteOptions } from '../auth';
import { ClientError } from '../errors';
import { randomRequestId, randomUuid } from '../internal/ids';
import type { FileAttachment, PermissionUpdate } from '../session/types';
import { createRequest, type RequestFunction } from './request';

type Json = Record<string, unknown>;

/** A user message body as the events API carries it. */
export interface EventMessage {
  role: 'user';
  content: string | Json[];
}

/** Parameters of {@link ClaudeApi.sendMessage} (`claude-remote-protocol` shape). */
export interface SendMessageParams {
  sessionId: string;
  uuid?: string | undefined;
  message: EventMessage;
  parentToolUseId?: string | null | undefined;
  fileAttachments?: FileAttachment[] | undefined;
}

/** Parameters of {@link ClaudeApi.respondToolPermission} (`claude-remote-protocol` shape). */
export interface RespondToolPermissionParams {
  sessionId: string;
  requestId: string;
  toolName: string;
  toolUseId?: string | undefined;
  decision: 'allow' | 'deny';
  input?: Record<string, unknown> | undefined;
  /** The deny message shown to the agent. @default 'Denied by user' */
  message?: string | undefined;
  suggestions?: PermissionUpdate[] | undefined;
}

/** Options of {@link ClaudeApi}: credentials plus REST tuning. */
export interface ClaudeApiOptions extends ClaudeRemoteOptions {
  /** Retries of transient failures (408, 429, 5xx, network). @default 2 */
  retries?: number | undefined;
  /** How long one REST attempt may take before it fails with `TIMEOUT`, in ms; 0 disables. @default 60000 */
  requestTimeout?: number | undefined;
}

/**
 * The CCR REST API (`claude-remote-protocol`'s `ClaudeApi`, same methods), every call a thin
 * wrapper over one generic `request(name, input)` derived from the protocol-types contract.
 */
export class ClaudeApi {
  /** The generic typed request function: `api.request('listEvents', { params, query })`. */
  readonly request: RequestFunction;
  readonly #options: ClaudeApiOptions;

  constructor(options: ClaudeApiOptions) {
    this.#options = options;
    this.request = createRequest({
      baseUrl: baseUrlOf(options),
      headers: () => buildHeaders(options),
      fetch: options.fetch,
      clock: options.clock,
      retries: options.retries,
      timeout: options.requestTimeout,
    });
  }

  /** The same REST client with another per-request timeout (sessions use their own `requestTimeout`). */
  withRequestTimeout(requestTimeout: number | undefined): ClaudeApi {
    if (requestTimeout === undefined || requestTimeout === this.#options.requestTimeout) return this;
    return new ClaudeApi({ ...this.#options, requestTimeout });
  }

  #org(): string {
    const org = this.#options.organizationUuid;
    if (!org) throw new ClientError('INVALID_ARGUMENT', 'This call needs organizationUuid; pass it to the ClaudeApi / ClaudeClient options.');
    return org;
  }

  /** Lists the organization's sessions (one page). */
  listSessions(query: { after_id?: string; limit?: number } = {}): Promise<EndpointResponse<'listSessions'>> {
    return this.request('listSessions', { query: listQuery(query) });
  }

  /** Reads one session. */
  getSession(sessionId: string): Promise<EndpointResponse<'getSession'>> {
    return this.request('getSession', { params: { session_id: sessionId } });
  }

  /** Creates a session in an environment. */
  createSession(body: EndpointBody<'createSession'>): Promise<EndpointResponse<'createSession'>> {
    return this.request('createSession', { body });
  }

  /** Renames a session or changes its status. */
  updateSession(sessionId: string, update: EndpointBody<'updateSession'>): Promise<EndpointResponse<'updateSession'>> {
    return this.request('updateSession', { params: { session_id: sessionId }, body: update });
  }

  /** Archives a session. */
  archiveSession(sessionId: string): Promise<EndpointResponse<'archiveSession'>> {
    return this.request('archiveSession', { params: { session_id: sessionId } });
  }

  /** Lists stored events, oldest first, after the event `afterId` when given. */
  listEvents(sessionId: string, afterId?: string, limit?: number): Promise<EndpointResponse<'listEvents'>> {
    return this.request('listEvents', { params: { session_id: sessionId }, query: listQuery({ after_id: afterId, limit }) });
  }

  /** Every stored event after `afterId` (all pages), oldest first. */
  async *eventsAfter(sessionId: string, afterId?: string, signal?: AbortSignal): AsyncGenerator<Json> {
    let cursor = afterId;
    for (;;) {
      const page = await this.request('listEvents', { params: { session_id: sessionId }, query: listQuery({ after_id: cursor }), signal });
      for (const event of page.data) yield event;
      const last = page.last_id ?? page.data.at(-1)?.uuid;
      if (!page.has_more || page.data.length === 0 || typeof last !== 'string') return;
      cursor = last;
    }
  }

  /** Posts frames to a session's agent (`POST /v1/sessions/{id}/events`). */
  async postEvents(sessionId: string, events: Json[]): Promise<void> {
    await this.request('sendEvents', { params: { session_id: sessionId }, body: { events: events as EndpointBody<'sendEvents'>['events'] } });
  }

  /** Sends a user message through the events API. */
  async sendMessage(params: SendMessageParams): Promise<void> {
    const event: Json = {
      type: 'user',
      uuid: params.uuid ?? randomUuid(),
      session_id: params.sessionId,
      parent_tool_use_id: params.parentToolUseId ?? null,
      message: params.message,
    };
    if (params.fileAttachments && params.fileAttachments.length > 0) event.file_attachments = params.fileAttachments;
    await this.postEvents(params.sessionId, [event]);
  }

  /** Asks the agent to stop its turn, through the events API. */
  async interrupt(sessionId: string): Promise<void> {
    await this.postEvents(sessionId, [{ type: 'control_request', request_id: randomRequestId(), request: { subtype: 'interrupt' } }]);
  }

  /** Answers a tool permission prompt through the events API. */
  async respondToolPermission(params: RespondToolPermissionParams): Promise<void> {
    const result: Json = { behavior: params.decision };
    if (params.toolUseId !== undefined) result.toolUseID = params.toolUseId;
    if (params.decision === 'deny') result.message = params.message ?? 'Denied by user';
    else {
      if (params.input) result.updatedInput = params.input;
      if (params.suggestions) result.updatedPermissions = params.suggestions;
    }
    await this.postEvents(params.sessionId, [
      { type: 'control_response', response: { subtype: 'success', request_id: params.requestId, response: result } },
    ]);
  }

  /** Changes the permission mode through the events API. */
  async setPermissionMode(sessionId: string, mode: string): Promise<void> {
    await this.postEvents(sessionId, [{ type: 'control_request', request_id: randomRequestId(), request: { subtype: 'set_permission_mode', mode } }]);
  }

  /** Reads whether and how a session is shared. */
  getShareStatus(sessionId: string): Promise<EndpointResponse<'getShareStatus'>> {
    return this.request('getShareStatus', { params: { session_id: sessionId } });
  }

  /** Lists the organization's environments. */
  async listEnvironments(): Promise<EndpointResponse<'listEnvironments'>> {
    return this.request('listEnvironments', { params: { organization_uuid: this.#org() } });
  }

  /** Reads one environment. */
  async getEnvironment(environmentId: string): Promise<EndpointResponse<'getEnvironment'>> {
    return this.request('getEnvironment', { params: { organization_uuid: this.#org(), environment_id: environmentId } });
  }

  /** v2: creates a code session (`cse_…`). */
  createCodeSession(body: EndpointBody<'createCodeSession'>): Promise<EndpointResponse<'createCodeSession'>> {
    return this.request('createCodeSession', { body });
  }

  /** v2: posts frames as client events (`{session_id, events: [{payload}]}`). */
  async postClientEvents(sessionId: string, frames: Json[]): Promise<void> {
    const events = frames.map((payload) => ({ payload: { uuid: randomUuid(), ...payload } })) as unknown as EndpointBody<'postClientEvents'>['events'];
    await this.request('postClientEvents', { params: { session_id: sessionId }, body: { session_id: sessionId, events } });
  }

  /** v2: every durable event with `sequence_num > after` (all pages), in order. */
  async *clientEventsAfter(sessionId: string, after: number, signal?: AbortSignal): AsyncGenerator<EndpointResponse<'listClientEvents'>['data'][number]> {
    let cursor = after;
    for (;;) {
      const page = await this.request('listClientEvents', {
        params: { session_id: sessionId },
        query: { after_sequence_num: String(cursor) },
        signal,
      });
      for (const event of page.data) yield event;
      const last = page.data.at(-1);
      if (!page.has_more || !last) return;
      cursor = last.sequence_num;
    }
  }
}

function listQuery(query: { after_id?: string | undefined; limit?: number | undefined }): { after_id?: string; limit?: string } {
  const out: { after_id?: string; limit?: string } = {};
  if (query.after_id !== undefined) out.after_id = query.after_id;
  if (query.limit !== undefined) out.limit = String(query.limit);
  return out;
}
