import type { AgentBackend } from './agent';
import { demoAgent } from './agents';

/** The agent sessions get when none is configured: the built-in scripted demo agent. */
export function defaultAgent(seed: number | undefined): AgentBackend {
  return demoAgent(seed === undefined ? {} : { seed });
}
