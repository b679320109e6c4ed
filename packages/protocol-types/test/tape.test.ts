import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../src/errors';
import {
  parseTape,
  serializeTape,
  serializeTapeEvent,
  serializeTapeHeader,
  type TapeEvent,
  type TapeHeader,
} from '../src/schemas/tape';

const header: TapeHeader = {
  kind: 'header',
  format: 'ccr-tape',
  version: 1,
  capture: 'proxy',
  tool: { name: 'ccr-record', version: '0.1.0' },
  started_at: '2026-11-01T10:00:00.000Z',
  redaction: { rules: ['authorization', 'cookie'], counts: { authorization: 2, cookie: 1 }, complete: true },
  meta: { scenario: 'tool-allow' },
};

const events: TapeEvent[] = [
  {
    t: 0,
    kind: 'http.request',
    id: 'r1',
    method: 'POST',
    url: 'https://claude.ai/v1/sessions/s1/events',
    headers: { 'content-type': 'application/json', authorization: '[REDACTED:authorization]' },
    body: '{"events":[]}',
  },
  { t: 12, kind: 'http.response', id: 'r1', status: 200, headers: { 'content-type': 'application/json' }, body: '{}' },
  { t: 15, kind: 'ws.open', id: 'w1', url: 'wss://claude.ai/v1/sessions/ws/s1/subscribe?replay=true' },
  { t: 16, kind: 'ws.frame', id: 'w1', dir: 'to-server', text: '{"type":"keep_alive"}\n' },
  { t: 20.5, kind: 'ws.frame', id: 'w1', dir: 'to-client', text: '{"type":"assistant"}\n{"type":"result"}\n' },
  { t: 30, kind: 'sse.event', id: 'r2', event: 'client_event', data: '{"sequence_num":1}', lastEventId: '1' },
  { t: 31, kind: 'sse.event', id: 'r2', data: 'no event name' },
  { t: 40, kind: 'stdio.line', dir: 'stdout', text: '{"type":"system","subtype":"init"}' },
  { t: 50, kind: 'ws.close', id: 'w1', code: 1000, reason: 'Normal closure' },
];

describe('tape round trip', () => {
  it('reads back exactly the header and events it wrote, and writes the same text again', () => {
    const text = serializeTape(header, events);
    expect(text.split('\n')).toHaveLength(events.length + 2);
    const parsed = parseTape(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.header).toEqual(header);
    expect(parsed.events).toEqual(events);
    expect(serializeTape(parsed.header!, parsed.events)).toBe(text);
  });

  it('writes t and kind first whatever order the object was built in', () => {
    const line = serializeTapeEvent({ text: 'hi', dir: 'stdin', kind: 'stdio.line', t: 3 });
    expect(line).toBe('{"t":3,"kind":"stdio.line","text":"hi","dir":"stdin"}');
    expect(serializeTapeHeader(header).startsWith('{"kind":"header","format":"ccr-tape","version":1,')).toBe(true);
  });

  it('keeps keys it does not know, so newer tapes survive an older reader', () => {
    const text = `${serializeTapeHeader(header)}\n{"t":1,"kind":"stdio.line","dir":"stderr","text":"x","pid":42}\n`;
    expect(parseTape(text).events[0]).toMatchObject({ pid: 42 });
  });

  it('accepts CRLF line ends and blank lines', () => {
    const text = [serializeTapeHeader(header), '', serializeTapeEvent(events[0]!), '   '].join('\r\n');
    const parsed = parseTape(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.events).toHaveLength(1);
  });
});

describe('bad tapes', () => {
  it('reports each bad line by number and still reads every other line', () => {
    const lines = [
      serializeTapeHeader(header),
      serializeTapeEvent(events[0]!),
      '{"t": 5, "kind": "http.response", "id": "r1", "status": 200, "headers": {}',
      serializeTapeEvent(events[2]!),
      '{"t": 6, "kind": "ws.frame", "id": "w1", "dir": "up", "text": "x"}',
      '{"t": 7, "kind": "carrier.pigeon"}',
      serializeTapeEvent(events[3]!),
    ];
    const parsed = parseTape(lines.join('\n'));
    expect(parsed.header).toEqual(header);
    expect(parsed.events).toEqual([events[0], events[2], events[3]]);
    expect(parsed.errors.map((e) => e.line)).toEqual([3, 5, 6]);
    expect(parsed.errors[0]!.message).toMatch(/^tape line 3: not valid JSON/);
    expect(parsed.errors[1]!.issues.map((i) => i.path)).toEqual(['$.dir']);
    expect(parsed.errors[2]!.message).toMatch(/tape line 6: not a valid tape event/);
  });

  it('says when the first line is not a header and keeps the events after it', () => {
    const text = [serializeTapeEvent(events[0]!), serializeTapeEvent(events[1]!)].join('\n');
    const parsed = parseTape(text);
    expect(parsed.header).toBeUndefined();
    expect(parsed.errors).toHaveLength(1);
    expect(parsed.errors[0]!).toMatchObject({ line: 1 });
    expect(parsed.errors[0]!.message).toMatch(/first line must be a ccr-tape version 1 header/);
    expect(parsed.events).toEqual([events[1]]);
  });

  it('rejects a header of another format version with the path of the field', () => {
    const parsed = parseTape(JSON.stringify({ ...header, version: 2 }));
    expect(parsed.header).toBeUndefined();
    expect(parsed.errors[0]!.issues.map((i) => i.path)).toEqual(['$.version']);
  });

  it('refuses to write an invalid event or header, naming the field', () => {
    const bad = { t: -1, kind: 'ws.close', id: 'w1', code: 1000, reason: '' } as TapeEvent;
    expect(() => serializeTapeEvent(bad)).toThrow(ProtocolError);
    expect(() => serializeTapeEvent(bad)).toThrow(/\$\.t/);
    const noTool = { ...header, tool: { name: 'x' } } as unknown as TapeHeader;
    expect(() => serializeTapeHeader(noTool)).toThrow(/\$\.tool\.version/);
  });
});
