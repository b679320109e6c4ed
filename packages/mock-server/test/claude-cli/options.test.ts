import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cliArgs, resolveCliOptions } from '../../src/agents/claude-cli/options';
import { SecretScrubber } from '../../src/agents/claude-cli/workspace';
import { ClaudeCliConfigError, claudeCliAgent, defaultClaudeBinary } from '../../src';
import { scenario, text } from '../../src/scenario/index';

const hello = scenario('hello').turn().reply(text('Hi.')).build();

describe('claude-cli options', () => {
  it('refuses an unknown backend or transport and bad numbers, saying which option', () => {
    expect(() => claudeCliAgent({ modelBackend: 'openai' as never })).toThrow(new ClaudeCliConfigError(`claudeCliAgent: modelBackend must be 'fake' or 'anthropic', got "openai".`));
    expect(() => claudeCliAgent({ transport: 'pipe' as never })).toThrow(/transport must be 'stdio' or 'sdk-url', got "pipe"/);
    expect(() => claudeCliAgent({ scenarios: [hello], maxRetries: -1 })).toThrow(/maxRetries must be a non-negative integer, got -1/);
    expect(() => claudeCliAgent({ scenarios: [hello], stopGraceMs: Number.NaN })).toThrow(/stopGraceMs/);
    expect(() => claudeCliAgent({ scenarios: [{ name: 'x', turns: [] }] })).toThrow(/claudeCliAgent scenarios\[0\]/);
  });

  it('is offline unless told otherwise: the fake model plays the given scenarios, else the demo ones with a list of known prompts for the rest', () => {
    expect(resolveCliOptions({ scenarios: [hello] })).toMatchObject({ modelBackend: 'fake', scenarios: [hello] });
    const demo = resolveCliOptions({});
    expect(demo.modelBackend).toBe('fake');
    expect(demo.scenarios.map((s) => s.name)).toEqual(expect.arrayContaining(['hello', 'bash', 'plan', 'slow']));
    expect(JSON.stringify(demo.fakeModel?.fallback?.('what is this'))).toContain('Prompts it knows');
    expect(resolveCliOptions({ modelBackend: 'anthropic' })).toMatchObject({ modelBackend: 'anthropic', scenarios: [] });
    expect(claudeCliAgent({ scenarios: [hello] }).name).toBe('claude-cli');
  });

  it('builds the stream-json command line from the session settings, falling back to the options', () => {
    const options = resolveCliOptions({ scenarios: [hello], model: 'opus', permissionMode: 'plan', extraArgs: ['--max-turns', '3'] });
    expect(cliArgs(options, { model: 'sonnet' }, {})).toEqual([
      '-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose', '--permission-prompt-tool', 'stdio',
      '--include-partial-messages', '--model', 'sonnet', '--permission-mode', 'plan', '--max-turns', '3',
    ]);
    const quiet = resolveCliOptions({ scenarios: [hello], partialMessages: false });
    expect(cliArgs(quiet, { permissionMode: 'acceptEdits' }, { resume: 'abc', sdkUrl: 'ws://127.0.0.1:1/x' })).toEqual([
      '-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose', '--permission-prompt-tool', 'stdio',
      '--permission-mode', 'acceptEdits', '--resume', 'abc', '--sdk-url', 'ws://127.0.0.1:1/x',
    ]);
  });

  it('finds the installed CLIs: the current one for stdio, 2.1.120 for --sdk-url', { timeout: 30_000 }, () => {
    expect(execFileSync(defaultClaudeBinary('stdio'), ['--version'], { encoding: 'utf8' })).toMatch(/^2\.1\.337 /);
    expect(execFileSync(defaultClaudeBinary('sdk-url'), ['--version'], { encoding: 'utf8' })).toMatch(/^2\.1\.120 /);
  });

  it('scrubs the values of secret-looking variables and nothing else', () => {
    const scrubber = new SecretScrubber({ ANTHROPIC_API_KEY: 'sk-ant-123456', CLAUDE_CODE_SESSION_ACCESS_TOKEN: 'tok-abcdef', PATH: '/usr/bin', SHORT_KEY: 'abc' });
    expect(scrubber.size).toBe(2);
    expect(scrubber.scrub('key=sk-ant-123456 token tok-abcdef twice sk-ant-123456 in /usr/bin abc')).toBe('key=[redacted] token [redacted] twice [redacted] in /usr/bin abc');
  });
});
