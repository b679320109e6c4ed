import { permissionModeStatus } from './frames';
import { permissionSuggestions } from './permissions';
import type { RequestAnswer } from './requests';
import type { ScriptedState } from './state';
import type { StreamedToolUse } from './stream';
import type { TurnHooks } from './turn-hooks';

/** Whether a tool call may run, and with which input. */
export type PermissionVerdict =
  | { readonly kind: 'allow'; readonly input: Record<string, unknown> }
  /** Denied without interrupting: an is_error tool_result with `message`, and the turn goes on. */
  | { readonly kind: 'deny'; readonly message: string }
  /** Denied with `interrupt: true`: the turn ends. */
  | { readonly kind: 'rejected' }
  /** Withdrawn by an interrupt. */
  | { readonly kind: 'cancelled' };

const DEFAULT_DENY_MESSAGE = 'The user denied this tool call.';

/** Turns a `can_use_tool` answer (or a PermissionRequest hook decision in the same shape) into a verdict. */
function verdictOf(state: ScriptedState, tool: StreamedToolUse, result: Record<string, unknown>): PermissionVerdict {
  if (result.behavior !== 'allow') {
    if (result.interrupt === true) return { kind: 'rejected' };
    return { kind: 'deny', message: typeof result.message === 'string' && result.message !== '' ? result.message : DEFAULT_DENY_MESSAGE };
  }
  const input = result.updatedInput !== null && typeof result.updatedInput === 'object' ? (result.updatedInput as Record<string, unknown>) : tool.input;
  const newMode = state.permissions.apply(result.updatedPermissions);
  if (newMode !== undefined) state.ctx.emit(permissionModeStatus(state.ctx.sessionId, newMode));
  return { kind: 'allow', input };
}

/**
 * Sends `can_use_tool` and, alongside it, the PermissionRequest hook callbacks. The client's answer
 * decides, unless a hook decides first: then the prompt is withdrawn with `control_cancel_request`.
 */
async function askClient(state: ScriptedState, hooks: TurnHooks, tool: StreamedToolUse, signal: AbortSignal): Promise<PermissionVerdict> {
  const request: Record<string, unknown> = { subtype: 'can_use_tool', tool_name: tool.name, input: tool.input, tool_use_id: tool.id };
  const suggestions = permissionSuggestions(tool.name, tool.input);
  if (suggestions.length > 0) request.permission_suggestions = suggestions;
  const prompt = state.requests.open(request);
  const fromHook = hooks.permissionRequest(tool, suggestions).then((decision) => decision ?? new Promise<never>(() => undefined));
  const first = await Promise.race([
    prompt.answer.then((answer): { from: 'client'; answer: RequestAnswer } => ({ from: 'client', answer })),
    fromHook.then((decision) => ({ from: 'hook' as const, decision })),
  ]);
  if (signal.aborted) return { kind: 'cancelled' };
  if (first.from === 'hook') {
    state.requests.cancel(prompt.requestId);
    return verdictOf(state, tool, first.decision);
  }
  const answer = first.answer;
  if (answer.kind === 'cancelled') return { kind: 'cancelled' };
  if (answer.kind === 'error') return { kind: 'deny', message: answer.error };
  return verdictOf(state, tool, answer.response);
}

/**
 * Decides whether a tool call runs, as the CLI does: PreToolUse hooks first (their allow skips the
 * prompt, their deny denies), then the mode and rules, then `can_use_tool` when the call needs one.
 */
export async function checkPermission(state: ScriptedState, hooks: TurnHooks, tool: StreamedToolUse, signal: AbortSignal): Promise<PermissionVerdict> {
  // Without hooks the prompt must go out synchronously, right after the tool's assistant frame.
  const hook = hooks.hasPreToolUse(tool) ? await hooks.preToolUse(tool) : undefined;
  if (signal.aborted) return { kind: 'cancelled' };
  if (hook?.decision === 'deny') return { kind: 'deny', message: hook.reason ?? 'Blocked by a PreToolUse hook.' };
  const ask = hook?.decision === 'ask' || (hook?.decision !== 'allow' && state.permissions.needsPrompt(tool.name, tool.input, tool.source.permission));
  if (!ask) return { kind: 'allow', input: tool.input };
  return askClient(state, hooks, tool, signal);
}
