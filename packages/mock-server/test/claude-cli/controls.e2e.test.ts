import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk/browser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { claudeCliAgent, createMockServer, type ClaudeCliBackend, type MockServer } from '../../src';
import { archive } from './cases';
import { connectClient, sdk, type ClientRun } from './client';
import { CLI_SCENARIOS, PROMPTS } from './scenarios';

type Loose = Record<string, unknown>;
const TIMEOUT = 150_000;

let server: MockServer;
let backend: ClaudeCliBackend;
let run: ClientRun | undefined;

beforeAll(async () => {
  backend = claudeCliAgent({ scenarios: CLI_SCENARIOS, maxRetries: 0 });
  server = await createMockServer({ agent: backend });
});

afterEach(async () => {
  run?.close();
  if (run !== undefined) await archive(server, run.sessionId);
  run = undefined;
});

afterAll(async () => {
  await server?.close();
  expect(backend?.processes()).toEqual([]);
});

function last(messages: readonly SDKMessage[]): Loose {
  return messages.at(-1) as unknown as Loose;
}

function find(messages: readonly SDKMessage[], type: string, subtype?: string): Loose | undefined {
  return messages.find((m) => m.type === type && (subtype === undefined || (m as unknown as Loose).subtype === subtype));
}

describe('control requests and the initialize extras pass through to the real CLI', () => {
  it('set_permission_mode, mcp_status, set_max_thinking_tokens and set_model get the CLI’s replies and take effect', { timeout: TIMEOUT }, async () => {
    run = await connectClient(server, 'websocket');
    const first = await run.turn(PROMPTS.first);
    expect(find(first, 'system', 'init')).toMatchObject({ permissionMode: 'default' });
    await run.query.setPermissionMode('acceptEdits');
    await expect(run.query.mcpServerStatus()).resolves.toEqual([]);
    await run.query.setMaxThinkingTokens(2048);
    await run.query.setModel('claude-fake-9');
    const second = await run.turn(PROMPTS.second);
    expect(find(second, 'system', 'status')).toMatchObject({ permissionMode: 'acceptEdits' });
    // 2.1.337 quotes the model: "Set model to `claude-fake-9`".
    expect(second.some((m) => m.type === 'user' && /Set model to `?claude-fake-9/.test(JSON.stringify(m)))).toBe(true);
    expect(find(second, 'system', 'init')).toMatchObject({ model: 'claude-fake-9', permissionMode: 'acceptEdits' });
    expect(last(second)).toMatchObject({ subtype: 'success', result: 'And this answers the second one.' });
  });

  it('an interrupt while canUseTool is pending: the CLI withdraws the prompt (the signal aborts) and the turn ends aborted_tools', { timeout: TIMEOUT }, async () => {
    let asked!: () => void;
    const prompted = new Promise<void>((resolve) => (asked = resolve));
    let withdrawn = false;
    run = await connectClient(server, 'sse', {
      canUseTool: (_tool, _input, { signal }) =>
        new Promise<PermissionResult>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            withdrawn = true;
            reject(new Error('withdrawn'));
          });
          asked();
        }),
    });
    run.push(PROMPTS.touchDenied);
    const finished = run.until((m) => m.type === 'result');
    await prompted;
    await run.query.interrupt();
    const messages = await finished;
    expect(withdrawn).toBe(true);
    expect(last(messages)).toMatchObject({ subtype: 'error_during_execution', terminal_reason: 'aborted_tools' });
    expect(server.admin.session(run.sessionId).pending).toEqual([]);
  });

  it('a PreToolUse hook declared in initialize fires, and its allow skips canUseTool', { timeout: TIMEOUT }, async () => {
    const seen: Loose[] = [];
    let prompts = 0;
    run = await connectClient(server, 'websocket', {
      canUseTool: async () => {
        prompts++;
        return { behavior: 'deny', message: 'should not be asked' };
      },
      hooks: {
        PreToolUse: [
          {
            matcher: 'Bash',
            hooks: [
              async (input) => {
                seen.push(input);
                return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow' } };
              },
            ],
          },
        ],
      },
    });
    const messages = await run.turn(PROMPTS.hooked);
    expect(seen).toEqual([expect.objectContaining({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: expect.objectContaining({ command: 'touch hooked.txt' }) })]);
    expect(prompts).toBe(0);
    expect(existsSync(join(backend.process(run.sessionId)!.cwd!, 'hooked.txt'))).toBe(true);
    expect(last(messages)).toMatchObject({ subtype: 'success', permission_denials: [] });
  });

  it('an SDK MCP server declared in initialize: the CLI lists it and calls its tool through the client', { timeout: TIMEOUT }, async () => {
    const calls: unknown[] = [];
    const echo = sdk.tool('echo', 'Echoes its text', { text: z.string() }, async (args) => {
      calls.push(args);
      return { content: [{ type: 'text', text: `echo: ${args.text}` }] };
    });
    run = await connectClient(server, 'websocket', {
      canUseTool: async (_tool, input) => ({ behavior: 'allow', updatedInput: input }),
      mcpServers: { demo: sdk.createSdkMcpServer({ name: 'demo', tools: [echo] }) },
    });
    const messages = await run.turn(PROMPTS.mcp);
    expect(calls).toEqual([{ text: 'hello from the real CLI' }]);
    expect(find(messages, 'system', 'init')?.mcp_servers).toEqual([expect.objectContaining({ name: 'demo', status: 'connected' })]);
    const results = messages.flatMap((m) => (m.type === 'user' ? ((m as unknown as { message: { content: Loose[] | string } }).message.content as Loose[]) : []));
    expect(results.find((b) => b.type === 'tool_result')).toMatchObject({ content: [{ type: 'text', text: 'echo: hello from the real CLI' }] });
    expect(last(messages)).toMatchObject({ subtype: 'success', result: 'The echo tool answered.' });
  });
});
