import type { ErrorStatus } from '../scenario/schema';

const DEFAULT_ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** The Anthropic error type that goes with an HTTP status (`api_error` for unlisted ones). */
export function defaultErrorType(status: ErrorStatus | number): string {
  return DEFAULT_ERROR_TYPES[status] ?? 'api_error';
}

/** Anthropic's error body: `{ type: 'error', error: { type, message }, request_id }`. */
export function errorBody(type: string, message: string, requestId: string): Record<string, unknown> {
  return { type: 'error', error: { type, message }, request_id: requestId };
}
