import { fc, test } from '@fast-check/vitest';
import type { MockServer } from '@ccr-kit/mock-server';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ClaudeClient } from '../../src/client';
import type { TransportKind } from '../../src/session/manager';
import { clientFor, openSession, startServer, until } from './helpers';

let server: MockServer;
let client: ClaudeClient;
beforeAll(async () => {
  server = await startServer();
  client = clientFor(server);
});
afterAll(async () => {
  client.disconnectAll();
  await server.close();
});

interface Segment {
  readonly dropAfter: number;
  readonly duplicate: boolean;
  readonly split: number;
  readonly streamEvents: boolean;
}

const segment: fc.Arbitrary<Segment> = fc.record({
  dropAfter: fc.integer({ min: 1, max: 6 }),
  duplicate: fc.boolean(),
  split: fc.constantFrom(0, 2, 3, 7),
  streamEvents: fc.boolean(),
});

function assistant(marker: string): Record<string, unknown> {
  return {
    type: 'assistant',
    message: { id: `msg_${marker}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{ type: 'text', text: marker }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
    parent_tool_use_id: null,
  };
}

function delta(text: string): Record<string, unknown> {
  return { type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, parent_tool_use_id: null };
}

async function runSchedule(kind: TransportKind, segments: Segment[], tuning: { replay?: boolean; dedupWindow?: number } = {}): Promise<void> {
  const seen: string[] = [];
  const injected: string[] = [];
  let drops = 0;
  let sessionId = '';
  const errors: string[] = [];
  const states: string[] = [];
  const session = await openSession(client, kind, {
    replay: false,
    ...tuning,
    maxRetries: 10,
    onFrame: (frame) => {
      const raw = ('raw' in frame ? frame.raw : frame) as { type?: string; message?: { content?: { text?: string }[] } };
      if (raw.type === 'assistant') seen.push(String(raw.message?.content?.[0]?.text));
    },
    onError: (error) => errors.push(error.message),
    onStateChange: (state) => {
      states.push(state);
      if (state !== 'reconnecting') return;
      drops++;
      // The fault hit this connection; the next one must get through.
      server.admin.clearFaults(sessionId);
    },
  });
  sessionId = session.sessionId;
  for (const [s, seg] of segments.entries()) {
    await until(() => session.state === 'connected', 5_000, `reconnect before segment ${s} (state ${session.state}; states ${states.slice(-6).join(',')}; errors ${errors.slice(-3).join(' | ')})`);
    const before = drops;
    server.admin.setFaults({ dropAfterFrames: seg.dropAfter, duplicateFrames: seg.duplicate, ...(seg.split > 0 ? { splitLines: seg.split } : {}) }, sessionId);
    for (let i = 0; i < seg.dropAfter + 3; i++) {
      const marker = `s${s}-f${i}`;
      if (seg.streamEvents) await server.admin.inject(sessionId, delta(marker));
      await server.admin.inject(sessionId, assistant(marker));
      injected.push(marker);
    }
    await until(() => drops > before, 5_000, `the drop of segment ${s}`);
  }
  await until(() => session.state === 'connected', 5_000, 'the final reconnect');
  server.admin.endTurn(sessionId);
  await until(() => seen.length >= injected.length, 5_000, `all ${injected.length} frames (seen ${seen.length})`);
  await new Promise((resolve) => setTimeout(resolve, 30));
  session.disconnect();
  expect(drops).toBe(segments.length);
  expect(seen).toEqual(injected);
}

describe.each<TransportKind>(['websocket', 'sse'])('gap-free delivery against the mock server over %s', (kind) => {
  test.prop([fc.array(segment, { minLength: 20, maxLength: 20 })], { numRuns: 3, endOnFailure: true })(
    'the server drops the connection mid-turn 20 times, duplicating and splitting frames: every message arrives once, in order',
    async (segments) => {
      const started = Date.now();
      await runSchedule(kind, segments);
      console.log(`${kind}: 20 drops in ${Date.now() - started} ms`);
    },
    120_000,
  );
});

describe('v1 exactly-once with replay on and a de-dup window smaller than the history', () => {
  test.prop([fc.array(segment, { minLength: 12, maxLength: 12 })], { numRuns: 2, endOnFailure: true })(
    'stream events between the frames, duplicates and splits: every durable message arrives once, in order',
    async (segments) => {
      await runSchedule('websocket', segments.map((s) => ({ ...s, streamEvents: true })), { replay: true, dedupWindow: 4 });
    },
    120_000,
  );
});
