import { isRecord, type JsonObject } from '../internal/json';
import type { AgentStep, ClientStep } from './script';

/** A request from the agent as a client adapter saw it. */
export interface AgentRequest {
  readonly subtype: string;
  /** The control request id, when the client library exposes it. */
  readonly requestId?: string | undefined;
  /** The request body: `tool_name`/`input`/`tool_use_id`, `callback_id`/`input`, `server_name`/`message`, … */
  readonly request: JsonObject;
}

/** An instructed answer could not be found or was recorded as an error. */
export class AnswerError extends Error {
  override readonly name = 'AnswerError';
}

interface Entry {
  readonly requestId: string;
  readonly subtype: string;
  readonly request: JsonObject;
  readonly answer: JsonObject | undefined;
  used: boolean;
}

function sameCall(entry: Entry, seen: AgentRequest): boolean {
  const a = entry.request;
  const b = seen.request;
  switch (entry.subtype) {
    case 'can_use_tool':
      return a.tool_name === b.tool_name && (b.tool_use_id === undefined || a.tool_use_id === b.tool_use_id);
    case 'hook_callback':
      return b.tool_use_id === undefined || a.tool_use_id === b.tool_use_id;
    case 'mcp_message': {
      const ma = isRecord(a.message) ? a.message : {};
      const mb = isRecord(b.message) ? b.message : {};
      return a.server_name === b.server_name && ma.method === mb.method && ma.id === mb.id;
    }
    default:
      return true;
  }
}

/**
 * The tape's answers to the agent's requests, handed out as instructions: when the client under
 * test is asked something, it must answer what the recorded host answered. Requests are matched by
 * id when the adapter knows it, otherwise by subtype and content (tool, hook tool_use_id, MCP method
 * and id), first unused first.
 */
export class AnswerBook {
  readonly #entries: Entry[] = [];

  constructor(steps: readonly (AgentStep | ClientStep)[]) {
    const answers = new Map<string, JsonObject>();
    for (const step of steps) {
      if (step.side !== 'client' || step.frame.type !== 'control_response' || !isRecord(step.frame.response)) continue;
      const id = step.frame.response.request_id;
      if (typeof id === 'string') answers.set(id, step.frame.response);
    }
    for (const step of steps) {
      if (step.side !== 'agent' || step.frame.type !== 'control_request' || !isRecord(step.frame.request)) continue;
      const requestId = String(step.frame.request_id);
      const request = step.frame.request;
      this.#entries.push({ requestId, subtype: String(request.subtype), request, answer: answers.get(requestId), used: false });
    }
  }

  /** How many agent requests the tape holds. */
  get size(): number {
    return this.#entries.length;
  }

  /** Recorded requests no client handler was asked about. */
  unasked(): { requestId: string; subtype: string }[] {
    return this.#entries.filter((e) => !e.used).map(({ requestId, subtype }) => ({ requestId, subtype }));
  }

  #find(seen: AgentRequest): Entry | undefined {
    if (seen.requestId !== undefined) {
      const byId = this.#entries.find((e) => e.requestId === seen.requestId && !e.used);
      if (byId !== undefined) return byId;
    }
    return this.#entries.find((e) => !e.used && e.subtype === seen.subtype && sameCall(e, seen));
  }

  /**
   * The recorded success payload for a request. When the tape holds no answer (the agent withdrew
   * the request), it settles only when `signal` aborts, as a host that never answered.
   * @throws {AnswerError} when the request is not in the tape, or its recorded answer is an error.
   */
  async answer(seen: AgentRequest, signal: AbortSignal): Promise<JsonObject> {
    const entry = this.#find(seen);
    if (entry === undefined) throw new AnswerError(`The tape has no ${seen.subtype} request like this one; the client was asked something the recording never asked.`);
    entry.used = true;
    const answer = entry.answer;
    if (answer === undefined) {
      return new Promise<JsonObject>((_resolve, reject) => {
        const abort = (): void => reject(signal.reason instanceof Error ? signal.reason : new AnswerError('withdrawn by the agent'));
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      });
    }
    if (answer.subtype === 'error') throw new AnswerError(typeof answer.error === 'string' ? answer.error : 'recorded error');
    return isRecord(answer.response) ? answer.response : {};
  }
}
