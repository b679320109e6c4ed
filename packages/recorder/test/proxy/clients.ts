import type { SDKMessage, SDKUserMessage } from '@anthropic-ai/claude-agent-sdk/browser';
import { ClaudeClient, type SessionManager, type SessionMessage } from '@ccr-kit/client';
import { TapeNormalizer } from '../../src/index';
import { WebSocket } from '../../src/internal/ws';
import { fake } from '../fixtures';

// The official browser SDK looks up `WebSocket` on the global object; Node 20 has none.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
const sdk = await import('@anthropic-ai/claude-agent-sdk/browser');

export type Kind = 'websocket' | 'sse';

/** Credentials made at runtime; the mock server (strict auth) checks them, the tape must not hold them. */
export const credentials = {
  organizationUuid: fake.uuid(42),
  sessionKey: fake.sessionKey('c'),
  accessToken: fake.oauth('t'),
};

/** Waits (polling, real sockets) until a condition holds. */
export async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function raw(frame: SessionMessage): unknown {
  return 'raw' in frame ? frame.raw : frame;
}

/** Runs one turn with our client (claude.ai-style cookie credentials) and returns the frames it received. */
export async function ourClientTurn(baseUrl: string, kind: Kind, prompt = 'hello'): Promise<unknown[]> {
  const client = new ClaudeClient({
    baseUrl,
    organizationUuid: credentials.organizationUuid,
    sessionKey: credentials.sessionKey,
    cfClearance: `cf${'q'.repeat(30)}`,
    userAgent: 'ccr-kit-recorder-tests',
  });
  const frames: unknown[] = [];
  let results = 0;
  const callbacks = {
    onFrame: (f: SessionMessage) => frames.push(raw(f)),
    onResult: () => (results += 1),
    backoff: { initialDelay: 10, maxDelay: 50 },
  };
  let session: SessionManager;
  if (kind === 'websocket') session = await client.create({ title: 'recorded', ...callbacks });
  else {
    const created = await client.api.createCodeSession({ title: 'recorded', config: { cwd: '/workspace' } });
    session = await client.connect(created.session.id, { ...callbacks, transport: 'sse' });
  }
  try {
    await session.sendMessage(prompt);
    await until(() => results === 1, 'the result of our client');
  } finally {
    client.disconnectAll();
  }
  return frames;
}

/** A prompt stream holding one message, kept open until `end`. */
class Prompts implements AsyncIterable<SDKUserMessage> {
  #wake: (() => void) | undefined;
  #ended = false;
  constructor(readonly text: string) {}

  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SDKUserMessage> {
    yield { type: 'user', session_id: '', message: { role: 'user', content: [{ type: 'text', text: this.text }] }, parent_tool_use_id: null };
    while (!this.#ended) await new Promise<void>((resolve) => (this.#wake = resolve));
  }
}

/**
 * Runs one turn with the official browser SDK against `base` (HTTP) / `wsBase` and returns the
 * messages it yielded. Over WebSocket it authenticates with the `auth` first frame when
 * `authFrame` is set (the SDK does not send `websocket.headers` from Node).
 */
export async function officialTurn(base: string, wsBase: string, sessionId: string, kind: Kind, authFrame = false, prompt = 'hello'): Promise<SDKMessage[]> {
  const prompts = new Prompts(prompt);
  const query =
    kind === 'websocket'
      ? sdk.query({
          prompt: prompts,
          websocket: {
            url: `${wsBase}/v1/sessions/ws/${sessionId}/subscribe?organization_uuid=${credentials.organizationUuid}`,
            ...(authFrame ? { authMessage: { type: 'auth', credential: { type: 'oauth', token: credentials.accessToken } } } : {}),
          },
        })
      : sdk.query({
          prompt: prompts,
          sse: {
            streamUrl: `${base}/v1/code/sessions/${sessionId}/events/stream`,
            sendUrl: `${base}/v1/code/sessions/${sessionId}/events`,
            sessionId,
            headers: { Authorization: `Bearer ${credentials.accessToken}`, 'anthropic-version': '2023-06-01' },
          },
        });
  const messages: SDKMessage[] = [];
  try {
    for await (const message of query) {
      messages.push(message);
      if (message.type === 'result') break;
    }
  } finally {
    prompts.end();
    query.close();
  }
  return messages;
}

/** Frames with run-specific ids, times and costs normalized, so two runs of one flow compare equal. */
export function normalizedFrames(frames: readonly unknown[]): unknown[] {
  const normalizer = new TapeNormalizer();
  return frames.map((frame) => JSON.parse((normalizer.normalize({ t: 0, kind: 'stdio.line', dir: 'stdout', text: JSON.stringify(frame) }) as { text: string }).text) as unknown);
}
