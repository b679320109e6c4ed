import type { MockServer } from '@ccr-kit/mock-server';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../e2e/helpers';
import { startPageServer } from './page-server';
import type * as ClientModule from '../../src/index';

// esbuild comes with tsup; reach it through tsup so the client needs no extra dependency.
const require = createRequire(import.meta.url);
interface BuildResult {
  outputFiles: { text: string }[];
}
const { build } = createRequire(require.resolve('tsup'))('esbuild') as { build: (options: Record<string, unknown>) => Promise<BuildResult> };

let mock: MockServer;
let page: { url: string; close: () => Promise<void> };
let browser: Browser;
let bundleText: string;

beforeAll(async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./entry.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@ccr-kit/source', 'browser'],
    logLevel: 'silent',
  });
  bundleText = result.outputFiles[0]!.text;
  mock = await startServer();
  page = await startPageServer(bundleText, mock.url);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await page?.close();
  await mock?.close();
});

describe('the client in a real browser (headless Chromium)', () => {
  it('bundles without Node built-ins or the ws package', () => {
    expect(bundleText).not.toMatch(/from\s*["'](node:|ws["'])/);
    expect(bundleText).not.toContain('require("ws")');
  });

  it.each(['websocket', 'sse'] as const)('completes a turn with a permission prompt over %s', async (kind) => {
    const tab = await browser.newPage();
    const logs: string[] = [];
    tab.on('console', (m) => logs.push(m.text()));
    tab.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    await tab.goto(page.url);
    await tab.waitForFunction(() => 'ccr' in globalThis);
    const outcome = await tab.evaluate(async (transport) => {
      const { ClaudeClient } = (globalThis as unknown as { ccr: typeof ClientModule }).ccr;
      const client = new ClaudeClient({ baseUrl: location.origin, organizationUuid: 'org-browser' });
      const asked: string[] = [];
      const results: { subtype: string; denials: number }[] = [];
      const errors: string[] = [];
      const options = {
        backoff: { initialDelay: 10 },
        onError: (e: Error) => errors.push(e.message),
        onToolPermission: async (tool: string, input: Record<string, unknown>) => {
          asked.push(tool);
          return { behavior: 'allow' as const, updatedInput: input };
        },
        onResult: (r: { subtype: string; permission_denials: unknown[] }) => results.push({ subtype: r.subtype, denials: r.permission_denials.length }),
      };
      let session;
      if (transport === 'websocket') {
        session = await client.create({ title: 'browser', ...options });
      } else {
        const created = await client.api.createCodeSession({ title: 'browser', config: { cwd: '/workspace' } });
        session = await client.connect(created.session.id, { ...options, transport: 'sse' });
      }
      await session.sendMessage('please run a bash command');
      const deadline = Date.now() + 8000;
      while (results.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const text = session.assembler.messages().flatMap((m) => m.content.filter((b) => b.type === 'text').map((b) => String(b.text)));
      session.disconnect();
      return { asked, results, errors, text, state: session.state };
    }, kind);
    expect(logs.filter((l) => l.startsWith('pageerror'))).toEqual([]);
    expect(outcome.errors).toEqual([]);
    expect(outcome.asked).toEqual(['Bash']);
    expect(outcome.results).toEqual([{ subtype: 'success', denials: 0 }]);
    expect(outcome.text.join(' ')).toContain('shell command');
    await tab.close();
  }, 30_000);
});
