import type { JsonObject } from '../internal/json';

/**
 * Agent frames for scenarios, shaped like what Claude Code 2.1.197 prints (see the corpus tapes);
 * the mock server stamps `uuid` and `session_id`. `test/scenarios/frames.test.ts` keeps each one
 * free of drift against the schemas.
 */

let counter = 0;

/** A fresh id with a prefix, unique within the process (`toolu_…`, `msg_…`, request ids). */
export function freshId(prefix: string): string {
  counter++;
  return `${prefix}${counter.toString(36).padStart(6, '0')}conformance`;
}

/** `system/init`, as the CLI sends it at the start of every turn. */
export function systemInit(model = 'claude-sonnet-4-6'): JsonObject {
  return {
    type: 'system',
    subtype: 'init',
    cwd: '/work/project',
    tools: ['AskUserQuestion', 'Bash', 'Edit', 'EnterPlanMode', 'ExitPlanMode', 'Read', 'Write'],
    mcp_servers: [],
    model,
    permissionMode: 'default',
    slash_commands: ['compact', 'review'],
    apiKeySource: 'ANTHROPIC_API_KEY',
    claude_code_version: '2.1.197',
    output_style: 'default',
    agents: ['general-purpose'],
    skills: [],
    plugins: [],
    analytics_disabled: true,
    product_feedback_disabled: true,
    memory_paths: { auto: '/home/user/.claude/projects/-work-project/memory/' },
    fast_mode_state: 'off',
  };
}

/** One `assistant` frame carrying one completed block of message `messageId`. */
export function assistant(messageId: string, block: JsonObject): JsonObject {
  return {
    type: 'assistant',
    message: {
      id: messageId,
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [block],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      context_management: null,
    },
    parent_tool_use_id: null,
  };
}

/** A text block. */
export function text(value: string): JsonObject {
  return { type: 'text', text: value };
}

/** A tool_use block. */
export function toolUse(id: string, name: string, input: JsonObject): JsonObject {
  return { type: 'tool_use', id, name, input };
}

/** A `can_use_tool` control request. */
export function canUseTool(requestId: string, toolUseId: string, toolName: string, input: JsonObject): JsonObject {
  return { type: 'control_request', request_id: requestId, request: { subtype: 'can_use_tool', tool_name: toolName, display_name: toolName, input, tool_use_id: toolUseId } };
}

/** A `user` frame with a tool_result block. */
export function toolResult(toolUseId: string, content: string, isError = false): JsonObject {
  return {
    type: 'user',
    message: { role: 'user', content: [{ tool_use_id: toolUseId, type: 'tool_result', content, is_error: isError }] },
    parent_tool_use_id: null,
    tool_use_result: isError ? `Error: ${content}` : { stdout: content, stderr: '', interrupted: false, isImage: false },
  };
}

/** A `result/success` frame ending a turn. */
export function resultSuccess(text: string, numTurns = 1, denials: JsonObject[] = []): JsonObject {
  return {
    type: 'result',
    subtype: 'success',
    is_error: false,
    api_error_status: null,
    duration_ms: 120,
    duration_api_ms: 80,
    num_turns: numTurns,
    result: text,
    stop_reason: 'end_turn',
    total_cost_usd: 0.00025,
    usage: { input_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 8 },
    modelUsage: {},
    permission_denials: denials,
    terminal_reason: 'completed',
  };
}

/** A `result/error_during_execution` frame (interrupts, deny with interrupt). */
export function resultAborted(reason: 'aborted_streaming' | 'aborted_tools'): JsonObject {
  return {
    type: 'result',
    subtype: 'error_during_execution',
    duration_ms: 85,
    duration_api_ms: 0,
    is_error: true,
    num_turns: 1,
    stop_reason: null,
    total_cost_usd: 0,
    usage: { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0 },
    modelUsage: {},
    permission_denials: [],
    terminal_reason: reason,
    errors: ['[ede_diagnostic] result_type=user last_content_type=n/a stop_reason=null'],
  };
}

/** A `system/status` frame reporting a permission mode. */
export function statusMode(mode: string): JsonObject {
  return { type: 'system', subtype: 'status', status: null, permissionMode: mode };
}

/** A `control_response` success to a host request, with or without a payload. */
export function controlSuccess(requestId: string, response?: JsonObject): JsonObject {
  return { type: 'control_response', response: { subtype: 'success', request_id: requestId, ...(response === undefined ? {} : { response }) } };
}

/** The user frame the CLI adds when a turn is interrupted. */
export function interruptedMarker(forToolUse: boolean): JsonObject {
  return {
    type: 'user',
    message: { role: 'user', content: [{ type: 'text', text: forToolUse ? '[Request interrupted by user for tool use]' : '[Request interrupted by user]' }] },
    parent_tool_use_id: null,
  };
}
