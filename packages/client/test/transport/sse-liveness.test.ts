import { VirtualClock } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { ClientError } from '../../src/errors';
import { SessionManager } from '../../src/session/manager';
import type { ConnectionState, SessionManagerOptions } from '../../src/index';
import { SseTransport } from '../../src/transport/sse';
import type { TransportCloseInfo } from '../../src/transport/types';
import { assistantFrame } from '../fixtures/fake-service';
import { FakeSseService } from '../fixtures/fake-sse';

/** Lets stream reads and fetch promises settle (I/O turns, not protocol time). */
async function settle(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Moves the virtual clock forward in 1 s steps, letting I/O settle between steps. */
async function advance(clock: VirtualClock, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 1_000) {
    clock.advance(Math.min(1_000, left));
    await settle(1);
  }
  await settle();
}

function transportFor(service: FakeSseService, clock: VirtualClock, silenceTimeout?: number) {
  const transport = new SseTransport({ url: 'http://ccr.test/v1/code/sessions/cse_1/events/stream', post: async () => undefined, fetch: service.fetch, clock, silenceTimeout });
  const closes: TransportCloseInfo[] = [];
  transport.onclose = (info) => closes.push(info);
  return { transport, closes };
}

describe('SseTransport liveness (silence timeout on the injected clock)', () => {
  it('closes a stream that sends nothing for 45 s, with a TIMEOUT that says why, and cancels the request', async () => {
    const service = new FakeSseService();
    const clock = new VirtualClock(0);
    const { transport, closes } = transportFor(service, clock);
    await transport.start();
    await advance(clock, 44_000);
    expect(closes).toEqual([]);
    await advance(clock, 1_000);
    expect(closes).toHaveLength(1);
    expect(closes[0]!.error).toBeInstanceOf(ClientError);
    expect(closes[0]!.error).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(/sent nothing \(not even a keep-alive comment\) for 45000 ms; reconnecting/) });
    expect(closes[0]!.permanent).toBeUndefined();
    expect(service.openStreams).toBe(0);
  });

  it('counts keep-alive comments and events as liveness, however long the stream lives', async () => {
    const service = new FakeSseService();
    const clock = new VirtualClock(0);
    const { transport, closes } = transportFor(service, clock);
    await transport.start();
    for (let i = 0; i < 10; i++) {
      await advance(clock, 30_000);
      if (i % 2 === 0) service.comment();
      else service.emit(assistantFrame(`msg_${i}`, { type: 'text', text: 'still here' }));
      await settle();
    }
    expect(clock.now()).toBe(300_000);
    expect(closes).toEqual([]);
    await transport.close();
    expect(closes).toEqual([{ reason: 'closed by the client' }]);
  });

  it('never times out with silenceTimeout: 0', async () => {
    const service = new FakeSseService();
    const clock = new VirtualClock(0);
    const { transport, closes } = transportFor(service, clock, 0);
    await transport.start();
    await advance(clock, 600_000);
    expect(closes).toEqual([]);
    expect(clock.pending).toBe(0);
    await transport.close();
  });
});

function openV2(service: FakeSseService, clock: VirtualClock, extra: Partial<SessionManagerOptions> = {}) {
  const texts: string[] = [];
  const states: ConnectionState[] = [];
  const errors: Error[] = [];
  const session = new SessionManager({
    sessionId: 'cse_1',
    baseUrl: 'http://ccr.test',
    accessToken: 'token',
    transport: 'sse',
    fetch: service.fetch,
    clock,
    random: () => 0.5,
    backoff: { initialDelay: 1_000, maxDelay: 5_000 },
    onAssistantMessage: (msg) => {
      for (const block of msg.message.content) if (block.type === 'text') texts.push(block.text ?? '');
    },
    onStateChange: (state) => states.push(state),
    onError: (error) => errors.push(error),
    ...extra,
  });
  return { session, texts, states, errors };
}

function say(text: string) {
  return assistantFrame(`msg_${text}`, { type: 'text', text });
}

describe('v2 session over a stream that goes silent', () => {
  it('reconnects after 45 s of silence and resumes with Last-Event-ID, without loss or duplication', async () => {
    const service = new FakeSseService();
    const clock = new VirtualClock(0);
    const { session, texts, states } = openV2(service, clock);
    await session.connect();
    service.emit(say('one'));
    service.emit(say('two'));
    await settle();
    expect(texts).toEqual(['one', 'two']);

    service.mute();
    service.emit(say('three'));
    service.emit(say('four'));
    await advance(clock, 30_000);
    expect(session.state).toBe('connected');
    expect(texts).toEqual(['one', 'two']);

    await advance(clock, 20_000);
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);
    const lastDelivered = service.log.findIndex((e) => (e.frame.message as { id?: string } | undefined)?.id === 'msg_two') + 1;
    expect(service.streamRequests).toEqual([undefined, String(lastDelivered)]);
    expect(service.openStreams).toBe(1);
    service.emit(say('five'));
    await settle();
    expect(texts).toEqual(['one', 'two', 'three', 'four', 'five']);
    session.disconnect();
    expect(service.openStreams).toBe(0);
  });

  it('passes silenceTimeout through: a longer window tolerates a slower server', async () => {
    const service = new FakeSseService();
    const clock = new VirtualClock(0);
    const { session, states } = openV2(service, clock, { silenceTimeout: 120_000 });
    await session.connect();
    await advance(clock, 119_000);
    expect(states).toEqual(['connecting', 'connected']);
    await advance(clock, 2_000);
    expect(states).toContain('reconnecting');
    session.disconnect();
  });

  it('honours the idle timeout as on WebSocket: keep-alive comments are not activity; a send wakes it up', async () => {
    const service = new FakeSseService();
    const clock = new VirtualClock(0);
    const { session, texts, states } = openV2(service, clock);
    await session.connect();
    service.emit(say('before'));
    await settle();
    for (let t = 0; t < 285_000; t += 15_000) {
      await advance(clock, 15_000);
      service.comment();
    }
    expect(session.state).toBe('connected');
    await advance(clock, 15_000);
    expect(session.state).toBe('disconnected');
    expect(states.at(-1)).toBe('disconnected');
    expect(service.openStreams).toBe(0);

    service.emit(say('while idle'));
    const sent = session.sendMessage('back again');
    await advance(clock, 1_000);
    await sent;
    expect(session.state).toBe('connected');
    expect(service.streamRequests.at(-1)).toBe('2');
    expect(service.posted.filter((f) => f.type === 'user').map((f) => (f.message as { content: string }).content)).toEqual(['back again']);
    expect(texts).toEqual(['before', 'while idle']);
    session.disconnect();
  });
});
