import { describe, expect, it } from 'vitest';
import { demoAgent } from '../../src/agents';
import { attach, type Harness } from './fake-context';

type Loose = Record<string, unknown>;

/** Plays an in-process MCP server named `demo` with one tool, `echo`, answering the agent's mcp_message requests. */
function serveMcp(h: Harness, answered: Set<unknown>): Loose[] {
  const seen: Loose[] = [];
  for (const frame of h.frames) {
    const request = frame.request as Loose | undefined;
    if (frame.type !== 'control_request' || request?.subtype !== 'mcp_message' || answered.has(frame.request_id)) continue;
    answered.add(frame.request_id);
    const message = request.message as Loose;
    seen.push(message);
    let result: unknown = {};
    if (message.method === 'initialize') result = { protocolVersion: '2025-11-25', capabilities: { tools: {} }, serverInfo: { name: 'demo', version: '1' } };
    if (message.method === 'tools/list') result = { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] };
    if (message.method === 'tools/call') result = { content: [{ type: 'text', text: `echo: ${String((message.params as { arguments: { text: string } }).arguments.text)}` }] };
    h.answer(frame, { mcp_response: { jsonrpc: '2.0', id: message.id ?? 0, result } });
  }
  return seen;
}

describe('scripted agent: SDK MCP servers', () => {
  it('handshakes lazily before system/init, lists the tools, and calls them through mcp_message', async () => {
    const h = await attach(demoAgent());
    const answered = new Set<unknown>();
    await h.session.initialize!({ subtype: 'initialize', sdkMcpServers: ['demo'] });
    h.send({ type: 'control_request', request_id: 's0', request: { subtype: 'mcp_status' } });
    expect(h.frames.at(-1)).toMatchObject({ response: { response: { mcpServers: [] } } });
    h.prompt('try mcp');
    await h.flush();
    const handshake: Loose[] = [];
    for (let i = 0; i < 4; i++) {
      handshake.push(...serveMcp(h, answered));
      await h.flush();
    }
    expect(handshake.map((m) => m.method)).toEqual(['initialize', 'notifications/initialized', 'tools/list']);
    expect(handshake[0]).toMatchObject({ params: { protocolVersion: '2025-11-25' } });
    const init = h.frames.find((f) => f.subtype === 'init')!;
    expect(init.mcp_servers).toEqual([{ name: 'demo', status: 'connected' }]);
    expect(init.tools).toContain('mcp__demo__echo');
    expect(h.kinds().indexOf('system/init')).toBeGreaterThan(h.kinds().lastIndexOf('control_request/mcp_message'));
    await h.advance(3_000);
    const prompt = h.lastRequest('can_use_tool');
    expect(prompt.request).toMatchObject({ tool_name: 'mcp__demo__echo' });
    h.answer(prompt, { behavior: 'allow' });
    await h.flush();
    const call = serveMcp(h, answered);
    expect(call).toEqual([
      {
        jsonrpc: '2.0',
        id: expect.any(Number),
        method: 'tools/call',
        params: { name: 'echo', arguments: { text: 'hello from the mock server' }, _meta: { 'claudecode/toolUseId': (prompt.request as Loose).tool_use_id, progressToken: expect.any(Number) } },
      },
    ]);
    await h.advance(3_000);
    const result = h.frames.find((f) => f.type === 'user')!;
    expect(result.message).toMatchObject({ content: [{ type: 'tool_result', content: [{ type: 'text', text: 'echo: hello from the mock server' }] }] });
    expect(h.frames.find((f) => f.type === 'result')).toMatchObject({ subtype: 'success' });
    h.send({ type: 'control_request', request_id: 's1', request: { subtype: 'mcp_status' } });
    expect(h.frames.at(-1)).toMatchObject({ response: { response: { mcpServers: [{ name: 'demo', status: 'connected' }] } } });
  });

  it('without a declared server the MCP tool fails as unknown, without a prompt', async () => {
    const h = await attach(demoAgent());
    h.prompt('mcp');
    await h.advance(5_000);
    expect(h.kinds()).not.toContain('control_request/can_use_tool');
    const block = (h.frames.find((f) => f.type === 'user')!.message as { content: Loose[] }).content[0]!;
    expect(block).toMatchObject({ is_error: true, content: '<tool_use_error>Error: No such tool available: mcp__demo__echo</tool_use_error>' });
  });
});
