import type { MockServer } from '@ccr-kit/mock-server';
import { VirtualClock } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import { ClaudeClient } from '../../src/client';
import type { ConnectionState } from '../../src/session/types';
import { assistantFrame } from '../fixtures/fake-service';
import { startServer, textsOf, until } from './helpers';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Advances the client's clock in small steps until `condition` holds; socket I/O runs on real time in between. */
async function advanceUntil(clock: VirtualClock, condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) expect.fail(`timed out waiting for ${what}`);
    clock.advance(100);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('v2 SSE liveness against the mock server', () => {
  it('notices a stream that went silent, reconnects with Last-Event-ID and delivers every event once, in order', async () => {
    // The server's clock never moves, so its 15 s keep-alive comments never come: once frames are
    // held back by the delay fault, the stream is open but silent.
    const serverClock = new VirtualClock(Date.UTC(2026, 0, 1));
    server = await startServer({ clock: serverClock });
    const clientClock = new VirtualClock(0);
    const client = new ClaudeClient({ baseUrl: server.url, accessToken: 'token', clock: clientClock });
    const { session: created } = await client.api.createCodeSession({ title: 'silent', config: { cwd: '/workspace' } });
    const id = created.id;
    const frames: unknown[] = [];
    const states: ConnectionState[] = [];
    const session = await client.connect(id, {
      transport: 'sse',
      backoff: { initialDelay: 200, maxDelay: 1_000 },
      random: () => 0.5,
      onFrame: (frame) => frames.push('raw' in frame ? frame.raw : frame),
      onStateChange: (state) => states.push(state),
    });
    const say = (text: string) => server!.admin.inject(id, assistantFrame(`msg_${text}`, { type: 'text', text }));

    for (const text of ['one', 'two', 'three']) await say(text);
    await until(() => textsOf(frames).length === 3, 5_000, 'the first three answers');
    const cursor = session.cursor.sequenceNum;

    server.admin.setFaults({ delayMs: 3_600_000 }, id);
    await say('four');
    await say('five');
    server.admin.clearFaults(id);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(textsOf(frames)).toEqual(['one', 'two', 'three']);

    clientClock.advance(44_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(states).toEqual(['connecting', 'connected']);
    await advanceUntil(clientClock, () => states.length >= 4 && session.state === 'connected', 'the reconnect');
    expect(states).toEqual(['connecting', 'connected', 'reconnecting', 'connected']);

    await until(() => textsOf(frames).length >= 5, 5_000, 'the held answers');
    await say('six');
    await until(() => textsOf(frames).length >= 6, 5_000, 'a live answer after the resume');
    expect(textsOf(frames)).toEqual(['one', 'two', 'three', 'four', 'five', 'six']);
    const uuids = frames.map((f) => (f as { uuid?: unknown }).uuid).filter((u) => typeof u === 'string');
    expect(new Set(uuids).size).toBe(uuids.length);

    const resumed = server.admin.journal({ sessionId: id, kind: 'connection' }).map((e) => e.message);
    expect(resumed).toContainEqual(expect.stringMatching(new RegExp(`subscribed after ${cursor} `)));
    await until(() => server!.admin.subscribers(id).length === 1, 5_000, 'the server to drop the dead stream');
    client.disconnectAll();
  });
});
