import type { Scenario, ScenarioTurn, TextMatch } from './schema';

/** Whether a prompt satisfies a matcher: a string matches as a substring, a regex as `RegExp.test`. */
export function textMatches(match: TextMatch, prompt: string): boolean {
  if (typeof match === 'string') return prompt.includes(match);
  return new RegExp(match.regex, match.flags).test(prompt);
}

/** Whether a turn accepts a prompt (a turn without `match` accepts any). */
export function turnAccepts(turn: ScenarioTurn, prompt: string): boolean {
  return turn.match === undefined || textMatches(turn.match.text, prompt);
}

/** A turn together with the scenario it belongs to and its position there. */
export interface TurnRef {
  readonly scenario: Scenario;
  readonly turnIndex: number;
  readonly turn: ScenarioTurn;
}

/** Every turn of these scenarios, in order. */
export function listTurns(scenarios: readonly Scenario[]): TurnRef[] {
  return scenarios.flatMap((scenario) =>
    scenario.turns.map((turn, turnIndex) => ({ scenario, turnIndex, turn })),
  );
}

/**
 * Picks the turn for a new prompt: the first accepting turn at or after `from`, else the first
 * accepting turn from the start (so a script can be replayed). Returns its index in `turns`.
 */
export function selectTurn(turns: readonly TurnRef[], prompt: string, from = 0): number | undefined {
  for (let i = from; i < turns.length; i++) {
    if (turnAccepts(turns[i]!.turn, prompt)) return i;
  }
  for (let i = 0; i < Math.min(from, turns.length); i++) {
    if (turnAccepts(turns[i]!.turn, prompt)) return i;
  }
  return undefined;
}
