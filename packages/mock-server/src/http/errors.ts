/** `error.type` for each HTTP status the server answers with, as the Anthropic API names them. */
const TYPE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'invalid_request_error',
  409: 'conflict_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  501: 'api_error',
  503: 'overloaded_error',
  529: 'overloaded_error',
};

/** The error type for a status (`api_error` for unlisted 5xx, `invalid_request_error` for other 4xx). */
export function errorTypeFor(status: number): string {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** An error body: `{type:'error', error:{type, message, reason?, …details}}`. */
export function errorBody(status: number, message: string, reason?: string, details?: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return { type: 'error', error: { type: errorTypeFor(status), message, ...(reason === undefined ? {} : { reason }), ...details } };
}

/** A failure a route handler reports; the router turns it into an error body with this status. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly reason: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** Extra fields of the body's `error` object (e.g. `expected_epoch` on a 409). */
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    status: number,
    message: string,
    options: { reason?: string | undefined; headers?: Record<string, string> | undefined; details?: Record<string, unknown> | undefined } = {},
  ) {
    super(message);
    this.status = status;
    this.reason = options.reason;
    this.headers = options.headers ?? {};
    this.details = options.details;
  }
}
