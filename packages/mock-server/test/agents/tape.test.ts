import { serializeTape, type TapeEvent, type TapeHeader } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { TapeAgentError, tapeAgent } from '../../src/agents/tape';
import { attach } from './fake-context';

const header: TapeHeader = {
  kind: 'header',
  format: 'ccr-tape',
  version: 1,
  capture: 'proxy',
  tool: { name: 'test', version: '0' },
  started_at: '2026-01-01T00:00:00.000Z',
  redaction: { rules: [], counts: {}, complete: true },
};

const sid = 'session_recorded';
const toServer = (t: number, frame: Record<string, unknown>): TapeEvent => ({ t, kind: 'ws.frame', id: 'ws1', dir: 'to-server', text: `${JSON.stringify(frame)}\n` });
const toClient = (t: number, ...frames: Record<string, unknown>[]): TapeEvent => ({ t, kind: 'ws.frame', id: 'ws1', dir: 'to-client', text: frames.map((f) => `${JSON.stringify(f)}\n`).join('') });
const prompt = (text: string): Record<string, unknown> => ({ type: 'user', session_id: '', message: { role: 'user', content: [{ type: 'text', text }] }, parent_tool_use_id: null });

/** A WebSocket capture: initialize, a prompt (echoed), a permission prompt answered allow, a result. */
const wsTape = serializeTape(header, [
  { t: 0, kind: 'ws.open', id: 'ws1', url: 'wss://example.invalid/v1/sessions/ws/x/subscribe' },
  toServer(10, { type: 'control_request', request_id: 'init1', request: { subtype: 'initialize' } }),
  toClient(20, { type: 'control_response', response: { subtype: 'success', request_id: 'init1', response: { output_style: 'recorded', pending_permission_requests: [] } } }),
  toServer(30, { type: 'keep_alive' }),
  toServer(1_000, prompt('touch a file')),
  toClient(1_010, { ...prompt('touch a file'), uuid: 'echo-1', session_id: sid }),
  toClient(1_500, { type: 'system', subtype: 'init', uuid: 'u1', session_id: sid }, { type: 'assistant', uuid: 'u2', session_id: sid, message: { id: 'msg_1', content: [{ type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'touch a' } }] } }),
  toClient(1_600, { type: 'control_request', request_id: 'perm-1', uuid: 'u3', session_id: sid, request: { subtype: 'can_use_tool', tool_name: 'Bash', input: { command: 'touch a' }, tool_use_id: 'toolu_1' } }),
  toServer(5_000, { type: 'control_response', response: { subtype: 'success', request_id: 'perm-1', response: { behavior: 'allow', updatedInput: { command: 'touch a' }, toolUseID: 'toolu_1' } } }),
  toClient(5_010, { type: 'control_response', uuid: 'echo-2', session_id: sid, response: { subtype: 'success', request_id: 'perm-1', response: { behavior: 'allow' } } }),
  toClient(5_300, { type: 'user', uuid: 'u4', session_id: sid, message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '' }] }, tool_use_result: { stdout: '' } }),
  toClient(5_800, { type: 'result', subtype: 'success', uuid: 'u5', session_id: sid, result: 'Done' }),
  toClient(5_800, { type: 'system', subtype: 'init', uuid: 'u1', session_id: sid }),
]);

const kinds = (frames: Record<string, unknown>[]): string[] =>
  frames.map((f) => (f.type === 'control_request' ? `control_request/${String((f.request as Record<string, unknown>).subtype)}` : typeof f.subtype === 'string' ? `${String(f.type)}/${f.subtype}` : String(f.type)));

describe('tape agent', () => {
  it('replays the agent side in order, waiting for each client frame the tape shows', async () => {
    const h = await attach(tapeAgent({ tape: wsTape }));
    await h.advance(60_000);
    expect(h.frames).toEqual([]);
    h.prompt('touch a file');
    await h.advance(499);
    expect(h.frames).toEqual([]);
    await h.advance(101);
    expect(kinds(h.frames)).toEqual(['system/init', 'assistant', 'control_request/can_use_tool']);
    expect(h.frames[2]).toMatchObject({ request_id: 'perm-1' });
    expect(h.frames[0]).not.toHaveProperty('uuid');
    await h.advance(60_000);
    expect(h.frames).toHaveLength(3);
    h.send({ type: 'control_response', response: { subtype: 'success', request_id: 'perm-1', response: { behavior: 'allow', updatedInput: { command: 'touch a' }, toolUseID: 'toolu_1' } } });
    await h.advance(299);
    expect(h.frames).toHaveLength(3);
    await h.advance(600);
    expect(kinds(h.frames)).toEqual(['system/init', 'assistant', 'control_request/can_use_tool', 'user', 'result/success']);
    expect(h.journal.at(-1)).toContain('replayed to its end');
    expect(h.journal.filter((line) => line.includes('mismatch'))).toEqual([]);
  });

  it('answers initialize with the recorded reply, without recorded pending prompts', async () => {
    const h = await attach(tapeAgent({ tape: wsTape }));
    expect(await h.session.initialize!({ subtype: 'initialize' })).toEqual({ output_style: 'recorded' });
  });

  it('journals a content mismatch clearly and goes on; strict mode keeps waiting', async () => {
    const lenient = await attach(tapeAgent({ tape: wsTape, source: 'demo.tape' }));
    lenient.prompt('touch another file');
    await lenient.advance(1_000);
    expect(lenient.journal.join('\n')).toContain('mismatch in user (tape line 6): $[0].text: expected "touch a file", got "touch another file"; continuing anyway');
    expect(lenient.frames).toHaveLength(3);

    const strict = await attach(tapeAgent({ tape: wsTape, strict: true }));
    strict.prompt('touch another file');
    await strict.advance(1_000);
    expect(strict.frames).toEqual([]);
    expect(strict.journal.join('\n')).toContain('still waiting (strict)');
    strict.prompt('touch a file');
    await strict.advance(1_000);
    expect(strict.frames).toHaveLength(3);
  });

  it('ignores a frame of another type while waiting, and journals it', async () => {
    const h = await attach(tapeAgent({ tape: wsTape }));
    h.prompt('touch a file');
    await h.advance(1_000);
    h.send({ type: 'control_request', request_id: 'x', request: { subtype: 'mcp_status' } });
    await h.advance(1_000);
    expect(h.frames).toHaveLength(3);
    expect(h.journal.join('\n')).toContain('expected the client to send control_response/success (tape line 10), got control_request/mcp_status');
  });

  it('speed 0 sends frames without pauses; an interrupt answer carries the live request id', async () => {
    const tape = serializeTape(header, [
      toServer(0, prompt('go')),
      toClient(100, { type: 'system', subtype: 'init', uuid: 'a1', session_id: sid }),
      toServer(200, { type: 'control_request', request_id: 'rec-int', request: { subtype: 'interrupt' } }),
      toClient(9_000, { type: 'control_response', uuid: 'a2', session_id: sid, response: { subtype: 'success', request_id: 'rec-int' } }),
    ]);
    const h = await attach(tapeAgent({ tape, speed: 0 }));
    h.prompt('go');
    await h.flush();
    h.send({ type: 'control_request', request_id: 'live-int', request: { subtype: 'interrupt' } });
    await h.flush();
    expect(h.frames.at(-1)).toEqual({ type: 'control_response', response: { subtype: 'success', request_id: 'live-int' } });
  });

  it('reads SSE captures: client frames from the POSTs, agent frames from worker events', async () => {
    const tape = serializeTape(header, [
      { t: 0, kind: 'http.request', id: 'r1', method: 'POST', url: 'https://example.invalid/v1/code/sessions/cse_1/events', headers: {}, body: JSON.stringify({ session_id: 'cse_1', events: [{ payload: { ...prompt('hi'), uuid: 'c1' } }] }) },
      { t: 5, kind: 'sse.event', id: 'r0', event: 'client_event', data: JSON.stringify({ sequence_num: 1, source: 'client', payload: { ...prompt('hi'), uuid: 'c1' } }) },
      { t: 50, kind: 'sse.event', id: 'r0', event: 'ephemeral_event', data: JSON.stringify({ event_type: 'stream_event', payload: { type: 'stream_event', event: { type: 'message_start' } } }) },
      { t: 60, kind: 'sse.event', id: 'r0', event: 'client_event', data: JSON.stringify({ sequence_num: 2, source: 'worker', payload: { type: 'result', subtype: 'success', uuid: 'w1' } }) },
    ]);
    const h = await attach(tapeAgent({ tape, speed: 0 }));
    h.prompt('hi');
    await h.flush();
    expect(kinds(h.frames)).toEqual(['stream_event', 'result/success']);
  });

  it('reads the CLI\'s own --sdk-url socket with the seats swapped, and replays its re-sends after a reconnect once', async () => {
    const url = 'ws://127.0.0.1:1/v2/session_ingress/ws/session_x';
    const fromCli = (t: number, id: string, ...frames: Record<string, unknown>[]): TapeEvent => ({ t, kind: 'ws.frame', id, dir: 'to-server', text: frames.map((f) => `${JSON.stringify(f)}\n`).join('') });
    const toCli = (t: number, id: string, frame: Record<string, unknown>): TapeEvent => ({ t, kind: 'ws.frame', id, dir: 'to-client', text: `${JSON.stringify(frame)}\n` });
    const init = { type: 'system', subtype: 'init', uuid: 'u1', session_id: sid };
    const assistant = { type: 'assistant', uuid: 'u2', session_id: sid, message: { id: 'msg_1', content: [{ type: 'text', text: 'Hello there' }] } };
    const tape = serializeTape(header, [
      { t: 0, kind: 'ws.open', id: 'cli-1', url },
      toCli(5, 'cli-1', { type: 'control_request', request_id: 'init1', request: { subtype: 'initialize' } }),
      fromCli(8, 'cli-1', { type: 'control_response', response: { subtype: 'success', request_id: 'init1', response: { output_style: 'recorded-by-cli' } } }),
      toCli(10, 'cli-1', { ...prompt('hi'), uuid: 'p1' }),
      fromCli(40, 'cli-1', init, assistant),
      { t: 45, kind: 'ws.close', id: 'cli-1', code: 1006, reason: '' },
      { t: 50, kind: 'ws.open', id: 'cli-2', url },
      fromCli(55, 'cli-2', init, assistant),
      fromCli(60, 'cli-2', { type: 'result', subtype: 'success', uuid: 'u3', session_id: sid, result: 'Hello there' }),
    ]);
    const agent = tapeAgent({ tape, speed: 0 });
    const h = await attach(agent);
    expect(await h.session.initialize?.({ subtype: 'initialize' })).toMatchObject({ output_style: 'recorded-by-cli' });
    h.prompt('hi');
    await h.flush();
    expect(kinds(h.frames)).toEqual(['system/init', 'assistant', 'result/success']);
    expect(h.journal.join('\n')).not.toMatch(/mismatch/);
  });

  it('reads a worker\'s REST capture: agent frames from its POSTs to /worker/events, client frames from its stream', async () => {
    const base = 'https://example.invalid/v1/code/sessions/cse_1/worker';
    const tape = serializeTape(header, [
      { t: 0, kind: 'http.request', id: 'w-stream', method: 'GET', url: `${base}/events/stream`, headers: {} },
      { t: 5, kind: 'sse.event', id: 'w-stream', event: 'client_event', data: JSON.stringify({ sequence_num: 1, event_type: 'user', source: 'client', payload: { ...prompt('hi'), uuid: 'c1' } }) },
      { t: 20, kind: 'http.request', id: 'w-post', method: 'POST', url: `${base}/events`, headers: {}, body: JSON.stringify({ events: [{ payload: { type: 'assistant', uuid: 'a1', message: { id: 'msg_1', content: [{ type: 'text', text: 'Hi!' }] } } }, { payload: { type: 'result', subtype: 'success', uuid: 'a2', result: 'Hi!' } }] }) },
    ]);
    const h = await attach(tapeAgent({ tape, speed: 0 }));
    await h.flush();
    expect(h.frames).toEqual([]);
    h.prompt('hi');
    await h.flush();
    expect(kinds(h.frames)).toEqual(['assistant', 'result/success']);
  });

  it('skips the auth frame the official WebSocket client sends first (the server consumes it)', async () => {
    const tape = serializeTape(header, [
      { t: 0, kind: 'ws.open', id: 'ws1', url: 'wss://example.invalid/v1/sessions/ws/x/subscribe' },
      toServer(1, { type: 'auth', credential: { type: 'oauth', token: '[REDACTED:oauth]' } }),
      toServer(5, { type: 'control_request', request_id: 'init1', request: { subtype: 'initialize' } }),
      toClient(8, { type: 'control_response', response: { subtype: 'success', request_id: 'init1', response: { output_style: 'recorded' } } }),
      toServer(10, prompt('hello')),
      toClient(40, { type: 'assistant', uuid: 'a1', session_id: sid, message: { id: 'msg_1', content: [{ type: 'text', text: 'Hi!' }] } }),
      toClient(50, { type: 'result', subtype: 'success', uuid: 'a2', session_id: sid, result: 'Hi!' }),
    ]);
    const h = await attach(tapeAgent({ tape }));
    h.prompt('hello');
    await h.advance(100);
    expect(kinds(h.frames)).toEqual(['assistant', 'result/success']);
    expect(h.journal.join('\n')).not.toMatch(/auth|mismatch/);
    expect(h.journal.at(-1)).toContain('replayed to its end');
  });

  it('refuses a tape with bad lines or without agent frames, naming the line', () => {
    expect(() => tapeAgent({ tape: `${wsTape}{not json\n`, source: 'broken.tape' })).toThrow(TapeAgentError);
    expect(() => tapeAgent({ tape: `${wsTape}{not json\n`, source: 'broken.tape' })).toThrow(/broken\.tape.*tape line 15: not valid JSON/s);
    expect(() => tapeAgent({ tape: serializeTape(header, [toServer(0, prompt('hi'))]) })).toThrow(/no frames from the agent side/);
  });
});
