import type { TapeEvent } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { normalizeTapeEvent, normalizeTapeEvents, tapeFrames } from '../../src/index';

function run(sessionUuid: string, messageId: string, at: string, duration: number, cost: number): TapeEvent[] {
  const result = { type: 'result', subtype: 'success', uuid: sessionUuid, session_id: 'cse_' + messageId.slice(4), duration_ms: duration, total_cost_usd: cost, num_turns: 1 };
  return [
    { t: duration, kind: 'ws.open', id: `ws-${duration}`, url: `ws://h/v1/sessions/ws/cse_${messageId.slice(4)}/subscribe`, headers: { date: at } },
    { t: duration + 1, kind: 'ws.frame', id: `ws-${duration}`, dir: 'to-client', text: `${JSON.stringify({ type: 'assistant', uuid: sessionUuid, message: { id: messageId, content: [] }, created_at: at })}\n` },
    { t: duration + 2, kind: 'ws.frame', id: `ws-${duration}`, dir: 'to-client', text: `${JSON.stringify(result)}\n` },
  ];
}

describe('normalizeTapeEvent', () => {
  it('makes two recordings of the same flow equal while keeping which ids were the same', () => {
    const a = run('11111111-2222-4333-8444-555555555555', 'msg_01AAAAAAAAAAAA', '2026-01-01T00:00:00.000Z', 1200, 0.0123);
    const b = run('99999999-8888-4777-8666-555555555555', 'msg_01BBBBBBBBBBBB', '2026-03-04T05:06:07Z', 800, 0.5);
    expect(normalizeTapeEvents(a)).toEqual(normalizeTapeEvents(b));
    const [, assistant, result] = normalizeTapeEvents(a).map((e) => (e.kind === 'ws.frame' ? JSON.parse(e.text) : e));
    expect(assistant).toMatchObject({ uuid: '<uuid-1>', message: { id: '<msg-1>' }, created_at: '<time>' });
    expect(result).toMatchObject({ uuid: '<uuid-1>', duration_ms: 0, total_cost_usd: 0, num_turns: 1 });
  });

  it('does not change the raw event', () => {
    const [open] = run('11111111-2222-4333-8444-555555555555', 'msg_01AAAAAAAAAAAA', '2026-01-01T00:00:00.000Z', 5, 1);
    const copy = structuredClone(open);
    const normalized = normalizeTapeEvent(open!);
    expect(open).toEqual(copy);
    expect(normalized).toMatchObject({ t: 0, id: '<conn-1>', headers: { date: '<volatile>' } });
  });
});

describe('tapeFrames', () => {
  it('extracts frames from WebSocket NDJSON, SSE payloads, POSTed events and stdio lines', () => {
    const events: TapeEvent[] = [
      { t: 1, kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: '{"type":"a"}\n{"type":"b"}\n' },
      { t: 2, kind: 'sse.event', id: 'req-1', event: 'client_event', data: '{"event_id":"e1","sequence_num":3,"payload":{"type":"c"}}', lastEventId: '3' },
      { t: 3, kind: 'http.request', id: 'req-2', method: 'POST', url: 'http://h/v1/code/sessions/cse_1/events', headers: {}, body: '{"events":[{"payload":{"type":"user"}}]}' },
      { t: 4, kind: 'stdio.line', dir: 'stdout', text: '{"type":"result"}' },
      { t: 5, kind: 'stdio.line', dir: 'stderr', text: 'warning: not a frame' },
    ];
    expect(tapeFrames(events).map((f) => [f.via, f.dir, f.frame])).toEqual([
      ['ws', 'to-client', { type: 'a' }],
      ['ws', 'to-client', { type: 'b' }],
      ['sse', 'to-client', { type: 'c' }],
      ['http', 'to-server', { type: 'user' }],
      ['stdio', 'to-client', { type: 'result' }],
    ]);
    expect(tapeFrames(events)[2]?.envelope).toEqual({ event_id: 'e1', sequence_num: 3 });
  });
});
