import { z } from 'zod';
import { BetaMessageSchema, MessageParamSchema } from './anthropic';
import { BaseFields, UuidSchema, frameSchema, openEnum } from './common';
import { MessageContentSchema } from './content-params';
import { AssistantMessageErrorSchema } from './enums';
import { MISC_FRAME_SCHEMAS } from './misc-frames';
import { RESULT_FRAME_SCHEMAS } from './results';
import { RUNTIME_FRAME_SCHEMAS } from './runtime-frames';
import { StreamEventSchema } from './stream';
import { MessageOriginSchema, TurnBindingFields } from './turn-fields';
import { ContextUsageSchema, UsageReportSchema } from './usage-reports';

/** Subagent attribution carried by frames a subagent produced. */
const SubagentFields = {
  agent_id: z.string().optional(),
  subagent_type: z.string().optional(),
  task_description: z.string().optional(),
} as const;

/** Display names of an MCP tool call, seen on the wire from CLI 2.1.197 (not in sdk.d.ts). */
export const ToolUseMetaSchema = z.object({
  id: z.string(),
  display_name: z.string(),
  server_display_name: z.string().optional(),
  icon_url: z.string().optional(),
  /** CLI 2.1.3xx: the MCP tool's own name (without the `mcp__server__` prefix). */
  tool_name: z.string().optional(),
});
export type ToolUseMeta = z.infer<typeof ToolUseMetaSchema>;

/** CLI 2.1.3xx: how a tool result's call was permitted (`user.tool_result_meta[*]`). Inbound: tolerant. */
export const ToolResultMetaSchema = z.object({
  id: z.string(),
  permission_decision: z.object({ decision: z.string(), source: z.string().optional(), reason_type: z.string().optional() }).optional(),
  /** Why the tool did not run (`permission-rule`, `user-rejected`, …). */
  non_execution_kind: z.string().optional(),
  /** The host's answer changed the tool's input. */
  input_changed: z.boolean().optional(),
});
export type ToolResultMeta = z.infer<typeof ToolResultMetaSchema>;

/**
 * Assistant frame, one per completed content block; frames of one response share `message.id`
 * (PROTOCOL.md#assistant). Inbound: tolerant.
 */
export const AssistantMessageSchema = frameSchema('to-client', {
  type: z.literal('assistant'),
  message: BetaMessageSchema,
  parent_tool_use_id: z.string().nullable(),
  ...BaseFields,
  error: AssistantMessageErrorSchema.optional(),
  request_id: z.string().optional(),
  ...TurnBindingFields,
  resumed_from_incomplete_thinking: z.literal(true).optional(),
  supersedes: z.array(UuidSchema).optional(),
  aborted: z.literal(true).optional(),
  ...SubagentFields,
  timestamp: z.string().optional(),
  context_usage: ContextUsageSchema.optional(),
  usage_report: UsageReportSchema.optional(),
  tool_use_meta: z.array(ToolUseMetaSchema).optional(),
  /** CLI 2.1.3xx: a synthetic "API Error" message carries the API's status and error type. */
  api_error_status: z.number().nullable().optional(),
  api_error_type: z.string().optional(),
  is_api_error_message: z.boolean().optional(),
  /** CLI 2.1.3xx: how thinking is shown (`updates`), and how long it took. */
  thinking_display: z.string().optional(),
  thinking_duration_ms: z.number().optional(),
});
export type AssistantMessage = z.infer<typeof AssistantMessageSchema>;

/**
 * User frame: a prompt from a host, a tool result or note added by the CLI, or (`isReplay: true`)
 * the CLI echoing a message it received. `uuid`/`session_id` are optional, hosts may leave them out
 * (PROTOCOL.md#user). Both directions: tolerant in.
 */
export const UserMessageSchema = frameSchema('both', {
  type: z.literal('user'),
  message: MessageParamSchema,
  parent_tool_use_id: z.string().nullable(),
  uuid: UuidSchema.optional(),
  session_id: z.string().optional(),
  isReplay: z.boolean().optional(),
  isSynthetic: z.boolean().optional(),
  tool_use_result: z.unknown().optional(),
  priority: openEnum(['now', 'next', 'later']).optional(),
  origin: MessageOriginSchema.optional(),
  shouldQuery: z.boolean().optional(),
  timestamp: z.string().optional(),
  client_composed: z.boolean().optional(),
  pasted_content: z.array(MessageContentSchema).optional(),
  inline_pastes: z.array(z.string()).optional(),
  file_attachments: z.array(z.unknown()).optional(),
  ...SubagentFields,
  /** CLI 2.1.3xx: per tool result, the permission decision that let it run. */
  tool_result_meta: z.array(ToolResultMetaSchema).optional(),
  /** CLI 2.1.3xx: the local slash command this message records (e.g. `set_model` → `{command: 'model', args}`). */
  local_command_run: z.object({ command: z.string(), args: z.string().optional() }).optional(),
});
export type UserMessage = z.infer<typeof UserMessageSchema>;

/**
 * A raw Messages API streaming event (`SDKPartialAssistantMessage`), sent only with partial messages
 * on; ephemeral on CCR, the `assistant` frames stay the durable record (PROTOCOL.md#stream-event).
 * Inbound: tolerant.
 */
export const PartialAssistantMessageSchema = frameSchema('to-client', {
  type: z.literal('stream_event'),
  event: StreamEventSchema,
  parent_tool_use_id: z.string().nullable(),
  ...BaseFields,
  ttft_ms: z.number().optional(),
  ...TurnBindingFields,
  /** CLI 2.1.3xx: the API message the event belongs to. */
  api_message_id: z.string().optional(),
  /** CLI 2.1.3xx: after a retried stream, the blocks of the abandoned attempt from this index on are void. */
  abandoned_blocks: z.object({ api_message_id: z.string(), from_block_index: z.number() }).optional(),
  owed_rows: z.array(z.unknown()).optional(),
  thinking_display: z.string().optional(),
});
export type PartialAssistantMessage = z.infer<typeof PartialAssistantMessageSchema>;

/** Every conversation and non-system frame schema, for the frame registry. */
export const MESSAGE_FRAME_SCHEMAS = [
  AssistantMessageSchema,
  UserMessageSchema,
  PartialAssistantMessageSchema,
  ...RESULT_FRAME_SCHEMAS,
  ...MISC_FRAME_SCHEMAS,
  ...RUNTIME_FRAME_SCHEMAS,
] as const;
