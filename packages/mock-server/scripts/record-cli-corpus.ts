/**
 * Records a corpus of real Claude Code CLI stream-json traffic, fully offline.
 *
 * For each case below it starts the fake Messages API with the case's scenario, runs the real CLI
 * (2.1.197, over stdio) in a fresh temp HOME and working directory, drives it as a host would
 * (prompts, permission answers, interrupts, control requests) and writes
 * `packages/protocol-types/test/corpus/cli-2.1.197/<NN-name>.{stdin,stdout}.ndjson` plus a README.
 * The fake model's answers for each case are in `scenarios/<NN-name>.json` in that folder.
 *
 * Run from the repo root:
 *   pnpm exec tsx --conditions=@ccr-kit/source packages/mock-server/scripts/record-cli-corpus.ts [name-filter]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createFakeModelServer, fakeModelCliEnv, type RecordedRequest } from '../src/fake-model/index';
import { loadScenarioFile, type Scenario } from '../src/scenario/index';

const CLI_VERSION = '2.1.197';
const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(HERE, '../node_modules/@anthropic-ai/claude-code/bin/claude.exe');
const OUT_DIR = resolve(HERE, `../../protocol-types/test/corpus/cli-${CLI_VERSION}`);
const SCENARIO_DIR = join(OUT_DIR, 'scenarios');
const CASE_TIMEOUT_MS = 90_000;
const WAIT_TIMEOUT_MS = 45_000;

/** The parts of a stream-json frame the host looks at; everything else is kept as is. */
interface Frame {
  type?: string;
  subtype?: string;
  request_id?: string;
  request?: { subtype?: string; tool_name?: string; tool_use_id?: string; input?: Record<string, unknown> };
  response?: { subtype?: string; request_id?: string };
  event?: { type?: string; delta?: { type?: string } };
  [key: string]: unknown;
}

/** A `can_use_tool` request, reduced to what an answer needs. */
interface PermissionPrompt {
  readonly requestId: string;
  readonly toolUseId: string;
  readonly input: Record<string, unknown>;
}

/** A running CLI plus the host side of its stdio. */
class Host {
  readonly stdinLines: string[] = [];
  readonly stdoutLines: string[] = [];
  readonly frames: Frame[] = [];
  readonly workdir: string;
  #cursor = 0;
  #waiters: (() => void)[] = [];
  #exit: Promise<number | null>;
  #requestCounter = 0;

  constructor(
    readonly child: ChildProcess,
    workdir: string,
  ) {
    this.workdir = workdir;
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      this.stdoutLines.push(line);
      try {
        this.frames.push(JSON.parse(line) as Frame);
      } catch {
        this.frames.push({ type: '(not json)', line });
      }
      for (const wake of this.#waiters.splice(0)) wake();
    });
    this.#exit = new Promise((done) => child.once('exit', (code) => done(code)));
    void this.#exit.then(() => {
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  /** Writes one frame to the CLI's stdin. */
  send(frame: Record<string, unknown>): void {
    const line = JSON.stringify(frame);
    this.stdinLines.push(line);
    this.child.stdin!.write(`${line}\n`);
  }

  /** Sends a user prompt the way the Agent SDK does. */
  prompt(value: string): void {
    this.send({
      type: 'user',
      session_id: '',
      message: { role: 'user', content: [{ type: 'text', text: value }] },
      parent_tool_use_id: null,
    });
  }

  /** Sends a control request with a deterministic id and returns the id. */
  control(request: Record<string, unknown>): string {
    const id = `host-req-${++this.#requestCounter}`;
    this.send({ type: 'control_request', request_id: id, request });
    return id;
  }

  /** Answers a CLI control request with a success payload. */
  reply(requestId: string, response: Record<string, unknown>): void {
    this.send({
      type: 'control_response',
      response: { subtype: 'success', request_id: requestId, response },
    });
  }

  /** Waits for the next stdout frame (after earlier matches) that satisfies `predicate`. */
  async next(
    what: string,
    predicate: (frame: Frame) => boolean,
    timeoutMs = WAIT_TIMEOUT_MS,
  ): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.#exit.then(() => (exited = true));
    for (;;) {
      while (this.#cursor < this.frames.length) {
        const frame = this.frames[this.#cursor++]!;
        if (predicate(frame)) return frame;
      }
      if (exited) throw new Error(`the CLI exited while the host waited for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          wake();
        });
      });
    }
  }

  /** Waits for a `can_use_tool` request for `tool`. */
  async permission(tool: string): Promise<PermissionPrompt> {
    const frame = await this.next(
      `can_use_tool for ${tool}`,
      (f) =>
        f.type === 'control_request' && f.request?.subtype === 'can_use_tool' && f.request.tool_name === tool,
    );
    return {
      requestId: frame.request_id ?? '',
      toolUseId: frame.request?.tool_use_id ?? '',
      input: frame.request?.input ?? {},
    };
  }

  /** Waits for the control_response to one of the host's requests. */
  response(requestId: string): Promise<Frame> {
    return this.next(
      `control_response to ${requestId}`,
      (f) => f.type === 'control_response' && f.response?.request_id === requestId,
    );
  }

  /** Waits for the turn's `result` frame. */
  result(): Promise<Frame> {
    return this.next('result', (f) => f.type === 'result');
  }

  /** Closes stdin and waits for the CLI to exit; returns its exit code. */
  async finish(timeoutMs = 20_000): Promise<number | null> {
    this.child.stdin!.end();
    const timer = setTimeout(() => killTree(this.child), timeoutMs);
    const code = await this.#exit;
    clearTimeout(timer);
    return code;
  }
}

const running = new Set<ChildProcess>();

function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

process.on('exit', () => {
  for (const child of running) killTree(child);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => process.exit(130));
}

/** How to drive the CLI for one corpus case; the fake model plays `scenarios/<id>.json`. */
interface CorpusCase {
  readonly id: string;
  readonly args?: readonly string[];
  readonly maxRetries?: number;
  drive(host: Host): Promise<void>;
}

const allow = (prompt: PermissionPrompt): Record<string, unknown> => ({
  behavior: 'allow',
  updatedInput: prompt.input,
  toolUseID: prompt.toolUseId,
});

/** A case that sends one prompt and waits for the turn's result. */
const oneTurn = (id: string, prompt: string, options: Omit<CorpusCase, 'id' | 'drive'> = {}): CorpusCase => ({
  id,
  ...options,
  async drive(host) {
    host.prompt(prompt);
    await host.result();
  },
});

const CASES: readonly CorpusCase[] = [
  oneTurn('01-plain-text', 'Say hello'),
  oneTurn('02-thinking-partial', 'Is 7 prime?', { args: ['--include-partial-messages'] }),
  {
    id: '03-bash-touch-allowed',
    async drive(host) {
      host.prompt('Create created.txt');
      const request = await host.permission('Bash');
      host.reply(request.requestId, allow(request));
      await host.result();
      if (!existsSync(join(host.workdir, 'created.txt')))
        throw new Error('the allowed touch did not create created.txt');
    },
  },
  {
    id: '04-bash-touch-denied',
    async drive(host) {
      host.prompt('Create denied.txt');
      const request = await host.permission('Bash');
      host.reply(request.requestId, {
        behavior: 'deny',
        message: 'The host said no.',
        toolUseID: request.toolUseId,
      });
      await host.result();
    },
  },
  {
    id: '05-deny-interrupt',
    async drive(host) {
      host.prompt('Create never.txt');
      const request = await host.permission('Bash');
      host.reply(request.requestId, {
        behavior: 'deny',
        message: 'Stop here.',
        interrupt: true,
        toolUseID: request.toolUseId,
      });
      await host.result();
    },
  },
  {
    id: '06-ask-user-question',
    async drive(host) {
      host.prompt('Set up the project');
      const request = await host.permission('AskUserQuestion');
      const answers = {
        'Which package manager should we use?': 'pnpm',
        'Which checks should CI run?': 'Linting, Tests',
      };
      host.reply(request.requestId, {
        behavior: 'allow',
        updatedInput: { ...request.input, answers },
        toolUseID: request.toolUseId,
      });
      await host.result();
    },
  },
  {
    id: '07-plan-mode',
    async drive(host) {
      host.prompt('Plan how to add notes.txt');
      const request = await host.permission('ExitPlanMode');
      host.reply(request.requestId, allow(request));
      await host.result();
    },
  },
  {
    id: '08-interrupt-slow-stream',
    args: ['--include-partial-messages'],
    async drive(host) {
      host.prompt('Tell me a long story');
      await host.next(
        'the first text_delta',
        (f) => f.type === 'stream_event' && f.event?.delta?.type === 'text_delta',
      );
      await host.response(host.control({ subtype: 'interrupt' }));
      await host.result();
    },
  },
  {
    id: '09-two-turns',
    async drive(host) {
      host.prompt('Here is the first question');
      await host.result();
      host.prompt('Here is the second question');
      await host.result();
    },
  },
  oneTurn('10-api-500-retry', 'Try this', { maxRetries: 2 }),
  oneTurn('11-api-400', 'Break please'),
  {
    id: '12-control-requests',
    async drive(host) {
      await host.response(host.control({ subtype: 'initialize' }));
      host.prompt('Are you ready?');
      await host.result();
      await host.response(host.control({ subtype: 'set_model', model: 'sonnet' }));
      await host.response(host.control({ subtype: 'set_permission_mode', mode: 'acceptEdits' }));
      await host.response(host.control({ subtype: 'mcp_status' }));
    },
  },
  oneTurn('13-mid-stream-error', 'Go', { maxRetries: 2 }),
  oneTurn('14-api-429-retry-after', 'Hurry up', { maxRetries: 2 }),
];

async function record(
  entry: CorpusCase,
  played: Scenario,
): Promise<{ exitCode: number | null; requests: readonly RecordedRequest[] }> {
  const server = await createFakeModelServer({ scenarios: [played] });
  const home = await mkdtemp(join(tmpdir(), 'ccr-corpus-home-'));
  const workdir = await mkdtemp(join(tmpdir(), 'ccr-corpus-cwd-'));
  const args = [
    '-p',
    '--input-format',
    'stream-json',
    '--output-format',
    'stream-json',
    '--verbose',
    '--permission-prompt-tool',
    'stdio',
    ...(entry.args ?? []),
  ];
  const child = spawn(CLI, args, {
    cwd: workdir,
    env: fakeModelCliEnv({ baseUrl: server.url, home, maxRetries: entry.maxRetries }),
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const host = new Host(child, workdir);
  const timer = setTimeout(() => killTree(child), CASE_TIMEOUT_MS);
  try {
    await entry.drive(host);
    const exitCode = await host.finish();
    await writeFile(join(OUT_DIR, `${entry.id}.stdin.ndjson`), host.stdinLines.map((l) => `${l}\n`).join(''));
    await writeFile(
      join(OUT_DIR, `${entry.id}.stdout.ndjson`),
      host.stdoutLines.map((l) => `${l}\n`).join(''),
    );
    return { exitCode, requests: server.requests };
  } catch (error) {
    throw new Error(
      `${entry.id}: ${(error as Error).message}\n--- stderr ---\n${stderr.slice(-2000)}\n--- last stdout ---\n${host.stdoutLines.slice(-5).join('\n').slice(-3000)}`,
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
    killTree(child);
    running.delete(child);
    await server.close();
    await rm(home, { recursive: true, force: true });
    await rm(workdir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const version = execFileSync(CLI, ['--version'], { encoding: 'utf8' }).trim();
  if (!version.startsWith(CLI_VERSION))
    throw new Error(`expected Claude Code ${CLI_VERSION} at ${CLI}, found "${version}"`);
  await mkdir(OUT_DIR, { recursive: true });
  const filter = process.argv[2];
  const selected = CASES.filter((c) => filter === undefined || c.id.includes(filter));
  const scenarios = new Map<string, Scenario>();
  for (const entry of CASES) {
    scenarios.set(entry.id, await loadScenarioFile(join(SCENARIO_DIR, `${entry.id}.json`)));
  }
  let failed = 0;
  for (const entry of selected) {
    try {
      const { exitCode, requests } = await record(entry, scenarios.get(entry.id)!);
      const calls = requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`).join(', ');
      console.log(`ok   ${entry.id} (exit ${exitCode}; ${calls})`);
    } catch (error) {
      failed++;
      console.error(`FAIL ${(error as Error).message}`);
    }
  }
  const readme = [
    `# Claude Code CLI ${CLI_VERSION} stream-json corpus`,
    '',
    'Recorded offline against the fake Messages API by `packages/mock-server/scripts/record-cli-corpus.ts`.',
    'Each case has `<id>.stdin.ndjson` (what the host wrote), `<id>.stdout.ndjson` (exactly what the CLI printed)',
    'and `scenarios/<id>.json` (what the fake model answered; edit it there, then re-record).',
    'Temp HOME/cwd paths, session ids, uuids and the pid are kept as recorded; there are no secrets offline.',
    '',
    ...CASES.map((c) => `- \`${c.id}\`: ${scenarios.get(c.id)?.description ?? ''}.`),
    '',
  ].join('\n');
  await writeFile(join(OUT_DIR, 'README.md'), readme);
  if (failed > 0) {
    console.error(`${failed} case(s) failed`);
    process.exitCode = 1;
  }
}

await main();
