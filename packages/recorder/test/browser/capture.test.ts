import { createMockServer, type MockServer } from '@ccr-kit/mock-server';
import type { TapeEvent } from '@ccr-kit/protocol-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureBrowser, launchChromium, tapeFrames, type LaunchedBrowser } from '../../src/index';
import { fake, memoryRecorder } from '../fixtures';
import { startPageServer } from './page-server';

const sessionKey = fake.sessionKey('b');
let browser: LaunchedBrowser;
let mock: MockServer;
let page: Awaited<ReturnType<typeof startPageServer>>;

beforeAll(async () => {
  mock = await createMockServer({});
  page = await startPageServer(mock.url, `sessionKey=${sessionKey}`);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await page?.close();
  await mock?.close();
});

describe('browser capture with a real headless Chromium', () => {
  it('records a page turn over a browser WebSocket and over SSE, and the tape holds the frames the page received', { timeout: 60_000 }, async () => {
    const v1 = await mock.admin.createSession({ surface: 'v1' });
    const v2 = await mock.admin.createSession({ surface: 'v2' });
    const tape = memoryRecorder({ secrets: [sessionKey] }, 'browser');
    const warnings: string[] = [];
    const capture = await captureBrowser({
      cdp: browser.cdpUrl,
      url: `${page.url}/page?ws=${v1.id}&sse=${v2.id}`,
      recorder: tape.recorder,
      onWarning: (m) => warnings.push(m),
    });
    const report = await page.report;
    expect(report.error).toBeUndefined();
    // The report POST is the page's last request: once it is on the tape, everything before it is too.
    for (let i = 0; i < 500 && !tape.events().some((e) => e.kind === 'http.request' && e.url.endsWith('/__done')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const summary = await capture.stop();
    expect(summary.complete).toBe(true);
    const text = tape.sink.text();
    expect(text).not.toContain(sessionKey);
    const events = tape.events();

    // WebSocket: open with the browser's cookie (redacted), the page's two frames out, every frame in.
    const open = events.find((e): e is Extract<TapeEvent, { kind: 'ws.open' }> => e.kind === 'ws.open');
    expect(open?.url).toBe(`${page.url.replace('http', 'ws')}/v1/sessions/ws/${v1.id}/subscribe`);
    expect(open?.headers?.cookie).toBe('sessionKey=redacted-cookie-1');
    const frames = tapeFrames(events);
    const wsFrames = frames.filter((f) => f.via === 'ws' && (f.frame as { type?: string }).type !== 'keep_alive');
    expect(wsFrames.filter((f) => f.dir === 'to-server').map((f) => (f.frame as { type: string }).type)).toEqual(['control_request', 'user']);
    expect(report.ws).toContainEqual(expect.objectContaining({ type: 'result', subtype: 'success' }));
    expect(wsFrames.filter((f) => f.dir === 'to-client').map((f) => f.frame)).toEqual(report.ws);
    expect(events.find((e) => e.kind === 'ws.close')).toMatchObject({ code: 1005 });

    // SSE read by fetch streaming (Network.streamResourceContent) and by an EventSource.
    const streams = events.filter((e): e is Extract<TapeEvent, { kind: 'http.request' }> => e.kind === 'http.request' && e.url.endsWith('/events/stream'));
    expect(streams).toHaveLength(2);
    const payloads = (id: string | undefined) =>
      frames.filter((f) => f.via === 'sse' && f.connection === id && (f.event === 'client_event' || f.event === 'ephemeral_event')).map((f) => f.frame);
    // The page opens the EventSource first, then the fetch stream.
    const [esId, fetchId] = streams.map((s) => s.id);
    expect(report.sse.length).toBeGreaterThan(3);
    expect(report.sse).toContainEqual(expect.objectContaining({ type: 'result', subtype: 'success' }));
    expect(payloads(esId)).toEqual(report.es);
    expect(payloads(fetchId).slice(0, report.sse.length)).toEqual(report.sse);
    expect(events.find((e) => e.kind === 'http.response' && e.id === esId)).toMatchObject({ status: 200, headers: { 'content-type': expect.stringContaining('text/event-stream') } });

    // The POST that carried the v2 user message, with its body and the cookie redacted.
    const post = events.find((e): e is Extract<TapeEvent, { kind: 'http.request' }> => e.kind === 'http.request' && e.method === 'POST' && e.url.endsWith(`/v1/code/sessions/${v2.id}/events`));
    expect(JSON.parse(post?.body ?? '{}')).toMatchObject({ session_id: v2.id, events: [{ payload: { type: 'user', message: { content: 'hello' } } }] });
    expect(post?.headers.cookie).toBe('sessionKey=redacted-cookie-1');
    expect(events.find((e) => e.kind === 'http.response' && e.id === post?.id)).toMatchObject({ status: expect.any(Number) });
    expect(warnings).toEqual([]);
  });
});
