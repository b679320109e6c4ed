import { SIMULATED_CLI_VERSION } from './frames';
import type { OutboundRequests } from './requests';
import type { ToolOutcome } from './tools';

/** The MCP protocol version the CLI offers in its handshake (observed-behaviour.md item 12). */
export const MCP_PROTOCOL_VERSION = '2025-11-25';

interface ServerState {
  status: 'pending' | 'connected' | 'failed';
  tools: string[];
}

/** Splits `mcp__server__tool` into its server and tool names. */
export function parseMcpToolName(name: string): { server: string; tool: string } | undefined {
  const match = /^mcp__(.+?)__(.+)$/.exec(name);
  return match === null ? undefined : { server: match[1]!, tool: match[2]! };
}

/**
 * In-process MCP servers a client declared in `initialize.sdkMcpServers`, reached through
 * `mcp_message` control requests: a lazy handshake after the first prompt, then `tools/call`.
 */
export class McpBridge {
  #servers = new Map<string, ServerState>();
  #nextId = 0;

  /** Records the servers of an `initialize` request (a later initialize replaces them). */
  register(names: unknown): void {
    this.#servers = new Map();
    if (!Array.isArray(names)) return;
    for (const name of names) if (typeof name === 'string') this.#servers.set(name, { status: 'pending', tools: [] });
  }

  /** Whether some declared server still needs its handshake. */
  get needsHandshake(): boolean {
    for (const server of this.#servers.values()) if (server.status === 'pending') return true;
    return false;
  }

  async #call(requests: OutboundRequests, server: string, message: Record<string, unknown>): Promise<Record<string, unknown> | undefined> {
    const answer = await requests.send({ subtype: 'mcp_message', server_name: server, message });
    if (answer.kind !== 'success') return undefined;
    const response = answer.response.mcp_response;
    return response !== null && typeof response === 'object' ? (response as Record<string, unknown>) : undefined;
  }

  /** Runs `initialize` → `notifications/initialized` → `tools/list` with every pending server. */
  async handshake(requests: OutboundRequests): Promise<void> {
    for (const [name, server] of this.#servers) {
      if (server.status !== 'pending') continue;
      const init = await this.#call(requests, name, {
        jsonrpc: '2.0',
        id: this.#nextId++,
        method: 'initialize',
        params: { protocolVersion: MCP_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: 'claude-code', version: SIMULATED_CLI_VERSION } },
      });
      if (init === undefined || init.error !== undefined) {
        server.status = 'failed';
        continue;
      }
      await this.#call(requests, name, { jsonrpc: '2.0', method: 'notifications/initialized' });
      const list = await this.#call(requests, name, { jsonrpc: '2.0', id: this.#nextId++, method: 'tools/list', params: {} });
      const tools = ((list?.result as Record<string, unknown> | undefined)?.tools ?? []) as Record<string, unknown>[];
      server.tools = tools.map((tool) => String(tool.name));
      server.status = 'connected';
    }
  }

  /** `mcp_servers` of `system/init` and of `mcp_status`. */
  statuses(): { name: string; status: string }[] {
    return [...this.#servers].filter(([, s]) => s.status !== 'pending').map(([name, s]) => ({ name, status: s.status }));
  }

  /** Tool names (`mcp__server__tool`) of the connected servers. */
  toolNames(): string[] {
    return [...this.#servers].flatMap(([name, s]) => (s.status === 'connected' ? s.tools.map((tool) => `mcp__${name}__${tool}`) : []));
  }

  /** Whether a tool call goes to one of these servers. */
  handles(toolName: string): boolean {
    const parsed = parseMcpToolName(toolName);
    return parsed !== undefined && this.#servers.get(parsed.server)?.status === 'connected';
  }

  /** Calls a tool through `tools/call` and turns its answer into a tool_result. */
  async callTool(requests: OutboundRequests, toolName: string, input: Record<string, unknown>, toolUseId: string): Promise<ToolOutcome> {
    const { server, tool } = parseMcpToolName(toolName)!;
    const id = this.#nextId++;
    const response = await this.#call(requests, server, {
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: tool, arguments: input, _meta: { 'claudecode/toolUseId': toolUseId, progressToken: id } },
    });
    const result = response?.result as Record<string, unknown> | undefined;
    if (result === undefined) {
      const error = (response?.error as Record<string, unknown> | undefined)?.message ?? 'the server gave no answer';
      return { content: `Error: ${String(error)}`, isError: true, toolUseResult: `Error: ${String(error)}` };
    }
    const content = Array.isArray(result.content) ? result.content : [];
    return { content, isError: result.isError === true, toolUseResult: content };
  }
}
