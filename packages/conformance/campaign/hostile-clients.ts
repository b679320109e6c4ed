import { spawn, type ChildProcess } from 'node:child_process';
import { request, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { CrashCounter, rssMb, sleep, waitUntil, type CampaignRow, type CampaignScale } from './common';

const MOCK_CLI = join(dirname(fileURLToPath(import.meta.url)), '../../mock-server/src/cli.ts');

/** Starts `ccr-mock --port 0` as its own process (its memory is what is measured) and reads its URL from the banner. */
async function startMock(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ccr-kit/source', MOCK_CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'], cwd: dirname(MOCK_CLI) });
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.resume();
  const ok = await waitUntil(() => /listening on (http:\/\/\S+)/.test(out), 30_000);
  if (!ok) {
    child.kill('SIGKILL');
    throw new Error(`ccr-mock did not start: ${out}`);
  }
  return { child, url: /listening on (http:\/\/\S+)/.exec(out)![1] as string };
}

async function json(url: string, method = 'GET', body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return (await res.json()) as Record<string, unknown>;
}

interface Phase {
  readonly baseline: number;
  readonly peak: number;
  readonly during: number;
  readonly after: number;
  readonly backAfterMs: number;
  readonly back: boolean;
  readonly disconnected: number;
  readonly exited: boolean;
  readonly healthy: boolean;
}

/** One run against a fresh `ccr-mock` process: the traffic, with or without the hostile clients. */
/**
 * Hostile clients against a `ccr-mock` process: slow headers, 1,000 open sockets, and consumers
 * that never read while 1,000 frames of 64 KB go out. The server's RSS must stay within 100 MB of
 * its baseline and be back within 100 MB of it 10 s after they leave; it must keep serving.
 */
async function phase(scale: CampaignScale, withClients: boolean): Promise<Phase> {
  const sockets = scale === 'full' ? 1000 : 200;
  const frames = scale === 'full' ? 1000 : 200;
  const { child, url } = await startMock();
  let exited = false;
  child.on('exit', () => (exited = true));
  const pid = child.pid as number;
  try {
    const { id } = (await json(`${url}/__admin/sessions`, 'POST', { surface: 'v2' })) as { id: string };
    await sleep(500);
    const baseline = rssMb(pid);
    let peak = baseline;
    const sampler = setInterval(() => {
      const now = rssMb(pid);
      if (now > peak) peak = now;
    }, 50);
    const port = Number(new URL(url).port);
    const open: Socket[] = [];
    const clientsOff = !withClients;
    // Slow headers: a request line and one header, then nothing.
    for (let i = 0; i < (clientsOff ? 0 : sockets / 5); i++) {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.write('GET /v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\n');
      open.push(s);
    }
    // Many idle sockets.
    for (let i = 0; i < (clientsOff ? 0 : sockets); i++) {
      const s = connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      open.push(s);
    }
    // Consumers that never read: 10 WebSocket + 10 SSE.
    const stalled: { close(): void }[] = [];
    for (let i = 0; i < (clientsOff ? 0 : 10); i++) {
      const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/sessions/ws/${id}/subscribe`);
      ws.on('error', () => undefined);
      await new Promise<void>((resolve) => ws.once('open', () => resolve()));
      (ws as unknown as { _socket: Socket })._socket.pause();
      stalled.push({ close: () => ws.terminate() });
      const res = await new Promise<IncomingMessage>((resolve) => request(`${url}/v1/code/sessions/${id}/events/stream`, (r) => resolve(r)).end());
      res.pause();
      stalled.push({ close: () => res.destroy() });
    }
    const text = 'x'.repeat(64 * 1024);
    for (let i = 0; i < frames; i++) {
      await json(`${url}/__admin/sessions/${id}/frames`, 'POST', {
        frame: { type: 'assistant', parent_tool_use_id: null, message: { id: `m${i}`, type: 'message', role: 'assistant', model: 'm', content: [{ type: 'text', text }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } },
      });
    }
    await sleep(500);
    const during = rssMb(pid);
    for (const s of open) s.destroy();
    for (const s of stalled) s.close();
    const left = Date.now();
    const back = await waitUntil(() => rssMb(pid) <= baseline + 100, 10_000);
    const backAfterMs = Date.now() - left;
    // The full campaign reads the RSS 10 s after the clients left; the bounded one only waits until it is back.
    if (scale === 'full') await sleep(Math.max(0, 10_000 - backAfterMs));
    const after = rssMb(pid);
    clearInterval(sampler);
    const health = await fetch(`${url}/__admin/sessions/${id}`);
    const disconnected = ((await json(`${url}/__admin/journal?limit=5000`)).entries as { message: string }[] | undefined)?.filter((e) => /consumer fell behind/.test(e.message)).length ?? 0;
    return { baseline, peak, during, after, backAfterMs, back, disconnected, exited, healthy: health.status === 200 };
  } finally {
    child.kill('SIGTERM');
    await waitUntil(() => exited, 5_000);
    if (!exited) child.kill('SIGKILL');
  }
}

/**
 * Hostile clients against a `ccr-mock` process: slow headers, 1,000 open sockets, and consumers
 * that never read while 1,000 frames of 64 KB go out. The same traffic is first sent to a fresh
 * process with no hostile clients (the control: the session keeps those frames as its history, by
 * design); with the hostile clients the server's RSS must stay within 100 MB of the control's, and
 * be back within 100 MB of it 10 s after they leave; it must keep serving.
 */
export async function hostileClients(scale: CampaignScale): Promise<CampaignRow> {
  const sockets = scale === 'full' ? 1000 : 200;
  const frames = scale === 'full' ? 1000 : 200;
  const crashes = new CrashCounter();
  const control = await phase(scale, false);
  const hostile = await phase(scale, true);
  const overPeak = hostile.peak - control.peak;
  const overAfter = hostile.after - control.after;
  const failed = (hostile.exited ? 1 : 0) + (hostile.healthy ? 0 : 1) + (overPeak <= 100 ? 0 : 1) + (overAfter <= 100 ? 0 : 1);
  const r = (n: number) => Math.round(n);
  return {
    campaign: `hostile clients vs ccr-mock: ${sockets / 5} slow headers, ${sockets} sockets, 20 non-reading consumers, ${frames} × 64 KB frames`,
    cases: sockets + sockets / 5 + 20,
    faults: frames,
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    leaked: 0,
    crashes: crashes.stop() + failed,
    peakRssMb: r(hostile.peak),
    notes:
      `server RSS ${r(hostile.baseline)} MB at start, peak ${r(hostile.peak)} MB, ${r(hostile.after)} MB after the clients left; ` +
      `the same traffic without hostile clients: peak ${r(control.peak)} MB, ${r(control.after)} MB after (the 64 KB frames stay in the session's history); ` +
      `so the hostile clients added ${r(overPeak)} MB at peak and ${r(overAfter)} MB after; ${hostile.disconnected} slow consumers disconnected`,
  };
}
