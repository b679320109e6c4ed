import type { BackgroundTask, Capability, Clock } from '@ccr-kit/protocol-types';
import { ClientError } from '../errors';

type Json = Record<string, unknown>;

/** States of a queued prompt (`command_lifecycle.state`); unknown states are passed through. */
export type CommandState = 'queued' | 'started' | 'completed' | 'cancelled' | 'discarded' | 'refused' | (string & {});

/** One `command_lifecycle` frame, for a user message that carried a uuid (CLI 2.1.3xx, `msg_lifecycle_v1`). */
export interface CommandLifecycleEvent {
  /** The uuid of the user message (`sendMessage` returns it). */
  readonly commandUuid: string;
  readonly state: CommandState;
  /** Set on the last frame of a run when nothing is left queued or running. */
  readonly idle: boolean;
}

/** What an `interrupt` reply says about queued prompts (`interrupt_receipt_v1` / `interrupt_cancel_queued_v1`). */
export interface InterruptReceipt {
  /** Whether the agent sent a receipt at all: CLI 2.1.197 and older answer an interrupt with no payload. */
  readonly receipt: boolean;
  /** Uuids of prompts still queued; they run after the interrupted turn. */
  readonly stillQueued: readonly string[];
  /** Uuids of prompts dropped because of `cancelQueued`. */
  readonly cancelled: readonly string[];
}

/** States after which a command's lifecycle is over. */
const FINAL_STATES: ReadonlySet<string> = new Set(['completed', 'cancelled', 'discarded', 'refused']);

/** How many commands' states are kept. */
const MAX_COMMANDS = 1000;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Reads an `interrupt` reply payload. */
export function interruptReceiptOf(payload: Json | undefined): InterruptReceipt {
  const receipt = payload !== undefined && (Array.isArray(payload.still_queued) || Array.isArray(payload.cancelled));
  return { receipt, stillQueued: strings(payload?.still_queued), cancelled: strings(payload?.cancelled) };
}

interface Waiter {
  readonly uuid: string;
  readonly resolve: (event: CommandLifecycleEvent) => void;
  readonly reject: (error: Error) => void;
}

/**
 * What the agent has told this session about itself: the capabilities it announced, the lifecycle
 * of queued prompts, and the current set of background tasks.
 */
export class AgentState {
  #fromInit: readonly string[] = [];
  #fromInitialize: readonly string[] = [];
  #capabilities: readonly string[] = [];
  readonly #commands = new Map<string, CommandLifecycleEvent>();
  #tasks: readonly BackgroundTask[] | undefined;
  readonly #waiters = new Set<Waiter>();
  readonly #onLifecycle: ((event: CommandLifecycleEvent) => void) | undefined;

  constructor(onLifecycle?: (event: CommandLifecycleEvent) => void) {
    this.#onLifecycle = onLifecycle;
  }

  /**
   * The capabilities the agent announced: those of the last `system/init` and of the `initialize`
   * reply together. CLI 2.1.337 lists only a few in the reply (no `interrupt_*`, no
   * `msg_lifecycle_v1`) and all of them in `system/init`, which comes with the first turn.
   */
  get capabilities(): readonly (Capability | (string & {}))[] {
    return this.#capabilities;
  }

  /** The live background tasks of the last `system/background_tasks_changed`, or `undefined` before one arrived. */
  get backgroundTasks(): readonly BackgroundTask[] | undefined {
    return this.#tasks;
  }

  /** The last lifecycle state reported for a user message, or `undefined`. */
  commandState(uuid: string): CommandLifecycleEvent | undefined {
    return this.#commands.get(uuid);
  }

  /** Reads the `initialize` reply. */
  observeInitialize(payload: Json | undefined): void {
    if (!Array.isArray(payload?.capabilities)) return;
    this.#fromInitialize = strings(payload.capabilities);
    this.#capabilities = [...new Set([...this.#fromInit, ...this.#fromInitialize])];
  }

  /** Reads one delivered frame; throws nothing. */
  observe(frame: Json): void {
    if (frame.type === 'command_lifecycle' && typeof frame.command_uuid === 'string' && typeof frame.state === 'string') {
      const event: CommandLifecycleEvent = { commandUuid: frame.command_uuid, state: frame.state, idle: frame.idle === true };
      this.#commands.delete(event.commandUuid);
      this.#commands.set(event.commandUuid, event);
      if (this.#commands.size > MAX_COMMANDS) this.#commands.delete(this.#commands.keys().next().value as string);
      if (FINAL_STATES.has(event.state)) {
        for (const waiter of [...this.#waiters]) {
          if (waiter.uuid !== event.commandUuid) continue;
          this.#waiters.delete(waiter);
          waiter.resolve(event);
        }
      }
      this.#onLifecycle?.(event);
      return;
    }
    if (frame.type !== 'system') return;
    if (frame.subtype === 'init' && Array.isArray(frame.capabilities)) {
      this.#fromInit = strings(frame.capabilities);
      this.#capabilities = [...new Set([...this.#fromInit, ...this.#fromInitialize])];
    }
    else if (frame.subtype === 'background_tasks_changed' && Array.isArray(frame.tasks)) this.#tasks = frame.tasks as BackgroundTask[];
  }

  /**
   * Resolves with the final lifecycle event of a user message (`completed`, `cancelled`, …).
   * @throws {ClientError} `TIMEOUT` after `timeoutMs` on `clock`, `ABORTED` when `signal` aborts.
   */
  waitForCommand(uuid: string, clock: Clock, options: { timeoutMs?: number | undefined; signal?: AbortSignal | undefined } = {}): Promise<CommandLifecycleEvent> {
    const known = this.#commands.get(uuid);
    if (known !== undefined && FINAL_STATES.has(known.state)) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        this.#waiters.delete(waiter);
        if (timer !== undefined) clock.clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        uuid,
        resolve: (event) => {
          cleanup();
          resolve(event);
        },
        reject: (error) => {
          cleanup();
          reject(error);
        },
      };
      const onAbort = (): void => waiter.reject(new ClientError('ABORTED', `Waiting for the lifecycle of ${uuid} was aborted by the caller.`, { cause: options.signal?.reason }));
      const timer = options.timeoutMs === undefined ? undefined : clock.setTimeout(() => waiter.reject(new ClientError('TIMEOUT', `No final command_lifecycle for ${uuid} within ${options.timeoutMs} ms (the agent reports it only when it announces msg_lifecycle_v1).`)), options.timeoutMs);
      this.#waiters.add(waiter);
      if (options.signal?.aborted) onAbort();
      else options.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Fails every waiter (the session was disconnected). */
  failAll(error: Error): void {
    for (const waiter of [...this.#waiters]) waiter.reject(error);
  }
}
