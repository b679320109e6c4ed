import type { ErrorResponse } from '../../scenario/schema';
import { apiRetry } from './frames';
import type { ScriptedState } from './state';
import type { TurnUsage } from './usage';
import { delay } from './wait';

/** Statuses the CLI retries, with the `error` it reports in `system/api_retry`. */
const RETRYABLE: Readonly<Record<number, string>> = { 401: 'authentication_failed', 429: 'rate_limit', 500: 'server_error', 529: 'overloaded' };

/** The Anthropic error type that goes with each status the scenario format allows. */
const ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** Backoff before retry `attempt`: 500 ms doubling, up to 32 s, plus up to 25 % jitter (observed ≈0.5–0.6 s, then ≈1.1–1.2 s). */
function backoffMs(state: ScriptedState, attempt: number): number {
  const base = Math.min(500 * 2 ** (attempt - 1), 32_000);
  return Math.round(base * (1 + 0.25 * state.ids.random()));
}

/** How a run of failed requests ended the turn: the text of the error and the `api_error_status`. */
export interface ApiFailure {
  readonly text: string;
  readonly status: number | null;
}

/**
 * Plays an HTTP error answer (served `times` requests in a row): each retryable failure emits
 * `system/api_retry` and waits the backoff on the clock; a non-retryable one, or running out of
 * retries, ends the turn. `retry.attempt` counts across consecutive error answers.
 */
export async function failRequests(
  state: ScriptedState,
  response: ErrorResponse,
  retry: { attempt: number },
  signal: AbortSignal,
  usage: TurnUsage,
): Promise<'recovered' | ApiFailure> {
  const { status, message } = response.error;
  const type = response.error.type ?? ERROR_TYPES[status] ?? 'api_error';
  const body = JSON.stringify({ type: 'error', error: { type, message } });
  for (let served = 0; served < (response.error.times ?? 1); served++) {
    const waited = state.ctx.clock.now();
    if (!(await delay(state.ctx.clock, response.error.delayMs ?? 0, signal))) return 'recovered';
    usage.addApiTime(state.ctx.clock.now() - waited);
    const reported = RETRYABLE[status];
    if (reported === undefined) return { text: `API Error: ${status} ${body}`, status };
    retry.attempt += 1;
    if (retry.attempt > state.maxRetries) {
      return status === 529 ? { text: 'API Error: Repeated 529 Overloaded errors', status: null } : { text: `API Error: ${status} ${body}`, status };
    }
    const retryDelayMs = response.error.retryAfter !== undefined ? Math.round(response.error.retryAfter * 1000) : backoffMs(state, retry.attempt);
    state.ctx.emit(apiRetry(state.ctx.sessionId, { attempt: retry.attempt, maxRetries: state.maxRetries, retryDelayMs, errorStatus: status, error: reported }));
    if (!(await delay(state.ctx.clock, retryDelayMs, signal))) return 'recovered';
  }
  return 'recovered';
}
