import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { AgentBackend } from '../agent';
import { ClaudeCliConfigError, claudeCliAgent, demoAgent, scriptedAgent, tapeAgent, TapeAgentError, type ClaudeCliBackend } from '../agents';
import { loadScenarioFile } from '../scenario';
import { CliUsageError, type CliOptions } from './args';

/**
 * Builds the agent the command line asks for.
 * @throws {ScenarioError} when a scenario file is unreadable or invalid (the message names the file and path).
 * @throws {CliUsageError} when the agent cannot be built from the given options.
 */
export async function agentFromCli(options: CliOptions): Promise<AgentBackend> {
  const seed = options.seed === undefined ? {} : { seed: options.seed };
  switch (options.agent) {
    case 'demo':
      return demoAgent(seed);
    case 'scripted': {
      const scenarios = await Promise.all(options.scenarios.map((file) => loadScenarioFile(file)));
      return scriptedAgent({ scenarios, ...seed });
    }
    case 'claude-cli': {
      const scenarios = await Promise.all(options.scenarios.map((file) => loadScenarioFile(file)));
      try {
        return claudeCliAgent({ scenarios, modelBackend: options.modelBackend, claudeBin: options.claudeBin, transport: options.cliTransport, workspaceRoot: options.workspaceRoot });
      } catch (error) {
        if (error instanceof ClaudeCliConfigError) throw new CliUsageError(error.message);
        throw error;
      }
    }
    case 'tape': {
      const file = options.tape!;
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliUsageError(`--tape ${file}: cannot read the file (${(error as Error).message}).`);
      }
      try {
        return tapeAgent({ tape: text, source: file });
      } catch (error) {
        if (error instanceof TapeAgentError) throw new CliUsageError(error.message);
        throw error;
      }
    }
  }
}

/** The version a `claude` binary reports, or a note that it could not be run. */
function cliVersion(bin: string): string {
  try {
    return /\d+\.\d+\.\d+/.exec(execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 15_000 }))?.[0] ?? 'of unknown version';
  } catch {
    return `(${bin} does not run: install @anthropic-ai/claude-code or pass --claude-bin)`;
  }
}

/** The banner's last line for an agent: what it is and what to say to it. */
export function agentHint(options: CliOptions, agent: AgentBackend): string | undefined {
  switch (options.agent) {
    case 'claude-cli': {
      const backend = agent as ClaudeCliBackend;
      const model =
        options.modelBackend === 'anthropic'
          ? 'the real Anthropic API (this shell\'s ANTHROPIC_API_KEY or login)'
          : options.scenarios.length > 0
            ? `a fake Messages API playing ${options.scenarios.join(', ')}, offline`
            : 'a fake Messages API playing the demo scenarios, offline (no key, no network); say "help" for the prompts it knows';
      return `Agent: the real Claude Code CLI ${cliVersion(backend.claudeBin)}, one process per session, its model ${model}.`;
    }
    case 'scripted':
      return `Agent: the scripted agent playing ${options.scenarios.join(', ')}; a prompt none of them matches lists the ones they know.`;
    case 'tape':
      return `Agent: a replay of ${options.tape}; send what the recorded client sent.`;
    default:
      return undefined;
  }
}
