/**
 * Records the flows the shared CLI corpus lacks (updatedPermissions, interrupt with a pending
 * prompt, hooks, MCP forwarding) from the real Claude Code CLI, fully offline: the CLI talks to the
 * mock server's fake Messages API and this script plays the host on its stdin/stdout.
 *
 * Writes `corpus/recordings/cli-<version>/<id>.{stdin,stdout}.ndjson` and a README with one note
 * per case; `corpus:record` records them (with the rest of the corpus) and turns them into tapes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createFakeModelServer, fakeModelCliEnv } from '@ccr-kit/mock-server';

type Json = Record<string, unknown>;

/** The parts of a stream-json frame the host looks at. */
interface Frame {
  type?: string;
  request_id?: string;
  request?: { subtype?: string; tool_use_id?: string; input?: Json; message?: JsonRpc };
  [key: string]: unknown;
}

/** A control request of the CLI. */
type ControlFrame = Frame & { request_id: string; request: NonNullable<Frame['request']> };

/** A JSON-RPC message carried by mcp_message. */
interface JsonRpc {
  id?: number | string;
  method?: string;
  params?: { protocolVersion?: string };
}
type Scenario = Parameters<typeof createFakeModelServer>[0]['scenarios'][number];

const HERE = dirname(fileURLToPath(import.meta.url));
const CLI = resolve(HERE, '../node_modules/@anthropic-ai/claude-code/bin/claude.exe');
const WAIT_MS = 45_000;

/** The host side of one CLI process. */
class Host {
  readonly stdin: string[] = [];
  readonly stdout: string[] = [];
  readonly #frames: Frame[] = [];
  #cursor = 0;
  #wake: (() => void) | undefined;
  #exited = false;
  readonly exit: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.stdout.push(line);
      this.#frames.push(JSON.parse(line) as Frame);
      this.#wake?.();
    });
    this.exit = new Promise((done) => child.once('exit', (code) => done(code)));
    void this.exit.then(() => {
      this.#exited = true;
      this.#wake?.();
    });
  }

  send(frame: Json): void {
    const line = JSON.stringify(frame);
    this.stdin.push(line);
    this.child.stdin!.write(`${line}\n`);
  }

  prompt(text: string): void {
    this.send({ type: 'user', session_id: '', message: { role: 'user', content: [{ type: 'text', text }] }, parent_tool_use_id: null });
  }

  reply(requestId: string, response: Json): void {
    this.send({ type: 'control_response', response: { subtype: 'success', request_id: requestId, response } });
  }

  async next(what: string, predicate: (frame: Frame) => boolean): Promise<Frame> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      while (this.#cursor < this.#frames.length) {
        const frame = this.#frames[this.#cursor++]!;
        if (predicate(frame)) return frame;
      }
      if (this.#exited) throw new Error(`the CLI exited while waiting for ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, 500);
        this.#wake = () => {
          clearTimeout(timer);
          wake();
        };
      });
    }
  }

  async request(subtype: string): Promise<ControlFrame> {
    return (await this.next(`control_request ${subtype}`, (f) => f.type === 'control_request' && f.request?.subtype === subtype)) as ControlFrame;
  }

  result(): Promise<Frame> {
    return this.next('result', (f) => f.type === 'result');
  }
}

interface FlowCase {
  readonly id: string;
  readonly note: string;
  readonly scenario: Scenario;
  drive(host: Host): Promise<void>;
}

const MCP_TOOL = { name: 'add_note', description: 'Saves a note.', inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] } };

/** The in-process `notes` MCP server's answer to one JSON-RPC message (notifications get the SDKs' ack). */
function notesAnswer(message: JsonRpc): Json {
  if (message.id === undefined) return { jsonrpc: '2.0', result: {}, id: 0 };
  const results: Record<string, Json> = {
    initialize: { protocolVersion: message.params?.protocolVersion ?? '2025-06-18', capabilities: { tools: {} }, serverInfo: { name: 'notes', version: '1.0.0' } },
    'tools/list': { tools: [MCP_TOOL] },
    'tools/call': { content: [{ type: 'text', text: 'Saved the note.' }] },
  };
  return { jsonrpc: '2.0', id: message.id, result: results[message.method ?? ''] ?? {} };
}

const CASES: readonly FlowCase[] = [
  {
    id: '15-permission-updates',
    note: 'allow with updatedInput and updatedPermissions (addRules Bash(touch:*) to session): the first touch runs renamed, the second runs without a prompt',
    scenario: { name: 'permission-updates', turns: [{ responses: [{ blocks: [{ type: 'tool_use', name: 'Bash', input: { command: 'touch first.txt', description: 'Create first.txt' } }] }, { blocks: [{ type: 'tool_use', name: 'Bash', input: { command: 'touch second.txt', description: 'Create second.txt' } }] }, { blocks: [{ type: 'text', text: 'Both files exist.' }] }] }] },
    async drive(host) {
      host.prompt('Create two files');
      const asked = await host.request('can_use_tool');
      host.reply(asked.request_id, {
        behavior: 'allow',
        updatedInput: { command: 'touch first-renamed-by-host.txt', description: 'Create first.txt' },
        updatedPermissions: [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 'touch:*' }], behavior: 'allow', destination: 'session' }],
        toolUseID: asked.request.tool_use_id,
      });
      await host.result();
    },
  },
  {
    id: '16-interrupt-pending-prompt',
    note: 'interrupt while can_use_tool is pending: control_cancel_request for the prompt before the interrupt answer, result/error_during_execution with aborted_tools',
    scenario: { name: 'interrupt-pending', turns: [{ responses: [{ blocks: [{ type: 'tool_use', name: 'Bash', input: { command: 'touch later.txt', description: 'Create later.txt' } }] }, { blocks: [{ type: 'text', text: 'Not reached.' }] }] }] },
    async drive(host) {
      host.prompt('Create later.txt');
      await host.request('can_use_tool');
      host.send({ type: 'control_request', request_id: 'host-req-1', request: { subtype: 'interrupt' } });
      await host.result();
    },
  },
  {
    id: '17-hooks-pre-tool-use',
    note: 'initialize registers a PreToolUse hook (hook_0, matcher Bash); the CLI calls it back with hook_callback and its permissionDecision allow skips can_use_tool',
    scenario: { name: 'hooks', turns: [{ responses: [{ blocks: [{ type: 'tool_use', name: 'Bash', input: { command: 'touch hooked.txt', description: 'Create hooked.txt' } }] }, { blocks: [{ type: 'text', text: 'The hook allowed it.' }] }] }] },
    async drive(host) {
      host.send({ type: 'control_request', request_id: 'host-req-1', request: { subtype: 'initialize', hooks: { PreToolUse: [{ matcher: 'Bash', hookCallbackIds: ['hook_0'] }] } } });
      await host.next('initialize answer', (f) => f.type === 'control_response');
      host.prompt('Create hooked.txt');
      const hook = await host.request('hook_callback');
      host.reply(hook.request_id, { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'allowed by the host hook' } });
      await host.result();
    },
  },
  {
    id: '18-mcp-forwarding',
    note: 'initialize declares the in-process MCP server "notes"; the CLI speaks JSON-RPC to it through mcp_message (initialize, notifications/initialized, tools/list, tools/call) and asks can_use_tool for the MCP tool',
    scenario: { name: 'mcp', turns: [{ responses: [{ blocks: [{ type: 'tool_use', name: 'mcp__notes__add_note', input: { text: 'buy milk' } }] }, { blocks: [{ type: 'text', text: 'Noted.' }] }] }] },
    async drive(host) {
      host.send({ type: 'control_request', request_id: 'host-req-1', request: { subtype: 'initialize', sdkMcpServers: ['notes'] } });
      await host.next('initialize answer', (f) => f.type === 'control_response');
      host.prompt('Add a note: buy milk');
      for (;;) {
        const frame = await host.next('mcp_message, can_use_tool or result', (f) => f.type === 'result' || f.type === 'control_request');
        if (frame.type === 'result') return;
        const control = frame as ControlFrame;
        if (control.request.subtype === 'mcp_message') host.reply(control.request_id, { mcp_response: notesAnswer(control.request.message ?? {}) });
        else if (control.request.subtype === 'can_use_tool') host.reply(control.request_id, { behavior: 'allow', updatedInput: control.request.input, toolUseID: control.request.tool_use_id });
      }
    },
  },
];

async function record(entry: FlowCase, outDir: string): Promise<void> {
  const model = await createFakeModelServer({ scenarios: [entry.scenario] });
  const home = await mkdtemp(join(tmpdir(), 'ccr-flows-home-'));
  const cwd = await mkdtemp(join(tmpdir(), 'ccr-flows-cwd-'));
  const args = ['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose', '--permission-prompt-tool', 'stdio'];
  const child = spawn(CLI, args, { cwd, env: fakeModelCliEnv({ baseUrl: model.url, home, maxRetries: 1 }), stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const host = new Host(child);
  try {
    await entry.drive(host);
    child.stdin.end();
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await host.exit;
    clearTimeout(killer);
    await writeFile(join(outDir, `${entry.id}.stdin.ndjson`), host.stdin.map((l) => `${l}\n`).join(''));
    await writeFile(join(outDir, `${entry.id}.stdout.ndjson`), host.stdout.map((l) => `${l}\n`).join(''));
  } catch (error) {
    throw new Error(`${entry.id}: ${(error as Error).message}\n--- stderr ---\n${stderr.slice(-1500)}`, { cause: error });
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await model.close();
    await rm(home, { recursive: true, force: true });
    await rm(cwd, { recursive: true, force: true });
  }
}

/** Records every case (or those whose id contains `filter`) into `outRoot/cli-<version>/`. */
export async function recordFlows(outRoot: string, filter?: string): Promise<number> {
  const version = await new Promise<string>((done, fail) => {
    const probe = spawn(CLI, ['--version']);
    let text = '';
    probe.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
    probe.once('error', fail);
    probe.once('exit', () => done(/\d+\.\d+\.\d+/.exec(text)?.[0] ?? 'unknown'));
  });
  const outDir = join(outRoot, `cli-${version}`);
  await mkdir(outDir, { recursive: true });
  let failed = 0;
  for (const entry of CASES.filter((c) => filter === undefined || c.id.includes(filter))) {
    try {
      await record(entry, outDir);
      console.log(`recorded ${entry.id} (claude-code ${version})`);
    } catch (error) {
      failed++;
      console.error(`FAILED ${(error as Error).message}`);
    }
  }
  const readme = [`# Claude Code CLI ${version}: extra flows`, '', 'Recorded offline by `scripts/record-flows.ts` (real CLI, fake Messages API).', '', ...CASES.map((c) => `- \`${c.id}\`: ${c.note}.`), ''];
  await writeFile(join(outDir, 'README.md'), readme.join('\n'));
  return failed;
}
