import WebSocket from 'ws';
import type { CanUseTool, HookCallbackMatcher, HookEvent, McpServerConfig, Query, SDKMessage, SDKUserMessage } from '@anthropic-ai/claude-agent-sdk/browser';
import { createMockServer, type MockServer } from '../../src';
import { demoAgent } from '../../src/agents';

// The browser SDK looks up `WebSocket` on the global object; Node 20 has none, so use `ws`'s.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
/** The official browser SDK, loaded once `WebSocket` is in place. */
export const sdk = await import('@anthropic-ai/claude-agent-sdk/browser');

/** A prompt stream the test feeds one user message at a time. */
export class PromptQueue implements AsyncIterable<SDKUserMessage> {
  readonly #items: SDKUserMessage[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  /** Queues a user message with this text. */
  push(text: string): void {
    this.#items.push({ type: 'user', session_id: '', message: { role: 'user', content: [{ type: 'text', text }] }, parent_tool_use_id: null });
    this.#wake?.();
  }

  /** Ends the stream after the queued messages. */
  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SDKUserMessage> {
    for (;;) {
      const next = this.#items.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (this.#ended) return;
      await new Promise<void>((resolve) => {
        this.#wake = resolve;
      });
      this.#wake = undefined;
    }
  }
}

/** How long one wait for the client's next message may take before the test fails with a diagnosis. */
const WAIT_MS = 8_000;

/** The transport the official client uses. */
export type Transport = 'websocket' | 'sse';

/** Callbacks handed to the official client's `query()`. */
export interface ClientCallbacks {
  canUseTool?: CanUseTool | undefined;
  hooks?: Partial<Record<HookEvent, HookCallbackMatcher[]>> | undefined;
  mcpServers?: Record<string, McpServerConfig> | undefined;
}

/** One official-client session on a mock server. */
export interface SessionRun {
  readonly sessionId: string;
  readonly prompts: PromptQueue;
  readonly query: Query;
  /** Every message the query yielded so far. */
  readonly messages: SDKMessage[];
  /** Queues a prompt without waiting. */
  push(text: string): void;
  /** Sends a prompt and collects messages up to and including the next `result`. */
  turn(text: string): Promise<SDKMessage[]>;
  /** Collects messages until one satisfies `done` (inclusive). */
  until(done: (message: SDKMessage) => boolean): Promise<SDKMessage[]>;
  /** Ends the prompt stream and closes the query (the server and session stay). */
  close(): void;
}

/** Where and how long {@link connectClient} waits. */
export interface ConnectOptions {
  cwd?: string | undefined;
  /** Longest wait for the next message before the test fails with a diagnosis. */
  waitMs?: number | undefined;
}

function label(message: SDKMessage): string {
  const subtype = (message as { subtype?: unknown }).subtype;
  return typeof subtype === 'string' ? `${message.type}/${subtype}` : message.type;
}

/** Creates a session on `server` and connects the official browser client to it over `transport`. */
export async function connectClient(server: MockServer, transport: Transport, callbacks: ClientCallbacks = {}, options: ConnectOptions = {}): Promise<SessionRun> {
  const waitMs = options.waitMs ?? WAIT_MS;
  const session = await server.admin.createSession({
    surface: transport === 'sse' ? 'v2' : 'v1',
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const prompts = new PromptQueue();
  const base = {
    prompt: prompts,
    ...(callbacks.canUseTool === undefined ? {} : { canUseTool: callbacks.canUseTool }),
    ...(callbacks.hooks === undefined ? {} : { hooks: callbacks.hooks }),
    ...(callbacks.mcpServers === undefined ? {} : { mcpServers: callbacks.mcpServers }),
  };
  const query =
    transport === 'websocket'
      ? sdk.query({ ...base, websocket: { url: `${server.wsUrl}/v1/sessions/ws/${session.id}/subscribe` } })
      : sdk.query({
          ...base,
          sse: {
            streamUrl: `${server.url}/v1/code/sessions/${session.id}/events/stream`,
            sendUrl: `${server.url}/v1/code/sessions/${session.id}/events`,
            sessionId: session.id,
          },
        });
  const messages: SDKMessage[] = [];
  const until = async (done: (message: SDKMessage) => boolean): Promise<SDKMessage[]> => {
    const collected: SDKMessage[] = [];
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<'stalled'>((resolve) => {
        timer = setTimeout(() => resolve('stalled'), waitMs);
      });
      const next = await Promise.race([query.next(), stalled]).finally(() => clearTimeout(timer));
      if (next === 'stalled') {
        const notes = server.admin
          .journal({ sessionId: session.id })
          .filter((e) => e.kind === 'error' || e.kind === 'agent')
          .map((e) => e.message);
        throw new Error(`no expected message within ${waitMs} ms; got: ${collected.map(label).join(', ')}; journal: ${notes.slice(-12).join(' | ') || 'empty'}`);
      }
      if (next.done === true) throw new Error(`the query ended before the expected message; got: ${collected.map(label).join(', ')}`);
      messages.push(next.value);
      collected.push(next.value);
      if (done(next.value)) return collected;
    }
  };
  return {
    sessionId: session.id,
    prompts,
    query,
    messages,
    push: (text) => prompts.push(text),
    until,
    turn: async (text) => {
      prompts.push(text);
      return until((m) => m.type === 'result');
    },
    close: () => {
      prompts.end();
      query.close();
    },
  };
}

/** One official-client session against a fresh mock server running the demo agent. */
export interface ClientRun extends Omit<SessionRun, 'close'> {
  readonly server: MockServer;
  /** Ends the prompt stream, closes the query and the server. */
  close(): Promise<void>;
}

/** Starts a mock server with the demo agent and connects the official browser client over `transport`. */
export async function connectOfficialClient(transport: Transport, callbacks: ClientCallbacks = {}): Promise<ClientRun> {
  const server = await createMockServer({ agent: demoAgent() });
  const run = await connectClient(server, transport, callbacks);
  return {
    ...run,
    server,
    close: async () => {
      run.close();
      await server.close();
    },
  };
}
