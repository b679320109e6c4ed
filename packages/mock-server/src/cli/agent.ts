import { readFile } from 'node:fs/promises';
import type { AgentBackend } from '../agent';
import { ClaudeCliConfigError, claudeCliAgent, demoAgent, scriptedAgent, tapeAgent, TapeAgentError } from '../agents';
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
