const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[A-Za-z]{2,}$/;
const UUID_PLACEHOLDER = /^00000000-0000-4000-8000-(\d{12})$/;
const EMAIL_PLACEHOLDER = /^redacted-(\d+)@example\.com$/;
const WORD_PLACEHOLDER = /^redacted-([a-z][a-z-]*?)-(\d+)$/;

/** The shape and number of a placeholder, or undefined for any other string. */
function parsePlaceholder(text: string): { shape: string; n: number } | undefined {
  let m = UUID_PLACEHOLDER.exec(text);
  if (m !== null) return { shape: 'uuid', n: Number(m[1]) };
  m = EMAIL_PLACEHOLDER.exec(text);
  if (m !== null) return { shape: 'email', n: Number(m[1]) };
  m = WORD_PLACEHOLDER.exec(text);
  if (m !== null) return { shape: m[1] as string, n: Number(m[2]) };
  return undefined;
}

/** Whether a string has the form of a placeholder issued by {@link Pseudonyms} (in this tape or an earlier one). */
export function isPlaceholder(text: string): boolean {
  return parsePlaceholder(text) !== undefined;
}

/**
 * Consistent placeholders for one tape: the same secret value always becomes the same
 * placeholder, so correlations survive redaction (the organization uuid in a header, a URL and a
 * cookie stays one value). Placeholders keep the shape that schemas check: a uuid becomes a uuid
 * (`00000000-0000-4000-8000-00000000000N`), an e-mail address an e-mail address, anything else
 * `redacted-<category>-N`. A value that already is a placeholder (a tape redacted before, e.g.
 * exported to HAR and imported again) is kept, and new numbers continue after it.
 */
export class Pseudonyms {
  readonly #byValue = new Map<string, string>();
  readonly #counters = new Map<string, number>();

  /** The placeholder for a value, issuing a new one the first time the value is seen. */
  for(value: string, category: string): string {
    const known = this.#byValue.get(value);
    if (known !== undefined) return known;
    const existing = parsePlaceholder(value);
    if (existing !== undefined) {
      this.#counters.set(existing.shape, Math.max(existing.n, this.#counters.get(existing.shape) ?? 0));
      this.#byValue.set(value, value);
      return value;
    }
    const shape = UUID.test(value) ? 'uuid' : EMAIL.test(value) ? 'email' : category;
    const n = (this.#counters.get(shape) ?? 0) + 1;
    this.#counters.set(shape, n);
    const placeholder =
      shape === 'uuid'
        ? `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
        : shape === 'email'
          ? `redacted-${n}@example.com`
          : `redacted-${shape}-${n}`;
    this.#byValue.set(value, placeholder);
    this.#byValue.set(placeholder, placeholder);
    return placeholder;
  }

  /** How many distinct values were replaced, per placeholder shape (`uuid`, `email`, `token`, …). */
  counts(): Record<string, number> {
    return Object.fromEntries(this.#counters);
  }
}
