import type { TapeEvent } from '@ccr-kit/protocol-types';
import { isPlaceholder } from './pseudonyms';
import { CREDENTIAL_PATTERNS } from './rules';
import { secretVariants, type KnownSecret } from './secrets';

/** What the leak scan found in an event, and in which field. */
export interface LeakFinding {
  readonly field: string;
  readonly what: string;
}

interface Field {
  readonly path: string;
  readonly text: string;
}

/** Every string of an event with its field path; base64 bodies are also given decoded. */
function fieldsOf(event: TapeEvent): Field[] {
  const out: Field[] = [];
  for (const [key, value] of Object.entries(event)) {
    if (typeof value === 'string') out.push({ path: key, text: value });
    else if (value !== null && typeof value === 'object') {
      for (const [name, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v === 'string') out.push({ path: `${key}.${name}`, text: v });
      }
    }
  }
  if ('bodyEncoding' in event && event.bodyEncoding === 'base64' && event.body !== undefined) {
    const bytes = Buffer.from(event.body, 'base64');
    out.push({ path: 'body (base64-decoded)', text: bytes.toString('utf8') });
    out.push({ path: 'body (base64-decoded)', text: bytes.toString('latin1') });
  }
  return out;
}

function credentialIn(text: string, pattern: RegExp, group: number | undefined, accept?: (value: string) => boolean): boolean {
  const re = new RegExp(pattern.source, pattern.flags);
  for (const m of text.matchAll(re)) {
    const token = group === undefined ? m[0] : m[group];
    if (token !== undefined && token.length > 0 && !isPlaceholder(token) && (accept === undefined || accept(token))) return true;
  }
  return false;
}

/**
 * The fail-closed check run on every event after redaction: the serialized line (exactly what
 * would reach disk) and every field are searched for each known secret (raw, JSON-escaped and
 * URL-encoded) and for credential-shaped tokens that are not placeholders.
 */
export function findLeak(event: TapeEvent, line: string, secrets: readonly KnownSecret[]): LeakFinding | undefined {
  const fields = fieldsOf(event);
  const decoded = fields.filter((f) => f.path.startsWith('body (base64'));
  for (const secret of secrets) {
    const variants = secretVariants(secret.value);
    const inLine = variants.some((v) => line.includes(v));
    const field = (inLine ? fields : decoded).find((f) => variants.some((v) => f.text.includes(v)));
    if (inLine || field !== undefined) return { field: field?.path ?? 'the serialized line', what: `the value of ${secret.label}` };
  }
  for (const shape of CREDENTIAL_PATTERNS) {
    const inLine = credentialIn(line, shape.pattern, shape.group, shape.accept);
    const field = (inLine ? fields : decoded).find((f) => credentialIn(f.text, shape.pattern, shape.group, shape.accept));
    if (inLine || field !== undefined) return { field: field?.path ?? 'the serialized line', what: shape.what };
  }
  return undefined;
}

/** The leak scan for a line that is not an event (the tape header). */
export function findLeakInText(line: string, secrets: readonly KnownSecret[]): LeakFinding | undefined {
  return findLeak({ t: 0, kind: 'stdio.line', dir: 'stdout', text: line }, line, secrets);
}
