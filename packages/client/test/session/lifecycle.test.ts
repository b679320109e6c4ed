import { VirtualClock } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { ClientError, HttpError } from '../../src/errors';
import { Session } from '../../src/session/session';
import type { SessionOptions } from '../../src/session/types';
import { FakeService, flush, resultFrame } from '../fixtures/fake-service';

function open(service: FakeService, options: Partial<SessionOptions> = {}) {
  const clock = new VirtualClock(0);
  const states: string[] = [];
  const errors: Error[] = [];
  const session = new Session({
    sessionId: 'sess_1',
    transport: service.factory,
    history: service.history,
    clock,
    random: () => 0.5,
    onStateChange: (s) => states.push(s),
    onError: (e) => errors.push(e),
    ...options,
  });
  return { session, clock, states, errors };
}

/** Advances the virtual clock in steps, letting promise callbacks run in between. */
async function advance(clock: VirtualClock, ms: number, step = 100): Promise<void> {
  await clock.advanceAsync(ms, step);
  await flush();
}

describe('keep-alive and idle timeout', () => {
  it('sends keep_alive every 50 s while connected', async () => {
    const service = new FakeService();
    const { session, clock } = open(service);
    await session.connect();
    await advance(clock, 49_000, 1000);
    expect(service.sent('keep_alive')).toHaveLength(0);
    await advance(clock, 1_000, 1000);
    expect(service.sent('keep_alive')).toHaveLength(1);
    service.emit(resultFrame());
    await advance(clock, 100_000, 1000);
    expect(service.sent('keep_alive')).toHaveLength(3);
    session.disconnect();
    await advance(clock, 200_000, 10_000);
    expect(service.sent('keep_alive')).toHaveLength(3);
  });

  it('disconnects after 5 minutes without traffic, counting frames but not keep-alives', async () => {
    const service = new FakeService();
    const { session, clock, states } = open(service);
    await session.connect();
    await advance(clock, 200_000, 10_000);
    service.emit(resultFrame());
    await flush();
    await advance(clock, 200_000, 10_000);
    expect(session.state).toBe('connected');
    service.emit({ type: 'keep_alive' });
    await advance(clock, 100_000, 10_000);
    expect(session.state).toBe('disconnected');
    expect(states.at(-1)).toBe('disconnected');
    expect(service.connections).toBe(0);
  });

  it('honours a custom idleTimeout, 0 disables it, and sending after an idle disconnect reconnects', async () => {
    const service = new FakeService();
    const quick = open(service, { idleTimeout: 1_000 });
    await quick.session.connect();
    await advance(quick.clock, 1_000);
    expect(quick.session.state).toBe('disconnected');
    await quick.session.sendMessage('wake up');
    expect(quick.session.state).toBe('connected');
    expect(service.sent('user')).toHaveLength(1);
    quick.session.disconnect();

    const never = open(new FakeService(), { idleTimeout: 0 });
    await never.session.connect();
    await advance(never.clock, 3_600_000, 60_000);
    expect(never.session.state).toBe('connected');
    never.session.disconnect();
  });
});

describe('reconnect with backoff', () => {
  it('reconnects after a drop with exponential backoff and reports the states', async () => {
    const service = new FakeService();
    const { session, clock, states } = open(service, { backoff: { initialDelay: 1000, jitter: 0.25 } });
    await session.connect();
    service.drop();
    await flush();
    expect(session.state).toBe('reconnecting');
    await advance(clock, 999, 1);
    expect(service.contexts).toHaveLength(1);
    await advance(clock, 1, 1);
    expect(session.state).toBe('connected');
    expect(service.contexts.map((c) => c.attempt)).toEqual([0, 1]);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    // initialize is sent again on every connection
    expect(service.sent('control_request').filter((f) => (f.request as { subtype: string }).subtype === 'initialize')).toHaveLength(2);
    session.disconnect();
  });

  it('doubles the delay for consecutive failures, spreads it by jitter and gives up after maxRetries', async () => {
    const service = new FakeService();
    const { session, clock, errors } = open(service, { maxRetries: 3, random: () => 1, backoff: { initialDelay: 1000, factor: 2, jitter: 0.25 } });
    await session.connect();
    service.refuse = new ClientError('CONNECTION_CLOSED', 'network down');
    service.drop();
    await flush();
    // delays with random()=1 → +25 %: 1250, 2500, 5000
    await advance(clock, 1249, 1);
    expect(service.contexts).toHaveLength(1);
    await advance(clock, 1, 1);
    expect(service.contexts).toHaveLength(2);
    await advance(clock, 2500, 1);
    expect(service.contexts).toHaveLength(3);
    await advance(clock, 5000, 1);
    expect(service.contexts).toHaveLength(4);
    expect(session.state).toBe('error');
    expect(errors.at(-1)?.message).toMatch(/gave up after 4 connection attempts; last error: network down/);
    await advance(clock, 60_000, 1000);
    expect(service.contexts).toHaveLength(4);
    await expect(session.sendMessage('x')).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('refills the retry budget when a connection makes progress (a new durable frame)', async () => {
    const service = new FakeService();
    const { session, clock } = open(service, { maxRetries: 1 });
    await session.connect();
    for (let i = 0; i < 5; i++) {
      service.emit(resultFrame());
      await flush();
      service.drop();
      await flush();
      await advance(clock, 2_000, 50);
      expect(session.state).toBe('connected');
    }
    session.disconnect();
  });

  it('gives up on a server that accepts and then drops every connection without progress', async () => {
    const service = new FakeService();
    const { session, clock, errors, states } = open(service, { maxRetries: 3, backoff: { initialDelay: 1000, jitter: 0 } });
    await session.connect();
    for (let i = 0; i < 10 && session.state !== 'error'; i++) {
      service.drop({ code: 1011 });
      await flush();
      await advance(clock, 20_000, 100);
    }
    expect(session.state).toBe('error');
    // the first connection plus maxRetries reconnects, each one closed again at once
    expect(service.contexts).toHaveLength(4);
    expect(errors.at(-1)?.message).toMatch(/gave up after 4 connections closed without progress \(maxRetries 3\); the last closed with 1011/);
    expect(states.filter((s) => s === 'connected')).toHaveLength(4);
    await advance(clock, 600_000, 10_000);
    expect(service.contexts).toHaveLength(4);
  });

  it('grows the backoff across connections that close without progress (no reset after each open)', async () => {
    const service = new FakeService();
    const { session, clock } = open(service, { maxRetries: 10, random: () => 0.5, backoff: { initialDelay: 1000, factor: 2, jitter: 0 } });
    await session.connect();
    const opened: number[] = [];
    for (let i = 0; i < 4; i++) {
      service.drop();
      await flush();
      const before = service.contexts.length;
      const start = clock.now();
      for (let t = 0; t < 200 && service.contexts.length === before; t++) await advance(clock, 100, 100);
      opened.push(clock.now() - start);
    }
    expect(opened).toEqual([1000, 2000, 4000, 8000]);
    session.disconnect();
  });

  it('stops at once on a permanent failure (HTTP 401) without retrying', async () => {
    const service = new FakeService();
    service.refuse = new HttpError({ status: 401, method: 'GET', url: 'ws://x', body: undefined, requestId: undefined });
    const { session, states } = open(service);
    await expect(session.connect()).rejects.toBeInstanceOf(HttpError);
    expect(states).toEqual(['connecting', 'error']);
    expect(service.contexts).toHaveLength(1);
  });

  it('treats a permanent close (e.g. 4003) as final', async () => {
    const service = new FakeService();
    const { session, errors } = open(service);
    await session.connect();
    service.drop({ code: 4003, permanent: true });
    await flush();
    expect(session.state).toBe('error');
    expect(errors.at(-1)?.message).toMatch(/closed the connection for good \(4003\)/);
  });

  it('fails the connect attempt after connectTimeout and retries', async () => {
    const service = new FakeService();
    service.hang = true;
    const { session, clock, errors } = open(service, { connectTimeout: 3_000, maxRetries: 1 });
    const connecting = session.connect().catch((e: unknown) => e);
    await advance(clock, 3_000, 100);
    expect(errors[0]).toMatchObject({ code: 'TIMEOUT' });
    expect(errors[0]?.message).toMatch(/did not open within 3000 ms/);
    await advance(clock, 1_000 + 3_000, 100);
    const error = await connecting;
    expect(service.contexts).toHaveLength(2);
    expect(error).toMatchObject({ code: 'CONNECTION_CLOSED' });
    expect((error as Error).message).toMatch(/gave up after 2 connection attempts; last error: .*did not open within 3000 ms/);
    expect((error as Error).cause).toMatchObject({ code: 'TIMEOUT' });
  });

  it('with maxRetries 0 rejects connect() with the first failure itself', async () => {
    const service = new FakeService();
    service.hang = true;
    const { session, clock } = open(service, { connectTimeout: 3_000, maxRetries: 0 });
    const connecting = session.connect().catch((e: unknown) => e);
    await advance(clock, 3_000, 100);
    await expect(connecting).resolves.toMatchObject({ code: 'TIMEOUT' });
    expect(session.state).toBe('error');
  });

  it('waits for the reconnect before sending, then sends', async () => {
    const service = new FakeService();
    const { session, clock } = open(service);
    await session.connect();
    service.drop();
    await flush();
    const sending = session.sendMessage('queued while reconnecting');
    await advance(clock, 2_000, 50);
    await sending;
    expect(service.sent('user')).toMatchObject([{ message: { content: 'queued while reconnecting' } }]);
    session.disconnect();
  });

  it('disconnect() during backoff stops the reconnect loop', async () => {
    const service = new FakeService();
    const { session, clock } = open(service);
    await session.connect();
    service.drop();
    await flush();
    session.disconnect();
    await advance(clock, 60_000, 1000);
    expect(service.contexts).toHaveLength(1);
    expect(session.state).toBe('disconnected');
  });
});
