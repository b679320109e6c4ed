import { parseTape, type TapeEvent } from '@ccr-kit/protocol-types';
import { normalizeTapeEvents } from '@ccr-kit/recorder';
import { describe, expect, it } from 'vitest';
import { frameLabel, type JsonObject } from '../../src/internal/json';
import { replayScript } from '../../src/replay/script';
import { readFrameFile } from '../../src/frames/read';
import { corpusTape } from '../helpers';

const CASES = ['api-400', 'api-500-retry', 'ask-user-question', 'bash-touch-allowed', 'bash-touch-denied', 'interrupt-slow-stream', 'plan-mode', 'two-turns'];

/**
 * One direction of a stdio tape, normalized by the recorder (ids by first appearance, times and
 * durations zeroed). Two values differ by run on purpose: the client's session id has its
 * surface's prefix (v1 `session_…`, v2 `cse_…`) and the CLI names plan files with random words.
 */
function side(text: string, dir: 'stdin' | 'stdout'): string[] {
  const events = parseTape(text).events.filter((e): e is Extract<TapeEvent, { kind: 'stdio.line' }> => e.kind === 'stdio.line' && e.dir === dir);
  return normalizeTapeEvents(events).map((e) =>
    e.kind === 'stdio.line' ? e.text.replace(/<(session|cse)-\d+>/g, '<client-session>').replace(/\/plans\/[a-z]+(-[a-z]+)*\.md/g, '/plans/<plan>.md') : '',
  );
}

describe('the claude-cli agent\'s tapes', () => {
  it('over --sdk-url: validate reads the CLI\'s socket as the worker side (prompts to the agent, its output to the client)', () => {
    const frames = readFrameFile(corpusTape('cli-sdk-url-bash-touch-allowed')).frames;
    const byLabel = (label: string) => frames.filter((f) => frameLabel(f.value as JsonObject) === label).map((f) => f.direction);
    expect(byLabel('user')).toEqual(['to-agent', 'to-client']);
    expect(byLabel('control_request/initialize')).toEqual(['to-agent']);
    expect(byLabel('control_request/can_use_tool')).toEqual(['to-client']);
    expect(byLabel('control_response/success')).toEqual(['to-client', 'to-agent']);
    expect(byLabel('result/success')).toEqual(['to-client']);
  });

  it('reconnect: the CLI re-sends the first turn with the same uuids, and a replay shows the client each frame once', () => {
    const text = corpusTape('cli-sdk-url-reconnect-dedupe');
    const events = parseTape(text).events;
    const uuidsOn = (id: string) => events.flatMap((e) => (e.kind === 'ws.frame' && e.id === id && e.dir === 'to-server' ? [(JSON.parse(e.text) as JsonObject).uuid] : [])).filter((u) => typeof u === 'string');
    const first = new Set(uuidsOn('cli-ws-1'));
    const resent = uuidsOn('cli-ws-2').filter((u) => first.has(u));
    expect(events.filter((e) => e.kind === 'ws.open')).toHaveLength(2);
    expect(resent.length).toBeGreaterThanOrEqual(10);
    const agent = replayScript(text).steps.filter((s) => s.side === 'agent');
    const uuids = agent.map((s) => s.frame.uuid).filter((u) => typeof u === 'string');
    expect(new Set(uuids).size).toBe(uuids.length);
    expect(agent.filter((s) => s.frame.type === 'result').map((s) => s.frame.result)).toEqual(['This is the answer to the first question.', 'And this answers the second one.']);
  });

  it.each(CASES)('%s: the CLI sees the same traffic whichever transport the official client used', (id) => {
    const ws = corpusTape(`cli-websocket-${id}`);
    const sse = corpusTape(`cli-sse-${id}`);
    // Each direction on its own: when the client answers while the CLI is still streaming is a race.
    expect(side(sse, 'stdin')).toEqual(side(ws, 'stdin'));
    expect(side(sse, 'stdout')).toEqual(side(ws, 'stdout'));
  });
});
