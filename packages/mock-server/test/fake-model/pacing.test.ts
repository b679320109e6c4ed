import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeModelServer, type FakeModelServer } from '../../src/fake-model/index';
import { scenario, text } from '../../src/scenario/index';
import { ManualClock } from './manual-clock';

let server: FakeModelServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Reads an SSE body and collects `event:` names as they arrive. */
async function collectEvents(body: ReadableStream<Uint8Array>, into: string[]): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = /^event: (.+)$/m.exec(buffer.slice(0, end))?.[1];
      if (event) into.push(event);
      buffer = buffer.slice(end + 2);
    }
  }
}

const request = {
  model: 'm',
  max_tokens: 10,
  stream: true,
  messages: [{ role: 'user', content: 'slow please' }],
};

describe('scripted delays run on the injected clock', () => {
  it('holds each delta until the clock advances by chunkDelayMs', async () => {
    const clock = new ManualClock();
    server = await createFakeModelServer({
      clock,
      scenarios: [
        scenario('slow')
          .turn()
          .reply(text('abcdef', { chunks: 3, chunkDelayMs: 1_000, delayMs: 500 }), { delayMs: 2_000 })
          .build(),
      ],
    });
    const response = fetch(`${server.url}/v1/messages`, { method: 'POST', body: JSON.stringify(request) });
    const events: string[] = [];
    // Wait (on I/O, not on time) until the request sits in its first scripted delay.
    await vi.waitFor(() => expect(clock.pending).toBe(1));
    await clock.advance(1_999);
    expect(clock.pending).toBe(1);
    await clock.advance(1);
    const reading = collectEvents((await response).body!, events);
    await vi.waitFor(() => expect(events).toEqual(['message_start', 'ping']));
    await clock.advance(500);
    await vi.waitFor(() =>
      expect(events).toEqual(['message_start', 'ping', 'content_block_start', 'content_block_delta']),
    );
    await clock.advance(999);
    expect(events.filter((e) => e === 'content_block_delta')).toHaveLength(1);
    await clock.advance(1);
    await vi.waitFor(() => expect(events.filter((e) => e === 'content_block_delta')).toHaveLength(2));
    await clock.advance(1_000);
    await reading;
    expect(events.slice(-4)).toEqual([
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(clock.requested).toEqual([2_000, 500, 1_000, 1_000]);
  });

  it('stops a stream whose client went away and leaves no timer behind', async () => {
    const clock = new ManualClock();
    server = await createFakeModelServer({
      clock,
      scenarios: [
        scenario('slow')
          .turn()
          .reply(text('a long answer streaming slowly', { chunks: 10, chunkDelayMs: 60_000 }))
          .build(),
      ],
    });
    const controller = new AbortController();
    const response = await fetch(`${server.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify(request),
      signal: controller.signal,
    });
    const events: string[] = [];
    const reading = collectEvents(response.body!, events).catch(() => undefined);
    await vi.waitFor(() => expect(events).toContain('content_block_delta'));
    expect(clock.pending).toBe(1);
    controller.abort();
    await reading;
    await vi.waitFor(() => expect(clock.pending).toBe(0));
    expect(events).not.toContain('message_stop');
  });

  it('closes promptly with a stream still open', async () => {
    const clock = new ManualClock();
    const running = await createFakeModelServer({
      clock,
      scenarios: [
        scenario('slow')
          .turn()
          .reply(text('never finishes', { chunks: 5, chunkDelayMs: 60_000 }))
          .build(),
      ],
    });
    const response = await fetch(`${running.url}/v1/messages`, {
      method: 'POST',
      body: JSON.stringify(request),
    });
    const events: string[] = [];
    const reading = collectEvents(response.body!, events).catch((error: unknown) => error);
    await vi.waitFor(() => expect(events).toContain('content_block_delta'));
    await running.close();
    expect(await reading).toBeInstanceOf(Error);
    expect(clock.pending).toBe(0);
    await expect(fetch(`${running.url}/`, { method: 'HEAD' })).rejects.toThrow();
  });
});
