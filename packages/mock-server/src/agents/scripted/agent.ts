import type { AgentBackend, AgentContext } from '../../agent';
import { parseScenario } from '../../scenario/parse';
import type { Scenario, ScenarioTurn } from '../../scenario/schema';
import { ScriptedSession } from './session';

/** Options of {@link scriptedAgent}. */
export interface ScriptedAgentOptions {
  /** The scenarios whose turns answer the user's prompts, tried in order. */
  scenarios: readonly Scenario[];
  /**
   * The turn for a prompt no scenario turn matches.
   * @default a text answer listing the prompts the scenarios know
   */
  fallback?: ((prompt: string, scenarios: readonly Scenario[]) => ScenarioTurn) | undefined;
  /**
   * The model reported when the session settings name none.
   * @default 'claude-sonnet-4-5'
   */
  model?: string | undefined;
  /**
   * The working directory reported when the session settings name none.
   * @default '/workspace'
   */
  cwd?: string | undefined;
  /**
   * Whether `stream_event` partials are sent (the CLI's `--include-partial-messages`).
   * @default true
   */
  partialMessages?: boolean | undefined;
  /**
   * Retries of a retryable API error before the turn fails (the CLI's `CLAUDE_CODE_MAX_RETRIES`).
   * @default 10
   */
  maxRetries?: number | undefined;
  /** Mixed into every session's id seed so two servers can hand out different ids. */
  seed?: number | undefined;
  /** Backend name shown by the server. @default 'scripted' */
  name?: string | undefined;
}

function describeMatch(turn: ScenarioTurn): string | undefined {
  const text = turn.match?.text;
  if (text === undefined) return undefined;
  return typeof text === 'string' ? `"${text}"` : `/${text.regex}/${text.flags ?? ''}`;
}

/** The default answer to an unmatched prompt: which prompts the scenarios know. */
export function knownPromptsTurn(prompt: string, scenarios: readonly Scenario[]): ScenarioTurn {
  const lines = scenarios.flatMap((scenario) =>
    scenario.turns.flatMap((turn) => {
      const match = describeMatch(turn);
      return match === undefined ? [] : [`- ${match}: ${scenario.description ?? scenario.name}`];
    }),
  );
  const text = [
    `This is a scripted mock agent, and none of its scenarios has a turn for "${prompt.slice(0, 80)}".`,
    lines.length > 0 ? `Prompts it knows (a word in your message is enough):\n${lines.join('\n')}` : 'Its scenarios match no particular prompts.',
  ].join('\n\n');
  return { responses: [{ blocks: [{ type: 'text', text }] }] };
}

/**
 * An agent backend that behaves like the Claude Code CLI on the wire, answering each prompt with
 * the first matching turn of its scenarios.
 * @throws {ScenarioError} when a scenario is not valid.
 */
export function scriptedAgent(options: ScriptedAgentOptions): AgentBackend {
  const scenarios = options.scenarios.map((scenario, i) => parseScenario(scenario, `scriptedAgent scenarios[${i}]`));
  const fallback = options.fallback ?? knownPromptsTurn;
  return {
    name: options.name ?? 'scripted',
    attach(ctx: AgentContext) {
      return new ScriptedSession(ctx, {
        scenarios,
        fallback: (prompt) => fallback(prompt, scenarios),
        model: ctx.settings.model ?? options.model ?? 'claude-sonnet-4-5',
        cwd: ctx.settings.cwd ?? options.cwd ?? '/workspace',
        permissionMode: ctx.settings.permissionMode ?? 'default',
        partialMessages: options.partialMessages ?? true,
        maxRetries: options.maxRetries ?? 10,
        seed: options.seed ?? 0,
      });
    },
  };
}
