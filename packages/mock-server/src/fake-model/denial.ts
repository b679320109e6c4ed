/**
 * Telling a denied tool call from a failed one, from the tool_result alone. The CLI sends both as
 * `is_error: true`: a denial carries the host's `message` verbatim (or a canned permission text),
 * a failure carries the tool's error output ("Exit code 1", "<tool_use_error>…", "File does not
 * exist…"). See packages/protocol-types/test/corpus/cli-2.1.197/04-bash-touch-denied.stdout.ndjson.
 */

/** A tool_result the client sent back, as the fake model sees it in a request. */
export interface ToolResultView {
  readonly isError: boolean;
  /** A string, or the content blocks of a structured result (MCP tools and images). */
  readonly content: string | readonly unknown[];
}

/** Texts the CLI (or a permission rule) writes when a call is not allowed to run. */
const DENIAL_WORDING: readonly RegExp[] = [
  /^The user doesn't want to (?:proceed with this tool use|take this action)/,
  /^Permission to use \S+.* (?:has been|was) denied/,
  /^User rejected tool use/,
];

/** Shapes of the errors the CLI's own tools report when they ran (or could not start) and failed. */
const FAILURE_SHAPES: readonly RegExp[] = [
  /^Exit code \d+/,
  /^<tool_use_error>/,
  /^InputValidationError/,
  /^Error(?: calling tool)?:/,
  /^Command (?:timed out|failed)/,
  /^File (?:does not exist|has not been read yet|has been (?:unexpectedly )?modified)/,
  /^String to replace not found/,
  /^No such tool available/,
  /^\[Request interrupted by user/,
  /^Interrupted by user/,
];

/**
 * Whether an `is_error` tool_result reads as a permission denial rather than a tool failure: the
 * CLI's canned denial texts count as denials; the CLI's tool-error shapes (e.g. "Exit code 1", even
 * when its output says "Permission denied") and structured (block) content count as failures; any
 * other text counts as a denial, because hosts deny with free-form messages.
 */
export function looksDenied(result: ToolResultView): boolean {
  if (!result.isError) return false;
  if (typeof result.content !== 'string') return false;
  const text = result.content.trim();
  if (DENIAL_WORDING.some((pattern) => pattern.test(text))) return true;
  return !FAILURE_SHAPES.some((pattern) => pattern.test(text));
}
