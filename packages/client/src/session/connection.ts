import type { Clock } from '@ccr-kit/protocol-types';
import { ClientError } from '../errors';
import { backoffDelay } from '../internal/backoff';
import type { Transport, TransportCloseInfo, TransportMessage } from '../transport/types';
import { isPermanentFailure } from './failures';
import { ClockTimer, sleep, withTimeout } from './timers';
import type { ConnectionState, SessionOptions } from './types';

type Json = Record<string, unknown>;

/** What a {@link Connection} needs from the session that owns it. */
export interface ConnectionHooks {
  readonly sessionId: string;
  readonly options: SessionOptions;
  readonly clock: Clock;
  /** The resume cursor for the next transport. */
  cursor(): { lastUuid: string | undefined; lastSequenceNum: number | undefined };
  /** A new transport is about to start: reset per-connection state. */
  beginConnection(): void;
  /** The transport is open: catch up and initialize; `signal` aborts if this connection closes. */
  opened(signal: AbortSignal): Promise<void>;
  /** The transport closed, whatever the reason. */
  closed(): void;
  receive(message: TransportMessage): void;
  reportError(error: Error): void;
  /** The session cannot connect any more (permanent failure or retries exhausted). */
  failed(error: Error): void;
  stateChanged(state: ConnectionState): void;
}

/**
 * The connection side of a session: opens transports, keeps them alive, notices idleness,
 * reconnects with exponential backoff and jitter, and sends frames once a connection is up
 * (control responses wait in an outbox while it is down). Every timer runs on the injected clock.
 */
export class Connection {
  readonly #hooks: ConnectionHooks;
  readonly #keepAlive: ClockTimer;
  readonly #idle: ClockTimer;
  #state: ConnectionState = 'disconnected';
  #transport: Transport | undefined;
  #wanted = false;
  #attempts = 0;
  #stopReason: string | undefined;
  #loop: Promise<void> | undefined;
  #cancelSleep: (() => void) | undefined;
  #outbox: Json[] = [];
  readonly #stateWaiters = new Set<() => void>();
  #lastActivity = 0;
  #current: AbortController | undefined;
  #lastClose: TransportCloseInfo | undefined;

  constructor(hooks: ConnectionHooks) {
    this.#hooks = hooks;
    this.#keepAlive = new ClockTimer(hooks.clock, () => this.#sendKeepAlive());
    this.#idle = new ClockTimer(hooks.clock, () => this.#idleCheck());
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** The open transport, if any. */
  get transport(): Transport | undefined {
    return this.#transport;
  }

  /** Connects unless connected; concurrent calls share one attempt loop. */
  connect(): Promise<void> {
    if (this.#state === 'connected') return Promise.resolve();
    this.#wanted = true;
    this.#stopReason = undefined;
    this.#loop ??= this.#connectLoop(false).finally(() => {
      this.#loop = undefined;
    });
    return this.#loop;
  }

  /** Closes the transport and stops reconnecting until `connect()` is called again. */
  stop(reason: string): void {
    this.#wanted = false;
    this.#stopReason = reason;
    this.#cancelSleep?.();
    this.#keepAlive.stop();
    this.#idle.stop();
    const transport = this.#transport;
    this.#transport = undefined;
    this.#current?.abort();
    if (transport) void transport.close().catch(() => undefined);
    this.#hooks.closed();
    this.#setState('disconnected');
  }

  /** Forgets queued control responses (the session was closed for good). */
  clearOutbox(): void {
    this.#outbox = [];
  }

  /** Sends over the transport, waiting for a (re)connect when one is under way. */
  async send(frame: Json): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const transport = await this.#ready();
      try {
        await transport.send(frame);
        return;
      } catch (error) {
        if (attempt >= 1 || this.#transport === transport) throw error;
      }
    }
  }

  /** Sends a frame now if connected, else keeps it for the next connection (never throws). */
  sendOrQueue(frame: Json): void {
    const transport = this.#transport;
    if (this.#state !== 'connected' || !transport) {
      this.#outbox.push(frame);
      return;
    }
    transport.send(frame).catch(() => this.#outbox.push(frame));
  }

  /** Reconnects first when the session went idle; for sends that do not use the transport. */
  async wakeUp(): Promise<void> {
    if (!this.#wanted && this.#stopReason === 'idle_timeout') await this.connect();
  }

  /** Records activity; the idle timer re-arms itself from the last activity instead of per frame. */
  touch(): void {
    this.#lastActivity = this.#hooks.clock.now();
    const timeout = this.#hooks.options.idleTimeout ?? 300_000;
    if (timeout > 0 && this.#wanted && !this.#idle.running) this.#idle.start(timeout);
  }

  async #connectLoop(delayFirst: boolean): Promise<void> {
    const { options, sessionId } = this.#hooks;
    const maxRetries = options.maxRetries ?? 5;
    let failures = delayFirst ? 1 : 0;
    for (;;) {
      if (failures > 0) {
        this.#setState('reconnecting');
        const nap = sleep(this.#hooks.clock, backoffDelay(failures, options.backoff, options.random));
        this.#cancelSleep = nap.cancel;
        await nap.done;
        this.#cancelSleep = undefined;
      }
      if (!this.#wanted) throw new ClientError('CONNECTION_CLOSED', `Session ${sessionId}: disconnect() was called while connecting.`);
      try {
        await this.#open();
        if (this.#state === 'connected' || !this.#wanted) return;
        // The connection dropped while it was being set up: go round again after a pause.
        failures = Math.max(failures, 1);
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        if (!this.#wanted) throw err;
        if (isPermanentFailure(err) || failures >= maxRetries) {
          const final =
            failures > 0 && !isPermanentFailure(err)
              ? new ClientError('CONNECTION_CLOSED', `Session ${sessionId}: gave up after ${failures + 1} connection attempts; last error: ${err.message}`, { cause: err })
              : err;
          this.#fail(final);
          throw final;
        }
        this.#hooks.reportError(err);
        failures++;
      }
    }
  }

  async #open(): Promise<void> {
    const { options, sessionId } = this.#hooks;
    this.#setState(this.#attempts === 0 ? 'connecting' : 'reconnecting');
    const attempt = this.#attempts++;
    const cursor = this.#hooks.cursor();
    const transport = options.transport({
      attempt,
      // Every reconnect asks for the replay: what happened while away must come back (de-duplicated).
      replay: (options.replay ?? false) || attempt > 0,
      lastSequenceNum: cursor.lastSequenceNum,
      lastUuid: cursor.lastUuid,
    });
    this.#transport = transport;
    this.#hooks.beginConnection();
    transport.onmessage = (message) => {
      if (this.#transport === transport) this.#hooks.receive(message);
    };
    transport.onerror = (error) => {
      if (this.#transport === transport) this.#hooks.reportError(error);
    };
    transport.onclose = (info) => {
      if (this.#transport === transport) this.#closed(info);
    };
    const timeout = options.connectTimeout ?? 15_000;
    try {
      await withTimeout(this.#hooks.clock, transport.start(), timeout, () => {
        return new ClientError('TIMEOUT', `Session ${sessionId}: the connection did not open within ${timeout} ms; check the URL and network, or raise connectTimeout.`);
      });
    } catch (error) {
      if (this.#transport === transport) this.#transport = undefined;
      void transport.close().catch(() => undefined);
      throw error;
    }
    if (this.#transport !== transport) {
      const why = this.#lastClose?.reason ?? this.#lastClose?.error?.message;
      throw new ClientError('CONNECTION_CLOSED', `Session ${sessionId}: the connection closed right after opening${why ? ` (${why})` : ''}.`, { cause: this.#lastClose?.error });
    }
    this.#setState('connected');
    this.#keepAlive.start(options.keepAliveInterval ?? 50_000);
    this.touch();
    const outbox = this.#outbox;
    this.#outbox = [];
    for (const frame of outbox) transport.send(frame).catch(() => this.#outbox.push(frame));
    const current = new AbortController();
    this.#current = current;
    await this.#hooks.opened(current.signal);
  }

  #closed(info: TransportCloseInfo): void {
    this.#lastClose = info;
    this.#transport = undefined;
    this.#current?.abort();
    this.#keepAlive.stop();
    this.#hooks.closed();
    if (!this.#wanted || this.#state !== 'connected') return;
    if (info.permanent === true) {
      const reason = `${info.code ?? 'no code'}${info.reason ? `: ${info.reason}` : ''}`;
      this.#fail(
        new ClientError('CONNECTION_CLOSED', `Session ${this.#hooks.sessionId}: the server closed the connection for good (${reason}); check the credentials and session id.`, {
          cause: info.error,
        }),
      );
      return;
    }
    this.#setState('reconnecting');
    this.#loop ??= this.#connectLoop(true)
      .catch(() => undefined)
      .finally(() => {
        this.#loop = undefined;
      });
  }

  #fail(error: Error): void {
    this.#wanted = false;
    this.#setState('error');
    this.#hooks.failed(error);
  }

  async #ready(): Promise<Transport> {
    await this.wakeUp();
    const { clock, options, sessionId } = this.#hooks;
    const timeout = options.requestTimeout ?? 60_000;
    const deadline = clock.now() + timeout;
    while (this.#state !== 'connected' || !this.#transport) {
      if (!this.#wanted) throw new ClientError('NOT_CONNECTED', `Session ${sessionId} is ${this.#state}; call connect() first.`);
      const left = deadline - clock.now();
      if (left <= 0) throw new ClientError('TIMEOUT', `Session ${sessionId} did not reconnect within ${timeout} ms; the frame was not sent.`);
      await this.#nextStateChange(left);
    }
    return this.#transport;
  }

  #nextStateChange(ms: number): Promise<void> {
    const clock = this.#hooks.clock;
    return new Promise((resolve) => {
      const done = () => {
        clock.clearTimeout(handle);
        this.#stateWaiters.delete(done);
        resolve();
      };
      const handle = clock.setTimeout(done, ms);
      this.#stateWaiters.add(done);
    });
  }

  #sendKeepAlive(): void {
    const transport = this.#transport;
    if (!transport || this.#state !== 'connected') return;
    this.#keepAlive.start(this.#hooks.options.keepAliveInterval ?? 50_000);
    if (transport.keepAlive === false) return;
    transport.send({ type: 'keep_alive' }).catch((error: unknown) => this.#hooks.reportError(error as Error));
  }

  #idleCheck(): void {
    const timeout = this.#hooks.options.idleTimeout ?? 300_000;
    const quiet = this.#hooks.clock.now() - this.#lastActivity;
    if (quiet >= timeout) this.stop('idle_timeout');
    else if (this.#wanted) this.#idle.start(timeout - quiet);
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const waiter of [...this.#stateWaiters]) waiter();
    this.#hooks.stateChanged(state);
  }
}
