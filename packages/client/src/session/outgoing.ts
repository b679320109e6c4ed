import type { Clock, TimerHandle } from '@ccr-kit/protocol-types';
import { ClientError, ControlRequestError } from '../errors';
import { randomRequestId } from '../internal/ids';

interface Pending {
  readonly subtype: string;
  readonly resolve: (response: Record<string, unknown>) => void;
  readonly reject: (error: Error) => void;
  readonly timer: TimerHandle;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Control requests this client sent and is waiting on, correlated by `request_id`. A response
 * to an id nobody waits on (an echo, a late duplicate) is ignored.
 */
export class OutgoingRequests {
  readonly #clock: Clock;
  readonly #pending = new Map<string, Pending>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Whether `requestId` is one of ours (answered or not, as long as it is pending). */
  has(requestId: string): boolean {
    return this.#pending.has(requestId);
  }

  /**
   * Registers a request; the promise settles with the success envelope (`{subtype, request_id,
   * response?, pending_*?}`), a {@link ControlRequestError}, or a `TIMEOUT` after `timeout` ms.
   */
  create(subtype: string, timeout: number): { requestId: string; response: Promise<Record<string, unknown>> } {
    const requestId = randomRequestId();
    const response = new Promise<Record<string, unknown>>((resolve, reject) => {
      const timer = this.#clock.setTimeout(() => {
        this.#pending.delete(requestId);
        reject(
          new ClientError(
            'TIMEOUT',
            `Control request ${subtype} (${requestId}) got no response within ${timeout} ms; the agent may be busy or gone. Retry, or raise requestTimeout.`,
          ),
        );
      }, timeout);
      this.#pending.set(requestId, { subtype, resolve, reject, timer });
    });
    return { requestId, response };
  }

  /** Settles the request a `control_response` answers; returns false when nobody waits on it. */
  settle(frame: Record<string, unknown>): boolean {
    const body = frame.response;
    if (!isRecord(body) || typeof body.request_id !== 'string') return false;
    const pending = this.#pending.get(body.request_id);
    if (!pending) return false;
    this.#pending.delete(body.request_id);
    this.#clock.clearTimeout(pending.timer);
    if (body.subtype === 'error') {
      const message = typeof body.error === 'string' ? body.error : 'unspecified error';
      const code = typeof body.error_code === 'string' ? body.error_code : undefined;
      pending.reject(new ControlRequestError(pending.subtype, body.request_id, message, code));
    } else {
      pending.resolve(body);
    }
    return true;
  }

  /** Rejects one request (e.g. aborted by the caller). */
  fail(requestId: string, error: Error): void {
    const pending = this.#pending.get(requestId);
    if (!pending) return;
    this.#pending.delete(requestId);
    this.#clock.clearTimeout(pending.timer);
    pending.reject(error);
  }

  /** Rejects every waiting request (the session closed). */
  failAll(error: Error): void {
    for (const id of [...this.#pending.keys()]) this.fail(id, error);
  }
}

const PENDING_KEYS = ['pending_permission_requests', 'pending_user_dialog_requests', 'pending_elicitation_requests'] as const;

/** The success payload of a control response envelope (`{}` when it has none). */
export function payloadOf(envelope: Record<string, unknown>): Record<string, unknown> {
  return isRecord(envelope.response) ? envelope.response : {};
}

/** The agent→host control requests an `initialize` reply envelope re-offers in its `pending_*` arrays. */
export function pendingRequestsOf(reply: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const key of PENDING_KEYS) {
    const list = reply[key];
    if (Array.isArray(list)) for (const item of list) if (isRecord(item)) out.push(item);
  }
  return out;
}
