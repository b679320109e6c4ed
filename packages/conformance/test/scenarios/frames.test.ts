import { findDrift } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import * as frames from '../../src/scenarios/frames';

const stamped = (frame: Record<string, unknown>) => ({ ...frame, uuid: 'u', session_id: 's' });

describe('scenario frames', () => {
  it('match the schemas exactly, as the CLI would send them (the service stamps uuid and session_id)', () => {
    const all = [
      frames.systemInit(),
      frames.assistant('msg_1', frames.text('hi')),
      frames.assistant('msg_1', frames.toolUse('toolu_1', 'Bash', { command: 'ls' })),
      frames.canUseTool('r1', 'toolu_1', 'Bash', { command: 'ls' }),
      frames.toolResult('toolu_1', 'done'),
      frames.toolResult('toolu_1', 'failed', true),
      frames.resultSuccess('ok'),
      frames.resultAborted('aborted_tools'),
      frames.statusMode('plan'),
      frames.controlSuccess('r2'),
      frames.controlSuccess('r2', { mode: 'plan' }),
      frames.interruptedMarker(true),
    ];
    for (const frame of all) {
      const needsStamp = frame.type !== 'control_request' && frame.type !== 'control_response';
      expect(findDrift(needsStamp ? stamped(frame) : frame, 'to-client'), JSON.stringify(frame).slice(0, 80)).toEqual([]);
    }
  });
});
