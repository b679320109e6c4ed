import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk/browser';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_EXIT_NOTICE_TAG, claudeCliAgent, createMockServer, type ClaudeCliAgentOptions, type ClaudeCliBackend, type MockServer } from '../../src';
import { transcriptSaved } from '../../src/agents/claude-cli/resume';
import { archive } from './cases';
import { connectClient, WAIT_MS, type ClientRun } from './client';
import { CLI_SCENARIOS, PROMPTS } from './scenarios';

type Loose = Record<string, unknown>;
const TIMEOUT = 150_000;

let server: MockServer | undefined;
let backend: ClaudeCliBackend | undefined;
let run: ClientRun | undefined;

async function start(options: ClaudeCliAgentOptions = {}): Promise<{ server: MockServer; backend: ClaudeCliBackend }> {
  backend = claudeCliAgent({ scenarios: CLI_SCENARIOS, maxRetries: 0, ...options });
  server = await createMockServer({ agent: backend });
  return { server, backend };
}

afterEach(async () => {
  run?.close();
  run = undefined;
  await server?.close();
  server = undefined;
  expect(backend?.processes() ?? []).toEqual([]);
  backend = undefined;
});

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${WAIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function result(messages: readonly SDKMessage[]): Loose {
  return messages.at(-1) as unknown as Loose;
}

/** The frames stored in a session's event log, as a REST reader sees them. */
async function storedFrames(url: string, sessionId: string): Promise<Loose[]> {
  const response = await fetch(`${url}/v1/sessions/${sessionId}/events?limit=1000`);
  const body = (await response.json()) as { data: Loose[] };
  return body.data;
}

/** Polls the event log until a frame satisfies `done`. */
async function waitForStored(url: string, sessionId: string, done: (frame: Loose) => boolean): Promise<Loose[]> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const frames = await storedFrames(url, sessionId);
    if (frames.some(done)) return frames;
    if (Date.now() > deadline) throw new Error(`no matching frame within ${WAIT_MS} ms; stored: ${frames.map((f) => `${String(f.type)}/${String(f.subtype ?? '')}`).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const userFrame = (text: string): Loose => ({ type: 'user', session_id: '', message: { role: 'user', content: text }, parent_tool_use_id: null });

describe('the claude-cli backend runs one CLI process per session and cleans up after it', () => {
  it('starts the CLI on the first message, keeps it for the next turn and stops it when the session is archived', { timeout: TIMEOUT }, async () => {
    const { server, backend } = await start();
    run = await connectClient(server, 'websocket');
    await run.turn(PROMPTS.first);
    const pid = backend.process(run.sessionId)!.pid!;
    expect(alive(pid)).toBe(true);
    await run.turn(PROMPTS.second);
    expect(backend.process(run.sessionId)).toMatchObject({ pid, restarts: 0 });
    await archive(server, run.sessionId);
    expect(alive(pid)).toBe(false);
    expect(backend.process(run.sessionId)).toBeUndefined();
  });

  it('creates no process for a session that never gets a message, and stops running ones on server close', { timeout: TIMEOUT }, async () => {
    const { server, backend } = await start();
    await server.admin.createSession();
    run = await connectClient(server, 'sse');
    await run.turn(PROMPTS.first);
    const pids = backend.processes().flatMap((p) => (p.pid === undefined ? [] : [p.pid]));
    expect(pids).toHaveLength(1);
    await server.close();
    expect(pids.filter(alive)).toEqual([]);
  });

  it('after a crash mid-turn: a notice, an error result, then a new process that resumes the saved conversation', { timeout: TIMEOUT }, async () => {
    const { server, backend } = await start();
    run = await connectClient(server, 'websocket');
    await run.turn(PROMPTS.first);
    const { home, cliSessionId } = backend.process(run.sessionId)!;
    expect(cliSessionId).toMatch(/^[0-9a-f-]{36}$/);
    // The CLI writes its transcript in the background; resuming needs it on disk.
    await until(() => transcriptSaved({ HOME: home! }, cliSessionId!));
    run.push(PROMPTS.slow);
    await run.until((m) => m.type === 'stream_event');
    const { pid } = backend.process(run.sessionId)!;
    process.kill(pid!, 'SIGKILL');
    const rest = await run.until((m) => m.type === 'result');
    const notice = rest.find((m) => m.type === 'system' && (m as unknown as Loose).subtype === 'informational') as unknown as Loose;
    expect(notice).toMatchObject({ level: 'warning', tag: CLI_EXIT_NOTICE_TAG, content: expect.stringContaining('was killed by SIGKILL during a turn') });
    expect(result(rest)).toMatchObject({ subtype: 'error_during_execution', is_error: true, errors: [expect.stringContaining('was killed by SIGKILL')] });
    const next = await run.turn(PROMPTS.afterCrash);
    expect(result(next)).toMatchObject({ subtype: 'success', result: 'Yes, a new process answers now.' });
    expect(backend.process(run.sessionId)).toMatchObject({ restarts: 1, cliSessionId });
    expect(backend.process(run.sessionId)!.pid).not.toBe(pid);
  });

  it('a crash before the CLI saved anything: the new process starts a fresh conversation', { timeout: TIMEOUT }, async () => {
    const { server, backend } = await start();
    run = await connectClient(server, 'websocket');
    run.push(PROMPTS.slow);
    await run.until((m) => m.type === 'system' && (m as unknown as Loose).subtype === 'init');
    const { pid, cliSessionId } = backend.process(run.sessionId)!;
    process.kill(pid!, 'SIGKILL');
    await run.until((m) => m.type === 'result');
    const next = await run.turn(PROMPTS.afterCrash);
    expect(result(next)).toMatchObject({ subtype: 'success', result: 'Yes, a new process answers now.' });
    const info = backend.process(run.sessionId)!;
    expect(info.restarts).toBe(1);
    if (info.cliSessionId !== cliSessionId) {
      expect(server.admin.journal({ sessionId: run.sessionId, kind: 'agent' }).some((e) => e.message.includes('saved no transcript'))).toBe(true);
    }
  });

  it('a CLI that refuses its flags ends the turn with an error quoting its stderr, which is in the journal', { timeout: TIMEOUT }, async () => {
    const { server } = await start({ extraArgs: ['--permission-mode', 'not-a-mode'] });
    const { id } = await server.admin.createSession();
    await server.admin.inject(id, userFrame('hello'), { as: 'client' });
    const frames = await waitForStored(server.url, id, (f) => f.type === 'result');
    const ended = frames.find((f) => f.type === 'result')!;
    expect(ended).toMatchObject({ subtype: 'error_during_execution', is_error: true });
    expect(String((ended.errors as string[])[0])).toMatch(/exited with code 1 during a turn.*argument 'not-a-mode' is invalid/);
    const stderr = server.admin.journal({ sessionId: id, kind: 'agent' }).filter((e) => e.message.startsWith('claude stderr:'));
    expect(stderr.map((e) => e.message).join('\n')).toContain("'not-a-mode' is invalid");
  });

  it('a missing claude binary: initialize and the first turn fail with a message naming the path', { timeout: TIMEOUT }, async () => {
    const { server } = await start({ claudeBin: '/nonexistent/claude' });
    const { id } = await server.admin.createSession();
    await server.admin.inject(id, { type: 'control_request', request_id: 'init-1', request: { subtype: 'initialize' } }, { as: 'client' });
    await server.admin.inject(id, userFrame('hello'), { as: 'client' });
    const frames = await waitForStored(server.url, id, (f) => f.type === 'result');
    const answer = frames.find((f) => f.type === 'control_response')!;
    expect(answer.response).toMatchObject({ subtype: 'error', request_id: 'init-1', error: expect.stringContaining('/nonexistent/claude') });
    const ended = frames.find((f) => f.type === 'result')!;
    expect(String((ended.errors as string[])[0])).toMatch(/could not be started \(spawn \/nonexistent\/claude ENOENT\).*Check the claudeBin option/);
  });

  it('never writes the API key to the journal', { timeout: TIMEOUT }, async () => {
    const secret = 'sk-ant-secret-value-123456';
    const { server } = await start({ env: { ANTHROPIC_API_KEY: secret } });
    run = await connectClient(server, 'websocket');
    await run.turn(PROMPTS.first);
    const journal = JSON.stringify(server.admin.journal({ limit: 100_000 }));
    expect(journal).toContain('ANTHROPIC_API_KEY');
    expect(journal).not.toContain(secret);
  });

  it('runs each session in a private cwd under the workspace root (removed on archive), or in a cwd inside the root the session names (kept); a cwd outside the root is refused', { timeout: TIMEOUT }, async () => {
    const root = await mkdtemp(join(tmpdir(), 'ccr-cli-root-'));
    try {
      const { server, backend } = await start({ workspaceRoot: root });
      const allow = { canUseTool: async (_tool: string, input: Record<string, unknown>) => ({ behavior: 'allow' as const, updatedInput: input }) };
      run = await connectClient(server, 'websocket', allow);
      await run.turn(PROMPTS.touchAllowed);
      const temp = backend.process(run.sessionId)!.cwd!;
      expect(temp.startsWith(`${await realpath(root)}/`)).toBe(true);
      expect(existsSync(join(temp, 'allowed.txt'))).toBe(true);
      await archive(server, run.sessionId);
      expect(existsSync(temp)).toBe(false);
      run.close();

      run = await connectClient(server, 'websocket', allow, { cwd: 'named' });
      await run.turn(PROMPTS.touchAllowed);
      expect(backend.process(run.sessionId)!.cwd).toBe(join(await realpath(root), 'named'));
      await archive(server, run.sessionId);
      expect(existsSync(join(root, 'named', 'allowed.txt'))).toBe(true);
      run.close();

      const outside = await mkdtemp(join(tmpdir(), 'ccr-cli-outside-'));
      try {
        run = await connectClient(server, 'websocket', allow, { cwd: outside });
        const messages = await run.turn(PROMPTS.touchAllowed);
        expect(messages.at(-1)).toMatchObject({ type: 'result', is_error: true });
        expect(readdirSync(outside)).toEqual([]);
        const journal = server.admin.journal({ sessionId: run.sessionId }).map((e) => e.message).join('\n');
        expect(journal).toMatch(/is outside the workspace root/);
      } finally {
        await rm(outside, { recursive: true, force: true });
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
