/** Options of {@link fakeModelCliEnv}. */
export interface FakeModelCliEnvOptions {
  /** The fake model's base URL (`server.url` or `server.urlFor(name)`). */
  baseUrl: string;
  /** A fresh, empty directory used as the CLI's HOME, so no real login or settings are read. */
  home: string;
  /** `CLAUDE_CODE_MAX_RETRIES`: how often the CLI retries 429/5xx answers (the CLI's default is 10). */
  maxRetries?: number | undefined;
  /** Further variables, added last. */
  extra?: Readonly<Record<string, string>> | undefined;
}

/**
 * A minimal environment that points the Claude Code CLI at the fake model, fully offline. Only
 * PATH, TMPDIR and LANG are taken from this process, so no real credentials or settings leak in.
 */
export function fakeModelCliEnv(options: FakeModelCliEnvOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'TMPDIR', 'LANG'] as const) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    HOME: options.home,
    ANTHROPIC_BASE_URL: options.baseUrl,
    ANTHROPIC_API_KEY: 'sk-test',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
  });
  if (options.maxRetries !== undefined) env.CLAUDE_CODE_MAX_RETRIES = String(options.maxRetries);
  Object.assign(env, options.extra);
  return env;
}
