import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realClock } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from '../src/http/router';
import { Journal } from '../src/journal';

let http: Server | undefined;
afterEach(async () => {
  await new Promise((r) => http?.close(r) ?? r(undefined));
  http = undefined;
});

async function serve(router: Router): Promise<string> {
  http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    void router.handle(req, res, url, undefined).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

describe('contract router', () => {
  it('answers 500 with a clear body and a journal entry when a handler breaks its response schema', async () => {
    const journal = new Journal(() => 0);
    const router = new Router(
      { getSession: () => ({ body: { id: 'session_1', title: 7 } as never }) },
      { journal, clock: realClock, maxBodyBytes: 1024, faultsFor: () => ({}) },
    );
    const base = await serve(router);
    const res = await fetch(`${base}/v1/sessions/session_1`);
    expect(res.status).toBe(500);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('api_error');
    expect(body.error.message).toMatch(/Server bug: the getSession response does not match the contract/);
    expect(body.error.message).toMatch(/response\.title/);
    expect(journal.read({ kind: 'error' })[0]!.message).toMatch(/getSession answered a body that fails its schema/);
  });

  it('registers every contract endpoint and answers 501 for those without a handler', async () => {
    const router = new Router({}, { journal: new Journal(() => 0), clock: realClock, maxBodyBytes: 1024, faultsFor: () => ({}) });
    const base = await serve(router);
    const res = await fetch(`${base}/v1/code/sessions/cse_1/worker/heartbeat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: 'cse_1', worker_epoch: 1 }),
    });
    expect(res.status).toBe(501);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/workerHeartbeat/);
  });
});
