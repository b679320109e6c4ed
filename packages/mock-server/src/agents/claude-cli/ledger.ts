/** The answer the CLI gave to one of the backend's own control requests. */
export type OwnRequestAnswer = Record<string, unknown>;

interface OwnRequest {
  resolve(response: OwnRequestAnswer): void;
  reject(error: Error): void;
}

/**
 * Open control requests of one session, in both directions, so a CLI that dies leaves nothing
 * hanging: prompts it sent are withdrawn, client requests it never answered get an error, and the
 * backend's own requests (the `initialize` it forwards or replays) are settled.
 */
export class RequestLedger {
  /** CLI → clients requests waiting for an answer (`can_use_tool`, `hook_callback`, `mcp_message`, …), by id. */
  readonly #fromCli = new Map<string, string>();
  /** Client → CLI requests waiting for the CLI's `control_response`, by id. */
  readonly #fromClients = new Map<string, string>();
  readonly #own = new Map<string, OwnRequest>();
  #counter = 0;

  /** Records a request the CLI sent to clients. */
  cliAsked(requestId: string, subtype: string): void {
    this.#fromCli.set(requestId, subtype);
  }

  /** Records that a CLI request was answered by a client or withdrawn by the CLI. */
  cliRequestClosed(requestId: string): void {
    this.#fromCli.delete(requestId);
  }

  /** Records a request a client sent to the CLI. */
  clientAsked(requestId: string, subtype: string): void {
    this.#fromClients.set(requestId, subtype);
  }

  /** Records the CLI's answer to a client request. */
  clientRequestAnswered(requestId: string): void {
    this.#fromClients.delete(requestId);
  }

  /** Starts one of the backend's own requests; returns its id and the CLI's eventual answer. */
  own(prefix: string): { requestId: string; answer: Promise<OwnRequestAnswer> } {
    const requestId = `${prefix}-${++this.#counter}`;
    const answer = new Promise<OwnRequestAnswer>((resolve, reject) => this.#own.set(requestId, { resolve, reject }));
    return { requestId, answer };
  }

  /** Settles an own request with the CLI's `control_response.response`; false when the id is not ours. */
  settleOwn(requestId: string, response: OwnRequestAnswer): boolean {
    const waiter = this.#own.get(requestId);
    if (waiter === undefined) return false;
    this.#own.delete(requestId);
    waiter.resolve(response);
    return true;
  }

  /** Whether an id belongs to one of the backend's own requests (answered or not). */
  isOwn(requestId: string, prefix: string): boolean {
    return requestId.startsWith(`${prefix}-`);
  }

  /**
   * Empties the ledger after the CLI went away: returns the CLI's open requests and the client
   * requests it never answered, and rejects the backend's own requests with `error`.
   */
  drain(error: Error): { cliRequests: string[]; clientRequests: [string, string][] } {
    const cliRequests = [...this.#fromCli.keys()];
    const clientRequests = [...this.#fromClients.entries()];
    this.#fromCli.clear();
    this.#fromClients.clear();
    for (const waiter of this.#own.values()) waiter.reject(error);
    this.#own.clear();
    return { cliRequests, clientRequests };
  }
}
