import { askUserQuestionScenario } from './flows/ask-user-question';
import { controlCancelScenario } from './flows/control-cancel';
import { controlsScenario } from './flows/controls';
import { hooksScenario } from './flows/hooks';
import { initializeScenario } from './flows/initialize';
import { interruptScenario } from './flows/interrupt';
import { keepAliveScenario } from './flows/keep-alive';
import { mcpScenario } from './flows/mcp';
import { permissionsScenario } from './flows/permissions';
import { planModeScenario } from './flows/plan-mode';
import { resumeScenario } from './flows/resume';
import { toleranceScenario } from './flows/tolerance';
import { turnScenario } from './flows/turn';
import type { Scenario } from './types';

/** Every built-in scenario, one per PROTOCOL.md flow or rule, in report order. */
export const SCENARIOS: readonly Scenario[] = [
  turnScenario,
  permissionsScenario,
  askUserQuestionScenario,
  planModeScenario,
  interruptScenario,
  controlCancelScenario,
  initializeScenario,
  hooksScenario,
  mcpScenario,
  controlsScenario,
  keepAliveScenario,
  resumeScenario,
  toleranceScenario,
];

/**
 * The scenarios whose id matches one of the filters (substring), or all of them.
 * @throws {Error} when a filter matches nothing (the message lists the ids).
 */
export function selectScenarios(filters: readonly string[] = []): Scenario[] {
  if (filters.length === 0) return [...SCENARIOS];
  const picked = SCENARIOS.filter((s) => filters.some((f) => s.id.includes(f)));
  if (picked.length === 0) throw new Error(`No scenario matches ${filters.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}.`);
  return picked;
}
