import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createFakeModelServer, defaultClaudeBinary, fakeModelCliEnv, type FakeModelServer } from '@ccr-kit/mock-server';
import type { TapeEvent } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import { tapProcess, tapeFrames, type StdioTap } from '../../src/index';
import { fake, memoryRecorder } from '../fixtures';

let model: FakeModelServer | undefined;
let tap: StdioTap | undefined;
const dirs: string[] = [];

afterEach(async () => {
  if (tap !== undefined && tap.child.exitCode === null && tap.child.signalCode === null) tap.child.kill('SIGKILL');
  tap = undefined;
  await model?.close();
  model = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the CLI stdio tap around the real Claude Code CLI', () => {
  it('records a stream-json turn against the fake model: the host lines in, the CLI frames out', { timeout: 90_000 }, async () => {
    model = await createFakeModelServer({
      scenarios: [{ name: 'greet', turns: [{ responses: [{ blocks: [{ type: 'text', text: 'Hello from the fake model.' }] }] }] }],
    });
    const home = await mkdtemp(join(tmpdir(), 'ccr-record-home-'));
    const cwd = await mkdtemp(join(tmpdir(), 'ccr-record-cwd-'));
    dirs.push(home, cwd);
    const apiKey = fake.apiKey('c');
    const env = fakeModelCliEnv({ baseUrl: model.url, home, maxRetries: 0, extra: { ANTHROPIC_API_KEY: apiKey } });
    const tape = memoryRecorder({ env }, 'stdio');
    const input = new PassThrough();
    const output = new PassThrough();
    const errors = new PassThrough();
    errors.resume();
    let stdout = '';
    const sawResult = new Promise<void>((resolve) =>
      output.on('data', (chunk: Buffer) => {
        stdout += chunk.toString('utf8');
        if (stdout.includes('"type":"result"')) resolve();
      }),
    );
    tap = tapProcess({
      command: defaultClaudeBinary(),
      args: ['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose'],
      cwd,
      env,
      recorder: tape.recorder,
      input,
      output,
      errorOutput: errors,
    });
    input.write(`${JSON.stringify({ type: 'user', session_id: '', message: { role: 'user', content: [{ type: 'text', text: 'Say hello' }] }, parent_tool_use_id: null })}\n`);
    await sawResult;
    input.end();
    const exit = await tap.exited;
    expect(exit.code).toBe(0);
    const summary = tape.recorder.finish();
    expect(summary.complete).toBe(true);
    expect(tape.sink.text()).not.toContain(apiKey);

    const events = tape.events() as Extract<TapeEvent, { kind: 'stdio.line' }>[];
    expect(events.every((e) => e.kind === 'stdio.line')).toBe(true);
    // What the tape says went to stdout is exactly what the host received.
    expect(events.filter((e) => e.dir === 'stdout').map((e) => e.text)).toEqual(stdout.trimEnd().split('\n'));
    const frames = tapeFrames(events);
    expect(frames.filter((f) => f.dir === 'to-server').map((f) => f.frame)).toEqual([
      { type: 'user', session_id: '', message: { role: 'user', content: [{ type: 'text', text: 'Say hello' }] }, parent_tool_use_id: null },
    ]);
    const out = frames.filter((f) => f.dir === 'to-client').map((f) => f.frame as { type: string; subtype?: string; result?: string });
    expect(out.map((f) => (f.subtype === undefined ? f.type : `${f.type}/${f.subtype}`))).toEqual(expect.arrayContaining(['system/init', 'assistant', 'result/success']));
    expect(out.find((f) => f.type === 'result')?.result).toBe('Hello from the fake model.');
    expect(model.requests.filter((r) => r.path.startsWith('/v1/messages')).length).toBeGreaterThan(0);
  });
});
