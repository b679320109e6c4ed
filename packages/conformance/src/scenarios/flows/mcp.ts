import { freshId } from '../frames';
import { answerTo, successPayload } from '../helpers';
import { expectEqual, type Scenario } from '../types';

const INITIALIZE = { method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'claude-code', version: '2.1.197' } }, jsonrpc: '2.0', id: 0 };
const SERVER_INFO = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'notes', version: '1.0.0' } };

/** In-process MCP servers declared in initialize and reached through mcp_message (PROTOCOL.md#mcp). */
export const mcpScenario: Scenario = {
  id: 'mcp',
  title: 'MCP forwarding: sdkMcpServers declared, JSON-RPC carried by mcp_message',
  section: 'PROTOCOL.md#mcp',
  async run(ctx) {
    const client = await ctx.connect({ hooks: {}, mcpServers: ['notes'] });
    client.instruct((request) => {
      const message = request.request.message as { id?: unknown };
      return { mcp_response: { jsonrpc: '2.0', id: message.id, result: SERVER_INFO } };
    });
    await ctx.check('declared', 'initialize.sdkMcpServers names the in-process server', async () => {
      const request = await ctx.stage.initialized();
      expectEqual(request.sdkMcpServers, ['notes'], 'initialize.sdkMcpServers');
    });
    const requestId = freshId('mcp-');
    ctx.stage.emit({ type: 'control_request', request_id: requestId, request: { subtype: 'mcp_message', server_name: 'notes', message: INITIALIZE } });
    await ctx.check('request-answered', "a JSON-RPC request is answered with the server's response under mcp_response", async () => {
      const payload = successPayload(await answerTo(ctx, requestId), 'the mcp_message answer');
      expectEqual(payload, { mcp_response: { jsonrpc: '2.0', id: 0, result: SERVER_INFO } }, 'the answer');
    });
    const notificationId = freshId('mcp-');
    ctx.stage.emit({ type: 'control_request', request_id: notificationId, request: { subtype: 'mcp_message', server_name: 'notes', message: { method: 'notifications/initialized', jsonrpc: '2.0' } } });
    await ctx.check('notification-acked', 'a JSON-RPC notification is acknowledged with an empty result', async () => {
      const payload = successPayload(await answerTo(ctx, notificationId), 'the notification answer');
      expectEqual(payload, { mcp_response: { jsonrpc: '2.0', result: {}, id: 0 } }, 'the acknowledgement');
    });
  },
};
