import { describe, expect, it } from 'vitest';
import { interleaveStdio } from '../../src/corpus/interleave';

const j = (frame: unknown): string => JSON.stringify(frame);
const user = (text: string) => j({ type: 'user', message: { role: 'user', content: text } });
const order = (lines: { dir: string; text: string }[]) => lines.map((l) => `${l.dir === 'stdin' ? '>' : '<'} ${String((JSON.parse(l.text) as { type: string }).type)}${(JSON.parse(l.text) as { request_id?: string }).request_id ?? ''}`);

describe('interleaving a stdin and a stdout recording', () => {
  it('puts an answer right after the request it answers', () => {
    const merged = interleaveStdio(
      [user('go'), j({ type: 'control_response', response: { subtype: 'success', request_id: 'p1', response: {} } })],
      [j({ type: 'system' }), j({ type: 'control_request', request_id: 'p1', request: { subtype: 'can_use_tool' } }), j({ type: 'user' }), j({ type: 'result' })],
    );
    expect(order(merged)).toEqual(['> user', '< system', '< control_requestp1', '> control_response', '< user', '< result']);
  });

  it('puts the n-th prompt after the (n-1)-th result', () => {
    const merged = interleaveStdio([user('one'), user('two')], [j({ type: 'system' }), j({ type: 'result' }), j({ type: 'system' }), j({ type: 'result' })]);
    expect(order(merged)).toEqual(['> user', '< system', '< result', '> user', '< system', '< result']);
  });

  it('puts a host request after the last frame the host could react to, and later lines after its answer', () => {
    const merged = interleaveStdio(
      [j({ type: 'control_request', request_id: 'h1', request: { subtype: 'initialize' } }), user('go'), j({ type: 'control_request', request_id: 'h2', request: { subtype: 'interrupt' } })],
      [j({ type: 'control_response', response: { subtype: 'success', request_id: 'h1' } }), j({ type: 'system' }), j({ type: 'stream_event' }), j({ type: 'control_response', response: { subtype: 'success', request_id: 'h2' } }), j({ type: 'result' })],
    );
    expect(order(merged)).toEqual(['> control_requesth1', '< control_response', '> user', '< system', '< stream_event', '> control_requesth2', '< control_response', '< result']);
  });

  it('follows a hint over the rules', () => {
    const merged = interleaveStdio([user('go'), j({ type: 'keep_alive' })], [j({ type: 'system' }), j({ type: 'result' })], { 2: 1 });
    expect(order(merged)).toEqual(['> user', '< system', '> keep_alive', '< result']);
  });
});
