import { PassThrough } from 'node:stream';
import type { TapeEvent } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { RecorderError, tapProcess } from '../../src/index';
import { fake, memoryRecorder } from '../fixtures';

/** A child that answers each stdin line on stdout, logs to stderr, and ends with an unterminated line. */
const ECHO = String.raw`
const rl = require('node:readline').createInterface({ input: process.stdin });
rl.on('line', (line) => {
  process.stdout.write(JSON.stringify({ type: 'echo', got: JSON.parse(line) }) + '\n');
  process.stderr.write('saw a line\n');
});
rl.on('close', () => { process.stdout.write('{"type":"bye"}'); process.exitCode = 7; });
`;

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  return () => text;
}

describe('tapProcess', () => {
  it('passes stdio through unchanged and records every line of each stream, redacted', async () => {
    const key = fake.apiKey('z');
    const tape = memoryRecorder({}, 'stdio');
    const input = new PassThrough();
    const output = new PassThrough();
    const errors = new PassThrough();
    const out = collect(output);
    const err = collect(errors);
    const tap = tapProcess({ command: process.execPath, args: ['-e', ECHO], recorder: tape.recorder, input, output, errorOutput: errors });
    input.write('{"type":"user","n":1}\n{"type":"user",');
    input.write(`"key":"${key}"}\n`);
    input.end();
    const exit = await tap.exited;
    expect(exit).toEqual({ code: 7, signal: null });
    expect(out()).toBe(`{"type":"echo","got":{"type":"user","n":1}}\n{"type":"echo","got":{"type":"user","key":"${key}"}}\n{"type":"bye"}`);
    expect(err()).toBe('saw a line\nsaw a line\n');
    tape.recorder.finish();
    const lines = tape.events().map((e) => [(e as Extract<TapeEvent, { kind: 'stdio.line' }>).dir, (e as Extract<TapeEvent, { kind: 'stdio.line' }>).text]);
    expect(lines.filter(([dir]) => dir === 'stdin')).toEqual([
      ['stdin', '{"type":"user","n":1}'],
      ['stdin', '{"type":"user","key":"redacted-token-1"}'],
    ]);
    expect(lines.filter(([dir]) => dir === 'stdout')).toEqual([
      ['stdout', '{"type":"echo","got":{"type":"user","n":1}}'],
      ['stdout', '{"type":"echo","got":{"type":"user","key":"redacted-token-1"}}'],
      ['stdout', '{"type":"bye"}'],
    ]);
    expect(lines.filter(([dir]) => dir === 'stderr')).toEqual([
      ['stderr', 'saw a line'],
      ['stderr', 'saw a line'],
    ]);
    expect(tape.sink.text()).not.toContain(key);
  });

  it('rejects with a usage error naming the command when it cannot start', async () => {
    const tape = memoryRecorder({}, 'stdio');
    const tap = tapProcess({ command: 'ccr-no-such-program', recorder: tape.recorder, input: null, output: new PassThrough(), errorOutput: new PassThrough() });
    await expect(tap.exited).rejects.toThrow(RecorderError);
    await expect(tap.exited).rejects.toThrow(/Cannot start "ccr-no-such-program": spawn ccr-no-such-program ENOENT/);
  });
});
