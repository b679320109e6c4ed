/**
 * Builders for the frames a Claude Code CLI writes (see observed-behaviour.md): shapes and field
 * sets as seen on the wire from CLI 2.1.197. `uuid` is left to the server, which stamps every frame.
 */

/** The version the scripted agent reports in `system/init`. */
export const SIMULATED_CLI_VERSION = '2.1.197';

/** Tools listed in `system/init`. */
export const SIMULATED_TOOLS = [
  'Task',
  'AskUserQuestion',
  'Bash',
  'Edit',
  'EnterPlanMode',
  'ExitPlanMode',
  'Glob',
  'Grep',
  'NotebookEdit',
  'Read',
  'TodoWrite',
  'WebFetch',
  'WebSearch',
  'Write',
] as const;

/** Slash commands listed in `system/init` and in the `initialize` reply. */
export const SIMULATED_SLASH_COMMANDS = ['compact', 'context', 'cost', 'init', 'review'] as const;

/** What `system/init` reports about the session. */
export interface InitInfo {
  readonly sessionId: string;
  readonly cwd: string;
  readonly model: string;
  readonly permissionMode: string;
  /** Connected (or failed) SDK MCP servers. */
  readonly mcpServers: readonly { name: string; status: string }[];
  /** `mcp__server__tool` names of the connected servers. */
  readonly mcpTools: readonly string[];
}

/** `system/init`, sent at the start of every turn. */
export function systemInit(info: InitInfo): Record<string, unknown> {
  return {
    type: 'system',
    subtype: 'init',
    cwd: info.cwd,
    session_id: info.sessionId,
    tools: [...SIMULATED_TOOLS, ...info.mcpTools],
    mcp_servers: [...info.mcpServers],
    model: info.model,
    permissionMode: info.permissionMode,
    slash_commands: [...SIMULATED_SLASH_COMMANDS],
    apiKeySource: 'none',
    claude_code_version: SIMULATED_CLI_VERSION,
    output_style: 'default',
    agents: ['general-purpose', 'Explore', 'Plan'],
    skills: [],
    plugins: [],
    analytics_disabled: true,
    product_feedback_disabled: true,
    capabilities: [...SIMULATED_CAPABILITIES],
  };
}

/**
 * The `system/init.capabilities` the scripted agent implements, as CLI 2.1.337 names them:
 * interrupt replies list queued prompts (`still_queued`), `cancel_queued` drops them, and prompts
 * with a uuid get `command_lifecycle` frames.
 */
export const SIMULATED_CAPABILITIES = ['interrupt_receipt_v1', 'interrupt_cancel_queued_v1', 'msg_lifecycle_v1'] as const;

/** `command_lifecycle` for a prompt that carried a uuid (CLI 2.1.337; `idle` when nothing is left to run). */
export function commandLifecycle(sessionId: string, commandUuid: string, state: 'queued' | 'started' | 'completed' | 'cancelled', idle = false): Record<string, unknown> {
  return { type: 'command_lifecycle', command_uuid: commandUuid, state, ...(idle ? { idle: true } : {}), session_id: sessionId };
}

/** `system/session_state_changed`. */
export function sessionState(sessionId: string, state: 'idle' | 'running' | 'requires_action'): Record<string, unknown> {
  return { type: 'system', subtype: 'session_state_changed', state, session_id: sessionId };
}

/** `system/status` carrying a permission-mode change. */
export function permissionModeStatus(sessionId: string, mode: string): Record<string, unknown> {
  return { type: 'system', subtype: 'status', status: null, permissionMode: mode, session_id: sessionId };
}

/** `system/api_retry`: a failed request that will be retried after `retryDelayMs`. */
export function apiRetry(
  sessionId: string,
  retry: { attempt: number; maxRetries: number; retryDelayMs: number; errorStatus: number | null; error: string },
): Record<string, unknown> {
  return {
    type: 'system',
    subtype: 'api_retry',
    attempt: retry.attempt,
    max_retries: retry.maxRetries,
    retry_delay_ms: retry.retryDelayMs,
    error_status: retry.errorStatus,
    error: retry.error,
    session_id: sessionId,
  };
}

/** A `stream_event` wrapping one raw Messages API streaming event (ephemeral on CCR). */
export function streamEvent(sessionId: string, event: Record<string, unknown>): Record<string, unknown> {
  return { type: 'stream_event', event, parent_tool_use_id: null, session_id: sessionId };
}

/** The fields of a streamed message that every per-block `assistant` frame repeats. */
export interface MessageHead {
  readonly id: string;
  readonly model: string;
  readonly usage: Record<string, unknown>;
}

/** One `assistant` frame carrying one completed content block, with `stop_reason: null`. */
export function assistantBlock(sessionId: string, head: MessageHead, block: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'assistant',
    message: {
      id: head.id,
      type: 'message',
      role: 'assistant',
      model: head.model,
      content: [block],
      stop_reason: null,
      stop_sequence: null,
      usage: head.usage,
      context_management: null,
    },
    parent_tool_use_id: null,
    session_id: sessionId,
  };
}

/** The synthetic `assistant` frame the CLI writes when an API error ends the turn. */
export function syntheticErrorAssistant(sessionId: string, id: string, text: string): Record<string, unknown> {
  const zero = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  return {
    type: 'assistant',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model: '<synthetic>',
      content: [{ type: 'text', text }],
      stop_reason: 'stop_sequence',
      stop_sequence: '',
      usage: { ...zero, server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 }, service_tier: null },
      context_management: null,
    },
    parent_tool_use_id: null,
    session_id: sessionId,
    error: 'unknown',
  };
}

/** A `user` frame with one `tool_result` block; `toolUseResult` is the structured output. */
export function toolResult(
  sessionId: string,
  result: { toolUseId: string; content: unknown; isError: boolean; toolUseResult: unknown },
): Record<string, unknown> {
  const block: Record<string, unknown> = { tool_use_id: result.toolUseId, type: 'tool_result', content: result.content };
  if (result.isError) block.is_error = true;
  return {
    type: 'user',
    message: { role: 'user', content: [block] },
    parent_tool_use_id: null,
    session_id: sessionId,
    tool_use_result: result.toolUseResult,
  };
}

/** A `user` frame with one text block, as the CLI writes for interruptions and local commands. */
export function userText(sessionId: string, text: string): Record<string, unknown> {
  return {
    type: 'user',
    message: { role: 'user', content: [{ type: 'text', text }] },
    parent_tool_use_id: null,
    session_id: sessionId,
  };
}

/** A `control_response` success; `response` is omitted when undefined (as the CLI does for interrupt). */
export function controlSuccess(requestId: string, response?: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = { subtype: 'success', request_id: requestId };
  if (response !== undefined) body.response = response;
  return { type: 'control_response', response: body };
}

/**
 * A `control_response` error, with the `error_code` current CLIs send (`unsupported_request`,
 * `invalid_request`, `invalid_mode`, …).
 */
export function controlError(requestId: string, error: string, errorCode = 'unsupported_request'): Record<string, unknown> {
  return { type: 'control_response', response: { subtype: 'error', request_id: requestId, error, error_code: errorCode } };
}

/** The fields every `result` carries. */
export interface ResultTotals {
  readonly durationMs: number;
  readonly durationApiMs: number;
  readonly numTurns: number;
  readonly totalCostUsd: number;
  readonly usage: Record<string, unknown>;
  readonly modelUsage: Record<string, unknown>;
  readonly permissionDenials: readonly Record<string, unknown>[];
}

function resultCommon(sessionId: string, totals: ResultTotals): Record<string, unknown> {
  return {
    duration_ms: totals.durationMs,
    duration_api_ms: totals.durationApiMs,
    num_turns: totals.numTurns,
    total_cost_usd: totals.totalCostUsd,
    usage: totals.usage,
    modelUsage: totals.modelUsage,
    permission_denials: [...totals.permissionDenials],
    session_id: sessionId,
  };
}

/** `result/success`; `is_error` with `api_error_status` when an API error ended the turn. */
export function resultSuccess(
  sessionId: string,
  totals: ResultTotals,
  end: { result: string; stopReason: string | null; terminalReason: string; apiErrorStatus?: number | null | undefined },
): Record<string, unknown> {
  const frame: Record<string, unknown> = {
    type: 'result',
    subtype: 'success',
    is_error: end.apiErrorStatus !== undefined,
    result: end.result,
    stop_reason: end.stopReason,
    ...resultCommon(sessionId, totals),
    terminal_reason: end.terminalReason,
  };
  if (end.apiErrorStatus !== undefined) frame.api_error_status = end.apiErrorStatus;
  return frame;
}

/** `result/error_during_execution`, the ending of an interrupted turn. */
export function resultInterrupted(sessionId: string, totals: ResultTotals, terminalReason: 'aborted_streaming' | 'aborted_tools'): Record<string, unknown> {
  return {
    type: 'result',
    subtype: 'error_during_execution',
    is_error: true,
    stop_reason: null,
    ...resultCommon(sessionId, totals),
    errors: ['[ede_diagnostic] result_type=user last_content_type=n/a stop_reason=null'],
    terminal_reason: terminalReason,
  };
}
