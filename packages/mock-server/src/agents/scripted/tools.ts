import type { SimulatedToolResult } from '../../scenario/schema';

/** The user text the CLI appends when an interrupt stops a stream. */
export const INTERRUPTED_TEXT = '[Request interrupted by user]';
/** The user text the CLI appends when an interrupt (or a deny with `interrupt`) stops a tool call. */
export const INTERRUPTED_TOOL_TEXT = '[Request interrupted by user for tool use]';
/** The canned tool_result of a call rejected with `interrupt: true`. */
export const REJECTED_TOOL_TEXT =
  "The user doesn't want to proceed with this tool use. The tool use was rejected (eg. if it was a file edit, the new_string was NOT written to the file). STOP what you are doing and wait for the user to tell you how to proceed.";

/** What a simulated tool call produced. */
export interface ToolOutcome {
  readonly content: unknown;
  readonly isError: boolean;
  /** The structured `tool_use_result` of the `user` frame: an object on success, a string on failure. */
  readonly toolUseResult: unknown;
  /** A permission mode the tool switches to, reported as `system/status` before its result. */
  readonly newMode?: string | undefined;
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

function textOf(content: SimulatedToolResult['content']): string {
  if (typeof content === 'string') return content;
  return content.map((block) => (typeof block.text === 'string' ? block.text : '')).join('');
}

/** The answers of an AskUserQuestion call, as the tool_result quotes them. */
function answerText(answers: Record<string, unknown>): string {
  return Object.entries(answers)
    .map(([question, answer]) => `"${question}"="${String(answer)}"`)
    .join(', ');
}

function simulated(name: string, input: Record<string, unknown>, result: SimulatedToolResult | undefined): ToolOutcome {
  if (result?.is_error === true) {
    return { content: result.content, isError: true, toolUseResult: `Error: ${textOf(result.content)}` };
  }
  const content = result?.content;
  switch (name) {
    case 'Bash': {
      const stdout = content === undefined ? '' : textOf(content);
      // The CLI never sends an empty Bash result: no output reads "(Bash completed with no output)".
      return { content: stdout === '' ? '(Bash completed with no output)' : content!, isError: false, toolUseResult: { stdout, stderr: '', interrupted: false, isImage: false, ...(stdout === '' ? { noOutputExpected: true } : {}) } };
    }
    case 'Write': {
      const filePath = str(input.file_path);
      return {
        content: content ?? `File created successfully at: ${filePath}`,
        isError: false,
        toolUseResult: { type: 'create', filePath, content: str(input.content), structuredPatch: [], originalFile: null },
      };
    }
    case 'Edit': {
      const filePath = str(input.file_path);
      return {
        content: content ?? `The file ${filePath} has been updated.`,
        isError: false,
        toolUseResult: { filePath, oldString: str(input.old_string), newString: str(input.new_string), structuredPatch: [], userModified: false, replaceAll: false },
      };
    }
    case 'Read': {
      const fileText = content === undefined ? '' : textOf(content);
      const numbered = fileText.split('\n').map((line, i) => `${String(i + 1).padStart(6)}\t${line}`).join('\n');
      const lines = fileText === '' ? 0 : fileText.split('\n').length;
      return {
        content: content === undefined ? '<system-reminder>Warning: the file exists but the contents are empty.</system-reminder>' : numbered,
        isError: false,
        toolUseResult: { type: 'text', file: { filePath: str(input.file_path), content: fileText, numLines: lines, startLine: 1, totalLines: lines } },
      };
    }
    default:
      return { content: content ?? `${name} completed.`, isError: false, toolUseResult: content === undefined ? `${name} completed.` : textOf(content) };
  }
}

/**
 * Runs a simulated tool call with the input it was allowed with (the client's `updatedInput` when
 * given) and returns its tool_result. AskUserQuestion and the plan-mode tools have built-in results.
 */
export function runTool(
  name: string,
  input: Record<string, unknown>,
  original: Record<string, unknown>,
  result: SimulatedToolResult | undefined,
): ToolOutcome {
  if (name === 'AskUserQuestion') {
    const answers = (input.answers ?? {}) as Record<string, unknown>;
    return {
      content: `User has answered your questions: ${answerText(answers)}. You can now continue with the user's answers in mind.`,
      isError: false,
      toolUseResult: { questions: input.questions ?? original.questions ?? [], answers },
    };
  }
  if (name === 'EnterPlanMode') {
    const message = 'Entered plan mode. You should now focus on exploring the codebase and designing an implementation approach.';
    return { content: result?.content ?? message, isError: false, toolUseResult: { message }, newMode: 'plan' };
  }
  if (name === 'ExitPlanMode') {
    const plan = str(input.plan, str(original.plan));
    const edited = input.plan !== undefined && input.plan !== original.plan;
    const toolUseResult: Record<string, unknown> = { plan, isAgent: false };
    if (edited) toolUseResult.planWasEdited = true;
    return {
      content: `User has approved your plan. You can now start coding. Start with updating your todo list if applicable\n\n## Approved Plan:\n${plan}`,
      isError: false,
      toolUseResult,
      newMode: 'default',
    };
  }
  return simulated(name, input, result);
}

/** The tool_result of a call the client denied without interrupting. */
export function deniedTool(message: string): ToolOutcome {
  return { content: message, isError: true, toolUseResult: `Error: ${message}` };
}

/** The tool_result of a call stopped by an interrupt or a deny with `interrupt: true`. */
export function rejectedTool(): ToolOutcome {
  return { content: REJECTED_TOOL_TEXT, isError: true, toolUseResult: 'User rejected tool use' };
}
