import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../src/index';
import { fake, parseTapeText } from '../fixtures';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccr-record-cli-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface TestIo extends CliIo {
  out(): string;
  err(): string;
  stop(): void;
}

function io(env: Record<string, string> = {}): TestIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  let stop = (): void => undefined;
  const stopRequested = new Promise<void>((resolve) => (stop = resolve));
  const stdin = new PassThrough();
  stdin.end();
  return { stdin, stdout, stderr, env, stopRequested, stop, out: () => out, err: () => err };
}

describe('ccr-record usage errors', () => {
  it.each([
    [['nope'], /Unknown command "nope"; expected proxy, browser, har import, har export or cli\./],
    [['proxy'], /"ccr-record proxy" needs --target, e\.g\. --target https:\/\/api\.anthropic\.com\./],
    [['proxy', '--target', 'http://x', '--port', 'eighty'], /--port must be a number from 0 to 65535, got "eighty"\./],
    [['proxy', '--target', 'http://x', '--verbose'], /Unknown option --verbose for "ccr-record proxy"\./],
    [['proxy', '--target', 'http://x', '--out'], /--out needs a value \(ccr-record proxy\)\./],
    [['proxy', '--target', 'ftp://x'], /The proxy target must be an http: or https: URL, got ftp:/],
    [['proxy', '--target', 'http://x', '--redact-json', 'account.email'], /Invalid JSON path "account\.email" at character 1/],
    [['proxy', '--target', 'http://x', '--redact-pattern', '(unclosed'], /--redact-pattern "\(unclosed" is not a valid regular expression/],
    [['browser', '--cdp', 'http://127.0.0.1:9', '--launch'], /Give either --cdp URL .* or --launch, not both\./],
    [['browser'], /"ccr-record browser" needs --cdp/],
    [['har'], /"ccr-record har" needs "import" or "export", got nothing\./],
    [['har', 'import'], /"ccr-record har import" needs the HAR file/],
    [['har', 'export', 'x.tape.ndjson'], /"ccr-record har export" needs --out/],
    [['cli'], /"ccr-record cli" needs a program after --/],
    [['cli', '--secret-env', 'NOT_SET', '--', 'true'], /--secret-env NOT_SET: that variable is not set\./],
  ])('%j exits 2 with a message saying what is wrong', async (argv, message) => {
    const t = io();
    expect(await runCli(argv, t)).toBe(2);
    expect(t.err()).toMatch(message);
    expect(t.err()).toContain('Run "ccr-record --help" for usage.');
  });

  it('--help prints the usage and exits 0', async () => {
    const t = io();
    expect(await runCli(['--help'], t)).toBe(0);
    expect(t.out()).toMatch(/^Usage: ccr-record <command> \[options\]/);
    expect(t.out()).toContain('har export FILE.tape.ndjson --out FILE.har');
  });

  it('reports an unreachable DevTools endpoint as a failure (exit 1)', async () => {
    const t = io();
    expect(await runCli(['browser', '--cdp', 'http://127.0.0.1:1', '--out', dir], t)).toBe(1);
    expect(t.err()).toMatch(/Cannot reach the DevTools endpoint http:\/\/127\.0\.0\.1:1\/json\/list/);
  });
});

describe('ccr-record commands', () => {
  it('cli: runs the program, passes its exit code on and writes a redacted stdio tape', async () => {
    const key = fake.apiKey('q');
    const t = io({ PATH: process.env.PATH ?? '', MY_TOKEN: key });
    const script = `console.log(JSON.stringify({type:'system', token: process.env.MY_TOKEN})); process.exit(5)`;
    const code = await runCli(['cli', '--out', dir, '--secret-env', 'MY_TOKEN', '--', process.execPath, '-e', script], t);
    expect(code).toBe(5);
    expect(t.out()).toBe(`${JSON.stringify({ type: 'system', token: key })}\n`);
    const [tapeFile] = readdirSync(dir).filter((f) => f.endsWith('.tape.ndjson'));
    const text = readFileSync(join(dir, tapeFile!), 'utf8');
    expect(text).not.toContain(key);
    const tape = parseTapeText(text);
    expect(tape.header).toMatchObject({ capture: 'stdio', redaction: { complete: true } });
    expect(tape.events).toEqual([{ t: expect.any(Number), kind: 'stdio.line', dir: 'stdout', text: '{"type":"system","token":"redacted-secret-1"}' }]);
    expect(t.err()).toMatch(/wrote 1 events to .*stdio-.*\.tape\.ndjson; redaction summary: .*\.redaction\.json/);
  });

  it('proxy: records until Ctrl-C, then finishes the tape', async () => {
    const upstream = createServer((_req, res) => res.end('{"ok":true}'));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const target = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    const t = io();
    const running = runCli(['proxy', '--target', target, '--out', dir, '--redact-header', 'x-session-tag'], t);
    while (!/proxy (http:\/\/\S+) ->/.test(t.err())) await new Promise((resolve) => setTimeout(resolve, 5));
    const proxyUrl = /proxy (http:\/\/\S+) ->/.exec(t.err())![1];
    const response = await fetch(`${proxyUrl}/v1/sessions`, { headers: { 'x-session-tag': 'tag-value-12345' } });
    expect(await response.json()).toEqual({ ok: true });
    t.stop();
    expect(await running).toBe(0);
    upstream.close();
    const [tapeFile] = readdirSync(dir).filter((f) => f.endsWith('.tape.ndjson'));
    const tape = parseTapeText(readFileSync(join(dir, tapeFile!), 'utf8'));
    expect(tape.header?.meta).toEqual({ target: `${target}/` });
    expect(tape.events.map((e) => e.kind)).toEqual(['http.request', 'http.response']);
    expect(tape.events[0]).toMatchObject({ headers: { 'x-session-tag': 'redacted-token-1' } });
  });

  it('har export then har import: the tape comes back', async () => {
    const tapePath = join(dir, 'in.tape.ndjson');
    const header = { kind: 'header', format: 'ccr-tape', version: 1, capture: 'proxy', tool: { name: 't', version: '0' }, started_at: '2026-01-01T00:00:00.000Z', redaction: { rules: [], counts: {}, complete: true } };
    const events = [
      { t: 0, kind: 'ws.open', id: 'ws-1', url: 'ws://h/v1/sessions/ws/cse_1/subscribe' },
      { t: 5, kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: '{"type":"keep_alive"}\n' },
      { t: 6, kind: 'stdio.line', dir: 'stdout', text: 'not for HAR' },
    ];
    writeFileSync(tapePath, [header, ...events].map((l) => JSON.stringify(l)).join('\n') + '\n');
    const t = io();
    expect(await runCli(['har', 'export', tapePath, '--out', join(dir, 'x.har')], t)).toBe(0);
    expect(t.err()).toMatch(/wrote 1 HAR entries to .*x\.har \(1 events HAR cannot hold, such as stdio lines, were left out\)/);
    expect(await runCli(['har', 'import', join(dir, 'x.har'), '--out', join(dir, 'back.tape.ndjson')], t)).toBe(0);
    const back = parseTapeText(readFileSync(join(dir, 'back.tape.ndjson'), 'utf8'));
    expect(back.header).toMatchObject({ capture: 'har', started_at: '2026-01-01T00:00:00.000Z' });
    expect(back.events).toEqual(events.slice(0, 2));
  });
});
