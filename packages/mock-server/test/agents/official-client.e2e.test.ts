import type { PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk/browser';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BASH_ALLOWED, BASH_DENIED } from '../../src/agents/scripted/demo';
import { connectOfficialClient, sdk, type ClientRun, type Transport } from './official-client';

type Loose = Record<string, unknown>;

function toolResults(messages: readonly SDKMessage[]): Loose[] {
  return messages
    .filter((m) => m.type === 'user')
    .flatMap((m) => {
      const content = (m as unknown as { message: { content: unknown } }).message.content;
      return Array.isArray(content) ? (content as Loose[]).filter((b) => b.type === 'tool_result') : [];
    });
}

function resultOf(messages: readonly SDKMessage[]): Loose {
  const result = messages.at(-1) as unknown as Loose;
  expect(result.type).toBe('result');
  return result;
}

function toolUseIds(messages: readonly SDKMessage[]): string[] {
  return messages
    .filter((m) => m.type === 'assistant')
    .flatMap((m) => (m as unknown as { message: { content: Loose[] } }).message.content.filter((b) => b.type === 'tool_use').map((b) => String(b.id)));
}

describe.each<Transport>(['websocket', 'sse'])('the official browser client over %s against the demo agent', (transport) => {
  let run: ClientRun | undefined;
  afterEach(async () => {
    await run?.close();
    run = undefined;
  });

  it('completes a plain turn: init, the streamed answer, a success result', async () => {
    run = await connectOfficialClient(transport);
    const messages = await run.turn('hello');
    expect(messages.some((m) => m.type === 'system' && (m as Loose).subtype === 'init')).toBe(true);
    expect(messages.some((m) => m.type === 'stream_event')).toBe(true);
    const result = resultOf(messages);
    expect(result).toMatchObject({ subtype: 'success', is_error: false, num_turns: 1 });
    expect(String(result.result)).toMatch(/^Hello! I am the scripted demo agent/);
  });

  it('permission allowed: canUseTool sees the Bash call and the tool runs with the allowed input', async () => {
    const calls: { tool: string; input: Loose; toolUseID: string }[] = [];
    run = await connectOfficialClient(transport, {
      canUseTool: async (tool, input, options): Promise<PermissionResult> => {
        calls.push({ tool, input, toolUseID: options.toolUseID });
        return { behavior: 'allow', updatedInput: { ...input, command: 'touch allowed.txt' } };
      },
    });
    const messages = await run.turn('run a bash command');
    expect(calls).toEqual([{ tool: 'Bash', input: { command: 'touch demo-output.txt', description: 'Create an empty demo file' }, toolUseID: expect.stringMatching(/^toolu_/) }]);
    expect(toolUseIds(messages)).toEqual([calls[0]!.toolUseID]);
    // As the real CLI says it (corpus flow 03): a command with no output is not an empty result.
    expect(toolResults(messages)).toEqual([{ type: 'tool_result', tool_use_id: calls[0]!.toolUseID, content: '(Bash completed with no output)' }]);
    expect(resultOf(messages)).toMatchObject({ subtype: 'success', is_error: false, permission_denials: [], num_turns: 2, result: BASH_ALLOWED });
  });

  it('permission denied: an is_error tool_result with the message, the deny-branch answer, and the denial in the result', async () => {
    run = await connectOfficialClient(transport, { canUseTool: async () => ({ behavior: 'deny', message: 'Not on my machine.' }) });
    const messages = await run.turn('run a bash command');
    const [denied] = toolResults(messages);
    expect(denied).toMatchObject({ is_error: true, content: 'Not on my machine.' });
    expect(resultOf(messages)).toMatchObject({
      subtype: 'success',
      result: BASH_DENIED,
      permission_denials: [{ tool_name: 'Bash', tool_use_id: denied!.tool_use_id, tool_input: { command: 'touch demo-output.txt' } }],
    });
  });

  it('AskUserQuestion: the answers go back in updatedInput and the tool_result quotes them', async () => {
    run = await connectOfficialClient(transport, {
      canUseTool: async (tool, input) => {
        expect(tool).toBe('AskUserQuestion');
        const [first] = input.questions as { question: string; options: { label: string }[] }[];
        return { behavior: 'allow', updatedInput: { ...input, answers: { [first!.question]: first!.options[1]!.label } } };
      },
    });
    const messages = await run.turn('ask me a question');
    expect(toolResults(messages)[0]!.content).toBe(
      'User has answered your questions: "Which color theme should the demo use?"="Dark". You can now continue with the user\'s answers in mind.',
    );
    expect(resultOf(messages)).toMatchObject({ subtype: 'success', result: 'Thanks, I will use the theme you picked.' });
  });

  it('interrupt mid-stream: the partial text, the interrupted marker and an aborted_streaming result', async () => {
    run = await connectOfficialClient(transport);
    run.prompts.push('tell me a slow story');
    let deltas = 0;
    await run.until((m) => m.type === 'stream_event' && (m as unknown as { event: Loose }).event.type === 'content_block_delta' && ++deltas === 2);
    await run.query.interrupt();
    const rest = await run.until((m) => m.type === 'result');
    const partial = rest.find((m) => m.type === 'assistant') as unknown as { message: { content: { text: string }[] } };
    expect(partial.message.content[0]!.text).toMatch(/^Once upon a ti/);
    expect(partial.message.content[0]!.text.length).toBeLessThan(120);
    const texts = rest.filter((m) => m.type === 'user').map((m) => JSON.stringify((m as unknown as { message: unknown }).message));
    expect(texts.some((t) => t.includes('[Request interrupted by user]'))).toBe(true);
    expect(resultOf(rest)).toMatchObject({ subtype: 'error_during_execution', is_error: true, terminal_reason: 'aborted_streaming' });
    const next = await run.turn('hello');
    expect(resultOf(next)).toMatchObject({ subtype: 'success' });
  });

  it('interrupt while a prompt is pending: the prompt is withdrawn (its signal aborts) and the turn ends aborted_tools', async () => {
    let withdrawn: (() => void) | undefined;
    const aborted = new Promise<void>((resolve) => {
      withdrawn = resolve;
    });
    let asked: (() => void) | undefined;
    const prompted = new Promise<void>((resolve) => {
      asked = resolve;
    });
    run = await connectOfficialClient(transport, {
      canUseTool: (_tool, _input, { signal }) =>
        new Promise<PermissionResult>((_resolve, reject) => {
          signal.addEventListener('abort', () => {
            withdrawn!();
            reject(new Error('withdrawn'));
          });
          asked!();
        }),
    });
    run.prompts.push('run a bash command');
    const finished = run.until((m) => m.type === 'result');
    await prompted;
    await run.query.interrupt();
    const messages = await finished;
    await aborted;
    expect(resultOf(messages)).toMatchObject({ subtype: 'error_during_execution', terminal_reason: 'aborted_tools' });
    expect(toolResults(messages)[0]).toMatchObject({ is_error: true });
  });

  it('hooks: a PreToolUse callback registered through initialize fires, and its allow skips canUseTool', async () => {
    const seen: Loose[] = [];
    let prompts = 0;
    run = await connectOfficialClient(transport, {
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
    const messages = await run.turn('run a bash command');
    expect(seen).toEqual([expect.objectContaining({ hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: expect.objectContaining({ command: 'touch demo-output.txt' }) })]);
    expect(prompts).toBe(0);
    expect(toolResults(messages)[0]).not.toHaveProperty('is_error');
    expect(resultOf(messages)).toMatchObject({ subtype: 'success', permission_denials: [] });
  });

  it('hooks: PermissionRequest, PostToolUse and Stop callbacks fire in that order with what the tool did', async () => {
    const seen: Loose[] = [];
    const record = (input: unknown): Promise<Record<string, never>> => {
      seen.push(input as Loose);
      return Promise.resolve({});
    };
    run = await connectOfficialClient(transport, {
      canUseTool: async (_tool, input) => ({ behavior: 'allow', updatedInput: input }),
      hooks: { PermissionRequest: [{ hooks: [record] }], PostToolUse: [{ matcher: 'Bash', hooks: [record] }], Stop: [{ hooks: [record] }] },
    });
    const messages = await run.turn('run a bash command');
    expect(seen.map((input) => input.hook_event_name)).toEqual(['PermissionRequest', 'PostToolUse', 'Stop']);
    expect(seen[1]).toMatchObject({ tool_name: 'Bash', tool_response: { stdout: '', interrupted: false }, tool_use_id: toolUseIds(messages)[0] });
    expect(seen[2]).toMatchObject({ stop_hook_active: false, last_assistant_message: BASH_ALLOWED });
    expect(resultOf(messages)).toMatchObject({ subtype: 'success', result: BASH_ALLOWED });
  });

  it('MCP forwarding: the agent calls a tool of an SDK MCP server declared by the client', async () => {
    const calls: unknown[] = [];
    const echo = sdk.tool('echo', 'Echoes its text', { text: z.string() }, async (args) => {
      calls.push(args);
      return { content: [{ type: 'text', text: `echo: ${args.text}` }] };
    });
    run = await connectOfficialClient(transport, {
      canUseTool: async (_tool, input) => ({ behavior: 'allow', updatedInput: input }),
      mcpServers: { demo: sdk.createSdkMcpServer({ name: 'demo', tools: [echo] }) },
    });
    const messages = await run.turn('call the mcp tool');
    expect(calls).toEqual([{ text: 'hello from the mock server' }]);
    const init = messages.find((m) => m.type === 'system' && (m as Loose).subtype === 'init') as unknown as Loose;
    expect(init.mcp_servers).toEqual([{ name: 'demo', status: 'connected' }]);
    expect(toolResults(messages)[0]).toMatchObject({ content: [{ type: 'text', text: 'echo: hello from the mock server' }] });
    expect(resultOf(messages)).toMatchObject({ subtype: 'success' });
  });
});
