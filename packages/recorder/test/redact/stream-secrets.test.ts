import { describe, expect, it } from 'vitest';
import type { TapeEvent } from '@ccr-kit/protocol-types';
import { BodyCollector } from '../../src/proxy/body';
import { EMAIL_PATTERN, CREDENTIAL_PATTERNS } from '../../src/index';
import { memoryRecorder } from '../fixtures';

/** A 32-character random-looking secret body, built at run time. */
function secretChars(seed: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let x = seed * 7919 + 17;
  let out = '';
  for (let i = 0; i < 32; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

/** The text of every delta of every stream_event in the tape, joined per stream: what a reader reassembles. */
function assembledDeltas(events: readonly TapeEvent[]): string {
  let out = '';
  for (const e of events) {
    const raw = e.kind === 'ws.frame' ? e.text : e.kind === 'sse.event' ? e.data : e.kind === 'stdio.line' ? e.text : undefined;
    if (raw === undefined) continue;
    for (const line of raw.split('\n')) {
      if (!line.trim().startsWith('{')) continue;
      try {
        let frame = JSON.parse(line) as Record<string, unknown>;
        if (frame.type !== 'stream_event' && typeof frame.payload === 'object') frame = frame.payload as Record<string, unknown>;
        const delta = (frame.event as { delta?: Record<string, unknown> } | undefined)?.delta;
        if (delta !== undefined) out += String(delta.text ?? delta.partial_json ?? delta.thinking ?? '');
      } catch {
        // not a frame
      }
    }
  }
  return out;
}

/** Whether any 12-character piece of the secret is in the text (the campaign's leak measure). */
function leaksPiece(text: string, secret: string, size = 12): boolean {
  for (let i = 0; i + size <= secret.length; i++) if (text.includes(secret.slice(i, i + size))) return true;
  return false;
}

function deltaFrame(text: string, index = 0): Record<string, unknown> {
  return { type: 'stream_event', event: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }, parent_tool_use_id: null, session_id: 's' };
}

function chunks(text: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length] as number;
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

describe('secrets split across the pieces of a stream are caught', () => {
  const kinds = [
    { name: 'a configured secret', secret: (n: number) => `cfg${secretChars(n)}`, configured: true },
    { name: 'an Anthropic key (by shape)', secret: (n: number) => ['sk', 'ant', 'api03', secretChars(n)].join('-'), configured: false },
    { name: 'a GitHub token (by shape)', secret: (n: number) => `ghp_${secretChars(n)}${secretChars(n + 1).slice(0, 8)}`, configured: false },
  ];
  for (const kind of kinds) {
    for (const via of ['ws', 'sse', 'stdio'] as const) {
      it(`${kind.name} streamed as text_delta chunks over ${via}`, () => {
        for (let n = 1; n <= 20; n++) {
          const secret = kind.secret(n);
          const { recorder, sink, events } = memoryRecorder(kind.configured ? { secrets: [secret] } : {});
          const text = `Here it is: ${secret} — keep it safe.`;
          for (const piece of chunks(text, [3, 5, 2, 7, 4].slice(n % 5))) {
            const frame = deltaFrame(piece);
            if (via === 'ws') recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: `${JSON.stringify(frame)}\n` });
            else if (via === 'sse') recorder.record({ kind: 'sse.event', id: 'req-1', event: 'ephemeral_event', data: JSON.stringify({ event_type: 'stream_event', payload: frame }) });
            else recorder.record({ kind: 'stdio.line', dir: 'stdout', text: JSON.stringify(frame) });
          }
          const summary = recorder.finish();
          expect(summary.complete, summary.failure?.message).toBe(true);
          expect(leaksPiece(sink.text(), secret), `raw tape, case ${n}`).toBe(false);
          expect(leaksPiece(assembledDeltas(events()), secret), `assembled deltas, case ${n}: ${assembledDeltas(events())}`).toBe(false);
          expect(assembledDeltas(events())).toMatch(/^Here it is: .*redacted-.* — keep it safe\.$/);
        }
      });
    }
  }

  it('a configured secret in an NDJSON line that is cut across two WebSocket messages', () => {
    for (let offset = 1; offset < 35; offset += 3) {
      const secret = `cfg${secretChars(offset)}`;
      const { recorder, sink } = memoryRecorder({ secrets: [secret] });
      const line = `${JSON.stringify({ type: 'assistant', message: { content: [{ type: 'text', text: `key ${secret} end` }] } })}\n`;
      // cut inside the secret
      const cut = line.indexOf(secret) + offset;
      recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: line.slice(0, cut) });
      recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: line.slice(cut) });
      const summary = recorder.finish();
      expect(summary.complete, summary.failure?.message).toBe(true);
      expect(leaksPiece(sink.text(), secret), `cut at ${cut}`).toBe(false);
    }
  });

  it('pieces of other streams between the chunks keep their order and nothing leaks', () => {
    const secret = `cfg${secretChars(99)}`;
    const { recorder, sink, events } = memoryRecorder({ secrets: [secret] });
    const pieces = chunks(`x ${secret} y`, [4]);
    pieces.forEach((piece, i) => {
      recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: `${JSON.stringify(deltaFrame(piece))}\n` });
      recorder.record({ kind: 'ws.frame', id: 'ws-2', dir: 'to-client', text: `{"type":"keep_alive","n":${i}}\n` });
    });
    recorder.finish();
    expect(leaksPiece(sink.text(), secret)).toBe(false);
    const order = events().map((e) => (e.kind === 'ws.frame' ? e.id : e.kind));
    expect(order).toEqual(pieces.flatMap(() => ['ws-1', 'ws-2']));
  });
});

describe('secrets in places the old rules missed', () => {

  it('credential headers that are not on any list, query parameters and cookies', () => {
    const token = secretChars(1);
    const clearance = secretChars(2);
    const { recorder, sink } = memoryRecorder();
    recorder.record({
      kind: 'http.request',
      id: 'r1',
      method: 'GET',
      url: `https://claude.ai/v1/sessions?secret=${token}&cf_clearance=${clearance}&limit=20`,
      headers: { 'x-auth-token': token, 'x-vendor-session': clearance, 'content-type': 'application/json', accept: '*/*' },
    });
    const [event] = memoryRecorderEvents(sink.text());
    recorder.finish();
    expect(sink.text()).not.toContain(token.slice(0, 12));
    expect(sink.text()).not.toContain(clearance.slice(0, 12));
    expect(event).toMatchObject({ url: expect.stringMatching(/limit=20$/), headers: { 'content-type': 'application/json', accept: '*/*' } });
  });

  it('a known secret base64- or base64url-encoded inside a tool_result, at any alignment', () => {
    for (const pad of ['', 'a', 'ab']) {
      for (const encoding of ['base64', 'base64url'] as const) {
        const secret = `cfg${secretChars(pad.length + 10)}`;
        const { recorder, sink } = memoryRecorder({ secrets: [secret] });
        const blob = Buffer.from(`${pad}export TOKEN=${secret}\n`).toString(encoding);
        recorder.record({ kind: 'stdio.line', dir: 'stdout', text: JSON.stringify({ type: 'user', message: { content: [{ type: 'tool_result', content: blob }] } }) });
        const summary = recorder.finish();
        expect(summary.complete).toBe(true);
        expect(Buffer.from(sink.text().match(/"content":"([^"]+)"/)?.[1] ?? '', encoding).toString('latin1')).not.toContain(secret.slice(4, 16));
        expect(sink.text()).not.toContain(blob);
      }
    }
  });

  it('AWS_SECRET_ACCESS_KEY=… and other key-like names with random values inside tool output', () => {
    const aws = `${secretChars(7)}abcd0123`.slice(0, 40);
    const { recorder, sink } = memoryRecorder();
    const output = `AWS_ACCESS_KEY_ID=AKIA${'Q'.repeat(16)}\nAWS_SECRET_ACCESS_KEY=${aws}\nDB_PASSWORD: "${secretChars(8)}"\nplain_setting=hello`;
    recorder.record({ kind: 'stdio.line', dir: 'stdout', text: JSON.stringify({ type: 'user', tool_use_result: { stdout: output } }) });
    recorder.finish();
    expect(sink.text()).not.toContain(aws.slice(0, 12));
    expect(sink.text()).not.toContain(secretChars(8).slice(0, 12));
    expect(sink.text()).toContain('plain_setting=hello');
  });

  it('a password inside a malformed JSON body becomes a marker with size and hash', () => {
    const password = secretChars(9);
    const { recorder, sink } = memoryRecorder();
    const body = `{"username":"me","password":"${password}"`;
    recorder.record({ kind: 'http.request', id: 'r1', method: 'POST', url: 'https://claude.ai/login', headers: { 'content-type': 'application/json' }, body });
    recorder.finish();
    expect(sink.text()).not.toContain(password.slice(0, 12));
    expect(sink.text()).toMatch(new RegExp(`body of ${body.length} bytes not recorded \\(not parseable JSON\\); sha256 [0-9a-f]{64}`));
  });

  it('a body over the size limit is never written cut off: an access_token past the cut does not escape', () => {
    const collector = new BodyCollector(1024);
    const token = secretChars(11);
    const body = Buffer.from(JSON.stringify({ padding: 'x'.repeat(2000), access_token: token }));
    for (let at = 0; at < body.length; at += 300) collector.push(body.subarray(at, at + 300));
    const fields = collector.fields();
    expect(fields.body).toMatch(new RegExp(`^\\[ccr-kit: body of ${body.length} bytes not recorded \\(over the 1024-byte limit\\); sha256 [0-9a-f]{64}\\]$`));
    expect(fields.body).not.toContain(token.slice(0, 12));
  });

  it('a secret value that arrives in the same held window as a later rule that learns it', () => {
    const token = `tok${secretChars(12)}`;
    const { recorder, sink } = memoryRecorder();
    // The token shows up in a cut-off delta first, and only later in an Authorization header.
    recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: `${JSON.stringify(deltaFrame(`use ${token}`))}\n` });
    recorder.record({ kind: 'http.request', id: 'r1', method: 'GET', url: 'https://claude.ai/v1/x', headers: { authorization: `Bearer ${token}` } });
    recorder.finish();
    expect(sink.text()).not.toContain(token.slice(0, 12));
  });
});

describe('every credential pattern runs in linear time', () => {
  function median(values: number[]): number {
    return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  }
  function cost(pattern: RegExp, text: string): number {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const re = new RegExp(pattern.source, pattern.flags);
      const started = performance.now();
      for (const m of text.matchAll(re)) void m;
      runs.push(performance.now() - started);
    }
    return median(runs);
  }
  const adversarial = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const units = ['a', 'a.', 'sk-ant-', 'eyJ', 'eyJa.', 'ghp_', 'Bearer ', 'sessionKey=', 'password=', 'xoxb-', 'a@', '-----BEGIN RSA PRIVATE KEY-----', 'AIza', 'x_token: ', 'http://u:'];
  it('80 KB of adversarial input costs about 8× 10 KB, not 64× (email and every credential shape)', () => {
    const patterns = [{ name: 'email', pattern: EMAIL_PATTERN }, ...CREDENTIAL_PATTERNS.map((p) => ({ name: p.name, pattern: p.pattern }))];
    const slow: string[] = [];
    for (const { name, pattern } of patterns) {
      for (const unit of units) {
        const small = cost(pattern, adversarial(unit, 10_000));
        const large = cost(pattern, adversarial(unit, 80_000));
        // Absolute floor so timer noise on tiny numbers does not count; quadratic blows far past both.
        if (large > 50 && large / Math.max(small, 0.5) > 24) slow.push(`${name} on ${JSON.stringify(unit)}: ${small.toFixed(1)} → ${large.toFixed(1)} ms`);
      }
    }
    expect(slow).toEqual([]);
  });
});

function memoryRecorderEvents(text: string): TapeEvent[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{') && !line.includes('"kind":"header"'))
    .map((line) => JSON.parse(line) as TapeEvent);
}

describe('holding back', () => {
  it('an event held for a token that never ends is written after holdMs even while other traffic keeps coming', async () => {
    const { VirtualClock } = await import('@ccr-kit/protocol-types');
    const { MemoryTapeSink, TapeRecorder } = await import('../../src/index');
    const clock = new VirtualClock(0);
    const sink = new MemoryTapeSink();
    const recorder = new TapeRecorder({ capture: 'proxy', sink, clock, redaction: { env: false } });
    // A streamed chunk that ends inside a word: it waits for the next chunk of its block, which never comes.
    recorder.record({ kind: 'ws.frame', id: 'ws-1', dir: 'to-client', text: `${JSON.stringify(deltaFrame('partial wor'))}\n` });
    const written = () => sink.text().split('\n').filter((l) => l.includes('"kind":"ws.frame"')).length;
    for (let i = 0; i < 10; i++) {
      clock.advance(300);
      recorder.record({ kind: 'ws.frame', id: 'ws-2', dir: 'to-client', text: `{"type":"keep_alive","n":${i}}\n` });
      if (clock.now() >= 1300) expect(written(), `at ${clock.now()} ms`).toBeGreaterThanOrEqual(1);
    }
    recorder.finish();
    expect(written()).toBe(11);
  });
});
