import type { CanUseTool, HookCallbackMatcher, HookEvent, McpServerConfig, Query, SDKMessage } from '@anthropic-ai/claude-agent-sdk/browser';
import type { MockServer } from '../../src';
import { PromptQueue, sdk } from '../agents/official-client';

export { sdk };

/** How the official client reaches the mock server. */
export type ClientTransport = 'websocket' | 'sse';

/** Longest wait for the next message: the real CLI starts in about a second, more on a busy machine. */
export const WAIT_MS = 60_000;

/** Callbacks handed to the official client's `query()`. */
export interface ClientCallbacks {
  canUseTool?: CanUseTool | undefined;
  hooks?: Partial<Record<HookEvent, HookCallbackMatcher[]>> | undefined;
  mcpServers?: Record<string, McpServerConfig> | undefined;
}

/** One official-client session on a mock server. */
export interface ClientRun {
  readonly sessionId: string;
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

/** Creates a session on `server` and connects the official browser client to it over `transport`. */
export async function connectClient(server: MockServer, transport: ClientTransport, callbacks: ClientCallbacks = {}, settings: { cwd?: string | undefined } = {}): Promise<ClientRun> {
  const session = await server.admin.createSession({ surface: transport === 'sse' ? 'v2' : 'v1', ...settings });
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
      const stalled = new Promise<'stalled'>((resolve) => (timer = setTimeout(() => resolve('stalled'), WAIT_MS)));
      const next = await Promise.race([query.next(), stalled]).finally(() => clearTimeout(timer));
      if (next === 'stalled') {
        const notes = server.admin.journal({ sessionId: session.id }).filter((e) => e.kind === 'error' || e.kind === 'agent').map((e) => e.message);
        throw new Error(`no expected message within ${WAIT_MS} ms; got: ${collected.map(label).join(', ')}; journal: ${notes.slice(-12).join(' | ') || 'empty'}`);
      }
      if (next.done === true) throw new Error(`the query ended before the expected message; got: ${collected.map(label).join(', ')}`);
      messages.push(next.value);
      collected.push(next.value);
      if (done(next.value)) return collected;
    }
  };
  return {
    sessionId: session.id,
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

function label(message: SDKMessage): string {
  const subtype = (message as { subtype?: unknown }).subtype;
  return typeof subtype === 'string' ? `${message.type}/${subtype}` : message.type;
}
