import { checkPermission } from './permission-check';
import type { ScriptedState } from './state';
import type { StreamedToolUse } from './stream';
import { deniedTool, runTool, type ToolOutcome } from './tools';
import type { TurnHooks } from './turn-hooks';
import { delay } from './wait';

/** What became of one tool call. */
export type ToolDecision =
  /** A tool_result to report; `denied` when a permission check refused the call. */
  | { readonly kind: 'result'; readonly outcome: ToolOutcome; readonly denied: boolean }
  /** Denied with `interrupt: true`: the turn ends. */
  | { readonly kind: 'rejected' }
  /** Withdrawn by an interrupt (or never started because an earlier call ended the turn). */
  | { readonly kind: 'cancelled' };

/** One tool call on its way: its permission check and simulated run. */
export interface ToolRun {
  readonly tool: StreamedToolUse;
  readonly done: Promise<ToolDecision>;
}

/** A denied call, as listed in `result.permission_denials`. */
export type Denial = Record<string, unknown>;

/** What the tool calls of one turn share: the session state, the turn's hooks, its abort signal and its denials. */
export interface ToolScope {
  readonly state: ScriptedState;
  readonly hooks: TurnHooks;
  readonly signal: AbortSignal;
  readonly denials: Denial[];
}

async function execute(scope: ToolScope, tool: StreamedToolUse, input: Record<string, unknown>): Promise<ToolOutcome | undefined> {
  const { state, signal } = scope;
  if (state.mcp.handles(tool.name)) return state.mcp.callTool(state.requests, tool.name, input, tool.id);
  if (!(await delay(state.ctx.clock, tool.source.durationMs ?? 0, signal))) return undefined;
  const outcome = runTool(tool.name, input, tool.input, tool.source.result);
  if (outcome.newMode !== undefined) state.permissions.mode = outcome.newMode;
  return outcome;
}

async function decide(scope: ToolScope, tool: StreamedToolUse): Promise<ToolDecision> {
  const { state, hooks, signal } = scope;
  if (tool.name.startsWith('mcp__') && !state.mcp.handles(tool.name)) {
    const message = `<tool_use_error>Error: No such tool available: ${tool.name}</tool_use_error>`;
    return { kind: 'result', outcome: { content: message, isError: true, toolUseResult: `Error: No such tool available: ${tool.name}` }, denied: false };
  }
  const verdict = await checkPermission(state, hooks, tool, signal);
  if (verdict.kind === 'cancelled' || verdict.kind === 'rejected') {
    if (verdict.kind === 'rejected') scope.denials.push({ tool_name: tool.name, tool_use_id: tool.id, tool_input: tool.input });
    return verdict;
  }
  if (verdict.kind === 'deny') {
    scope.denials.push({ tool_name: tool.name, tool_use_id: tool.id, tool_input: tool.input });
    return { kind: 'result', outcome: deniedTool(verdict.message), denied: true };
  }
  const startedAt = state.ctx.clock.now();
  const outcome = await execute(scope, tool, verdict.input);
  if (outcome === undefined || signal.aborted) return { kind: 'cancelled' };
  await hooks.postToolUse(tool, verdict.input, outcome, state.ctx.clock.now() - startedAt);
  if (signal.aborted) return { kind: 'cancelled' };
  return { kind: 'result', outcome, denied: false };
}

/**
 * Starts a tool call's permission check (PreToolUse hooks, then `can_use_tool` when the call needs
 * one) right away when it is the first call of the answer, else after the previous call settles.
 * An allowed call runs for its scenario `durationMs` on the clock, then PostToolUse hooks fire.
 */
export function startToolRun(scope: ToolScope, tool: StreamedToolUse, previous: ToolRun | undefined): ToolRun {
  const run = (before?: ToolDecision): Promise<ToolDecision> => {
    if (before !== undefined && before.kind !== 'result') return Promise.resolve({ kind: 'cancelled' });
    if (scope.signal.aborted) return Promise.resolve({ kind: 'cancelled' });
    return decide(scope, tool);
  };
  return { tool, done: previous === undefined ? run() : previous.done.then(run) };
}
