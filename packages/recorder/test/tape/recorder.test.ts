import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock, type TapeEvent } from '@ccr-kit/protocol-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedactionLeakError} from '../../src/index';
import { TapeRecorder, createTapeFile, summaryPathFor } from '../../src/index';
import { fake, parseTapeText } from '../fixtures';
import { leaks } from '../redact/planting';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ccr-recorder-test-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fileRecorder(options: Partial<ConstructorParameters<typeof TapeRecorder>[0]> = {}) {
  const clock = new VirtualClock(Date.parse('2026-01-02T03:04:05.000Z'));
  const sink = createTapeFile(dir, 'proxy', new Date(clock.now()));
  const recorder = new TapeRecorder({ capture: 'proxy', sink, clock, redaction: { env: false }, ...options });
  return { recorder, clock, path: sink.path, read: () => readFileSync(sink.path, 'utf8') };
}

describe('TapeRecorder', () => {
  it('appends each event as it is recorded, marked in progress until finish', () => {
    const { recorder, clock, path, read } = fileRecorder();
    expect(path).toMatch(/proxy-20260102T030405Z-1\.tape\.ndjson$/);
    clock.advance(12);
    recorder.record({ kind: 'ws.open', id: 'ws-1', url: 'ws://127.0.0.1/v1/sessions/ws/cse_1/subscribe' });
    const during = parseTapeText(read());
    expect(during.header?.incomplete?.reason).toMatch(/recording in progress/);
    expect(during.events).toEqual([{ t: 12, kind: 'ws.open', id: 'ws-1', url: 'ws://127.0.0.1/v1/sessions/ws/cse_1/subscribe' }]);

    clock.advance(5);
    recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-server', text: `{"type":"user","cookie":"sessionKey=${fake.sessionKey()}"}\n` });
    const summary = recorder.finish();
    const tape = parseTapeText(read());
    expect(tape.header).toMatchObject({ capture: 'proxy', started_at: '2026-01-02T03:04:05.000Z', redaction: { complete: true } });
    expect(tape.header?.incomplete).toBeUndefined();
    expect(tape.header?.redaction.counts).toEqual({ 'pattern:anthropic-key': 1 });
    expect(tape.events[1]).toEqual({ t: 17, kind: 'ws.frame', id: 'ws-1', dir: 'to-server', text: '{"type":"user","cookie":"sessionKey=redacted-token-1"}\n' });
    expect(summary).toMatchObject({ events: 2, complete: true, failure: undefined, summaryPath: summaryPathFor(path) });
    const written = JSON.parse(readFileSync(summaryPathFor(path), 'utf8'));
    expect(written).toMatchObject({ complete: true, events: 2, counts: { 'pattern:anthropic-key': 1 }, pseudonyms: { token: 1 } });
  });

  it('fails closed: an event that still holds a credential after redaction is not written and recording stops', () => {
    const key = fake.apiKey('k');
    const stops: RedactionLeakError[] = [];
    const { recorder, clock, path, read } = fileRecorder({ redaction: { env: false, rules: [] }, onStop: (e) => stops.push(e) });
    recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: '{"type":"keep_alive"}\n' });
    clock.advance(40);
    expect(recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: `{"type":"system","key":"${key}"}\n` })).toBe(false);
    expect(recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: '{"type":"keep_alive"}\n' })).toBe(false);

    const text = read();
    expect(text).not.toContain(key);
    const tape = parseTapeText(text);
    expect(tape.events).toHaveLength(1);
    expect(tape.header?.redaction.complete).toBe(false);
    expect(tape.header?.incomplete).toEqual({ at: 0, reason: stops[0]?.message });
    expect(stops).toHaveLength(1);
    expect(stops[0]?.location).toEqual({ index: 2, kind: 'ws.frame', id: 'ws-1', t: 40, field: 'text', what: 'an Anthropic API key or token (sk-ant-…)' });
    expect(stops[0]?.message).toMatch(/event #2 \(ws\.frame on ws-1 at 40 ms\) still contained an Anthropic API key .* in `text`/);
    expect(recorder.active).toBe(false);
    const summary = JSON.parse(readFileSync(summaryPathFor(path), 'utf8'));
    expect(summary).toMatchObject({ complete: false, events: 1, failure: { location: { index: 2, field: 'text' } } });
    expect(recorder.finish().complete).toBe(false);
  });

  it('writes a binary body that redaction cannot rewrite as a marker with its size and sha256, never its bytes', () => {
    const secret = 'env-secret-value-0123456789';
    const { recorder, read } = fileRecorder({ redaction: { env: { CCR_SESSION_KEY: secret } } });
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(secret), Buffer.from([0xc3])]);
    const ok = recorder.record({ kind: 'http.response', id: 'req-1', status: 200, headers: { 'content-type': 'application/octet-stream' }, body: bytes.toString('base64'), bodyEncoding: 'base64' });
    expect(ok).toBe(true);
    recorder.finish();
    const text = read();
    const [event] = parseTapeText(text).events as Extract<TapeEvent, { kind: 'http.response' }>[];
    expect(event?.body).toBe(`[ccr-kit: body of ${bytes.length} bytes not recorded (binary); sha256 ${createHash('sha256').update(bytes).digest('hex')}]`);
    expect(event?.bodyEncoding).toBeUndefined();
    expect(leaks(text, secret)).toBe(false);
  });

  it('redacts the header metadata (e.g. a command line with a key in it)', () => {
    const key = fake.apiKey('m');
    const { recorder, read } = fileRecorder({ meta: { command: `claude --api-key ${key}` } });
    recorder.finish();
    expect(read()).not.toContain(key);
    expect(parseTapeText(read()).header?.meta).toEqual({ command: 'claude --api-key redacted-token-1' });
  });

  it("stamps the header with this package's name and version", () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { name: string; version: string };
    const { recorder, read } = fileRecorder();
    recorder.finish();
    expect(parseTapeText(read()).header?.tool).toEqual({ name: pkg.name, version: pkg.version });
  });

  it('marks a tape incomplete when finished with a reason', () => {
    const { recorder, read } = fileRecorder();
    recorder.finish('the tab closed');
    expect(parseTapeText(read()).header?.incomplete).toEqual({ reason: 'the tab closed', at: 0 });
  });
});
