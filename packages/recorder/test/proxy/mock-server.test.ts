import { isDeepStrictEqual } from 'node:util';
import { createMockServer, tapeAgent, type MockServer } from '@ccr-kit/mock-server';
import type { TapeEvent } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import { createRecordingProxy, tapeFrames, type RecordingProxy } from '../../src/index';
import { memoryRecorder, parseTapeText } from '../fixtures';
import { credentials, normalizedFrames, officialTurn, ourClientTurn, type Kind } from './clients';

const open: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function mock(options: Parameters<typeof createMockServer>[0] = {}): Promise<MockServer> {
  const server = await createMockServer({ auth: 'strict', credentials, ...options });
  open.push(server);
  return server;
}

async function recordingProxy(target: string) {
  const tape = memoryRecorder({ secrets: [credentials.sessionKey, credentials.accessToken] });
  const proxy: RecordingProxy = await createRecordingProxy({ target, recorder: tape.recorder });
  open.push(proxy);
  return { tape, proxy };
}

/** What the tape must never hold. */
function expectNoCredentials(text: string): void {
  for (const secret of Object.values(credentials)) expect(text).not.toContain(secret);
}

/** The frames of `wanted` that do not occur in `tape` in the same order (empty when all do). */
function missingFrom(tape: readonly unknown[], wanted: readonly unknown[]): unknown[] {
  let at = 0;
  const missing: unknown[] = [];
  for (const frame of wanted) {
    const found = tape.findIndex((f, i) => i >= at && isDeepStrictEqual(f, frame));
    if (found < 0) missing.push(frame);
    else at = found + 1;
  }
  return missing;
}

/** Frames the tape carries towards the client (SSE delivery notices and keep-alives left out). */
function framesToClient(events: readonly TapeEvent[]): unknown[] {
  return tapeFrames(events)
    .filter((f) => f.dir === 'to-client' && f.event !== 'delivery_update' && f.event !== 'catch_up_truncated')
    .map((f) => f.frame)
    .filter((f) => (f as { type?: string }).type !== 'keep_alive');
}

describe.each<Kind>(['websocket', 'sse'])('the recording proxy in front of the mock server, %s', (kind) => {
  it('our client completes a turn through it, and the tape replays to the same frames', async () => {
    const live = await mock();
    const { tape, proxy } = await recordingProxy(live.url);
    const received = await ourClientTurn(proxy.url, kind);
    expect(received.some((f) => (f as { type?: string }).type === 'result')).toBe(true);
    await proxy.close();
    const text = tape.sink.text();
    expectNoCredentials(text);
    const { header, events } = parseTapeText(text);
    expect(header).toMatchObject({ capture: 'proxy', redaction: { complete: true } });
    expect(header?.incomplete).toBeUndefined();
    const kinds = new Set(events.map((e) => e.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(kind === 'websocket' ? ['http.request', 'http.response', 'ws.open', 'ws.frame'] : ['http.request', 'http.response', 'sse.event']));
    // Every frame the client handed to the app is on the tape, in order (the tape also has the
    // frames the client handles itself, such as the initialize reply).
    expect(missingFrom(framesToClient(events), received)).toEqual([]);

    const replay = await mock({ agent: tapeAgent({ tape: text, speed: 0, source: 'proxy tape' }) });
    const replayed = await ourClientTurn(replay.url, kind);
    expect(normalizedFrames(replayed)).toEqual(normalizedFrames(received));
  });

  it('the official browser SDK completes a turn through it, and the tape replays to the same messages', async () => {
    // Over WebSocket the SDK can only authenticate with an `auth` frame, which the mock's tape
    // agent would wait for on replay; that run uses an open mock (the next test covers the frame).
    const live = await mock(kind === 'websocket' ? { auth: 'off' } : {});
    const { tape, proxy } = await recordingProxy(live.url);
    const session = await live.admin.createSession({ surface: kind === 'sse' ? 'v2' : 'v1' });
    const messages = await officialTurn(proxy.url, proxy.wsUrl, session.id, kind);
    expect(messages.at(-1)).toMatchObject({ type: 'result', subtype: 'success' });
    await proxy.close();
    const text = tape.sink.text();
    expectNoCredentials(text);
    const { events } = parseTapeText(text);
    const frames = framesToClient(events);
    expect(missingFrom(frames, messages)).toEqual([]);
    if (kind === 'sse') {
      const stream = events.find((e) => e.kind === 'http.request' && e.url.endsWith('/events/stream'));
      expect(stream).toMatchObject({ headers: { authorization: 'Bearer redacted-token-1' } });
    }

    const replay = await mock({ auth: 'off', agent: tapeAgent({ tape: text, speed: 0, source: 'proxy tape' }) });
    const again = await replay.admin.createSession({ surface: kind === 'sse' ? 'v2' : 'v1' });
    const replayed = await officialTurn(replay.url, replay.wsUrl, again.id, kind);
    expect(normalizedFrames(replayed)).toEqual(normalizedFrames(messages));
  });
});

describe('the recording proxy and the official SDK over WebSocket with strict auth', () => {
  it('relays the auth frame untouched and records it with the token redacted', async () => {
    const live = await mock();
    const { tape, proxy } = await recordingProxy(live.url);
    const session = await live.admin.createSession({ surface: 'v1' });
    const messages = await officialTurn(proxy.url, proxy.wsUrl, session.id, 'websocket', true);
    expect(messages.at(-1)).toMatchObject({ type: 'result', subtype: 'success' });
    await proxy.close();
    expectNoCredentials(tape.sink.text());
    const frames = tape.events().filter((e): e is Extract<TapeEvent, { kind: 'ws.frame' }> => e.kind === 'ws.frame' && e.dir === 'to-server');
    expect(JSON.parse(frames[0]!.text)).toEqual({ type: 'auth', credential: { type: 'oauth', token: 'redacted-token-1' } });
    const open = tape.events().find((e) => e.kind === 'ws.open');
    expect(open).toMatchObject({ url: expect.stringContaining('organization_uuid=00000000-0000-4000-8000-000000000001') });
  });
});
