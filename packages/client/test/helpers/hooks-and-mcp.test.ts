import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolRequestSchema, ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { VirtualClock } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { HookRegistry } from '../../src/helpers/hooks';
import { Session } from '../../src/session/session';
import { FakeService, flush } from '../fixtures/fake-service';

describe('hook callbacks registered through initialize', () => {
  it('declares callback ids per event and matcher, then runs the right callback', async () => {
    const service = new FakeService();
    const calls: unknown[] = [];
    const session = new Session({
      sessionId: 'sess_1',
      transport: service.factory,
      clock: new VirtualClock(0),
      hooks: {
        PreToolUse: [
          { matcher: 'Bash', hooks: [async (input, toolUseID) => (calls.push(['bash', input.tool_name, toolUseID]), { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'no shell' } })], timeout: 30 },
        ],
        UserPromptSubmit: [{ hooks: [async () => (calls.push('prompt'), {}), async () => ({ continue: true })] }],
      },
    });
    await session.connect();
    const init = service.sent('control_request')[0]!.request as Record<string, unknown>;
    expect(init.hooks).toEqual({
      PreToolUse: [{ matcher: 'Bash', hookCallbackIds: ['hook_0'], timeout: 30 }],
      UserPromptSubmit: [{ hookCallbackIds: ['hook_1', 'hook_2'] }],
    });
    service.emit({ type: 'control_request', request_id: 'h1', request: { subtype: 'hook_callback', callback_id: 'hook_0', input: { hook_event_name: 'PreToolUse', tool_name: 'Bash' }, tool_use_id: 'toolu_9' } });
    service.emit({ type: 'control_request', request_id: 'h2', request: { subtype: 'hook_callback', callback_id: 'hook_1', input: { hook_event_name: 'UserPromptSubmit' } } });
    service.emit({ type: 'control_request', request_id: 'h3', request: { subtype: 'hook_callback', callback_id: 'hook_404', input: {} } });
    await flush();
    expect(calls).toEqual([['bash', 'Bash', 'toolu_9'], 'prompt']);
    const answers = [...service.answers].sort((a, b) => String(a.request_id).localeCompare(String(b.request_id)));
    expect(answers).toEqual([
      { subtype: 'success', request_id: 'h1', response: { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'no shell' } } },
      { subtype: 'success', request_id: 'h2', response: {} },
      { subtype: 'error', request_id: 'h3', error: expect.stringMatching(/No hook callback is registered under id "hook_404"/) },
    ]);
    session.disconnect();
  });

  it('rejects a matcher without functions', () => {
    expect(() => new HookRegistry({ Stop: [{ hooks: ['nope' as never] }] })).toThrow(/hooks.Stop\[0\].hooks must be an array of functions/);
  });
});

describe('MCP forwarding to an in-process @modelcontextprotocol/sdk server', () => {
  it('declares sdkMcpServers, answers initialize / tools/list / tools/call, and acks notifications', async () => {
    const server = new Server({ name: 'calc', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, async () => ({
      tools: [{ name: 'add', description: 'Adds two numbers', inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } } }],
    }));
    server.setRequestHandler(CallToolRequestSchema, async (request) => {
      const { a, b } = request.params.arguments as { a: number; b: number };
      return { content: [{ type: 'text', text: String(a + b) }] };
    });
    const service = new FakeService();
    const session = new Session({ sessionId: 'sess_1', transport: service.factory, clock: new VirtualClock(0), mcpServers: { calc: server } });
    await session.connect();
    expect((service.sent('control_request')[0]!.request as Record<string, unknown>).sdkMcpServers).toEqual(['calc']);
    const ask = (id: string, message: Record<string, unknown>) =>
      service.emit({ type: 'control_request', request_id: id, request: { subtype: 'mcp_message', server_name: 'calc', message } });
    ask('m1', { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'claude-code', version: '2' } } });
    await waitFor(() => service.answers.length === 1);
    ask('m2', { jsonrpc: '2.0', method: 'notifications/initialized' });
    ask('m3', { jsonrpc: '2.0', id: 2, method: 'tools/list' });
    ask('m4', { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'add', arguments: { a: 2, b: 40 }, _meta: { 'claudecode/toolUseId': 'toolu_1' } } });
    ask('m5', { jsonrpc: '2.0', id: 4, method: 'tools/list' });
    await waitFor(() => service.answers.length === 5);
    const byId = Object.fromEntries(service.answers.map((a) => [a.request_id, (a.response as { mcp_response: Record<string, unknown> }).mcp_response]));
    expect(byId.m1).toMatchObject({ jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'calc' } } });
    expect(byId.m2).toEqual({ jsonrpc: '2.0', result: {}, id: 0 });
    expect(byId.m3).toMatchObject({ id: 2, result: { tools: [{ name: 'add', description: 'Adds two numbers' }] } });
    expect(byId.m4).toMatchObject({ id: 3, result: { content: [{ type: 'text', text: '42' }] } });
    service.emit({ type: 'control_request', request_id: 'm6', request: { subtype: 'mcp_message', server_name: 'nope', message: { jsonrpc: '2.0', id: 9, method: 'tools/list' } } });
    await waitFor(() => service.answers.length === 6);
    expect(service.answers[5]).toMatchObject({ subtype: 'error', error: expect.stringMatching(/No in-process MCP server named "nope"; registered: \["calc"\]/) });
    await session.close();
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(condition()).toBe(true);
}
