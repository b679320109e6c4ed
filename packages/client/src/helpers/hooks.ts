/** A hook callback run by the host when the agent reaches a hook event (PROTOCOL.md#hooks). */
export type HookCallback = (
  input: Record<string, unknown>,
  toolUseID: string | undefined,
  options: { signal: AbortSignal },
) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** Callbacks for one hook event, optionally limited to tools matching `matcher`. */
export interface HookMatcher {
  matcher?: string | undefined;
  hooks: HookCallback[];
  /** Seconds the agent waits for these hooks. */
  timeout?: number | undefined;
}

/** Hook registrations by event name (`PreToolUse`, `UserPromptSubmit`, …). */
export type HookMatchers = Partial<Record<string, HookMatcher[]>>;

/** What `initialize` carries for one matcher: the callback ids the agent will send back. */
export interface HookRegistration {
  matcher?: string | undefined;
  hookCallbackIds: string[];
  timeout?: number | undefined;
}

/**
 * Gives every hook callback an id, builds the `hooks` field of `initialize`, and finds the
 * callback a `hook_callback` request names.
 */
export class HookRegistry {
  readonly #callbacks = new Map<string, HookCallback>();
  readonly #registration: Record<string, HookRegistration[]> = {};

  constructor(matchers: HookMatchers = {}) {
    let next = 0;
    for (const [event, list] of Object.entries(matchers)) {
      if (!list || list.length === 0) continue;
      this.#registration[event] = list.map((matcher, m) => {
        if (!Array.isArray(matcher.hooks) || matcher.hooks.some((h) => typeof h !== 'function')) {
          throw new TypeError(`hooks.${event}[${m}].hooks must be an array of functions.`);
        }
        const ids = matcher.hooks.map((callback) => {
          const id = `hook_${next++}`;
          this.#callbacks.set(id, callback);
          return id;
        });
        const entry: HookRegistration = { hookCallbackIds: ids };
        if (matcher.matcher !== undefined) entry.matcher = matcher.matcher;
        if (matcher.timeout !== undefined) entry.timeout = matcher.timeout;
        return entry;
      });
    }
  }

  /** The `hooks` field for `initialize`, or `undefined` when nothing is registered. */
  get initializeField(): Record<string, HookRegistration[]> | undefined {
    return Object.keys(this.#registration).length === 0 ? undefined : this.#registration;
  }

  /** The callback registered under `callbackId`. */
  get(callbackId: string): HookCallback | undefined {
    return this.#callbacks.get(callbackId);
  }
}
