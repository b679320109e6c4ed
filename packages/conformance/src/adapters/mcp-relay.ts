import { isRecord, type JsonObject } from '../internal/json';
import type { ClientHandlers } from './types';

/** The transport shape MCP SDK servers connect to, as both client libraries hand it over. */
interface RelayTransport {
  onmessage?: ((message: JsonObject, extra?: unknown) => void) | undefined;
  send(message: JsonObject, options?: unknown): Promise<void>;
  start?(): Promise<void>;
}

/** A stand-in for an in-process MCP server that answers each JSON-RPC request as the harness instructs. */
export interface RelayServer {
  connect(transport: RelayTransport): Promise<void>;
  close(): Promise<void>;
}

/**
 * An in-process MCP server for replays: every message the agent sends it (through the client's own
 * `mcp_message` handling) goes to `handlers.answer`, and requests are answered with the JSON-RPC
 * response the tape recorded. Notifications are reported too; the client library acknowledges them.
 */
export function relayMcpServer(name: string, handlers: ClientHandlers): RelayServer {
  const stop = new AbortController();
  return {
    async connect(transport) {
      await transport.start?.();
      transport.onmessage = (message) => {
        const isRequest = message.id !== undefined && message.id !== null && typeof message.method === 'string';
        const asked = handlers.answer({ subtype: 'mcp_message', request: { server_name: name, message } }, stop.signal);
        if (!isRequest) {
          asked.catch(() => undefined);
          return;
        }
        asked
          .then(async (answer) => {
            const response = isRecord(answer.mcp_response) ? answer.mcp_response : { jsonrpc: '2.0', result: {} };
            await transport.send({ ...response, id: message.id });
          })
          .catch(async (error: unknown) => {
            if (stop.signal.aborted) return;
            await transport.send({ jsonrpc: '2.0', id: message.id, error: { code: -32603, message: (error as Error).message } }).catch(() => undefined);
          });
      };
    },
    async close() {
      stop.abort();
    },
  };
}
