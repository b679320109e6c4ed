import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliUsageError, DEFAULT_CLI_PORT, parseCliArgs } from '../src/cli/args';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('ccr-mock command line', () => {
  it('defaults to the demo agent on port 8787 without auth', () => {
    expect(parseCliArgs([])).toMatchObject({ port: DEFAULT_CLI_PORT, host: '127.0.0.1', agent: 'demo', auth: 'off', verbose: false });
  });

  it('reads every option, a bare --auth meaning strict', () => {
    const options = parseCliArgs(['--port', '0', '--host', '0.0.0.0', '--auth', '--seed', '42', '--verbose', '--scenario', 'a.json', '--scenario', 'b.json']);
    expect(options).toMatchObject({ port: 0, host: '0.0.0.0', auth: 'strict', seed: 42, verbose: true, agent: 'scripted', scenarios: ['a.json', 'b.json'] });
    expect(parseCliArgs(['--tape', 't.ndjson']).agent).toBe('tape');
    expect(parseCliArgs(['--auth', 'off']).auth).toBe('off');
  });

  it('names the option at fault', () => {
    expect(() => parseCliArgs(['--port', 'eighty'])).toThrow(/--port must be a whole number/);
    expect(() => parseCliArgs(['--agent', 'robot'])).toThrow(/--agent must be one of/);
    expect(() => parseCliArgs(['--agent', 'tape'])).toThrow(/--agent tape needs --tape FILE/);
    expect(() => parseCliArgs(['--auth', 'loose'])).toThrow(/--auth must be strict or off/);
    expect(() => parseCliArgs(['--bogus'])).toThrow(CliUsageError);
  });

  it('starts, prints ready-to-paste URLs that work, and shuts down cleanly on SIGINT', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ccr-kit/source', 'src/cli.ts', '--port', '0', '--seed', '3'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!out.includes('Ctrl+C') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(out).toMatch(/ccr-mock is listening on http:\/\/127\.0\.0\.1:\d+ \(agent: demo, auth: off\)/);
      const sse = /v2 SSE\s+(\S+)/.exec(out)![1]!;
      expect(/v1 WebSocket\s+(ws:\/\/\S+\/v1\/sessions\/ws\/session_\w+\/subscribe)/.test(out)).toBe(true);
      expect(out).toMatch(/curl -N /);
      const res = await fetch(sse.replace('/events/stream', '/events'));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ data: [], has_more: false });
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
    expect(err).toMatch(/SIGINT received, shutting down/);
  });
});
