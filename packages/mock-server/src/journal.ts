/** What a journal entry records. */
export type JournalKind =
  | 'http' // a request and its status
  | 'frame.in' // a frame a client or the admin API sent into a session
  | 'frame.out' // an event appended to a session and fanned out
  | 'connection' // a subscriber connected or went away
  | 'agent' // a line the agent wrote with ctx.journal
  | 'fault' // a fault that fired
  | 'error' // bad input or a server bug
  | 'server'; // lifecycle

/** One line of the server journal. */
export interface JournalEntry {
  /** Increasing number of the entry, for `since` paging. */
  readonly seq: number;
  /** ISO-8601 time on the server clock. */
  readonly at: string;
  readonly kind: JournalKind;
  readonly sessionId?: string | undefined;
  readonly message: string;
  readonly data?: unknown;
}

/** Filters for {@link Journal.read}. */
export interface JournalQuery {
  /** Only entries with `seq` greater than this. */
  readonly since?: number | undefined;
  readonly sessionId?: string | undefined;
  readonly kind?: JournalKind | undefined;
  /** At most this many entries (the newest ones); default 1,000. */
  readonly limit?: number | undefined;
}

/** A journal entry whose ISO time is formatted on first read (the hot path only stores a number). */
class Entry implements JournalEntry {
  readonly #ms: number;
  #at: string | undefined;
  #message: string | (() => string);
  #data: unknown;
  constructor(
    readonly seq: number,
    ms: number,
    readonly kind: JournalKind,
    message: string | (() => string),
    readonly sessionId: string | undefined,
    data: unknown,
  ) {
    this.#ms = ms;
    this.#message = message;
    this.#data = data;
  }

  get message(): string {
    if (typeof this.#message === 'function') this.#message = this.#message();
    return this.#message;
  }

  get data(): unknown {
    if (typeof this.#data === 'function') this.#data = (this.#data as () => unknown)();
    return this.#data;
  }

  get at(): string {
    this.#at ??= new Date(this.#ms).toISOString();
    return this.#at;
  }

  toJSON(): JournalEntry {
    const { seq, at, kind, sessionId, message, data } = this;
    return { seq, at, kind, ...(sessionId === undefined ? {} : { sessionId }), message, ...(data === undefined ? {} : { data }) };
  }
}

/** A bounded in-memory log of everything the server did, for tests, the admin API and `--verbose`. */
export class Journal {
  readonly #entries: JournalEntry[] = [];
  readonly #capacity: number;
  readonly #now: () => number;
  readonly #sink: ((entry: JournalEntry) => void) | undefined;
  #seq = 0;

  /** @param now the server time in ms; entries keep it and format it only when read. */
  constructor(now: () => number, options: { capacity?: number | undefined; sink?: ((entry: JournalEntry) => void) | undefined } = {}) {
    this.#now = now;
    this.#capacity = options.capacity ?? 20_000;
    this.#sink = options.sink;
  }

  /**
   * Appends an entry; the oldest entries are dropped beyond the capacity.
   * @param message the line; a function is called only when the entry is read (cheap on hot paths).
   * @param data details; a function is likewise called only when read.
   */
  write(kind: JournalKind, message: string | (() => string), sessionId?: string, data?: unknown): void {
    const entry = new Entry(++this.#seq, this.#now(), kind, message, sessionId, data);
    this.#entries.push(entry);
    // Trim in batches so a busy server does not shift the whole array on every entry.
    if (this.#entries.length > this.#capacity * 1.25) this.#entries.splice(0, this.#entries.length - this.#capacity);
    this.#sink?.(entry);
  }

  /** Entries matching the query, oldest first. */
  read(query: JournalQuery = {}): JournalEntry[] {
    const since = query.since ?? 0;
    const start = Math.max(0, this.#entries.length - this.#capacity);
    const matches = this.#entries.slice(start).filter(
      (e) =>
        e.seq > since &&
        (query.sessionId === undefined || e.sessionId === query.sessionId) &&
        (query.kind === undefined || e.kind === query.kind),
    );
    const limit = query.limit ?? 1_000;
    return matches.length > limit ? matches.slice(matches.length - limit) : matches;
  }
}

/** Largest frame (as JSON text) a journal entry keeps whole; a larger one is kept as its size and head. */
export const JOURNAL_MAX_DATA_CHARS = 16 * 1024;

/**
 * The data a journal entry keeps for an inbound frame: the frame itself when it is small, else a
 * summary (`{truncated, chars, head}`), so a client sending large frames cannot make the journal
 * hold a second copy of everything.
 */
export function journalData(value: unknown): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return { truncated: true, reason: 'not serializable' };
  }
  if (text === undefined || text.length <= JOURNAL_MAX_DATA_CHARS) return value;
  return { truncated: true, chars: text.length, head: text.slice(0, 1024) };
}
