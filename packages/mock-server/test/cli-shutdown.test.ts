import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli/args';
import { SseClient, until, WsClient } from './helpers';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));

/** Process ids below `pid` (tsx runs the CLI in a child node process), read from /proc. */
function descendants(pid: number): number[] {
  if (!existsSync('/proc')) return [];
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Fields after the command name (which may hold spaces) start at the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const [child, ppid] of parentOf) {
      if (ppid !== parent) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(pid);
  return found;
}

/** Whether a process still runs (a zombie waiting to be reaped does not count). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return existsSync('/proc') ? false : true;
  }
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(true));
  });
}

describe('ccr-mock shutdown', () => {
  it('accepts the `--` that `pnpm start -- --port 0` passes through', () => {
    expect(parseCliArgs(['--', '--port', '0', '--verbose'])).toMatchObject({ port: 0, verbose: true });
  });

  it('prints working URLs, then exits 0 within a second of Ctrl+C (SIGINT to its group) with a WebSocket and an SSE stream open', async () => {
    // Its own process group, so SIGINT reaches tsx and the CLI together, as Ctrl+C in a terminal does.
    const child = spawn(tsx, ['--conditions=@ccr-kit/source', 'src/cli.ts', '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
    );
    let ws: WsClient | undefined;
    let sse: SseClient | undefined;
    try {
      await until(() => (out.includes('Ctrl+C') ? true : undefined), 'the banner', 20_000);
      const base = /ccr-mock is listening on (http:\/\/127\.0\.0\.1:(\d+)) \(agent: demo, auth: off\)/.exec(out);
      expect(base).not.toBeNull();
      const [, url, port] = base!;
      const wsUrl = /v1 WebSocket\s+(\S+)/.exec(out)![1]!;
      const sseUrl = /v2 SSE\s+(\S+)/.exec(out)![1]!;
      expect(wsUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${port}/v1/sessions/ws/session_\\w+/subscribe$`));
      expect(sseUrl).toMatch(new RegExp(`^${url}/v1/code/sessions/cse_\\w+/events/stream$`));
      expect(out).toContain(`admin         ${url}/__admin/sessions`);
      expect((await fetch(`${url}/__admin/sessions`)).status).toBe(200);
      ws = await WsClient.open(wsUrl);
      sse = await SseClient.open(sseUrl);
      expect(sse.status).toBe(200);

      const processes = [child.pid!, ...descendants(child.pid!)];
      expect(processes.length).toBeGreaterThan(existsSync('/proc') ? 1 : 0);
      const sentAt = Date.now();
      process.kill(-child.pid!, 'SIGINT');
      const exit = await exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - sentAt).toBeLessThan(1_000);
      expect(err).toContain('SIGINT received, shutting down');
      expect((await ws.waitClosed()).code).toBe(1001);
      await until(() => (sse!.ended ? true : undefined), 'the SSE stream to end');
      expect(await portRefuses(Number(port))).toBe(true);
      // Helpers such as tsx's esbuild service see their pipe close and exit right after the CLI.
      await until(() => (processes.some(alive) ? undefined : true), `no process left of ${processes.join(', ')}`, 3_000);
    } finally {
      ws?.close();
      sse?.close();
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
  });
});
