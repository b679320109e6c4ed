/**
 * Redaction for corpus tapes. Recordings made offline carry no credentials, but they carry random
 * temp paths; these are folded to stable ones so re-recording yields small diffs. Anything that
 * looks like a credential stops the build (fail closed) instead of being written.
 */

/** One replacement rule: a pattern and what it becomes. */
interface Rule {
  readonly id: string;
  readonly pattern: RegExp;
  readonly replace: string;
}

const RULES: readonly Rule[] = [
  { id: 'temp-dir-suffix', pattern: /ccr-corpus-(cwd|home)-[A-Za-z0-9]{6}/g, replace: 'ccr-corpus-$1-XXXXXX' },
  { id: 'temp-dir-suffix', pattern: /ccr-flows-(cwd|home)-[A-Za-z0-9]{6}/g, replace: 'ccr-flows-$1-XXXXXX' },
];

/** Patterns that must never reach a tape. */
const SECRETS: readonly { readonly id: string; readonly pattern: RegExp }[] = [
  { id: 'anthropic-api-key', pattern: /sk-ant-[A-Za-z0-9_-]{10,}/ },
  { id: 'bearer-token', pattern: /Bearer\s+[A-Za-z0-9._~+/=-]{16,}/ },
  { id: 'session-cookie', pattern: /sessionKey=[^;"\s]{8,}/ },
  { id: 'cloudflare-cookie', pattern: /cf_clearance=[^;"\s]{8,}/ },
  { id: 'oauth-token', pattern: /sk-ant-oat[0-9]{2}-/ },
];

/** What redaction did: rule ids, replacements per rule. */
export interface Redaction {
  readonly rules: string[];
  readonly counts: Record<string, number>;
}

/** A credential was found in a recording; nothing was written. */
export class SecretFoundError extends Error {
  override readonly name = 'SecretFoundError';
}

/**
 * Applies the corpus rules to a recording's text and checks that no credential is left.
 * @throws {SecretFoundError} naming the rule and the source when one is found.
 */
export function redactText(text: string, source: string): { text: string; redaction: Redaction } {
  const counts: Record<string, number> = {};
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (...args: unknown[]) => {
      counts[rule.id] = (counts[rule.id] ?? 0) + 1;
      const groups = args.slice(1, -2).map(String);
      return rule.replace.replace(/\$(\d)/g, (_m, n: string) => groups[Number(n) - 1] ?? '');
    });
  }
  for (const secret of SECRETS) {
    const match = secret.pattern.exec(out);
    if (match !== null) {
      throw new SecretFoundError(`${source}: looks like a credential (${secret.id}) at offset ${match.index}; the corpus was not written. Re-record offline or remove it from the recording.`);
    }
  }
  return { text: out, redaction: { rules: [...new Set(RULES.map((r) => r.id)), 'secret-scan'], counts } };
}
