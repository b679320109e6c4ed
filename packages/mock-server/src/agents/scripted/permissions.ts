/**
 * Which tool calls ask for permission, as the CLI decides it: by tool, by permission mode and by the
 * rules a client added with `updatedPermissions` (observed-behaviour.md items 4 and 6).
 */

const ALWAYS_ASK = new Set(['AskUserQuestion', 'ExitPlanMode']);
const NEVER_ASK = new Set(['Read', 'Glob', 'Grep', 'EnterPlanMode', 'TodoWrite', 'Task', 'WebSearch']);
const FILE_EDITS = new Set(['Write', 'Edit', 'MultiEdit', 'NotebookEdit']);
const READ_ONLY_COMMANDS = new Set(['ls', 'pwd', 'cat', 'echo', 'head', 'tail', 'wc', 'which', 'whoami', 'date', 'tree', 'find']);

function commandOf(input: Record<string, unknown>): string {
  return typeof input.command === 'string' ? input.command.trim() : '';
}

/** Whether a Bash command only reads (a small allow-list, no redirections or chaining). */
export function isReadOnlyCommand(command: string): boolean {
  if (/[;&|><`$]/.test(command)) return false;
  const [program, ...args] = command.split(/\s+/);
  if (program === undefined || !READ_ONLY_COMMANDS.has(program)) return false;
  return !args.some((arg) => arg.startsWith('/') || arg.startsWith('..'));
}

/** A permission rule added for the rest of the session (`updatedPermissions` with destination `session`). */
interface Rule {
  readonly toolName: string;
  readonly ruleContent: string | undefined;
  readonly behavior: string;
}

function ruleMatches(rule: Rule, toolName: string, input: Record<string, unknown>): boolean {
  if (rule.toolName !== toolName) return false;
  if (rule.ruleContent === undefined) return true;
  if (toolName !== 'Bash') return rule.ruleContent === input.file_path;
  const command = commandOf(input);
  if (rule.ruleContent.endsWith(':*')) {
    const prefix = rule.ruleContent.slice(0, -2);
    return command === prefix || command.startsWith(`${prefix} `);
  }
  return command === rule.ruleContent;
}

/** The session's permission state: its mode and the rules clients added. */
export class PermissionState {
  readonly #rules: Rule[] = [];

  constructor(public mode: string) {}

  /**
   * Applies `updatedPermissions` from a `can_use_tool` answer; returns the new mode when one of
   * them was a `setMode`.
   */
  apply(updates: unknown): string | undefined {
    if (!Array.isArray(updates)) return undefined;
    let newMode: string | undefined;
    for (const update of updates as Record<string, unknown>[]) {
      if (update === null || typeof update !== 'object') continue;
      if (update.type === 'setMode' && typeof update.mode === 'string') {
        this.mode = update.mode;
        newMode = update.mode;
      }
      if (update.type === 'addRules' && Array.isArray(update.rules)) {
        for (const rule of update.rules as Record<string, unknown>[]) {
          if (typeof rule?.toolName !== 'string') continue;
          const ruleContent = typeof rule.ruleContent === 'string' ? rule.ruleContent : undefined;
          this.#rules.push({ toolName: rule.toolName, ruleContent, behavior: typeof update.behavior === 'string' ? update.behavior : 'allow' });
        }
      }
    }
    return newMode;
  }

  /**
   * Whether a tool call needs a `can_use_tool` prompt. `declared` is the scenario's `permission`;
   * without it the CLI's defaults apply.
   */
  needsPrompt(toolName: string, input: Record<string, unknown>, declared: 'ask' | 'auto' | undefined): boolean {
    if (ALWAYS_ASK.has(toolName)) return declared !== 'auto';
    if (this.#rules.some((rule) => rule.behavior === 'allow' && ruleMatches(rule, toolName, input))) return false;
    if (this.mode === 'bypassPermissions') return false;
    if (this.mode === 'acceptEdits' && FILE_EDITS.has(toolName)) return false;
    if (declared !== undefined) return declared === 'ask';
    if (NEVER_ASK.has(toolName)) return false;
    if (toolName === 'Bash') return !isReadOnlyCommand(commandOf(input));
    return true;
  }
}

/** The `permission_suggestions` the CLI offers with a prompt for this call. */
export function permissionSuggestions(toolName: string, input: Record<string, unknown>): Record<string, unknown>[] {
  if (toolName === 'Bash') {
    const program = commandOf(input).split(/\s+/)[0] ?? '';
    if (program === '') return [];
    return [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: `${program}:*` }], behavior: 'allow', destination: 'session' }];
  }
  if (FILE_EDITS.has(toolName)) return [{ type: 'setMode', mode: 'acceptEdits', destination: 'session' }];
  return [];
}
