import type { CliExit } from './process';

/** The `tag` of the notice sent when the CLI process ends unexpectedly. */
export const CLI_EXIT_NOTICE_TAG = 'claude_cli_exited';

/** Says in words how a CLI process ended. */
export function describeExit(exit: CliExit): string {
  if (exit.error !== undefined) return `could not be started (${exit.error.message})`;
  if (exit.signal !== null) return `was killed by ${exit.signal}`;
  return `exited with code ${exit.code ?? 'unknown'}`;
}

/** A `system/informational` warning telling clients the CLI process ended and what happens next. */
export function exitNotice(content: string): Record<string, unknown> {
  return { type: 'system', subtype: 'informational', level: 'warning', content, tag: CLI_EXIT_NOTICE_TAG };
}

/** The `result` that ends a turn the CLI process did not finish. */
export function interruptedTurnResult(message: string, durationMs: number): Record<string, unknown> {
  return {
    type: 'result',
    subtype: 'error_during_execution',
    is_error: true,
    duration_ms: durationMs,
    duration_api_ms: 0,
    num_turns: 0,
    stop_reason: null,
    total_cost_usd: 0,
    usage: { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    modelUsage: {},
    permission_denials: [],
    errors: [message],
  };
}

/** An error `control_response` to a client's request the CLI can no longer answer. */
export function controlError(requestId: string, error: string): Record<string, unknown> {
  return { type: 'control_response', response: { subtype: 'error', request_id: requestId, error } };
}

/** A success `control_response` with no payload (as the CLI answers `interrupt`). */
export function controlSuccess(requestId: string): Record<string, unknown> {
  return { type: 'control_response', response: { subtype: 'success', request_id: requestId } };
}

/** Withdraws a prompt the CLI had sent to clients. */
export function cancelRequest(requestId: string): Record<string, unknown> {
  return { type: 'control_cancel_request', request_id: requestId };
}

/** The `request_id` of a control_request, `control_cancel_request` or (inside `response`) control_response. */
export function requestIdOf(frame: Record<string, unknown>): string | undefined {
  if (typeof frame.request_id === 'string') return frame.request_id;
  const response = frame.response;
  if (response !== null && typeof response === 'object') {
    const id = (response as Record<string, unknown>).request_id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/** The `request.subtype` of a control_request. */
export function requestSubtypeOf(frame: Record<string, unknown>): string {
  const request = frame.request;
  if (request === null || typeof request !== 'object') return '?';
  const subtype = (request as Record<string, unknown>).subtype;
  return typeof subtype === 'string' ? subtype : '?';
}
