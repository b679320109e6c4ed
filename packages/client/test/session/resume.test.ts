import { VirtualClock } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/session';
import type { SessionOptions } from '../../src/session/types';
import { FakeService, assistantFrame, flush, resultFrame } from '../fixtures/fake-service';

function open(service: FakeService, options: Partial<SessionOptions> = {}) {
  const clock = new VirtualClock(0);
  const seen: string[] = [];
  const errors: Error[] = [];
  const session = new Session({
    sessionId: 'sess_1',
    transport: service.factory,
    history: service.history,
    clock,
    random: () => 0.5,
    onFrame: (frame) => {
      const raw = ('raw' in frame ? frame.raw : frame) as { uuid?: string };
      seen.push(raw.uuid ?? '?');
    },
    onError: (e) => errors.push(e),
    ...options,
  });
  return { session, clock, seen, errors };
}

function text(n: number) {
  return assistantFrame(`msg_${n}`, { type: 'text', text: `part ${n}` });
}

async function reconnect(clock: VirtualClock): Promise<void> {
  await clock.advanceAsync(2_000, 50);
  await flush();
}

describe('gap-free resume over v1 (uuid de-duplication + REST backfill)', () => {
  it('delivers events sent while disconnected exactly once, in order, by REST backfill (no full replay)', async () => {
    const service = new FakeService();
    const { session, clock, seen } = open(service);
    await session.connect();
    service.emit(text(1));
    service.emit(text(2));
    await flush();
    service.drop();
    await flush();
    service.emit(text(3));
    service.emit(resultFrame());
    await reconnect(clock);
    expect(session.state).toBe('connected');
    // With a REST history the socket does not ask for a replay: that would resend the whole session.
    expect(service.contexts[1]).toMatchObject({ replay: false, lastUuid: service.log[1]!.frame.uuid });
    service.emit(text(4));
    await flush();
    expect(seen).toEqual(service.log.map((e) => e.frame.uuid));
    session.disconnect();
  });

  it('drops duplicated live frames', async () => {
    const service = new FakeService();
    service.duplicate = true;
    const { session, seen } = open(service);
    await session.connect();
    for (let i = 0; i < 5; i++) service.emit(text(i));
    await flush();
    expect(seen).toEqual(service.log.map((e) => e.frame.uuid));
    session.disconnect();
  });

  it('replays the history once on the first connect with replay: true', async () => {
    const service = new FakeService();
    service.emit(text(1));
    service.emit(resultFrame());
    const { session, seen } = open(service, { replay: true });
    await session.connect();
    await flush();
    expect(seen).toEqual(service.log.map((e) => e.frame.uuid));
    session.disconnect();
  });

  it('resumes a new session from a saved cursor without re-delivering older events', async () => {
    const service = new FakeService();
    const first = open(service);
    await first.session.connect();
    service.emit(text(1));
    service.emit(text(2));
    await flush();
    const cursor = first.session.cursor;
    first.session.disconnect();
    service.emit(text(3));
    const second = open(service, { resumeFrom: cursor });
    await second.session.connect();
    await flush();
    expect(second.seen).toEqual([service.log[2]!.frame.uuid]);
    second.session.disconnect();
  });

  it('keeps the de-duplication memory bounded by dedupWindow', async () => {
    const service = new FakeService();
    const { session, seen } = open(service, { dedupWindow: 3 });
    await session.connect();
    for (let i = 0; i < 10; i++) service.emit(text(i));
    await flush();
    // A frame older than the window is no longer recognised: the window, not the session, bounds memory.
    service.deliverRaw({ kind: 'frame', frame: service.log[0]!.frame });
    service.deliverRaw({ kind: 'frame', frame: service.log[9]!.frame });
    await flush();
    expect(seen).toHaveLength(11);
    session.disconnect();
  });

  it('without a REST history, drops the replayed history up to the cursor even when it is longer than the de-dup window', async () => {
    const service = new FakeService();
    const { session, clock, seen, errors } = open(service, { history: {}, dedupWindow: 2 });
    await session.connect();
    for (let i = 0; i < 12; i++) service.emit(text(i));
    await flush();
    service.drop();
    await flush();
    service.emit(text(100));
    service.emit(resultFrame());
    await reconnect(clock);
    expect(service.contexts[1]).toMatchObject({ replay: true, lastUuid: service.log[11]!.frame.uuid });
    service.emit(text(101));
    await flush();
    expect(seen).toEqual(service.log.map((e) => e.frame.uuid));
    expect(errors).toEqual([]);
    session.disconnect();
  });

  it('a reconnect closed in the middle of the replay delivers nothing twice and loses nothing', async () => {
    const service = new FakeService();
    const { session, clock, seen } = open(service, { history: {}, dedupWindow: 2 });
    await session.connect();
    for (let i = 0; i < 6; i++) service.emit(text(i));
    await flush();
    service.drop();
    await flush();
    service.emit(text(50));
    // The next connection replays part of the history and is dropped mid-replay, twice.
    for (let round = 0; round < 2; round++) {
      const before = service.contexts.length;
      for (let i = 0; i < 200 && service.contexts.length === before; i++) await clock.advanceAsync(100, 50);
      expect(service.contexts.length).toBe(before + 1);
      await Promise.resolve();
      service.drop();
      await flush();
    }
    service.emit(text(51));
    await clock.advanceAsync(20_000, 100);
    await flush();
    expect(session.state).toBe('connected');
    service.emit(text(52));
    await flush();
    expect(seen).toEqual(service.log.map((e) => e.frame.uuid));
    session.disconnect();
  });

  it('stream_event uuids (never replayed) do not push durable uuids out of the de-dup window', async () => {
    const service = new FakeService();
    const { session, seen } = open(service, { dedupWindow: 3 });
    await session.connect();
    service.emit(text(1));
    for (let i = 0; i < 10; i++) service.emit({ type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x' } }, parent_tool_use_id: null });
    await flush();
    service.deliverRaw({ kind: 'frame', frame: service.log[0]!.frame });
    await flush();
    expect(seen.filter((u) => u === service.log[0]!.frame.uuid)).toHaveLength(1);
    session.disconnect();
  });

  it('does not use stream_event uuids (never stored) as the resume cursor', async () => {
    const service = new FakeService();
    const { session, clock, seen } = open(service);
    await session.connect();
    service.emit(text(1));
    service.emit({ type: 'stream_event', event: { type: 'message_stop' }, parent_tool_use_id: null });
    await flush();
    service.drop();
    await flush();
    service.emit(text(2));
    await reconnect(clock);
    expect(service.contexts[1]?.lastUuid).toBe(service.log[0]!.frame.uuid);
    expect(seen.filter((u) => u === service.log[1]!.frame.uuid)).toHaveLength(1);
    session.disconnect();
  });
});

describe('gap-free resume over v2 (sequence numbers + Last-Event-ID)', () => {
  it('resumes after the last sequence number and delivers exactly once', async () => {
    const service = new FakeService();
    service.sequenced = true;
    const { session, clock, seen } = open(service);
    await session.connect();
    service.emit(text(1));
    service.emit(text(2));
    await flush();
    service.drop();
    await flush();
    service.emit(text(3));
    await reconnect(clock);
    expect(service.contexts[1]?.lastSequenceNum).toBe(2);
    service.duplicate = true;
    service.emit(resultFrame());
    await flush();
    expect(seen).toEqual(service.log.map((e) => e.frame.uuid));
    expect(session.cursor.sequenceNum).toBe(4);
    session.disconnect();
  });

  it('re-fetches a gap in the sequence by REST before delivering what follows', async () => {
    const service = new FakeService();
    service.sequenced = true;
    const { session, seen } = open(service);
    await session.connect();
    service.emit(text(1));
    await flush();
    // Events 2 and 3 never reach the socket; 4 arrives live.
    service.log.push({ seq: 2, frame: { ...text(2), uuid: 'u2' } }, { seq: 3, frame: { ...text(3), uuid: 'u3' } });
    service.log.push({ seq: 4, frame: { ...text(4), uuid: 'u4' } });
    service.deliverRaw({ kind: 'frame', frame: service.log[3]!.frame, sequenceNum: 4 });
    await flush();
    expect(seen).toEqual([service.log[0]!.frame.uuid, 'u2', 'u3', 'u4']);
    session.disconnect();
  });

  it('on catch_up_truncated re-fetches the missing events and skips what the stream repeats', async () => {
    const service = new FakeService();
    service.sequenced = true;
    const notices: string[] = [];
    const { session, seen } = open(service, { onDeliveryUpdate: (u) => notices.push(u.status) });
    await session.connect();
    service.emit(text(1));
    await flush();
    service.log.push({ seq: 2, frame: { ...text(2), uuid: 'u2' } }, { seq: 3, frame: { ...text(3), uuid: 'u3' } });
    service.deliverRaw({ kind: 'catch_up_truncated', data: { requested_after_sequence_num: 1, oldest_available_sequence_num: 3 } });
    service.deliverRaw({ kind: 'frame', frame: service.log[2]!.frame, sequenceNum: 3 });
    service.deliverRaw({ kind: 'delivery_update', update: { event_id: 'e', status: 'DELIVERY_STATUS_PROCESSED' } });
    await flush();
    expect(seen).toEqual([service.log[0]!.frame.uuid, 'u2', 'u3']);
    expect(notices).toEqual(['DELIVERY_STATUS_PROCESSED']);
    session.disconnect();
  });

  it('reports a HISTORY_GAP when the gap cannot be re-fetched', async () => {
    const service = new FakeService();
    service.sequenced = true;
    const { session, errors } = open(service, { history: {} });
    await session.connect();
    service.deliverRaw({ kind: 'catch_up_truncated', data: {} });
    await flush();
    expect(errors[0]).toMatchObject({ code: 'HISTORY_GAP' });
    session.disconnect();
  });
});
