/** Agent→client control requests that wait for a person: they stay open until answered or withdrawn. */
export const PROMPT_SUBTYPES = ['can_use_tool', 'elicitation', 'request_user_dialog'] as const;

/** The subtype of a prompt. */
export type PromptSubtype = (typeof PROMPT_SUBTYPES)[number];

/** The `initialize` response field that re-offers each kind of prompt. */
export const PENDING_FIELD: Readonly<Record<PromptSubtype, string>> = {
  can_use_tool: 'pending_permission_requests',
  elicitation: 'pending_elicitation_requests',
  request_user_dialog: 'pending_user_dialog_requests',
};

/** An open prompt. */
export interface PendingPrompt {
  readonly requestId: string;
  readonly subtype: PromptSubtype;
  /** The `control_request` frame as the agent sent it. */
  readonly frame: Record<string, unknown>;
  readonly toolUseId: string | undefined;
}

/** How a client's `control_response` relates to the agent's requests. */
export type AnswerMatch =
  | { readonly kind: 'open'; readonly requestId: string; readonly prompt: PendingPrompt | undefined }
  | { readonly kind: 'closed'; readonly requestId: string; readonly why: 'answered' | 'cancelled' }
  | { readonly kind: 'unknown'; readonly requestId: string };

function isPromptSubtype(value: unknown): value is PromptSubtype {
  return typeof value === 'string' && (PROMPT_SUBTYPES as readonly string[]).includes(value);
}

/**
 * Tracks every control request the agent sent to clients, so each is answered at most once, a
 * withdrawn one ignores late answers, and open prompts can be re-offered on `initialize`.
 */
export class PendingRequests {
  /** Open agent requests (prompts and others such as hook_callback), by request_id. */
  readonly #open = new Map<string, PendingPrompt | undefined>();
  readonly #closed = new Map<string, 'answered' | 'cancelled'>();

  /** Records an agent `control_request`; returns the prompt when it waits for a person. */
  opened(frame: Record<string, unknown>): PendingPrompt | undefined {
    const requestId = frame.request_id;
    if (typeof requestId !== 'string') return undefined;
    const request = (frame.request ?? {}) as Record<string, unknown>;
    const subtype = request.subtype;
    const prompt = isPromptSubtype(subtype)
      ? { requestId, subtype, frame, toolUseId: typeof request.tool_use_id === 'string' ? request.tool_use_id : undefined }
      : undefined;
    this.#open.set(requestId, prompt);
    this.#closed.delete(requestId);
    return prompt;
  }

  /** Records the agent's `control_cancel_request`; returns whether something open was withdrawn. */
  cancelled(requestId: string): boolean {
    if (!this.#open.has(requestId)) return false;
    this.#open.delete(requestId);
    this.#closed.set(requestId, 'cancelled');
    return true;
  }

  /**
   * Matches a client's answer. A `request_id` equal to the tool_use_id of an open permission
   * prompt also matches it (claude.ai sometimes answers with the `toolu_…` id).
   */
  match(requestId: string): AnswerMatch {
    if (this.#open.has(requestId)) return { kind: 'open', requestId, prompt: this.#open.get(requestId) };
    const closed = this.#closed.get(requestId);
    if (closed !== undefined) return { kind: 'closed', requestId, why: closed };
    for (const prompt of this.#open.values()) {
      if (prompt !== undefined && prompt.toolUseId === requestId) return { kind: 'open', requestId: prompt.requestId, prompt };
    }
    return { kind: 'unknown', requestId };
  }

  /** Marks a request answered. */
  answered(requestId: string): void {
    this.#open.delete(requestId);
    this.#closed.set(requestId, 'answered');
  }

  /** Open prompts, oldest first. */
  prompts(): PendingPrompt[] {
    return [...this.#open.values()].filter((p): p is PendingPrompt => p !== undefined);
  }

  /** Number of open prompts. */
  get promptCount(): number {
    let n = 0;
    for (const p of this.#open.values()) if (p !== undefined) n++;
    return n;
  }
}
