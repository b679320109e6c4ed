import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { EventLog } from '../src/store/event-log';

const frame = (n: number) => ({ type: 'system', subtype: 'status', uuid: `u${n}`, n });

describe('EventLog', () => {
  it('numbers events densely from 1 and keeps ids of trimmed events', () => {
    const log = new EventLog(3);
    for (let n = 1; n <= 5; n++) log.append(frame(n), 'worker', 't');
    expect(log.all().map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.firstSeq).toBe(3);
    expect(log.truncated).toBe(true);
    expect(log.seqOf('u1')).toBe(1);
    expect(log.after(0).map((e) => e.seq)).toEqual([3, 4, 5]);
    expect(log.after(4).map((e) => e.seq)).toEqual([5]);
    expect(log.after(5)).toEqual([]);
  });

  it('renders each event once for v1 and v2', () => {
    const log = new EventLog(10);
    const event = log.append(frame(1), 'client', '2026-01-01T00:00:00.000Z');
    expect(event.line).toBe(`${JSON.stringify({ ...frame(1), created_at: '2026-01-01T00:00:00.000Z' })}\n`);
    expect(event.sse).toMatch(/^event: client_event\nid: 1\ndata: \{"event_id":"u1","sequence_num":1,"event_type":"system",/);
    expect(event.sse.endsWith('\n\n')).toBe(true);
    expect(event.line).toBe(event.line);
  });

  test.prop([fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 70 }), fc.integer({ min: 1, max: 25 })])(
    'after(n, limit) returns the kept events with seq > n, in order, at most limit',
    (limit, count, after, pageSize) => {
      const log = new EventLog(limit);
      for (let n = 1; n <= count; n++) log.append(frame(n), 'worker', 't');
      const kept = Array.from({ length: count }, (_, i) => i + 1).filter((s) => s > count - limit);
      const want = kept.filter((s) => s > after).slice(0, pageSize);
      expect(log.after(after, pageSize).map((e) => e.seq)).toEqual(want);
      expect(log.size).toBe(kept.length);
    },
  );
});
