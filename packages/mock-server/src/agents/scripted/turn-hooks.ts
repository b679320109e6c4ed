import { preToolDecision, type PreToolDecision } from './hooks';
import type { RequestAnswer } from './requests';
import type { ScriptedState } from './state';
import type { StreamedToolUse } from './stream';
import type { ToolOutcome } from './tools';

/** A permission decision a PermissionRequest hook returned, in the shape of a `can_use_tool` answer. */
export type PermissionHookDecision = Record<string, unknown> & { readonly behavior: 'allow' | 'deny' };

const NO_DECISION: PreToolDecision = { decision: undefined, reason: undefined };

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return (content as Record<string, unknown>[]).map((block) => (typeof block?.text === 'string' ? block.text : '')).join('');
}

/** Reads `hookSpecificOutput.decision` out of a PermissionRequest hook answer. */
function permissionDecision(answer: RequestAnswer): PermissionHookDecision | undefined {
  if (answer.kind !== 'success') return undefined;
  const specific = answer.response.hookSpecificOutput;
  if (specific === null || typeof specific !== 'object') return undefined;
  const decision = (specific as Record<string, unknown>).decision as Record<string, unknown> | undefined;
  if (decision?.behavior !== 'allow' && decision?.behavior !== 'deny') return undefined;
  return decision as PermissionHookDecision;
}

/**
 * The SDK callback hooks of one turn, fired as `hook_callback` requests with the inputs CLI 2.1.197
 * sends (observed-behaviour.md item 11): every input shares the turn's `prompt_id`; tool events use
 * the tool_use id as `tool_use_id`, the others a fresh UUID.
 */
export class TurnHooks {
  readonly #state: ScriptedState;
  #promptId: string | undefined;

  constructor(state: ScriptedState) {
    this.#state = state;
  }

  #base(event: string): Record<string, unknown> {
    const { ctx } = this.#state;
    this.#promptId ??= this.#state.ids.uuid();
    return {
      session_id: ctx.sessionId,
      transcript_path: `/tmp/claude/${ctx.sessionId}.jsonl`,
      cwd: this.#state.cwd,
      prompt_id: this.#promptId,
      permission_mode: this.#state.permissions.mode,
      hook_event_name: event,
    };
  }

  async #fire(callbacks: readonly string[], input: Record<string, unknown>, toolUseId: string): Promise<RequestAnswer[]> {
    return this.#state.hooks.fire(this.#state.requests, callbacks, input, toolUseId);
  }

  /** UserPromptSubmit, before `system/init`. */
  async userPromptSubmit(prompt: string): Promise<void> {
    const callbacks = this.#state.hooks.callbacksFor('UserPromptSubmit');
    if (callbacks.length === 0) return;
    await this.#fire(callbacks, { ...this.#base('UserPromptSubmit'), prompt }, this.#state.ids.uuid());
  }

  /** Whether PreToolUse callbacks are registered for this tool (without them the prompt goes out synchronously). */
  hasPreToolUse(tool: StreamedToolUse): boolean {
    return this.#state.hooks.callbacksFor('PreToolUse', tool.name).length > 0;
  }

  /** PreToolUse, before the permission check; returns the most restrictive decision. */
  async preToolUse(tool: StreamedToolUse): Promise<PreToolDecision> {
    const callbacks = this.#state.hooks.callbacksFor('PreToolUse', tool.name);
    if (callbacks.length === 0) return NO_DECISION;
    const input = { ...this.#base('PreToolUse'), tool_name: tool.name, tool_input: tool.input, tool_use_id: tool.id };
    return preToolDecision(await this.#fire(callbacks, input, tool.id));
  }

  /**
   * PermissionRequest, sent right after `can_use_tool` and running alongside it. Resolves with the
   * first decision a callback returns, or `undefined` when none decides (or none is registered).
   */
  async permissionRequest(tool: StreamedToolUse, suggestions: readonly Record<string, unknown>[]): Promise<PermissionHookDecision | undefined> {
    const callbacks = this.#state.hooks.callbacksFor('PermissionRequest', tool.name);
    if (callbacks.length === 0) return undefined;
    const input: Record<string, unknown> = { ...this.#base('PermissionRequest'), tool_name: tool.name, tool_input: tool.input };
    if (suggestions.length > 0) input.permission_suggestions = suggestions;
    for (const callbackId of callbacks) {
      const answer = await this.#state.requests.send({ subtype: 'hook_callback', callback_id: callbackId, input, tool_use_id: tool.id });
      if (answer.kind === 'cancelled') return undefined;
      const decision = permissionDecision(answer);
      if (decision !== undefined) return decision;
    }
    return undefined;
  }

  /** PostToolUse after a call that ran (PostToolUseFailure when its result is an error), before its tool_result. */
  async postToolUse(tool: StreamedToolUse, input: Record<string, unknown>, outcome: ToolOutcome, durationMs: number): Promise<void> {
    const event = outcome.isError ? 'PostToolUseFailure' : 'PostToolUse';
    const callbacks = this.#state.hooks.callbacksFor(event, tool.name);
    if (callbacks.length === 0) return;
    const fields = outcome.isError
      ? { tool_name: tool.name, tool_input: input, tool_use_id: tool.id, error: textOf(outcome.content), is_interrupt: false, duration_ms: durationMs }
      : { tool_name: tool.name, tool_input: input, tool_response: outcome.toolUseResult, tool_use_id: tool.id, duration_ms: durationMs };
    await this.#fire(callbacks, { ...this.#base(event), ...fields }, tool.id);
  }

  /** Stop, when the turn completed, before its `result`. */
  async stop(lastAssistantText: string): Promise<void> {
    const callbacks = this.#state.hooks.callbacksFor('Stop');
    if (callbacks.length === 0) return;
    const input: Record<string, unknown> = { ...this.#base('Stop'), stop_hook_active: false };
    if (lastAssistantText !== '') input.last_assistant_message = lastAssistantText;
    input.background_tasks = [];
    input.session_crons = [];
    await this.#fire(callbacks, input, this.#state.ids.uuid());
  }
}
