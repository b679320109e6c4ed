import { z } from 'zod';

const count = z.number().int().nonnegative();

/** Faults to inject, per server or per session; every field is optional and they combine. */
export const FaultsSchema = z.strictObject({
  /** Cut the connection abruptly (WebSocket without a close frame, SSE stream destroyed) after this many more frames. */
  dropAfterFrames: count.optional(),
  /** Close the connection cleanly with a WebSocket close code, after `afterFrames` more frames (default 0). */
  close: z
    .strictObject({ code: z.number().int().min(1000).max(4999), reason: z.string().max(120).optional(), afterFrames: count.optional() })
    .optional(),
  /** Hold every outgoing frame back this many milliseconds on the server clock. */
  delayMs: count.optional(),
  /** Send every frame twice. */
  duplicateFrames: z.boolean().optional(),
  /** Split every NDJSON line across this many WebSocket messages (2 or more). */
  splitLines: z.number().int().min(2).optional(),
  /** Pack this many NDJSON lines into each WebSocket message (frames wait up to `packWaitMs` for company). */
  packLines: z.number().int().min(2).optional(),
  /** How long a partly filled pack waits on the server clock; default 20 ms. */
  packWaitMs: count.optional(),
  /** Answer the next `count` HTTP requests (REST, SSE and WebSocket upgrades) with `status`. */
  httpError: z
    .strictObject({ status: z.number().int().min(400).max(599), count: z.number().int().positive(), retryAfterSeconds: count.optional() })
    .optional(),
  /** Write slowly: `bytes` characters every `intervalMs` on the server clock (streams and REST bodies). */
  dribble: z.strictObject({ bytes: z.number().int().positive(), intervalMs: z.number().int().positive() }).optional(),
});
export type Faults = z.infer<typeof FaultsSchema>;

/** The faults in force for one connection, and a version that changes whenever they are set. */
export interface ResolvedFaults {
  readonly faults: Faults;
  readonly version: number;
}

/** An HTTP error to answer instead of serving a request. */
export interface HttpFault {
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
}

/** Server-wide and per-session fault settings. */
export class FaultRegistry {
  #server: Faults = {};
  readonly #sessions = new Map<string, Faults>();
  #version = 0;
  /** Resolved faults per session id ('' for none), valid for `#cachedVersion`. */
  readonly #cache = new Map<string, ResolvedFaults>();
  #cachedVersion = -1;

  constructor(initial?: Faults  ) {
    if (initial !== undefined) this.set(initial);
  }

  /**
   * Replaces the faults of the server, or of one session when `sessionId` is given.
   * @throws {Error} listing each invalid field by path.
   */
  set(faults: Faults, sessionId?: string): void {
    const parsed = FaultsSchema.safeParse(faults);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `faults.${i.path.join('.')}: ${i.message}`).join('; ');
      throw new Error(`Invalid faults: ${detail}.`);
    }
    if (sessionId === undefined) this.#server = { ...faults };
    else this.#sessions.set(sessionId, { ...faults });
    this.#version++;
  }

  /** Removes the faults of one session, or every fault when no id is given. */
  clear(sessionId?: string): void {
    if (sessionId === undefined) {
      this.#server = {};
      this.#sessions.clear();
    } else {
      this.#sessions.delete(sessionId);
    }
    this.#version++;
  }

  /** Faults in force for a session: its own over the server's (cached: asked for every frame sent). */
  resolve(sessionId: string | undefined): ResolvedFaults {
    if (this.#cachedVersion !== this.#version) {
      this.#cache.clear();
      this.#cachedVersion = this.#version;
    }
    const key = sessionId ?? '';
    let resolved = this.#cache.get(key);
    if (resolved === undefined) {
      const own = sessionId === undefined ? undefined : this.#sessions.get(sessionId);
      resolved = { faults: own === undefined ? this.#server : { ...this.#server, ...own }, version: this.#version };
      this.#cache.set(key, resolved);
    }
    return resolved;
  }

  /** Takes one pending HTTP error for a request (the session's first, then the server's), if any. */
  takeHttpError(sessionId: string | undefined): HttpFault | undefined {
    const own = sessionId === undefined ? undefined : this.#sessions.get(sessionId);
    const holder = own?.httpError !== undefined ? own : this.#server.httpError !== undefined ? this.#server : undefined;
    const spec = holder?.httpError;
    if (holder === undefined || spec === undefined) return undefined;
    if (spec.count <= 1) delete holder.httpError;
    else holder.httpError = { ...spec, count: spec.count - 1 };
    this.#cache.clear();
    return { status: spec.status, retryAfterSeconds: spec.retryAfterSeconds };
  }

  /** The current settings, for the admin API. */
  snapshot(): { server: Faults; sessions: Record<string, Faults> } {
    return { server: { ...this.#server }, sessions: Object.fromEntries(this.#sessions) };
  }
}
