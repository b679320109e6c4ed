import { SessionManager, type ControlRequestHandler, type HookMatchers, type PermissionResult } from '@ccr-kit/client';
import type { JsonObject } from '../internal/json';
import type { ClientSetup } from '../replay/script';
import { relayMcpServer, type RelayServer } from './mcp-relay';
import type { ClientAdapter, ClientConnection, ClientHandlers, ClientTarget, ClientTransport } from './types';

/** Options of {@link oursAdapter}. */
export interface OursAdapterOptions {
  /** How user messages travel on the WebSocket transport. @default 'rest' (as claude.ai does) */
  userMessagesVia?: 'rest' | 'transport' | undefined;
}

function hookMatchers(setup: ClientSetup, handlers: ClientHandlers): HookMatchers {
  const out: HookMatchers = {};
  for (const [event, matchers] of Object.entries(setup.hooks)) {
    out[event] = matchers.map((m) => ({
      ...(m.matcher === undefined ? {} : { matcher: m.matcher }),
      ...(m.timeout === undefined ? {} : { timeout: m.timeout }),
      hooks: Array.from({ length: m.callbacks }, () => (input: Record<string, unknown>, toolUseID: string | undefined, { signal }: { signal: AbortSignal }) =>
        handlers.answer({ subtype: 'hook_callback', request: { input, ...(toolUseID === undefined ? {} : { tool_use_id: toolUseID }) } }, signal),
      ),
    }));
  }
  return out;
}

/**
 * Every other agent→host subtype (`elicitation`, `request_user_dialog`, new ones) goes to the
 * harness: the session looks handlers up by subtype, so any key answers.
 */
function anySubtype(handlers: ClientHandlers): Record<string, ControlRequestHandler> {
  return new Proxy({}, {
    get: (_target, subtype) =>
      typeof subtype === 'string'
        ? (request: Record<string, unknown>, context: { requestId: string; signal: AbortSignal }) =>
            handlers.answer({ subtype, requestId: context.requestId, request }, context.signal)
        : undefined,
  });
}

/** The ccr-kit client (`@ccr-kit/client` `SessionManager`) as a client under test, over WebSocket (v1) or SSE (v2). */
export function oursAdapter(options: OursAdapterOptions = {}): ClientAdapter {
  return {
    name: 'ours',
    transports: ['websocket', 'sse'] satisfies ClientTransport[],
    async connect(target: ClientTarget, setup: ClientSetup, handlers: ClientHandlers): Promise<ClientConnection> {
      const relays: Record<string, RelayServer> = {};
      for (const name of setup.mcpServers) relays[name] = relayMcpServer(name, handlers);
      const session = new SessionManager({
        baseUrl: target.baseUrl,
        sessionId: target.sessionId,
        transport: target.transport,
        userMessagesVia: options.userMessagesVia,
        idleTimeout: 0,
        maxRetries: 0,
        hooks: hookMatchers(setup, handlers),
        ...(setup.mcpServers.length > 0 ? { mcpServers: relays } : {}),
        onFrame: (frame) => handlers.onFrame(frame),
        onUnknownFrame: (frame) => handlers.onUnknownFrame(frame.raw, frame.describe()),
        onError: (error) => handlers.onError(error),
        onToolPermission: async (_tool, _input, context) =>
          (await handlers.answer({ subtype: 'can_use_tool', requestId: context.requestId, request: context.request }, context.signal)) as PermissionResult,
        onControlRequest: anySubtype(handlers),
      });
      await session.connect();
      return {
        async sendUser(message: JsonObject, parentToolUseId: string | null) {
          const content = message.content as string | { type: string }[];
          await session.sendMessage(content, { parentToolUseId });
        },
        async control(subtype: string, payload: JsonObject) {
          // Replays send whatever subtype the recording holds, so the typed overloads do not apply.
          const request = session.request.bind(session) as unknown as (subtype: string, payload: JsonObject) => Promise<JsonObject>;
          return request(subtype, payload);
        },
        async close() {
          await session.close();
          for (const relay of Object.values(relays)) await relay.close();
        },
      };
    },
  };
}
