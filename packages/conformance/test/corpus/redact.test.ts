import { fc, test } from '@fast-check/vitest';
import { parseTape, TAPE_FORMAT, TAPE_VERSION, type TapeEvent, type TapeHeader } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { PID_FOLD_RULE, redactTape, SecretFoundError } from '../../src/corpus/redact';
import { corpusTape } from '../helpers';

const HEADER: TapeHeader = {
  kind: 'header',
  format: TAPE_FORMAT,
  version: TAPE_VERSION,
  capture: 'stdio',
  tool: { name: 'claude-code', version: '2.1.197' },
  started_at: '2026-01-01T00:00:00.000Z',
  redaction: { rules: [], counts: {}, complete: true },
  meta: { processes: ['spawn: /home/alice/ccr-kit/node_modules/.bin/claude -p'] },
};

function line(frame: unknown, dir: 'stdin' | 'stdout' = 'stdout'): TapeEvent {
  return { t: 0, kind: 'stdio.line', dir, text: JSON.stringify(frame) };
}

function redacted(events: TapeEvent[]): { header: TapeHeader; frames: unknown[]; text: string } {
  const text = redactTape(HEADER, events, 'rec/x.tape.ndjson', { root: '/home/alice/ccr-kit', env: false });
  const parsed = parseTape(text);
  return { header: parsed.header!, frames: parsed.events.map((e) => (e.kind === 'stdio.line' ? JSON.parse(e.text) : e)), text };
}

describe('corpus redaction (through @ccr-kit/recorder)', () => {
  it('replaces temp-dir suffixes consistently, the checkout path and process ids, and counts each', () => {
    const { header, frames, text } = redacted([
      line({ type: 'system', subtype: 'init', cwd: '/tmp/ccr-cli-cwd-Hih1jS', memory_paths: { auto: '/tmp/ccr-cli-home-kN8Xms/.claude/projects/-tmp-ccr-cli-cwd-Hih1jS/memory/' } }),
      line({ type: 'control_response', response: { subtype: 'success', request_id: 'r1', response: { pid: 29968 } } }),
    ]);
    expect(frames[0]).toMatchObject({ cwd: '/tmp/ccr-cli-cwd-redacted-tmp-1', memory_paths: { auto: '/tmp/ccr-cli-home-redacted-tmp-2/.claude/projects/-tmp-ccr-cli-cwd-redacted-tmp-1/memory/' } });
    expect(frames[1]).toMatchObject({ response: { response: { pid: 0 } } });
    expect(header.meta).toEqual({ processes: ['spawn: redacted-path-1/node_modules/.bin/claude -p'] });
    expect(header.redaction.counts).toEqual({ 'pattern:temp-dir': 3, 'pattern:checkout-path': 1, [PID_FOLD_RULE]: 1 });
    expect(text).not.toMatch(/Hih1jS|kN8Xms|alice|29968/);
  });

  it('replaces a credential in a frame with a placeholder and never writes it', () => {
    // Built at run time so no tracked file holds a credential-shaped literal.
    const key = ['sk', 'ant', 'api03', 'abcdefghijklmnopqrstuvwxyz'].join('-');
    const { header, frames, text } = redacted([line({ type: 'user', message: { role: 'user', content: `use ${key}` } }, 'stdin')]);
    expect(text).not.toContain(key);
    expect(frames[0]).toMatchObject({ message: { content: 'use redacted-token-1' } });
    expect(header.redaction.counts['pattern:anthropic-key']).toBe(1);
  });

  it('stops with SecretFoundError, naming the recording, event and field, when a secret survives redaction', () => {
    // A secret from the environment in the one field no rule rewrites (an HTTP method): the leak scan finds it.
    // (Encoded forms — URL, JSON, base64 — are redacted now, so they no longer reach the scan.)
    const env = { ANTHROPIC_API_KEY: 'our shared/secret 2026' };
    const events: TapeEvent[] = [line({ type: 'keep_alive' }), { t: 0, kind: 'http.request', id: 'req-1', method: env.ANTHROPIC_API_KEY, url: 'https://claude.ai/v1/x', headers: {} }];
    expect(() => redactTape(HEADER, events, 'rec/x.tape.ndjson', { env })).toThrow(SecretFoundError);
    expect(() => redactTape(HEADER, events, 'rec/x.tape.ndjson', { env })).toThrow(/^rec\/x\.tape\.ndjson: event #2 \(http\.request at 0 ms\) still contains the value of env ANTHROPIC_API_KEY in `method` after redaction; the corpus was not written/);
  });

  it('changes nothing in a tape it already redacted, header report included', () => {
    for (const id of ['12-control-requests', 'cli-websocket-plan-mode', 'cli-sdk-url-reconnect-dedupe']) {
      const text = corpusTape(id);
      const { header, events } = parseTape(text);
      expect(redactTape(header!, events, id, { env: false }), id).toBe(text);
    }
  });

  test.prop([fc.stringMatching(/^sk-ant-[A-Za-z0-9_-]{12,40}$/), fc.string(), fc.string(), fc.nat(3)])('never writes a planted API key, wherever it sits in a frame', (key, before, after, where) => {
    const value = `${before}${key}${after}`;
    const frames = [
      { type: 'assistant', message: { content: [{ type: 'text', text: value }] } },
      { type: 'user', message: { role: 'user', content: [{ type: 'tool_result', content: value }] } },
      { type: 'control_request', request_id: 'r', request: { subtype: 'can_use_tool', input: { [value]: [value] } } },
      { type: 'system', subtype: 'init', cwd: value },
    ];
    const text = redactTape(HEADER, [line(frames[where])], 'prop', { env: false });
    expect(text.includes(key)).toBe(false);
  });
});
