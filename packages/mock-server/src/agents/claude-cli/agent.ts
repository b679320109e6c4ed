import type { AgentBackend, AgentContext } from '../../agent';
import { parseScenario } from '../../scenario/parse';
import { resolveCliOptions, type ClaudeCliAgentOptions } from './options';
import type { ClaudeCliProcessInfo } from './info';
import { ClaudeCliSession } from './session';

/** The `claude-cli` backend: an {@link AgentBackend} plus a view of the CLI processes it runs. */
export interface ClaudeCliBackend extends AgentBackend {
  /** The `claude` executable it starts. */
  readonly claudeBin: string;
  /** One entry per session that has not stopped, in attach order. */
  processes(): ClaudeCliProcessInfo[];
  /** The entry of one session, if it has not stopped. */
  process(sessionId: string): ClaudeCliProcessInfo | undefined;
  /**
   * `sdk-url` only: closes the CLI's WebSocket (code 1000) so it reconnects and re-sends its
   * buffered frames, which the backend then drops by `uuid`. Returns false when nothing was open.
   */
  dropConnection(sessionId: string): boolean;
}

/**
 * An agent backend that runs the real Claude Code CLI per session, in stream-json mode over stdio
 * or behind its `--sdk-url` WebSocket, and relays frames both ways. With `modelBackend: 'fake'`
 * every session gets its own fake Messages API playing `scenarios`, fully offline.
 * @throws {ClaudeCliConfigError} when an option is out of range.
 * @throws {ScenarioError} when a scenario is not valid.
 */
export function claudeCliAgent(options: ClaudeCliAgentOptions = {}): ClaudeCliBackend {
  const scenarios = (options.scenarios ?? []).map((s, i) => parseScenario(s, `claudeCliAgent scenarios[${i}]`));
  const resolved = resolveCliOptions({ ...options, scenarios });
  const sessions = new Map<string, ClaudeCliSession>();
  return {
    name: resolved.name,
    claudeBin: resolved.claudeBin,
    attach(ctx: AgentContext) {
      const session = new ClaudeCliSession(ctx, resolved, () => sessions.delete(ctx.sessionId));
      sessions.set(ctx.sessionId, session);
      return session;
    },
    processes: () => [...sessions.values()].map((s) => s.info()),
    process: (sessionId) => sessions.get(sessionId)?.info(),
    dropConnection: (sessionId) => sessions.get(sessionId)?.dropConnection() ?? false,
  };
}
