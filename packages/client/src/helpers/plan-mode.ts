import type { PermissionResult } from '../session/types';

/** The tool name of ExitPlanMode, whose permission prompt asks to approve a plan (PROTOCOL.md#plan-mode). */
export const EXIT_PLAN_MODE_TOOL = 'ExitPlanMode';

/** Whether a `can_use_tool` prompt asks to approve a plan. */
export function isPlanApproval(toolName: string): boolean {
  return toolName === EXIT_PLAN_MODE_TOOL;
}

/** Options of {@link approvePlan}. */
export interface ApprovePlanOptions {
  /** An edited plan to run instead of the proposed one (the CLI then reports `planWasEdited`). */
  plan?: string | undefined;
  /** Permission mode to switch to once the plan is approved, e.g. `acceptEdits`. */
  mode?: string | undefined;
}

/** Approves the plan an ExitPlanMode prompt proposes, optionally edited or with a mode switch. */
export function approvePlan(input: Record<string, unknown>, options: ApprovePlanOptions = {}): PermissionResult {
  const updatedInput = options.plan === undefined ? { ...input } : { ...input, plan: options.plan };
  if (options.mode === undefined) return { behavior: 'allow', updatedInput };
  return {
    behavior: 'allow',
    updatedInput,
    updatedPermissions: [{ type: 'setMode', mode: options.mode, destination: 'session' }],
  };
}

/** Rejects a plan; `feedback` tells the agent what to change. `interrupt` also ends the turn. */
export function rejectPlan(feedback: string, options: { interrupt?: boolean | undefined } = {}): PermissionResult {
  const message = feedback.trim() === '' ? 'The user rejected the plan.' : feedback;
  return options.interrupt === true ? { behavior: 'deny', message, interrupt: true } : { behavior: 'deny', message };
}
