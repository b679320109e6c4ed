/** Where a piece of CLI traffic was seen. `ws-*` channels exist with the `sdk-url` transport only. */
export type CliTrafficChannel =
  | 'stdin' // a line the backend wrote to the CLI
  | 'stdout' // a line the CLI printed
  | 'stderr' // a line the CLI wrote to stderr
  | 'ws-open' // the CLI connected (text: the request path)
  | 'ws-to-cli' // a WebSocket message the backend sent
  | 'ws-from-cli' // a WebSocket message the CLI sent
  | 'ws-close' // the CLI's socket closed (text: the close code)
  | 'spawn' // a CLI process started (text: the command line, secrets redacted)
  | 'exit'; // a CLI process ended (text: `code=…, signal=…`)

/** One observation of the traffic between the backend and a CLI process. */
export interface CliTrafficEvent {
  /** The mock server's session id. */
  readonly sessionId: string;
  /** Epoch milliseconds with sub-millisecond precision (`performance.timeOrigin + performance.now()`). */
  readonly at: number;
  readonly channel: CliTrafficChannel;
  /** The line or message exactly as sent, without a trailing newline. */
  readonly text: string;
  /** For `ws-*` events: which connection of the session (1 for the first, 2 after a reconnect, …). */
  readonly connection?: number | undefined;
}

/** A precise wall-clock time stamp for traffic events. */
export function trafficNow(): number {
  return performance.timeOrigin + performance.now();
}
