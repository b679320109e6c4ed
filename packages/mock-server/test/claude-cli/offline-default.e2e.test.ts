import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

/** Reads a v2 SSE stream until `count` results arrived; returns their `result` texts. */
async function results(streamUrl: string, count: number, signal: AbortSignal): Promise<string[]> {
  const response = await fetch(streamUrl, { headers: { accept: 'text/event-stream' }, signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const found: string[] = [];
  let buffer = '';
  while (found.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const data = buffer.slice(0, end).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('');
      buffer = buffer.slice(end + 2);
      const payload = data === '' ? undefined : (JSON.parse(data) as { payload?: { type?: string; result?: string } }).payload;
      if (payload?.type === 'result') found.push(payload.result ?? '');
    }
  }
  return found;
}

describe('ccr-mock --agent claude-cli with no other flag', () => {
  it('runs the real CLI offline against the fake model playing the demo scenarios, and says so', { timeout: 90_000 }, async () => {
    // No key and no network: the fake model answers, so the CLI never needs a login.
    const { ANTHROPIC_API_KEY: _key, ANTHROPIC_BASE_URL: _base, ...env } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ccr-kit/source', 'src/cli.ts', '--agent', 'claude-cli', '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const stop = new AbortController();
    try {
      const deadline = Date.now() + 30_000;
      while (!out.includes('Ctrl+C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/\(agent: claude-cli, auth: off\)/);
      expect(out).toMatch(/Agent: the real Claude Code CLI 2\.1\.337, one process per session, its model a fake Messages API playing the demo scenarios, offline/);
      const sse = /v2 SSE\s+(\S+)/.exec(out)![1]!;
      const answers = results(sse, 2, stop.signal);
      const post = (text: string) =>
        fetch(sse.replace('/events/stream', '/events'), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ events: [{ payload: { type: 'user', message: { role: 'user', content: text }, parent_tool_use_id: null, session_id: '' } }] }),
        });
      expect((await post('hello there')).status).toBeLessThan(300);
      expect((await post('what can you do?')).status).toBeLessThan(300);
      const [hello, unknown] = await answers;
      expect(hello).toMatch(/^Hello! I am the scripted demo agent/);
      expect(unknown).toContain('Prompts it knows');
      expect(unknown).not.toMatch(/Not logged in|API Error/);
    } finally {
      stop.abort();
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
