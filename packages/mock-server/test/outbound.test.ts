import { VirtualClock } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import type { Faults } from '../src/index';
import { MAX_BATCH_UNITS, Outbound, type OutboundSink } from '../src/transports/outbound';

function queue(faults: Faults = {}): { out: Outbound; writes: string[] } {
  const writes: string[] = [];
  const sink: OutboundSink = { messageBoundaries: true, write: (text) => writes.push(text), close: () => undefined, drop: () => undefined };
  const resolved = { faults, version: 0 };
  const out = new Outbound(sink, { clock: new VirtualClock(0), faults: () => resolved, onFault: () => undefined });
  return { out, writes };
}

const line = (i: number): string => `{"n":${i}}\n`;

describe('Outbound batching', () => {
  it('sends a few frames queued in one task as one message once the task ends', async () => {
    const { out, writes } = queue();
    for (let i = 1; i <= 3; i++) out.send(line(i));
    expect(writes).toEqual([]);
    await Promise.resolve();
    expect(writes).toEqual([line(1) + line(2) + line(3)]);
  });

  it('sends a long burst in bounded pieces while it is still being produced, in order', async () => {
    const { out, writes } = queue();
    const total = MAX_BATCH_UNITS * 3 + 5;
    let writtenWhenFirstBatchFull = -1;
    for (let i = 1; i <= total; i++) {
      out.send(line(i));
      if (i === MAX_BATCH_UNITS) writtenWhenFirstBatchFull = writes.length;
    }
    // The first frames left before the rest of the burst was queued.
    expect(writtenWhenFirstBatchFull).toBe(1);
    await Promise.resolve();
    expect(writes.map((w) => w.split('\n').length - 1)).toEqual([MAX_BATCH_UNITS, MAX_BATCH_UNITS, MAX_BATCH_UNITS, 5]);
    expect(writes.join('')).toBe(Array.from({ length: total }, (_, i) => line(i + 1)).join(''));
  });

  it('keeps packing lines as the packLines fault says, however long the burst', async () => {
    const { out, writes } = queue({ packLines: 50 });
    for (let i = 1; i <= 100; i++) out.send(line(i));
    await Promise.resolve();
    expect(writes.map((w) => w.split('\n').length - 1)).toEqual([50, 50]);
  });
});

describe('Outbound delay fault', () => {
  it('never reorders frames when the delay is shortened or lifted while frames are held (found by the soak campaign)', async () => {
    const writes: string[] = [];
    const sink: OutboundSink = { messageBoundaries: true, write: (text) => writes.push(text), close: () => undefined, drop: () => undefined };
    const clock = new VirtualClock(0);
    let resolved: { faults: Faults; version: number } = { faults: { delayMs: 30 }, version: 0 };
    const out = new Outbound(sink, { clock, faults: () => resolved, onFault: () => undefined });
    out.send(line(1));
    await clock.advanceAsync(1, 1);
    resolved = { faults: { delayMs: 5 }, version: 1 };
    out.send(line(2));
    await clock.advanceAsync(1, 1);
    resolved = { faults: {}, version: 2 };
    out.send(line(3));
    await clock.advanceAsync(50, 1);
    await Promise.resolve();
    expect(writes.join('')).toBe(line(1) + line(2) + line(3));
  });

  it('with a consumer that stops reading, closes 1013 once the buffered bytes pass the limit and destroys the connection after', async () => {
    const events: string[] = [];
    let buffered = 0;
    const clock = new VirtualClock(0);
    const sink: OutboundSink = {
      messageBoundaries: true,
      write: (text) => {
        buffered += text.length;
        events.push('write');
      },
      close: (code) => events.push(`close ${code}`),
      drop: () => events.push('drop'),
      buffered: () => buffered,
      abort: () => events.push('abort'),
    };
    const slow: string[] = [];
    const out = new Outbound(sink, { clock, faults: () => ({ faults: {}, version: 0 }), onFault: () => undefined, maxBufferedBytes: 100, onSlowConsumer: (m) => slow.push(m) });
    for (let i = 0; i < 10; i++) {
      out.send(`${'x'.repeat(30)}\n`);
      await Promise.resolve();
    }
    expect(events.filter((e) => e === 'write')).toHaveLength(3);
    expect(events).toContain('close 1013');
    expect(slow[0]).toMatch(/consumer fell behind \(93 bytes waiting, limit 100\)/);
    expect(events).not.toContain('abort');
    await clock.advanceAsync(1000, 100);
    expect(events.at(-1)).toBe('abort');
  });
});
