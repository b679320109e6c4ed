import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFromCli } from '../../src/cli/agent';
import { parseCliArgs } from '../../src/cli/args';
import { DEFAULT_FAKE_MODEL_PORT, parseFakeModelArgs, startFakeModelFromCli } from '../../src/cli/fake-model';
import { scenario, text } from '../../src/scenario/index';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccr-cli-args-'));
  file = join(dir, 'hello.json');
  await writeFile(file, JSON.stringify(scenario('hello').turn('hi').reply(text('Hello from the fake model.')).build()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const prompt = { model: 'claude-fake', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] };

describe('ccr-mock --agent claude-cli', () => {
  it('parses the claude-cli options; the model backend defaults to fake with scenarios and anthropic without', async () => {
    expect(parseCliArgs(['--agent', 'claude-cli', '--scenario', file, '--claude-bin', '/opt/claude', '--cli-transport', 'sdk-url'])).toMatchObject({
      agent: 'claude-cli',
      scenarios: [file],
      claudeBin: '/opt/claude',
      modelBackend: 'fake',
      cliTransport: 'sdk-url',
    });
    // Offline by default: the fake model, playing the demo scenarios when no --scenario is given.
    expect(parseCliArgs(['--agent', 'claude-cli'])).toMatchObject({ modelBackend: 'fake', scenarios: [], cliTransport: undefined });
    expect(parseCliArgs(['--agent', 'claude-cli', '--model-backend', 'fake'])).toMatchObject({ modelBackend: 'fake', scenarios: [] });
    expect(parseCliArgs(['--agent', 'claude-cli', '--model-backend', 'anthropic'])).toMatchObject({ modelBackend: 'anthropic' });
    const agent = await agentFromCli(parseCliArgs(['--agent', 'claude-cli', '--scenario', file, '--claude-bin', '/opt/claude']));
    expect(agent).toMatchObject({ name: 'claude-cli', claudeBin: '/opt/claude' });
  });

  it('refuses contradictory or misspelt options, naming the option', () => {
    expect(() => parseCliArgs(['--agent', 'claude-cli', '--model-backend', 'openai'])).toThrow(/--model-backend must be fake or anthropic, got "openai"/);
    expect(() => parseCliArgs(['--agent', 'claude-cli', '--cli-transport', 'pipe'])).toThrow(/--cli-transport must be stdio or sdk-url, got "pipe"/);
    expect(() => parseCliArgs(['--claude-bin', '/opt/claude'])).toThrow('--claude-bin only applies to --agent claude-cli (the agent is demo).');
  });
});

describe('ccr-mock fake-model', () => {
  it('parses its options and needs a scenario', () => {
    expect(parseFakeModelArgs(['--scenario', file])).toEqual({ scenarios: [file], port: DEFAULT_FAKE_MODEL_PORT, host: '127.0.0.1', seed: undefined, help: false });
    expect(() => parseFakeModelArgs([])).toThrow('fake-model needs at least one --scenario FILE to play.');
    expect(() => parseFakeModelArgs(['--scenario', file, '--port', 'x'])).toThrow(/--port must be a whole number/);
    expect(() => parseFakeModelArgs(['--scenarios', file])).toThrow(/^fake-model: Unknown option '--scenarios'/);
  });

  it('serves the scenario files as Messages API answers', async () => {
    const { server, scenarioNames } = await startFakeModelFromCli(parseFakeModelArgs(['--scenario', file, '--port', '0']));
    try {
      expect(scenarioNames).toEqual(['hello']);
      const response = await fetch(`${server.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(prompt) });
      expect(await response.json()).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'text', text: 'Hello from the fake model.' }] });
    } finally {
      await server.close();
    }
  });

  it('runs as a subcommand of the ccr-mock command and stops on SIGTERM', { timeout: 60_000 }, async () => {
    const packageDir = resolve(import.meta.dirname, '../..');
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=@ccr-kit/source', 'src/cli.ts', 'fake-model', '--scenario', file, '--port', '0'], { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    try {
      const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
      const first = String((await lines.next()).value);
      expect(stderr).toBe('');
      const url = /listening on (http:\/\/\S+)/.exec(first)?.[1];
      expect(first).toContain('(scenarios: hello)');
      const response = await fetch(`${url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(prompt) });
      expect(response.status).toBe(200);
      const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
