/** A secret value the recorder must never write, with a label that names it without showing it. */
export interface KnownSecret {
  /** How the secret is named in errors and summaries, e.g. `env ANTHROPIC_API_KEY`. */
  readonly label: string;
  readonly value: string;
}

/** Environment variables that hold Claude / CCR credentials; their values are always treated as secrets. */
export const SECRET_ENV_VARS: readonly string[] = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'CLAUDE_CODE_OAUTH_TOKEN',
  'CLAUDE_CODE_OAUTH_REFRESH_TOKEN',
  'CLAUDE_CODE_SESSION_ACCESS_TOKEN',
  'CLAUDE_SESSION_KEY',
  'CLAUDE_AI_SESSION_KEY',
  'CCR_SESSION_KEY',
  'CCR_OAUTH_TOKEN',
  'CCR_ORGANIZATION_UUID',
  'GITHUB_TOKEN',
  'GH_TOKEN',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'NPM_TOKEN',
];

/** Other variables whose name says they hold a credential. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|SESSION_?KEY|COOKIE|CREDENTIAL|PRIVATE_?KEY)/i;
/** Named credential variables shorter than this are placeholders such as `sk-test`, not secrets. */
const MIN_NAMED = 8;
/** Variables found by name only must be longer, so short flags and paths are not mistaken for secrets. */
const MIN_GUESSED = 16;

/**
 * The secret values in an environment: every variable of {@link SECRET_ENV_VARS} with at least 8
 * characters, every non-empty variable named in `extraNames`, and any other variable whose name looks like a credential
 * (`*_TOKEN`, `*_SECRET`, `*API_KEY`, …) with at least 16 characters.
 */
export function secretsFromEnv(env: Readonly<Record<string, string | undefined>>, extraNames: readonly string[] = []): KnownSecret[] {
  const out: KnownSecret[] = [];
  const builtIn = new Set(SECRET_ENV_VARS);
  const extra = new Set(extraNames);
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const min = extra.has(name) ? 1 : builtIn.has(name) ? MIN_NAMED : SECRET_NAME.test(name) ? MIN_GUESSED : Infinity;
    if (value.trim().length >= min) out.push({ label: `env ${name}`, value: value.trim() });
  }
  return out;
}

/** The forms a secret can take inside a serialized tape line: raw, JSON-escaped and URL-encoded. */
export function secretVariants(value: string): string[] {
  const variants = new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]);
  return [...variants].filter((v) => v.length > 0);
}
