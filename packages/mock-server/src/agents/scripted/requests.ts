import type { AgentContext } from '../../agent';
import type { AgentIds } from './ids';

/** How a client answered one of the agent's control requests. */
export type RequestAnswer =
  | { readonly kind: 'success'; readonly response: Record<string, unknown> }
  | { readonly kind: 'error'; readonly error: string }
  | { readonly kind: 'cancelled' };

interface Pending {
  readonly subtype: string;
  readonly resolve: (answer: RequestAnswer) => void;
}

/**
 * The agent's own control requests (`can_use_tool`, `hook_callback`) waiting for a client's
 * `control_response`. Cancelling one sends `control_cancel_request`; a late answer is ignored.
 */
export class OutboundRequests {
  readonly #pending = new Map<string, Pending>();
  readonly #ctx: AgentContext;
  readonly #ids: AgentIds;
  readonly #onChange: () => void;

  constructor(ctx: AgentContext, ids: AgentIds, onChange: () => void) {
    this.#ctx = ctx;
    this.#ids = ids;
    this.#onChange = onChange;
  }

  /** Sends a control request and resolves with the client's answer (or `cancelled`). */
  send(request: Record<string, unknown>): Promise<RequestAnswer> {
    return this.open(request).answer;
  }

  /** Sends a control request and hands back its id (for {@link cancel}) with the answer to come. */
  open(request: Record<string, unknown>): { readonly requestId: string; readonly answer: Promise<RequestAnswer> } {
    const requestId = this.#ids.uuid();
    const subtype = String(request.subtype);
    const answer = new Promise<RequestAnswer>((resolve) => {
      this.#pending.set(requestId, { subtype, resolve });
    });
    this.#ctx.emit({ type: 'control_request', request_id: requestId, request });
    this.#onChange();
    return { requestId, answer };
  }

  /** Withdraws one waiting request with `control_cancel_request`; it resolves as `cancelled`. */
  cancel(requestId: string): void {
    const pending = this.#pending.get(requestId);
    if (pending === undefined) return;
    this.#pending.delete(requestId);
    this.#ctx.emit({ type: 'control_cancel_request', request_id: requestId });
    pending.resolve({ kind: 'cancelled' });
    this.#onChange();
  }

  /** Whether a `can_use_tool` prompt is waiting for the user. */
  get awaitingUser(): boolean {
    for (const pending of this.#pending.values()) if (pending.subtype === 'can_use_tool') return true;
    return false;
  }

  /** Settles the request a `control_response` answers; answers to unknown or cancelled ids are journaled and dropped. */
  answer(frame: Record<string, unknown>): void {
    const body = (frame.response ?? {}) as Record<string, unknown>;
    const requestId = typeof body.request_id === 'string' ? body.request_id : undefined;
    const pending = requestId === undefined ? undefined : this.#pending.get(requestId);
    if (requestId === undefined || pending === undefined) {
      this.#ctx.journal(`scripted agent: ignored a control_response for ${requestId ?? '(no request_id)'}: no request of this agent is waiting for it`, frame);
      return;
    }
    this.#pending.delete(requestId);
    if (body.subtype === 'error') {
      pending.resolve({ kind: 'error', error: typeof body.error === 'string' ? body.error : 'The client answered with an error.' });
    } else {
      const response = body.response;
      pending.resolve({ kind: 'success', response: response !== null && typeof response === 'object' ? (response as Record<string, unknown>) : {} });
    }
    this.#onChange();
  }

  /** Withdraws every waiting request: sends `control_cancel_request` for each and resolves it as `cancelled`. */
  cancelAll(): number {
    const entries = [...this.#pending.entries()];
    this.#pending.clear();
    for (const [requestId, pending] of entries) {
      this.#ctx.emit({ type: 'control_cancel_request', request_id: requestId });
      pending.resolve({ kind: 'cancelled' });
    }
    if (entries.length > 0) this.#onChange();
    return entries.length;
  }

  /** Drops every waiting request without telling clients (the agent is stopping). */
  abandon(): void {
    for (const pending of this.#pending.values()) pending.resolve({ kind: 'cancelled' });
    this.#pending.clear();
  }
}
