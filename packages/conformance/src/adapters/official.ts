import { isRecord, type JsonObject } from '../internal/json';
import type { ClientSetup } from '../replay/script';
import { relayMcpServer, type RelayServer } from './mcp-relay';
import { UnsupportedControlError, type ClientAdapter, type ClientConnection, type ClientHandlers, type ClientTarget } from './types';

/** The slice of the official browser SDK's `Query` the adapter drives. */
interface OfficialQuery extends AsyncIterator<unknown> {
  interrupt(): Promise<unknown>;
  setModel(model?: string): Promise<void>;
  setPermissionMode(mode: string): Promise<unknown>;
  setMaxThinkingTokens(tokens: number | null): Promise<void>;
  mcpServerStatus(): Promise<unknown[]>;
  initializationResult(): Promise<unknown>;
  close(): void;
}

interface OfficialSdk {
  query(options: Record<string, unknown>): OfficialQuery;
}

/** A user message stream the adapter feeds one message at a time. */
class PromptStream implements AsyncIterable<JsonObject> {
  readonly #items: JsonObject[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  push(item: JsonObject): void {
    this.#items.push(item);
    this.#wake?.();
  }

  end(): void {
    this.#ended = true;
    this.#wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<JsonObject> {
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

/**
 * Loads `@anthropic-ai/claude-agent-sdk/browser`; its WebSocket mode needs a global `WebSocket`,
 * which Node 20 lacks, so the `ws` package's is installed first when needed.
 * @throws {Error} saying what to install when a package is missing.
 */
async function loadSdk(): Promise<OfficialSdk> {
  const global = globalThis as { WebSocket?: unknown };
  if (global.WebSocket === undefined) {
    try {
      global.WebSocket = (await import('ws')).WebSocket;
    } catch (cause) {
      throw new Error('The official client needs a global WebSocket: install the "ws" package (or run on Node 22+).', { cause });
    }
  }
  try {
    return await import('@anthropic-ai/claude-agent-sdk/browser');
  } catch (cause) {
    throw new Error('The official client adapter needs @anthropic-ai/claude-agent-sdk; install it next to @ccr-kit/conformance.', { cause });
  }
}

function hookOptions(setup: ClientSetup, handlers: ClientHandlers): Record<string, unknown[]> {
  const hooks: Record<string, unknown[]> = {};
  for (const [event, matchers] of Object.entries(setup.hooks)) {
    hooks[event] = matchers.map((m) => ({
      ...(m.matcher === undefined ? {} : { matcher: m.matcher }),
      ...(m.timeout === undefined ? {} : { timeout: m.timeout }),
      hooks: Array.from({ length: m.callbacks }, () => (input: JsonObject, toolUseID: string | undefined, { signal }: { signal: AbortSignal }) =>
        handlers.answer({ subtype: 'hook_callback', request: { input, ...(toolUseID === undefined ? {} : { tool_use_id: toolUseID }) } }, signal),
      ),
    }));
  }
  return hooks;
}

async function control(query: OfficialQuery, subtype: string, payload: JsonObject): Promise<JsonObject | undefined> {
  switch (subtype) {
    case 'interrupt': {
      const answer = await query.interrupt();
      return isRecord(answer) ? answer : undefined;
    }
    case 'set_model':
      await query.setModel(typeof payload.model === 'string' ? payload.model : undefined);
      return undefined;
    case 'set_permission_mode':
      await query.setPermissionMode(String(payload.mode));
      return undefined;
    case 'set_max_thinking_tokens':
      await query.setMaxThinkingTokens(typeof payload.max_thinking_tokens === 'number' ? payload.max_thinking_tokens : null);
      return undefined;
    case 'mcp_status':
      return { mcpServers: await query.mcpServerStatus() };
    default:
      throw new UnsupportedControlError('official', subtype);
  }
}

/** The official `@anthropic-ai/claude-agent-sdk/browser` `query()` as a client under test, over WebSocket or SSE. */
export function officialAdapter(): ClientAdapter {
  return {
    name: 'official',
    transports: ['websocket', 'sse'],
    async connect(target: ClientTarget, setup: ClientSetup, handlers: ClientHandlers): Promise<ClientConnection> {
      const sdk = await loadSdk();
      const prompts = new PromptStream();
      const relays: Record<string, RelayServer> = {};
      for (const name of setup.mcpServers) relays[name] = relayMcpServer(name, handlers);
      const path = `/v1/sessions/ws/${encodeURIComponent(target.sessionId)}/subscribe`;
      const transport =
        target.transport === 'websocket'
          ? { websocket: { url: `${target.wsUrl}${path}` } }
          : {
              sse: {
                streamUrl: `${target.baseUrl}/v1/code/sessions/${encodeURIComponent(target.sessionId)}/events/stream`,
                sendUrl: `${target.baseUrl}/v1/code/sessions/${encodeURIComponent(target.sessionId)}/events`,
                sessionId: target.sessionId,
              },
            };
      const query = sdk.query({
        prompt: prompts,
        ...transport,
        hooks: hookOptions(setup, handlers),
        ...(setup.mcpServers.length > 0
          ? { mcpServers: Object.fromEntries(Object.entries(relays).map(([name, instance]) => [name, { type: 'sdk', name, instance }])) }
          : {}),
        canUseTool: (toolName: string, input: JsonObject, options: { toolUseID: string; requestId?: string; signal: AbortSignal }) =>
          handlers.answer({ subtype: 'can_use_tool', requestId: options.requestId, request: { tool_name: toolName, input, tool_use_id: options.toolUseID } }, options.signal),
        onElicitation: (request: JsonObject, options?: { signal?: AbortSignal }) =>
          handlers.answer({ subtype: 'elicitation', request }, options?.signal ?? new AbortController().signal),
      });
      const pump = (async () => {
        for (;;) {
          const next = await query.next();
          if (next.done === true) return;
          handlers.onFrame(next.value);
        }
      })().catch((error: unknown) => handlers.onError(error instanceof Error ? error : new Error(String(error))));
      await query.initializationResult();
      return {
        async sendUser(message: JsonObject, parentToolUseId: string | null) {
          prompts.push({ type: 'user', session_id: '', message, parent_tool_use_id: parentToolUseId });
        },
        control: (subtype, payload) => control(query, subtype, payload),
        async close() {
          prompts.end();
          query.close();
          for (const relay of Object.values(relays)) await relay.close();
          await pump;
        },
      };
    },
  };
}
