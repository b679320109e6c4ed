const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Makes Anthropic-looking ids (`msg_01…`, `toolu_01…`, `req_01…`) that depend only on a seed and a counter. */
export interface IdSource {
  /** The next id with this prefix, e.g. `next('msg')` → `msg_01Jq…`. */
  next(prefix: string): string;
}

function hashString(value: string): number {
  // FNV-1a, 32 bit.
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A deterministic id source: each prefix has its own counter, so the n-th `msg_` id of a seed is
 * always the same whatever other ids were drawn in between.
 */
export function createIdSource(seed = 1): IdSource {
  const counters = new Map<string, number>();
  return {
    next(prefix: string): string {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      // xorshift32 seeded from (seed, prefix, n): these ids only need to look unique, not be secure.
      let state = hashString(`${seed}:${prefix}:${n}`) || 0x9e3779b9;
      let body = '';
      for (let i = 0; i < 22; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        body += ALPHABET[(state >>> 0) % ALPHABET.length];
      }
      return `${prefix}_01${body}`;
    },
  };
}
