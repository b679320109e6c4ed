import type { MockServer } from '@ccr-kit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClaudeClient } from '../../src/client';
import { answerQuestions, isAskUserQuestion } from '../../src/helpers/ask-user-question';
import { approvePlan, isPlanApproval } from '../../src/helpers/plan-mode';
import type { TransportKind } from '../../src/session/manager';
import type { SessionMessage } from '../../src/session/types';
import { clientFor, openSession, startServer, textsOf, until } from './helpers';

let server: MockServer;
let client: ClaudeClient;
beforeAll(async () => {
  server = await startServer();
  client = clientFor(server);
});
afterAll(async () => {
  client.disconnectAll();
  await server.close();
});

function raw(frame: SessionMessage): Record<string, unknown> {
  return ('raw' in frame ? frame.raw : frame) as Record<string, unknown>;
}

describe.each<TransportKind>(['websocket', 'sse'])('flows against the mock server over %s', (kind) => {
  it('completes a plain turn: streamed assistant message and one result', async () => {
    const frames: SessionMessage[] = [];
    const results: unknown[] = [];
    const session = await openSession(client, kind, { onFrame: (f) => frames.push(f), onResult: (r) => results.push(r) });
    expect(session.state).toBe('connected');
    await session.sendMessage('hello there');
    await until(() => results.length === 1, 5_000, 'the result');
    const assembled = session.assembler.messages().at(-1)!;
    expect(assembled.complete).toBe(true);
    expect(assembled.content[0]).toMatchObject({ type: 'text', text: expect.stringMatching(/^Hello! I am the scripted demo agent/) });
    expect(textsOf(frames.map(raw))).toEqual([assembled.content[0]!.text]);
    expect(frames.some((f) => raw(f).type === 'stream_event')).toBe(true);
    session.disconnect();
  });

  it('asks for a tool permission and lets the handler change the input', async () => {
    const asked: { tool: string; input: Record<string, unknown> }[] = [];
    const frames: SessionMessage[] = [];
    const results: unknown[] = [];
    const session = await openSession(client, kind, {
      onFrame: (f) => frames.push(f),
      onResult: (r) => results.push(r),
      onToolPermission: async (tool, input) => {
        asked.push({ tool, input });
        return { behavior: 'allow', updatedInput: { ...input, command: 'touch renamed-by-host.txt' } };
      },
    });
    await session.sendMessage('run a bash command');
    await until(() => results.length === 1, 5_000, 'the result');
    expect(asked).toEqual([{ tool: 'Bash', input: expect.objectContaining({ command: 'touch demo-output.txt' }) }]);
    const toolResult = frames.map(raw).find((f) => f.type === 'user' && JSON.stringify(f).includes('tool_result'));
    expect(toolResult).toBeDefined();
    session.disconnect();
  });

  it('denies by default without a handler and the turn goes on', async () => {
    const results: Record<string, unknown>[] = [];
    const session = await openSession(client, kind, { onResult: (r) => results.push(r) });
    await session.sendMessage('run a bash command');
    await until(() => results.length === 1, 5_000, 'the result');
    expect(results[0]!.permission_denials).toEqual([expect.objectContaining({ tool_name: 'Bash' })]);
    session.disconnect();
  });

  it('answers AskUserQuestion with multi-select and approves a plan', async () => {
    const results: unknown[] = [];
    const seen: string[] = [];
    const session = await openSession(client, kind, {
      onResult: (r) => results.push(r),
      onToolPermission: async (tool, input) => {
        seen.push(tool);
        if (isAskUserQuestion(tool, input)) {
          return answerQuestions(input, {
            'Which checks should run on every push?': ['Linting', 'CI'],
            'Which package manager should the project use?': 'pnpm',
          });
        }
        if (isPlanApproval(tool)) return approvePlan(input);
        return { behavior: 'deny', message: 'unexpected tool' };
      },
    });
    await session.sendMessage('a quick survey please');
    await until(() => results.length === 1, 5_000, 'the survey result');
    await session.sendMessage('make a plan');
    await until(() => results.length === 2, 5_000, 'the plan result');
    expect(seen).toEqual(['AskUserQuestion', 'ExitPlanMode']);
    session.disconnect();
  });

  it('runs PreToolUse hook callbacks registered through initialize', async () => {
    const hookInputs: Record<string, unknown>[] = [];
    const asked: string[] = [];
    const results: Record<string, unknown>[] = [];
    const session = await openSession(client, kind, {
      onResult: (r) => results.push(r),
      onToolPermission: async (tool) => (asked.push(tool), { behavior: 'allow' }),
      hooks: {
        PreToolUse: [
          {
            matcher: 'Bash',
            hooks: [
              async (input) => {
                hookInputs.push(input);
                return { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'deny', permissionDecisionReason: 'shell is off' } };
              },
            ],
          },
        ],
      },
    });
    await session.sendMessage('run a bash command');
    await until(() => results.length === 1, 5_000, 'the result');
    expect(hookInputs).toEqual([expect.objectContaining({ hook_event_name: 'PreToolUse', tool_name: 'Bash' })]);
    expect(asked).toEqual([]);
    session.disconnect();
  });

  it('sends control requests: set_model, set_permission_mode, mcp_status, interrupt', async () => {
    const session = await openSession(client, kind);
    await session.setModel('claude-opus-4-1');
    await session.setPermissionMode('acceptEdits');
    await expect(session.mcpStatus()).resolves.toMatchObject({ mcpServers: expect.any(Array) });
    await session.interrupt();
    session.disconnect();
  });

  it('interrupts a slow stream', async () => {
    const results: Record<string, unknown>[] = [];
    const frames: SessionMessage[] = [];
    const session = await openSession(client, kind, { onResult: (r) => results.push(r), onFrame: (f) => frames.push(f) });
    await session.sendMessage('tell me a long story');
    await until(() => frames.some((f) => raw(f).type === 'stream_event'), 5_000, 'the stream to start');
    await session.interrupt();
    await until(() => results.length === 1, 5_000, 'the interrupted result');
    expect(results[0]!.subtype).toBe('error_during_execution');
    session.disconnect();
  });
});
