import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockServer } from '@ccr-kit/mock-server';
import type { TapeEvent } from '@ccr-kit/protocol-types';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { importHar, tapeFrames, type MemoryTapeSink } from '../../src/index';
import { startPageServer } from '../browser/page-server';
import { fake, parseTapeText } from '../fixtures';

describe('HAR import of a real Playwright recording', () => {
  it('turns a HAR that Playwright wrote for a page turn into a redacted tape with the same WebSocket frames', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccr-record-har-'));
    const sessionKey = fake.sessionKey('p');
    const mock = await createMockServer({});
    const page = await startPageServer(mock.url, `sessionKey=${sessionKey}`);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const v1 = await mock.admin.createSession({ surface: 'v1' });
      const v2 = await mock.admin.createSession({ surface: 'v2' });
      const harPath = join(dir, 'turn.har');
      const context = await browser.newContext({ recordHar: { path: harPath, content: 'embed' } });
      const tab = await context.newPage();
      await tab.goto(`${page.url}/page?ws=${v1.id}&sse=${v2.id}`);
      const report = await page.report;
      expect(report.error).toBeUndefined();
      await context.close();

      const har = JSON.parse(readFileSync(harPath, 'utf8')) as unknown;
      const result = importHar(har, { redaction: { env: false, secrets: [sessionKey] } });
      expect(result.complete).toBe(true);
      const text = (result.sink as MemoryTapeSink).text();
      expect(text).not.toContain(sessionKey);
      const { header, events } = parseTapeText(text);
      expect(header?.capture).toBe('har');
      const open = events.find((e): e is Extract<TapeEvent, { kind: 'ws.open' }> => e.kind === 'ws.open');
      expect(open?.url).toContain(`/v1/sessions/ws/${v1.id}/subscribe`);
      expect(open?.headers?.cookie).toBe('sessionKey=redacted-cookie-1');
      const frames = tapeFrames(events).filter((f) => f.via === 'ws' && (f.frame as { type?: string }).type !== 'keep_alive');
      expect(frames.filter((f) => f.dir === 'to-client').map((f) => f.frame)).toEqual(report.ws);
      // Playwright writes WebSocket times in epoch milliseconds: offsets stay within the recording.
      const last = events.at(-1)?.t ?? 0;
      expect(last).toBeLessThan(60_000);
      const post = events.find((e): e is Extract<TapeEvent, { kind: 'http.request' }> => e.kind === 'http.request' && e.method === 'POST' && e.url.endsWith(`/v1/code/sessions/${v2.id}/events`));
      expect(JSON.parse(post?.body ?? '{}')).toMatchObject({ events: [{ payload: { type: 'user' } }] });
    } finally {
      await browser.close();
      await page.close();
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
