import type { OutboundRequests, RequestAnswer } from './requests';

interface Matcher {
  readonly matcher: string | undefined;
  readonly callbackIds: readonly string[];
}

function matches(matcher: string | undefined, toolName: string | undefined): boolean {
  if (matcher === undefined || matcher === '' || matcher === '*' || toolName === undefined) return true;
  if (/^[\w|]+$/.test(matcher)) return matcher.split('|').includes(toolName);
  try {
    return new RegExp(`^(?:${matcher})$`).test(toolName);
  } catch {
    return false;
  }
}

/** What PreToolUse callbacks decided about a tool call. */
export interface PreToolDecision {
  readonly decision: 'allow' | 'deny' | 'ask' | undefined;
  readonly reason: string | undefined;
}

/**
 * SDK callback hooks a client registered in `initialize` (`hooks: {Event: [{matcher, hookCallbackIds}]}`),
 * fired as `hook_callback` control requests the way the CLI does.
 */
export class HookRegistry {
  #hooks = new Map<string, Matcher[]>();

  /** Replaces the registered hooks with those of an `initialize` request. */
  register(hooks: unknown): void {
    this.#hooks = new Map();
    if (hooks === null || typeof hooks !== 'object') return;
    for (const [event, list] of Object.entries(hooks as Record<string, unknown>)) {
      if (!Array.isArray(list)) continue;
      const matchers = (list as Record<string, unknown>[]).map((entry) => ({
        matcher: typeof entry?.matcher === 'string' ? entry.matcher : undefined,
        callbackIds: Array.isArray(entry?.hookCallbackIds) ? entry.hookCallbackIds.filter((id): id is string => typeof id === 'string') : [],
      }));
      this.#hooks.set(event, matchers);
    }
  }

  /** The callback ids registered for an event (and tool, for tool events). */
  callbacksFor(event: string, toolName?: string): string[] {
    return (this.#hooks.get(event) ?? []).filter((m) => matches(m.matcher, toolName)).flatMap((m) => m.callbackIds);
  }

  /** Sends one `hook_callback` per registered callback, in order, and returns the answers. */
  async fire(requests: OutboundRequests, callbackIds: readonly string[], input: Record<string, unknown>, toolUseId: string): Promise<RequestAnswer[]> {
    const answers: RequestAnswer[] = [];
    for (const callbackId of callbackIds) {
      const answer = await requests.send({ subtype: 'hook_callback', callback_id: callbackId, input, tool_use_id: toolUseId });
      answers.push(answer);
      if (answer.kind === 'cancelled') break;
    }
    return answers;
  }
}

/** Reads the permission decision out of PreToolUse hook answers (the most restrictive wins). */
export function preToolDecision(answers: readonly RequestAnswer[]): PreToolDecision {
  let decision: PreToolDecision['decision'];
  let reason: string | undefined;
  const rank = { allow: 1, ask: 2, deny: 3 } as const;
  for (const answer of answers) {
    if (answer.kind !== 'success') continue;
    const specific = (answer.response.hookSpecificOutput ?? {}) as Record<string, unknown>;
    let value = specific.permissionDecision;
    if (value === undefined && answer.response.decision === 'approve') value = 'allow';
    if (value === undefined && answer.response.decision === 'block') value = 'deny';
    if (value !== 'allow' && value !== 'deny' && value !== 'ask') continue;
    if (decision === undefined || rank[value] > rank[decision]) {
      decision = value;
      const text = specific.permissionDecisionReason ?? answer.response.reason;
      reason = typeof text === 'string' ? text : undefined;
    }
  }
  return { decision, reason };
}
