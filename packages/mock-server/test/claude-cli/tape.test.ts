import { parseTape } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { cliTrafficTape, tapeAgent, type CliTrafficEvent } from '../../src';

const at = 1_700_000_000_000;
const event = (offset: number, channel: CliTrafficEvent['channel'], text: string, connection?: number): CliTrafficEvent => ({ sessionId: 's', at: at + offset, channel, text, connection });
const tool = { name: '@ccr-kit/mock-server', version: '0.1.0' };

describe('cliTrafficTape', () => {
  it('writes stdio traffic as a valid stdio tape, with command lines in meta and secrets redacted', () => {
    const text = cliTrafficTape(
      [
        event(0, 'spawn', 'claude -p --model sonnet'),
        event(1.5, 'stdin', '{"type":"user","message":{"role":"user","content":"key sk-secret-1"}}'),
        event(40, 'stdout', '{"type":"system","subtype":"init","session_id":"x","uuid":"u1"}'),
        event(41, 'stdout', '{"type":"result","subtype":"success","result":"ok","uuid":"u2"}'),
        event(42, 'stderr', 'warning: sk-secret-1 leaked'),
        event(50, 'exit', 'code=0, signal=null'),
      ],
      { tool, meta: { case: 'demo' }, secrets: ['sk-secret-1'] },
    );
    const tape = parseTape(text);
    expect(tape.errors).toEqual([]);
    expect(tape.header).toMatchObject({
      capture: 'stdio',
      tool,
      started_at: new Date(at).toISOString(),
      redaction: { rules: ['known-secrets'], counts: { 'known-secrets': 2 }, complete: true },
      meta: { case: 'demo', processes: ['spawn: claude -p --model sonnet', 'exit: code=0, signal=null'] },
    });
    expect(tape.events.map((e) => [e.t, e.kind, (e as { dir?: string }).dir])).toEqual([
      [1.5, 'stdio.line', 'stdin'],
      [40, 'stdio.line', 'stdout'],
      [41, 'stdio.line', 'stdout'],
      [42, 'stdio.line', 'stderr'],
    ]);
    expect(text).not.toContain('sk-secret-1');
    // The tape agent can replay what the CLI printed.
    expect(() => tapeAgent({ tape: text, source: 'demo' })).not.toThrow();
  });

  it('writes the --sdk-url socket as ws events, the CLI being the client', () => {
    const tape = parseTape(
      cliTrafficTape(
        [
          event(0, 'ws-open', '/v2/session_ingress/ws/s', 1),
          event(1, 'ws-to-cli', '{"type":"user"}', 1),
          event(2, 'ws-from-cli', '{"type":"result","uuid":"u"}', 1),
          event(3, 'ws-close', '1000', 1),
          event(4, 'ws-open', '/v2/session_ingress/ws/s', 2),
        ],
        { tool },
      ),
    );
    expect(tape.errors).toEqual([]);
    expect(tape.header?.capture).toBe('mock-server');
    expect(tape.events).toEqual([
      { t: 0, kind: 'ws.open', id: 'cli-ws-1', url: '/v2/session_ingress/ws/s' },
      { t: 1, kind: 'ws.frame', id: 'cli-ws-1', dir: 'to-client', text: '{"type":"user"}' },
      { t: 2, kind: 'ws.frame', id: 'cli-ws-1', dir: 'to-server', text: '{"type":"result","uuid":"u"}' },
      { t: 3, kind: 'ws.close', id: 'cli-ws-1', code: 1000, reason: '' },
      { t: 4, kind: 'ws.open', id: 'cli-ws-2', url: '/v2/session_ingress/ws/s' },
    ]);
  });
});
