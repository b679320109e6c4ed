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
  /** The resume cursor for the next transport, and whether it should ask for a v1 replay. */
  cursor(): { lastUuid: string | undefined; lastSequenceNum: number | undefined; replay: boolean };
  /** A new transport is about to start: reset per-connection state. */
  beginConnection(replay: boolean): void;
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

/** How long a connection must stay up to count as progress even without a new frame, in ms. */
export const STABLE_CONNECTION_MS = 60_000;

/**
 * The connection side of a session: opens transports, keeps them alive, notices idleness,
 * reconnects with exponential backoff and jitter, and sends frames once a connection is up
 * (control responses wait in an outbox while it is down). Every timer runs on the injected clock.
 *
 * Reconnects draw on one budget of `maxRetries`: a failed attempt and a connection that closed
 * without progress each use one, and the backoff grows with them. Progress (a new durable frame
 * reached the application, or the connection stayed up for {@link STABLE_CONNECTION_MS}) refills it,
 * so a server that accepts and then drops every connection cannot keep the client looping.
 */
export class Connection {
  readonly #hooks: ConnectionHooks;
  readonly #keepAlive: ClockTimer;
  readonly #idle: ClockTimer;
  #state: ConnectionState = 'disconnected';
  #transport: Transport | undefined;
  #wanted = false;
  #attempts = 0;
  /** Reconnect budget used since the last progress. */
  #failures = 0;
  /** Whether the current connection made progress, and when it opened. */
  #progressed = false;
  #openedAt = 0;
  #stopReason: string | undefined;
  #loop: Promise<void> | undefined;
  /** True from the start of a connect loop until it ends (cleared synchronously, unlike `#loop`). */
  #looping = false;
  /** True while a transport is being opened and initialized by the loop, which then handles its close. */
  #settingUp = false;
  #failure: Error | undefined;
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
    if (!this.#wanted) {
      this.#failures = 0;
      this.#failure = undefined;
    }
    this.#wanted = true;
    this.#stopReason = undefined;
    if (!this.#looping) this.#loop = this.#connectLoop();
    return this.#loop as Promise<void>;
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
  async send(frame: Json, signal?: AbortSignal): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const transport = await this.#ready(signal);
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

  /** A new durable frame reached the application: the reconnect budget is refilled. */
  progress(): void {
    this.#progressed = true;
    this.#failures = 0;
  }

  /** Records activity; the idle timer re-arms itself from the last activity instead of per frame. */
  touch(): void {
    this.#lastActivity = this.#hooks.clock.now();
    const timeout = this.#hooks.options.idleTimeout ?? 300_000;
    if (timeout > 0 && this.#wanted && !this.#idle.running) this.#idle.start(timeout);
  }

  async #connectLoop(): Promise<void> {
    this.#looping = true;
    try {
      await this.#attemptUntilConnected();
    } finally {
      this.#looping = false;
    }
  }

  async #attemptUntilConnected(): Promise<void> {
    const { options, sessionId } = this.#hooks;
    const maxRetries = options.maxRetries ?? 5;
    for (;;) {
      if (this.#failures > 0) {
        this.#setState('reconnecting');
        const nap = sleep(this.#hooks.clock, backoffDelay(this.#failures, options.backoff, options.random));
        this.#cancelSleep = nap.cancel;
        await nap.done;
        this.#cancelSleep = undefined;
      }
      if (!this.#wanted) this.#leave(new ClientError('CONNECTION_CLOSED', `Session ${sessionId}: disconnect() was called while connecting.`));
      try {
        this.#settingUp = true;
        try {
          await this.#open();
        } finally {
          this.#settingUp = false;
        }
        if (this.#state === 'error' && this.#failure) throw this.#failure;
        if (this.#state === 'connected' || !this.#wanted) {
          // Cleared here, synchronously: a close right after this must start a new loop.
          this.#looping = false;
          return;
        }
        // The connection dropped while it was being set up: that uses the budget like a failure.
        throw this.#closedEarly();
      } catch (error) {
        const err = error instanceof Error ? error : new Error(String(error));
        if (!this.#wanted) this.#leave(err);
        this.#failures++;
        if (isPermanentFailure(err) || this.#failures > maxRetries) {
          const final =
            isPermanentFailure(err) || this.#failures === 1
              ? err
              : new ClientError('CONNECTION_CLOSED', `Session ${sessionId}: gave up after ${this.#failures} connection attempts; last error: ${err.message} (maxRetries ${maxRetries}, no progress in between)`, { cause: err });
          this.#fail(final);
          this.#leave(final);
        }
        this.#hooks.reportError(err);
      }
    }
  }

  /** Ends the connect loop with an error; `#looping` is cleared at once, not a microtask later. */
  #leave(error: Error): never {
    this.#looping = false;
    throw error;
  }

  #closedEarly(): Error {
    const why = this.#lastClose?.reason || this.#lastClose?.error?.message;
    const code = this.#lastClose?.code;
    return new ClientError('CONNECTION_CLOSED', `Session ${this.#hooks.sessionId}: the connection closed while it was being set up${code !== undefined ? ` (code ${code}${why ? `: ${why}` : ''})` : why ? ` (${why})` : ''}.`, {
      cause: this.#lastClose?.error,
    });
  }

  async #open(): Promise<void> {
    const { options, sessionId } = this.#hooks;
    this.#setState(this.#attempts === 0 ? 'connecting' : 'reconnecting');
    const attempt = this.#attempts++;
    const cursor = this.#hooks.cursor();
    const transport = options.transport({
      attempt,
      // What happened while away comes back by REST backfill, or by a replay when there is none.
      replay: cursor.replay,
      lastSequenceNum: cursor.lastSequenceNum,
      lastUuid: cursor.lastUuid,
    });
    this.#transport = transport;
    this.#progressed = false;
    this.#hooks.beginConnection(cursor.replay);
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
    if (this.#transport !== transport) throw this.#closedEarly();
    this.#openedAt = this.#hooks.clock.now();
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
    if (this.#settingUp) {
      // Closed while initialize was under way: the loop that opened it counts it and goes round again.
      this.#setState('reconnecting');
      return;
    }
    const productive = this.#progressed || this.#hooks.clock.now() - this.#openedAt >= STABLE_CONNECTION_MS;
    this.#failures = productive ? 1 : this.#failures + 1;
    const maxRetries = this.#hooks.options.maxRetries ?? 5;
    if (!productive && this.#failures > maxRetries) {
      const reason = `${info.code ?? 'no code'}${info.reason ? `: ${info.reason}` : ''}`;
      this.#fail(
        new ClientError(
          'CONNECTION_CLOSED',
          `Session ${this.#hooks.sessionId}: gave up after ${this.#failures} connections closed without progress (maxRetries ${maxRetries}); the last closed with ${reason}.`,
          { cause: info.error },
        ),
      );
      return;
    }
    this.#setState('reconnecting');
    if (!this.#looping) this.#loop = this.#connectLoop().catch(() => undefined);
  }

  #fail(error: Error): void {
    this.#failure = error;
    this.#wanted = false;
    this.#setState('error');
    this.#hooks.failed(error);
  }

  async #ready(signal?: AbortSignal): Promise<Transport> {
    await this.wakeUp();
    const { clock, options, sessionId } = this.#hooks;
    const timeout = options.requestTimeout ?? 60_000;
    const deadline = clock.now() + timeout;
    while (this.#state !== 'connected' || !this.#transport) {
      if (!this.#wanted) throw new ClientError('NOT_CONNECTED', `Session ${sessionId} is ${this.#state}; call connect() first.`);
      if (signal?.aborted) throw new ClientError('ABORTED', `Session ${sessionId}: the frame was not sent (aborted while waiting for a connection).`, { cause: signal.reason });
      const left = deadline - clock.now();
      if (left <= 0) throw new ClientError('TIMEOUT', `Session ${sessionId} did not reconnect within ${timeout} ms; the frame was not sent.`);
      await this.#nextStateChange(left, signal);
    }
    return this.#transport;
  }

  #nextStateChange(ms: number, signal?: AbortSignal): Promise<void> {
    const clock = this.#hooks.clock;
    return new Promise((resolve) => {
      const done = () => {
        clock.clearTimeout(handle);
        this.#stateWaiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const handle = clock.setTimeout(done, ms);
      this.#stateWaiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
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
