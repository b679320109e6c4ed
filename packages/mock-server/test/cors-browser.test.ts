import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MockServer } from '../src/index';
import { startServer } from './helpers';


/** What the page saw when it used the mock server from its own origin. */
interface PageOutcome {
  readonly origin: string;
  readonly posted?: { status: number; requestId: string | null; sequenceNum: number };
  readonly streamed?: { id: string; type: string; source: string; text: string }[];
  readonly resumed?: { status: number; firstId: string | undefined };
  readonly error?: string;
}

/** Runs in the page: subscribes with EventSource, POSTs a user message (a preflighted request), resumes with fetch + Last-Event-ID. */
async function useMockServer({ base, sessionId }: { base: string; sessionId: string }): Promise<PageOutcome> {
  const stream = `${base}/v1/code/sessions/${sessionId}/events/stream`;
  const streamed: { id: string; type: string; source: string; text: string }[] = [];
  try {
    const source = new EventSource(stream);
    await new Promise<void>((resolve, reject) => {
      source.onopen = () => resolve();
      source.onerror = () => reject(new Error('EventSource could not connect'));
    });
    source.addEventListener('client_event', (e) => {
      const data = JSON.parse((e as MessageEvent<string>).data) as { event_type: string; source: string; payload: { message?: { content: string | { text?: string }[] } } };
      const content = data.payload.message?.content;
      const text = typeof content === 'string' ? content : (content ?? []).map((b) => b.text ?? '').join('');
      streamed.push({ id: e.lastEventId, type: data.event_type, source: data.source, text });
    });
    const res = await fetch(`${base}/v1/code/sessions/${sessionId}/events`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', 'anthropic-beta': 'ccr-byoc-2025-07-29', 'x-organization-uuid': 'org-browser' },
      body: JSON.stringify({ session_id: sessionId, events: [{ payload: { type: 'user', session_id: sessionId, message: { role: 'user', content: 'from another origin' }, parent_tool_use_id: null } }] }),
    });
    const body = (await res.json()) as { data: { sequence_num: number }[] };
    const posted = { status: res.status, requestId: res.headers.get('request-id'), sequenceNum: body.data[0]!.sequence_num };
    for (let i = 0; i < 250 && !streamed.some((e) => e.type === 'result'); i++) await new Promise((r) => setTimeout(r, 20));
    source.close();
    const abort = new AbortController();
    const again = await fetch(stream, { headers: { 'last-event-id': String(posted.sequenceNum) }, signal: abort.signal });
    const first = new TextDecoder().decode((await again.body!.getReader().read()).value);
    abort.abort();
    return { origin: location.origin, posted, streamed, resumed: { status: again.status, firstId: /^id: (\d+)$/m.exec(first)?.[1] } };
  } catch (error) {
    return { origin: location.origin, streamed, error: String(error) };
  }
}

let browser: Browser;
let pageServer: Server;
let pageUrl: string;
const servers: MockServer[] = [];

beforeAll(async () => {
  pageServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another origin</title>'));
  await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
  pageUrl = `http://127.0.0.1:${(pageServer.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  await new Promise<void>((resolve) => (pageServer ? pageServer.close(() => resolve()) : resolve()));
});

/** Runs in the page: a preflighted POST, reporting how it ended. */
async function postOnly({ base, sessionId }: { base: string; sessionId: string }): Promise<string> {
  try {
    const res = await fetch(`${base}/v1/code/sessions/${sessionId}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ events: [{ payload: { type: 'user', session_id: sessionId, message: { role: 'user', content: 'blocked?' }, parent_tool_use_id: null } }] }),
    });
    return `HTTP ${res.status}`;
  } catch (error) {
    return String(error);
  }
}

async function fromPage<R>(options: Parameters<typeof startServer>[0], run: (arg: { base: string; sessionId: string }) => Promise<R>): Promise<{ outcome: R; server: MockServer; id: string }> {
  const { server } = await startServer(options);
  servers.push(server);
  const { id } = await server.admin.createSession({ surface: 'v2' });
  const page = await browser.newPage();
  try {
    await page.goto(pageUrl);
    return { outcome: await page.evaluate(run, { base: server.url, sessionId: id }), server, id };
  } finally {
    await page.close();
  }
}

describe('a page on another origin in headless Chromium', () => {
  it('POSTs an event and reads the SSE stream of the mock server directly', async () => {
    const { outcome, server } = await fromPage({}, useMockServer);
    expect(outcome.error).toBeUndefined();
    expect(outcome.origin).not.toBe(new URL(server.url).origin);
    expect(outcome.posted).toMatchObject({ status: 200, requestId: expect.stringMatching(/^req_/) as unknown });
    expect(outcome.streamed!.map((e) => [e.type, e.source, e.text])).toEqual([
      ['user', 'client', 'from another origin'],
      ['assistant', 'worker', 'echo: from another origin'],
      ['result', 'worker', ''],
    ]);
    expect(outcome.resumed).toEqual({ status: 200, firstId: String(outcome.posted!.sequenceNum + 1) });
  });

  it('is blocked by the browser when its origin is not in the cors list', async () => {
    const cors = { origins: ['http://allowed.example'] };
    const stream = await fromPage({ cors }, useMockServer);
    expect(stream.outcome.error).toMatch(/EventSource could not connect/);
    const post = await fromPage({ cors }, postOnly);
    expect(post.outcome).toMatch(/TypeError: Failed to fetch/);
    expect(post.server.admin.session(post.id).lastSeq).toBe(0);
  });
});
