import { PENDING_FIELD, PROMPT_SUBTYPES, type PendingPrompt } from './pending';

/** What the server answers on `initialize` before the agent adds its own fields (as a bridge worker does). */
export function defaultInitializeFields(): Record<string, unknown> {
  return {
    commands: [],
    agents: [],
    output_style: 'normal',
    available_output_styles: ['normal'],
    models: [],
    account: {},
    pid: process.pid,
  };
}

/**
 * Builds the `response` object of the control_response to `initialize`: the defaults, merged with
 * what the agent returned, plus the `pending_*` arrays (at the envelope level, where clients read
 * them) listing every prompt still open so a reconnecting client re-arms it.
 */
export function buildInitializeResponse(
  requestId: string,
  fromAgent: Record<string, unknown>,
  prompts: readonly PendingPrompt[],
): Record<string, unknown> {
  const envelope: Record<string, unknown> = {
    subtype: 'success',
    request_id: requestId,
    response: { ...defaultInitializeFields(), ...fromAgent },
  };
  for (const subtype of PROMPT_SUBTYPES) {
    envelope[PENDING_FIELD[subtype]] = prompts.filter((p) => p.subtype === subtype).map((p) => p.frame);
  }
  return envelope;
}
