/** String codes of local client failures; callers branch on `code`. */
export type ClientErrorCode =
  | 'NOT_CONNECTED'
  | 'TIMEOUT'
  | 'CONNECTION_CLOSED'
  | 'INVALID_FRAME'
  | 'HTTP_ERROR'
  | 'CONTROL_ERROR'
  | 'ABORTED'
  | 'INVALID_ARGUMENT'
  | 'HISTORY_GAP';

/** A failure of the client itself (not connected, timed out, connection lost, bad input, …). */
export class ClientError extends Error {
  override readonly name: string = 'ClientError';
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Details of a failed HTTP exchange. */
export interface HttpErrorDetails {
  readonly status: number;
  readonly method: string;
  readonly url: string;
  /** The response body: parsed JSON when it was JSON, the text otherwise. */
  readonly body: unknown;
  /** The server's request id (`request-id` / `x-request-id` header), for support tickets. */
  readonly requestId: string | undefined;
}

function describeBody(body: unknown): string {
  if (body !== null && typeof body === 'object') {
    const error = (body as { error?: { type?: unknown; message?: unknown } }).error;
    if (error && typeof error === 'object') {
      const type = typeof error.type === 'string' ? error.type : 'error';
      return typeof error.message === 'string' ? `${type}: ${error.message}` : type;
    }
    return JSON.stringify(body).slice(0, 200);
  }
  return typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : 'empty body';
}

function adviceFor(status: number): string {
  if (status === 401) return 'check the session key, cookie or access token';
  if (status === 403) return 'check the organization uuid, cf_clearance and user agent';
  if (status === 404) return 'check the session or environment id';
  if (status === 409) return 'the resource changed; reload it and retry';
  if (status === 429) return 'too many requests; retry later';
  if (status >= 500) return 'the service failed; retry later';
  return 'check the request against the API contract';
}

/** A REST call answered with a non-2xx status; `status`, `body` and `requestId` say what the server said. */
export class HttpError extends ClientError {
  override readonly name = 'HttpError';
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly requestId: string | undefined;

  constructor(details: HttpErrorDetails, options?: { cause?: unknown }) {
    const id = details.requestId === undefined ? '' : ` (request id ${details.requestId})`;
    super(
      'HTTP_ERROR',
      `${details.method} ${details.url} failed with HTTP ${details.status}${id}: ${describeBody(details.body)}; ${adviceFor(details.status)}.`,
      options,
    );
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.body = details.body;
    this.requestId = details.requestId;
  }
}

/** The agent answered a control request with an error response. */
export class ControlRequestError extends ClientError {
  override readonly name = 'ControlRequestError';
  readonly subtype: string;
  readonly requestId: string;
  /** The machine-readable `error_code` the agent sent, when it sent one. */
  readonly errorCode: string | undefined;

  constructor(subtype: string, requestId: string, error: string, errorCode: string | undefined) {
    const code = errorCode === undefined ? '' : ` [${errorCode}]`;
    super('CONTROL_ERROR', `The agent refused control request ${subtype} (${requestId})${code}: ${error}`);
    this.subtype = subtype;
    this.requestId = requestId;
    this.errorCode = errorCode;
  }
}
