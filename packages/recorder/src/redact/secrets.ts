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

/** Shortest secret whose base64 forms are searched for (shorter cores would match by chance). */
const MIN_ENCODED = 8;

/**
 * The part of `base64(x + secret + y)` that is the same whatever `x` and `y` are, for a secret that
 * starts `offset` bytes (0–2) into a 3-byte group: the characters that depend only on the secret.
 */
function base64Core(secret: Buffer, offset: number, url: boolean): string {
  const padded = Buffer.concat([Buffer.alloc(offset), secret]);
  let encoded = padded.toString(url ? 'base64url' : 'base64').replace(/=+$/, '');
  // Leading characters mix in the unknown bytes before the secret.
  const lead = offset === 0 ? 0 : offset === 1 ? 2 : 3;
  // Trailing characters mix in the unknown bytes after it, unless the secret ends a 3-byte group.
  const total = padded.length;
  const tail = total % 3 === 0 ? 0 : total % 3 === 1 ? 2 : 3;
  encoded = encoded.slice(lead, encoded.length - tail);
  return encoded;
}

/**
 * The forms a secret can take inside a serialized tape line: raw, JSON-escaped (once or twice), URL-encoded (also
 * with `+` for spaces), and inside base64 or base64url text at any byte alignment.
 */
export function secretVariants(value: string): string[] {
  const escaped = JSON.stringify(value).slice(1, -1);
  // Escaped twice too: a JSON string inside a JSON frame seen as raw text (a line cut across messages).
  const variants = new Set([value, escaped, JSON.stringify(escaped).slice(1, -1), encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+')]);
  if (value.length >= MIN_ENCODED) {
    const bytes = Buffer.from(value, 'utf8');
    for (let offset = 0; offset < 3; offset++) {
      for (const url of [false, true]) {
        const core = base64Core(bytes, offset, url);
        if (core.length >= MIN_ENCODED) variants.add(core);
      }
    }
  }
  return [...variants].filter((v) => v.length > 0);
}
