import { readdirSync } from 'node:fs';
import type { PermissionResult } from '@anthropic-ai/claude-agent-sdk';
import type { SDKMessage } from '@anthropic-ai/claude-agent-sdk/browser';
import type { ClaudeCliBackend, ClaudeCliProcessInfo, MockServer } from '../../src';
import { connectClient, type ClientCallbacks, type ClientRun, type ClientTransport } from './client';
import { PROMPTS, QUESTIONS } from './scenarios';

/** A `canUseTool` call the official client received. */
export interface PermissionCall {
  readonly tool: string;
  readonly input: Record<string, unknown>;
  readonly toolUseID: string;
}

/** One end-to-end case: how the official client answers prompts, and what it sends. */
export interface CliCase {
  /** File-name friendly id (tapes are named `cli-<transport>-<id>`). */
  readonly id: string;
  readonly description: string;
  /** The client's answer to each permission prompt (default: none is expected). */
  readonly permission?: ((tool: string, input: Record<string, unknown>) => PermissionResult) | undefined;
  /** Drives the session and returns every message the client saw. */
  drive(run: ClientRun, backend: ClaudeCliBackend): Promise<SDKMessage[]>;
}

/** What a case produced. */
export interface CaseOutcome {
  readonly sessionId: string;
  readonly messages: SDKMessage[];
  readonly calls: PermissionCall[];
  /** The files in the CLI's working directory when the case ended. */
  readonly files: string[];
  /** The session's CLI as the backend saw it when the case ended. */
  readonly process: ClaudeCliProcessInfo | undefined;
}

const allow = (_tool: string, input: Record<string, unknown>): PermissionResult => ({ behavior: 'allow', updatedInput: input });

/** A case that sends one prompt and waits for its result. */
function oneTurn(id: string, description: string, prompt: string, permission?: CliCase['permission']): CliCase {
  return { id, description, permission, drive: (run) => run.turn(prompt) };
}

/** The cases the issue asks for, run over both client transports. */
export const CLI_CASES = {
  touchAllowed: oneTurn('bash-touch-allowed', 'Bash touch allowed: the file exists, result success', PROMPTS.touchAllowed, allow),
  touchDenied: oneTurn('bash-touch-denied', 'Bash touch denied: no file, permission_denials lists it', PROMPTS.touchDenied, () => ({
    behavior: 'deny',
    message: 'Not on this machine.',
  })),
  question: oneTurn('ask-user-question', 'AskUserQuestion: one single-select and one multi-select answer', PROMPTS.question, (_tool, input) => ({
    behavior: 'allow',
    updatedInput: { ...input, answers: { [QUESTIONS[0].question]: 'pnpm', [QUESTIONS[1].question]: 'Linting, Tests' } },
  })),
  plan: oneTurn('plan-mode', 'EnterPlanMode, ExitPlanMode approved', PROMPTS.plan, allow),
  interrupt: {
    id: 'interrupt-slow-stream',
    description: 'interrupt during a slow stream, then a fresh turn',
    async drive(run) {
      run.push(PROMPTS.slow);
      let deltas = 0;
      const head = await run.until((m) => m.type === 'stream_event' && (m as { event?: { type?: string } }).event?.type === 'content_block_delta' && ++deltas === 2);
      await run.query.interrupt();
      const rest = await run.until((m) => m.type === 'result');
      return [...head, ...rest, ...(await run.turn(PROMPTS.first))];
    },
  },
  twoTurns: {
    id: 'two-turns',
    description: 'two prompts in one session',
    async drive(run) {
      return [...(await run.turn(PROMPTS.first)), ...(await run.turn(PROMPTS.second))];
    },
  },
  apiRetry: oneTurn('api-500-retry', 'API 500 once (system/api_retry), then success', PROMPTS.flaky),
  api400: oneTurn('api-400', 'API 400: not retried, result is_error with api_error_status 400', PROMPTS.broken),
} satisfies Record<string, CliCase>;

/** Cases that only make sense with the CLI's `--sdk-url` transport. */
export const SDK_URL_CASES = {
  reconnect: {
    id: 'reconnect-dedupe',
    description: 'the CLI socket drops after a turn; the CLI reconnects, re-sends its frames (dropped by uuid), and a second turn runs',
    async drive(run, backend) {
      const first = await run.turn(PROMPTS.first);
      if (!backend.dropConnection(run.sessionId)) throw new Error('the CLI was not connected after the first turn');
      return [...first, ...(await run.turn(PROMPTS.second))];
    },
  },
} satisfies Record<string, CliCase>;

/** Archives a session over REST, which stops its CLI process. */
export async function archive(server: MockServer, sessionId: string): Promise<void> {
  const response = await fetch(`${server.url}/v1/sessions/${sessionId}/archive`, { method: 'POST' });
  if (!response.ok) throw new Error(`archiving ${sessionId} failed: HTTP ${response.status} ${await response.text()}`);
}

/**
 * Runs one case: a fresh session on `server`, the official client over `transport`, the case's
 * prompts; then archives the session (stopping its CLI) and reports what happened.
 */
export async function runCase(server: MockServer, backend: ClaudeCliBackend, transport: ClientTransport, entry: CliCase, extra: ClientCallbacks = {}): Promise<CaseOutcome> {
  const calls: PermissionCall[] = [];
  const permission = entry.permission;
  const callbacks: ClientCallbacks = {
    canUseTool: async (tool, input, options) => {
      calls.push({ tool, input, toolUseID: options.toolUseID });
      if (permission === undefined) return { behavior: 'deny', message: `case ${entry.id} expected no permission prompt (got ${tool})` };
      return permission(tool, input);
    },
    ...extra,
  };
  const run = await connectClient(server, transport, callbacks);
  try {
    const messages = await entry.drive(run, backend);
    const info = backend.process(run.sessionId);
    const files = info?.cwd === undefined ? [] : readdirSync(info.cwd);
    return { sessionId: run.sessionId, messages, calls, files, process: info };
  } finally {
    run.close();
    await archive(server, run.sessionId);
  }
}
