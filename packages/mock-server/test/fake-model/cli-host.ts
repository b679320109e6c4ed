import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fakeModelCliEnv } from '../../src/fake-model/index';

const CLI = resolve(import.meta.dirname, '../../node_modules/@anthropic-ai/claude-code/bin/claude.exe');

/** The parts of a stream-json frame the host looks at; everything else is kept as is. */
export interface Frame {
  type?: string;
  subtype?: string;
  request_id?: string;
  request?: { subtype?: string; tool_name?: string; tool_use_id?: string; input?: Record<string, unknown> };
  response?: { subtype?: string; request_id?: string };
  result?: string;
  [key: string]: unknown;
}

/** How the host answers a `can_use_tool` request. */
export type PermissionAnswer = (request: NonNullable<Frame['request']>) => Record<string, unknown>;

/** The real Claude Code CLI 2.1.197 over stdio, pointed at a fake model, in a temp HOME and cwd. */
export interface CliHost {
  readonly cwd: string;
  /** Every frame the CLI printed so far. */
  readonly frames: readonly Frame[];
  /** Sends a prompt and resolves with the turn's `result` frame. */
  turn(text: string): Promise<Frame>;
  /** Kills the CLI and removes its directories. */
  close(): Promise<void>;
}

/** Allows every call with its own input. */
export const allowAll: PermissionAnswer = (request) => ({
  behavior: 'allow',
  updatedInput: request.input,
  toolUseID: request.tool_use_id,
});

/** Starts the CLI against `baseUrl`; `answer` decides each permission prompt. */
export async function startCli(baseUrl: string, answer: PermissionAnswer = allowAll): Promise<CliHost> {
  const home = await mkdtemp(join(tmpdir(), 'ccr-e2e-home-'));
  const cwd = await mkdtemp(join(tmpdir(), 'ccr-e2e-cwd-'));
  const args = [
    '-p',
    '--input-format',
    'stream-json',
    '--output-format',
    'stream-json',
    '--verbose',
    '--permission-prompt-tool',
    'stdio',
  ];
  const child: ChildProcess = spawn(CLI, args, {
    cwd,
    env: fakeModelCliEnv({ baseUrl, home, maxRetries: 0 }),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  // A CLI that dies closes its stdin; the exit handler below reports that, so EPIPE is not re-thrown.
  child.stdin!.on('error', () => undefined);
  const send = (frame: Record<string, unknown>): void => {
    if (child.stdin!.writable) child.stdin!.write(`${JSON.stringify(frame)}\n`);
  };
  const frames: Frame[] = [];
  let waiter: { resolve: (frame: Frame) => void; reject: (error: Error) => void } | undefined;
  child.once('exit', (code) => {
    waiter?.reject(
      new Error(
        `the CLI exited (code ${code}) before a result; frames: ${frames.map((f) => f.type).join(', ')}`,
      ),
    );
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const frame = JSON.parse(line) as Frame;
    frames.push(frame);
    if (frame.type === 'control_request' && frame.request?.subtype === 'can_use_tool') {
      send({
        type: 'control_response',
        response: { subtype: 'success', request_id: frame.request_id, response: answer(frame.request) },
      });
    }
    if (frame.type === 'result') waiter?.resolve(frame);
  });
  return {
    cwd,
    frames,
    turn(text) {
      const result = new Promise<Frame>((resolveResult, reject) => {
        waiter = { resolve: resolveResult, reject };
      });
      send({
        type: 'user',
        session_id: '',
        message: { role: 'user', content: [{ type: 'text', text }] },
        parent_tool_use_id: null,
      });
      return result;
    },
    async close() {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
      for (const dir of [home, cwd]) await rm(dir, { recursive: true, force: true });
    },
  };
}
