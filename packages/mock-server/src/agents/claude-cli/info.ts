/** A snapshot of one session's CLI, for tests, benchmarks and the admin side. */
export interface ClaudeCliProcessInfo {
  readonly sessionId: string;
  /** The running CLI's process id, if one runs. */
  readonly pid: number | undefined;
  /** The CLI's working directory (undefined until the first start). */
  readonly cwd: string | undefined;
  /** The CLI's HOME, when the backend chose one (a temp directory with the fake model). */
  readonly home: string | undefined;
  /** The CLI's own session id, learnt from `system/init`; restarts resume it. */
  readonly cliSessionId: string | undefined;
  /** Processes started after the first one. */
  readonly restarts: number;
  /** Base URL of the session's fake model, with `modelBackend: 'fake'`. */
  readonly fakeModelUrl: string | undefined;
  /** `--sdk-url` only: how often the CLI has connected, and re-sent frames dropped. */
  readonly connections: number;
  readonly duplicatesDropped: number;
}
