import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk/browser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claudeCliAgent, createMockServer, type ClaudeCliBackend, type MockServer } from '../../src';
import { CLI_CASES, runCase } from './cases';
import type { ClientTransport } from './client';
import { CLI_SCENARIOS, QUESTIONS, SLOW_TEXT } from './scenarios';

type Loose = Record<string, unknown>;
const CASE_TIMEOUT = 150_000;

function resultOf(messages: readonly SDKMessage[]): Loose {
  const result = messages.at(-1) as unknown as Loose;
  expect(result.type).toBe('result');
  return result;
}

function toolResults(messages: readonly SDKMessage[]): Loose[] {
  return messages
    .filter((m) => m.type === 'user')
    .flatMap((m) => {
      const content = (m as unknown as { message: { content: unknown } }).message.content;
      return Array.isArray(content) ? (content as Loose[]).filter((b) => b.type === 'tool_result') : [];
    });
}

function ofSubtype(messages: readonly SDKMessage[], type: string, subtype: string): Loose[] {
  return messages.filter((m) => m.type === type && (m as unknown as Loose).subtype === subtype);
}

describe.each<ClientTransport>(['websocket', 'sse'])('the official client over %s, the real Claude Code CLI behind the mock server', (transport) => {
  let server: MockServer;
  let backend: ClaudeCliBackend;

  beforeAll(async () => {
    backend = claudeCliAgent({ scenarios: CLI_SCENARIOS, maxRetries: 2 });
    server = await createMockServer({ agent: backend });
  });

  afterAll(async () => {
    await server?.close();
    expect(backend?.processes()).toEqual([]);
  });

  it('Bash touch allowed: canUseTool sees the call, the file exists and the result is a success', { timeout: CASE_TIMEOUT }, async () => {
    const { messages, calls, files } = await runCase(server, backend, transport, CLI_CASES.touchAllowed);
    expect(calls).toEqual([{ tool: 'Bash', input: { command: 'touch allowed.txt', description: 'Create allowed.txt' }, toolUseID: expect.stringMatching(/^toolu_/) }]);
    expect(files).toContain('allowed.txt');
    expect(resultOf(messages)).toMatchObject({ subtype: 'success', is_error: false, result: 'Created allowed.txt.', permission_denials: [], num_turns: 2 });
  });

  it('Bash touch denied: no file, an is_error tool_result with the message, and permission_denials lists the call', { timeout: CASE_TIMEOUT }, async () => {
    const { messages, calls, files } = await runCase(server, backend, transport, CLI_CASES.touchDenied);
    expect(files).not.toContain('denied.txt');
    expect(toolResults(messages)[0]).toMatchObject({ is_error: true, content: 'Not on this machine.', tool_use_id: calls[0]!.toolUseID });
    expect(resultOf(messages)).toMatchObject({
      subtype: 'success',
      result: 'Understood, I will not create the file.',
      permission_denials: [{ tool_name: 'Bash', tool_use_id: calls[0]!.toolUseID, tool_input: { command: 'touch denied.txt' } }],
    });
  });

  it('AskUserQuestion: a single-select and a multi-select answer reach the model', { timeout: CASE_TIMEOUT }, async () => {
    const { messages, calls } = await runCase(server, backend, transport, CLI_CASES.question);
    expect(calls.map((c) => c.tool)).toEqual(['AskUserQuestion']);
    expect(calls[0]!.input.questions).toEqual(QUESTIONS);
    const content = String(toolResults(messages)[0]!.content);
    expect(content).toContain(`"${QUESTIONS[0].question}"="pnpm"`);
    expect(content).toContain(`"${QUESTIONS[1].question}"="Linting, Tests"`);
    expect(resultOf(messages)).toMatchObject({ subtype: 'success', result: 'Great: pnpm, with linting and tests in CI.' });
  });

  it('plan mode: EnterPlanMode needs no prompt, ExitPlanMode is approved and the mode returns to default', { timeout: CASE_TIMEOUT }, async () => {
    const { messages, calls } = await runCase(server, backend, transport, CLI_CASES.plan);
    expect(calls.map((c) => c.tool)).toEqual(['ExitPlanMode']);
    // Since 2.1.2xx the permission prompt carries `input: {}`; the plan is in the assistant's tool_use block.
    expect(calls[0]!.input).toEqual({});
    const planned = messages.flatMap((m) => (m.type === 'assistant' ? m.message.content : [])).find((b) => b.type === 'tool_use' && b.name === 'ExitPlanMode');
    expect(planned).toMatchObject({ input: { plan: '1. Create notes.txt\n2. Write a heading into it' } });
    const modes = ofSubtype(messages, 'system', 'status').flatMap((s) => (s.permissionMode === undefined ? [] : [s.permissionMode]));
    expect(modes).toEqual(['plan', 'default']);
    expect(resultOf(messages)).toMatchObject({ subtype: 'success', result: 'The plan is approved; I will start with notes.txt.' });
  });

  it('interrupt during a slow stream: partial text, the interrupted marker, aborted_streaming, then a normal turn', { timeout: CASE_TIMEOUT }, async () => {
    const { messages } = await runCase(server, backend, transport, CLI_CASES.interrupt);
    const results = messages.filter((m) => m.type === 'result') as unknown as Loose[];
    expect(results[0]).toMatchObject({ subtype: 'error_during_execution', is_error: true, terminal_reason: 'aborted_streaming' });
    const partial = messages.find((m) => m.type === 'assistant') as unknown as { message: { content: { text: string }[] } };
    const partialText = partial.message.content[0]!.text;
    expect(partialText.length).toBeGreaterThan(0);
    expect(partialText.length).toBeLessThan(SLOW_TEXT.length);
    expect(SLOW_TEXT.startsWith(partialText)).toBe(true);
    expect(messages.some((m) => m.type === 'user' && JSON.stringify(m).includes('[Request interrupted by user]'))).toBe(true);
    expect(results[1]).toMatchObject({ subtype: 'success', result: 'This is the answer to the first question.' });
  });

  it('two turns in one session: one process, system/init and a result per turn', { timeout: CASE_TIMEOUT }, async () => {
    const { messages } = await runCase(server, backend, transport, CLI_CASES.twoTurns);
    const inits = ofSubtype(messages, 'system', 'init');
    expect(inits).toHaveLength(2);
    expect(inits[0]!.session_id).toBe(inits[1]!.session_id);
    expect((messages.filter((m) => m.type === 'result') as unknown as Loose[]).map((r) => r.result)).toEqual([
      'This is the answer to the first question.',
      'And this answers the second one.',
    ]);
  });

  it('an API 500 is retried (system/api_retry) and the turn succeeds', { timeout: CASE_TIMEOUT }, async () => {
    const { messages } = await runCase(server, backend, transport, CLI_CASES.apiRetry);
    const retries = ofSubtype(messages, 'system', 'api_retry');
    expect(retries).toEqual([expect.objectContaining({ attempt: 1, max_retries: 2, error_status: 500, error: 'server_error' })]);
    expect(resultOf(messages)).toMatchObject({ subtype: 'success', is_error: false, result: 'Recovered after a retry.' });
  });

  it('an API 400 is not retried and ends the turn with an error result', { timeout: CASE_TIMEOUT }, async () => {
    const { messages } = await runCase(server, backend, transport, CLI_CASES.api400);
    expect(ofSubtype(messages, 'system', 'api_retry')).toEqual([]);
    const result = resultOf(messages);
    expect(result).toMatchObject({ subtype: 'success', is_error: true, api_error_status: 400 });
    expect(String(result.result)).toContain('API Error: 400');
  });
});
