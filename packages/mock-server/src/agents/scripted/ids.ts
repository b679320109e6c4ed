import { createIdSource, type IdSource } from '../../fake-model/ids';

/** FNV-1a over a string: turns a session id into a numeric seed. */
function hashSeed(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0 || 1;
}

/** Ids a scripted agent hands out: Anthropic-style ids, request uuids and small jitter, all reproducible per session. */
export class AgentIds implements IdSource {
  readonly #source: IdSource;
  #state: number;

  constructor(sessionId: string, seed = 0) {
    const value = hashSeed(`${seed}:${sessionId}`);
    this.#source = createIdSource(value);
    this.#state = value;
  }

  /** The next id with this prefix (`msg_01…`, `toolu_01…`). */
  next(prefix: string): string {
    return this.#source.next(prefix);
  }

  /** A number in [0, 1) from the session's deterministic sequence. */
  random(): number {
    this.#state ^= this.#state << 13;
    this.#state ^= this.#state >>> 17;
    this.#state ^= this.#state << 5;
    return (this.#state >>> 0) / 0x1_0000_0000;
  }

  /** An RFC 4122 version-4 uuid, as the CLI uses for control request ids. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.random() * 16).toString(16));
    hex[12] = '4';
    hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}
