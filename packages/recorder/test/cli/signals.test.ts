import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const packageDir = join(import.meta.dirname, '../..');
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('ccr-record stops on a signal while it records heavy traffic', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s during a 7 MiB body of token-like text (a pattern worst case) ends the proxy promptly with a finished tape', async (signal) => {
    const upstream = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => upstream.close(() => resolve())));
    const out = mkdtempSync(join(tmpdir(), 'ccr-record-signal-'));
    cleanups.push(() => rmSync(out, { recursive: true, force: true }));
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ccr-kit/source', 'src/cli.ts', 'proxy', '--target', `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`, '--port', '0', '--out', out], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ANTHROPIC_API_KEY: '' },
    });
    cleanups.push(() => void child.kill('SIGKILL'));
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let i = 0; i < 300 && !/proxy (http:\/\/\S+)/.test(err); i++) await new Promise((r) => setTimeout(r, 50));
    const proxyUrl = /proxy (http:\/\/\S+)/.exec(err)?.[1];
    expect(proxyUrl, err).toBeDefined();
    // 60 KB base64url-like runs and 80 KB of e-mail local-part characters: quadratic before.
    const body = JSON.stringify({ blob: `${'aZ0_-'.repeat(12_000)}.`.repeat(100), mail: 'a.b-c'.repeat(16_000) }).slice(0, 7 * 1024 * 1024);
    const posted = await fetch(`${proxyUrl}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(posted.status).toBe(200);
    const sent = Date.now();
    child.kill(signal);
    const code = await exited;
    const took = Date.now() - sent;
    expect(code).toBe(0);
    // The bound is 2 s; the margin keeps a loaded machine from failing it.
    expect(took, err).toBeLessThan(5_000);
    expect(err).toMatch(/wrote 2 events to/);
  }, 60_000);
});
