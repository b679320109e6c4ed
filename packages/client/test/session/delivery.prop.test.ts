import { fc, test } from '@fast-check/vitest';
import { VirtualClock } from '@ccr-kit/protocol-types';
import { describe, expect } from 'vitest';
import { Session } from '../../src/session/session';
import { FakeService, assistantFrame, flush, resultFrame } from '../fixtures/fake-service';

type Op =
  | { kind: 'emit'; count: number; stream: boolean }
  | { kind: 'drop' }
  | { kind: 'duplicate'; on: boolean }
  | { kind: 'resend' }
  | { kind: 'tick'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('emit' as const), count: fc.integer({ min: 1, max: 4 }), stream: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resend' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 3_000 }) }) },
);

async function run(ops: Op[], sequenced: boolean, window: number): Promise<{ seen: string[]; expected: string[] }> {
  const service = new FakeService();
  service.sequenced = sequenced;
  const clock = new VirtualClock(0);
  const seen: string[] = [];
  const session = new Session({
    sessionId: 'sess_1',
    transport: service.factory,
    history: service.history,
    clock,
    random: () => 0.5,
    dedupWindow: window,
    maxRetries: 1_000,
    onFrame: (frame) => {
      const raw = ('raw' in frame ? frame.raw : frame) as { uuid?: string; type?: string };
      if (raw.type !== 'stream_event') seen.push(raw.uuid ?? '?');
    },
  });
  await session.connect();
  let n = 0;
  for (const step of ops) {
    switch (step.kind) {
      case 'emit':
        for (let i = 0; i < step.count; i++) {
          n++;
          if (step.stream) service.emit({ type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x' } }, parent_tool_use_id: null });
          service.emit(n % 5 === 0 ? resultFrame() : assistantFrame(`msg_${n}`, { type: 'text', text: `t${n}` }));
        }
        break;
      case 'drop':
        service.drop();
        break;
      case 'duplicate':
        service.duplicate = step.on;
        break;
      case 'resend': {
        const recent = service.log.slice(-2);
        for (const event of recent) service.deliverRaw(sequenced ? { kind: 'frame', frame: event.frame, sequenceNum: event.seq } : { kind: 'frame', frame: event.frame });
        break;
      }
      case 'tick':
        await clock.advanceAsync(step.ms, 100);
        break;
    }
    await flush();
  }
  for (let i = 0; i < 20 && session.state !== 'connected'; i++) await clock.advanceAsync(1_000, 100);
  await flush(50);
  session.disconnect();
  return { seen, expected: service.log.map((e) => String(e.frame.uuid)) };
}

describe('gap-free delivery against an in-memory service under faults', () => {
  test.prop([fc.array(op, { minLength: 1, maxLength: 40 })], { numRuns: 150 })('v1: every durable event exactly once, in order', async (ops) => {
    const { seen, expected } = await run(ops, false, 10_000);
    expect(seen).toEqual(expected);
  });

  test.prop([fc.array(op, { minLength: 1, maxLength: 40 })], { numRuns: 150 })('v1 with a tiny de-dup window: replays still arrive once', async (ops) => {
    const { seen, expected } = await run(ops, false, 8);
    expect(seen).toEqual(expected);
  });

  test.prop([fc.array(op, { minLength: 1, maxLength: 40 })], { numRuns: 150 })('v2: every durable event exactly once, in order', async (ops) => {
    const { seen, expected } = await run(ops, true, 8);
    expect(seen).toEqual(expected);
  });
});
