import { ClientError } from '../errors';
import type { HookRegistry } from '../helpers/hooks';
import type { McpBridge } from '../helpers/mcp';
import { RecentMap } from '../internal/recent-set';
import type { PermissionResult, PermissionUpdate, SessionCallbacks, ToolPermissionResponse } from './types';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Everything the dispatcher needs from its session. */
export interface IncomingOptions {
  readonly callbacks: SessionCallbacks;
  readonly defaultPermission: 'deny' | 'allow';
  readonly hooks: HookRegistry;
  readonly mcp: McpBridge | undefined;
  /** Sends a `control_response` (queued by the session while it reconnects). */
  readonly respond: (frame: Json) => void;
  readonly onError: (error: Error) => void;
}

/** Agent→host subtypes with a default answer even without a handler. */
const DEFAULT_ANSWERS: Record<string, Json> = {
  elicitation: { action: 'decline' },
  request_user_dialog: { behavior: 'cancelled' },
};

/**
 * Answers control requests from the agent (`can_use_tool`, `hook_callback`, `mcp_message`, …),
 * each request id once: re-offers (replay, `initialize`'s `pending_*` arrays) of a prompt being
 * handled are ignored, and of an answered prompt re-send the stored answer. A throwing handler
 * becomes a deny or error response; `control_cancel_request` aborts the handler's signal.
 */
export class IncomingControl {
  readonly #options: IncomingOptions;
  readonly #inflight = new Map<string, AbortController>();
  /** Answers already sent, by request id; `null` marks a request the agent cancelled. */
  readonly #answered = new RecentMap<string, Json | null>(2000);

  constructor(options: IncomingOptions) {
    this.#options = options;
  }

  /** Request ids whose handler is still running. */
  get inflight(): number {
    return this.#inflight.size;
  }

  /** Takes one `control_request` frame from the agent. */
  handle(frame: Json): void {
    const requestId = frame.request_id;
    const request = frame.request;
    if (typeof requestId !== 'string' || !isRecord(request) || typeof request.subtype !== 'string') {
      this.#options.onError(new ClientError('INVALID_FRAME', 'Received a control_request without a string request_id and request.subtype; it was ignored.'));
      return;
    }
    if (this.#inflight.has(requestId)) return;
    if (this.#answered.has(requestId)) {
      const answer = this.#answered.get(requestId);
      if (answer) this.#options.respond(answer);
      return;
    }
    const controller = new AbortController();
    this.#inflight.set(requestId, controller);
    void this.#run(requestId, request, controller);
  }

  /** Withdraws a request (`control_cancel_request`): its handler's signal aborts and no answer is sent. */
  cancel(requestId: string): void {
    const controller = this.#inflight.get(requestId);
    this.#answered.set(requestId, null);
    if (!controller) return;
    this.#inflight.delete(requestId);
    controller.abort(new ClientError('ABORTED', `The agent cancelled control request ${requestId}.`));
  }

  /** Aborts every running handler (the session closed for good). */
  abortAll(): void {
    for (const [id, controller] of this.#inflight) {
      controller.abort(new ClientError('CONNECTION_CLOSED', `The session closed while control request ${id} was being handled.`));
    }
    this.#inflight.clear();
  }

  async #run(requestId: string, request: Json, controller: AbortController): Promise<void> {
    let response: Json;
    try {
      const payload = await this.#dispatch(requestId, request, controller.signal);
      response = { subtype: 'success', request_id: requestId, response: payload };
    } catch (error) {
      if (!controller.signal.aborted) this.#options.onError(error instanceof Error ? error : new Error(String(error)));
      response =
        request.subtype === 'can_use_tool'
          ? { subtype: 'success', request_id: requestId, response: denyAfterFailure(request, error) }
          : { subtype: 'error', request_id: requestId, error: messageOf(error) };
    }
    if (this.#inflight.get(requestId) !== controller) return;
    this.#inflight.delete(requestId);
    const frame = { type: 'control_response', response };
    this.#answered.set(requestId, frame);
    this.#options.respond(frame);
  }

  async #dispatch(requestId: string, request: Json, signal: AbortSignal): Promise<Json> {
    const { callbacks, hooks, mcp } = this.#options;
    switch (request.subtype) {
      case 'can_use_tool':
        return this.#permission(requestId, request, signal);
      case 'hook_callback': {
        const callbackId = String(request.callback_id);
        const toolUseId = typeof request.tool_use_id === 'string' ? request.tool_use_id : undefined;
        const input = isRecord(request.input) ? request.input : {};
        const registered = hooks.get(callbackId);
        if (registered) return (await registered(input, toolUseId, { signal })) ?? {};
        if (callbacks.onHookCallback) {
          const out = await callbacks.onHookCallback(callbackId, request.input, toolUseId, signal);
          return isRecord(out) ? out : {};
        }
        throw new ClientError('INVALID_ARGUMENT', `No hook callback is registered under id ${JSON.stringify(callbackId)}; register it with the hooks option.`);
      }
      case 'mcp_message':
        if (!mcp) throw new ClientError('INVALID_ARGUMENT', 'This session has no in-process MCP servers; pass them with the mcpServers option.');
        return mcp.handle(request, signal);
      default: {
        const handler = callbacks.onControlRequest?.[request.subtype as string];
        if (handler) return (await handler(request, { requestId, signal })) ?? {};
        const fallback = DEFAULT_ANSWERS[request.subtype as string];
        if (fallback) return fallback;
        throw new ClientError('INVALID_ARGUMENT', `Unsupported control request subtype: ${String(request.subtype)}`);
      }
    }
  }

  async #permission(requestId: string, request: Json, signal: AbortSignal): Promise<Json> {
    const toolName = String(request.tool_name);
    const toolUseID = String(request.tool_use_id);
    const input = isRecord(request.input) ? request.input : {};
    const handler = this.#options.callbacks.onToolPermission;
    if (!handler) {
      if (this.#options.defaultPermission === 'allow') return { behavior: 'allow', updatedInput: input, toolUseID };
      return {
        behavior: 'deny',
        message: `No permission handler is configured, so ${toolName} was denied; pass onToolPermission to decide.`,
        toolUseID,
      };
    }
    const suggestions = Array.isArray(request.permission_suggestions) ? (request.permission_suggestions as PermissionUpdate[]) : undefined;
    const result = await handler(toolName, input, { toolUseID, signal, suggestions, requestId, request });
    return checkedResult(result, toolName, toolUseID);
  }
}

function checkedResult(result: PermissionResult | ToolPermissionResponse, toolName: string, toolUseID: string): Json {
  if (!isRecord(result) || (result.behavior !== 'allow' && result.behavior !== 'deny')) {
    throw new ClientError('INVALID_ARGUMENT', `onToolPermission for ${toolName} returned ${JSON.stringify(result)}; return { behavior: 'allow' | 'deny', … }.`);
  }
  const out: Json = { toolUseID };
  for (const [key, value] of Object.entries(result)) if (value !== undefined && key !== 'toolUseID') out[key] = value;
  if (out.behavior === 'deny' && typeof out.message !== 'string') out.message = 'Denied by the user.';
  return out;
}

function denyAfterFailure(request: Json, error: unknown): Json {
  return {
    behavior: 'deny',
    message: `The permission handler failed (${messageOf(error)}), so the tool call was denied.`,
    toolUseID: String(request.tool_use_id),
  };
}
