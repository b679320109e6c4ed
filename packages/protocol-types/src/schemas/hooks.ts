import { z } from 'zod';
import { UNKNOWN_FALLBACK_KEY } from '../internal/walk';
import { JsonObjectSchema, openEnum } from './common';
import { AssistantMessageErrorSchema, ReportedPermissionModeSchema } from './enums';
import { McpServerProvenanceSchema, PermissionSuggestionSchema, PermissionUpdateSchema } from './permissions';

/**
 * SDK callback hooks: the matchers a host registers in `initialize`, the `hook_callback` request
 * the agent sends when one fires, and the output the host answers with.
 */

/** One registered callback group for a hook event (PROTOCOL.md#hooks). Outbound: strict. */
export const HookCallbackMatcherSchema = z.object({
  matcher: z.string().optional(),
  hookCallbackIds: z.array(z.string()),
  timeout: z.number().optional(),
  onFailure: z.enum(['continue', 'block']).optional(),
});
export type HookCallbackMatcher = z.infer<typeof HookCallbackMatcherSchema>;

/** `initialize.hooks`: callback groups keyed by hook event name (PROTOCOL.md#hooks). */
export const HookCallbackMatchersSchema = z.record(z.string(), z.array(HookCallbackMatcherSchema));
export type HookCallbackMatchers = z.infer<typeof HookCallbackMatchersSchema>;

/** Fields every hook input carries (`BaseHookInput`, PROTOCOL.md#hooks). */
export const BaseHookInputFields = {
  session_id: z.string(),
  transcript_path: z.string(),
  cwd: z.string(),
  prompt_id: z.string().optional(),
  permission_mode: ReportedPermissionModeSchema.optional(),
  agent_id: z.string().optional(),
  agent_type: z.string().optional(),
  effort: z.object({ level: z.string() }).optional(),
} as const;

function hookInput<const E extends string, S extends z.core.$ZodLooseShape>(event: E, shape: S) {
  // `extend` (not a spread) so an event's own field, e.g. SubagentStart's required `agent_id`, replaces the base one.
  return z.object({ ...BaseHookInputFields, hook_event_name: z.literal(event) }).extend(shape);
}

const toolCall = { tool_name: z.string(), tool_input: z.unknown(), tool_use_id: z.string() };
const mcpServer = { mcp_server: McpServerProvenanceSchema.optional() };
const modelSwitch = {
  from_model: z.string(),
  to_model: z.string(),
  requested_model: z.string().nullable(),
  source: openEnum(['command', 'picker', 'sdk', 'auto', 'resume']),
  context_tokens: z.number(),
  prompt_cache_warm: z.boolean(),
  cache_ttl: openEnum(['5m', '1h']),
  estimated_cache_write_usd: z.number(),
  pricing: openEnum(['configured', 'catalog', 'default']),
};
const stopFields = {
  stop_hook_active: z.boolean(),
  last_assistant_message: z.string().optional(),
  background_tasks: z
    .array(
      z.object({
        id: z.string(),
        type: z.string(),
        status: z.string(),
        description: z.string(),
        command: z.string().optional(),
        agent_type: z.string().optional(),
        server: z.string().optional(),
        tool: z.string().optional(),
        name: z.string().optional(),
      }),
    )
    .optional(),
  session_crons: z
    .array(z.object({ id: z.string(), schedule: z.string(), recurring: z.boolean(), prompt: z.string() }))
    .optional(),
};
const taskFields = {
  task_id: z.string(),
  task_subject: z.string(),
  task_description: z.string().optional(),
  teammate_name: z.string().optional(),
  team_name: z.string().optional(),
};
const elicitationMode = openEnum(['form', 'url']).optional();
const elicitationAction = openEnum(['accept', 'decline', 'cancel']);

/** Per-event hook input schemas, keyed by `hook_event_name` (PROTOCOL.md#hooks). Inbound: tolerant. */
export const HOOK_INPUT_SCHEMAS = {
  PreToolUse: hookInput('PreToolUse', { ...toolCall, ...mcpServer }),
  PostToolUse: hookInput('PostToolUse', {
    ...toolCall,
    tool_response: z.unknown(),
    duration_ms: z.number().optional(),
    ...mcpServer,
  }),
  PostToolUseFailure: hookInput('PostToolUseFailure', {
    ...toolCall,
    error: z.string(),
    is_interrupt: z.boolean().optional(),
    duration_ms: z.number().optional(),
    ...mcpServer,
  }),
  PostToolBatch: hookInput('PostToolBatch', {
    tool_calls: z.array(z.object({ ...toolCall, tool_response: z.unknown().optional() })),
  }),
  Notification: hookInput('Notification', {
    message: z.string(),
    title: z.string().optional(),
    notification_type: z.string(),
  }),
  UserPromptSubmit: hookInput('UserPromptSubmit', {
    prompt: z.string(),
    source: openEnum(['user', 'sdk', 'system', 'loop_wakeup', 'schedule_wakeup', 'poll_event']).optional(),
    session_title: z.string().optional(),
  }),
  UserPromptExpansion: hookInput('UserPromptExpansion', {
    expansion_type: openEnum(['slash_command', 'mcp_prompt']),
    command_name: z.string(),
    command_args: z.string(),
    command_source: z.string().optional(),
    prompt: z.string(),
  }),
  SessionStart: hookInput('SessionStart', {
    source: openEnum(['startup', 'resume', 'clear', 'compact', 'fork']),
    model: z.string().optional(),
    session_title: z.string().optional(),
    seconds_since_last_response: z.number().optional(),
    context_tokens: z.number().optional(),
    prompt_cache_likely_expired: z.boolean().optional(),
    estimated_cache_write_usd: z.number().optional(),
  }),
  SessionEnd: hookInput('SessionEnd', {
    reason: openEnum(['clear', 'resume', 'logout', 'prompt_input_exit', 'other']),
  }),
  Stop: hookInput('Stop', stopFields),
  StopFailure: hookInput('StopFailure', {
    error: AssistantMessageErrorSchema,
    error_details: z.string().optional(),
    last_assistant_message: z.string().optional(),
  }),
  Interrupt: hookInput('Interrupt', {
    source: openEnum(['user', 'session', 'system']),
    reason: openEnum(['stop', 'permission_denied', 'rewind', 'other']),
    via: openEnum(['terminal', 'client']).optional(),
  }),
  SubagentStart: hookInput('SubagentStart', { agent_id: z.string(), agent_type: z.string() }),
  SubagentStop: hookInput('SubagentStop', {
    ...stopFields,
    agent_id: z.string(),
    agent_transcript_path: z.string(),
    agent_type: z.string(),
  }),
  PreCompact: hookInput('PreCompact', {
    trigger: openEnum(['manual', 'auto']),
    custom_instructions: z.string().nullable(),
  }),
  PostCompact: hookInput('PostCompact', {
    trigger: openEnum(['manual', 'auto']),
    compact_summary: z.string(),
  }),
  PreModelSwitch: hookInput('PreModelSwitch', modelSwitch),
  PostModelSwitch: hookInput('PostModelSwitch', modelSwitch),
  PermissionRequest: hookInput('PermissionRequest', {
    tool_name: z.string(),
    tool_input: z.unknown(),
    permission_suggestions: z.array(PermissionSuggestionSchema).optional(),
    ...mcpServer,
  }),
  PermissionDenied: hookInput('PermissionDenied', { ...toolCall, reason: z.string(), ...mcpServer }),
  Setup: hookInput('Setup', { trigger: openEnum(['init', 'maintenance']) }),
  TeammateIdle: hookInput('TeammateIdle', { teammate_name: z.string(), team_name: z.string() }),
  TaskCreated: hookInput('TaskCreated', taskFields),
  TaskCompleted: hookInput('TaskCompleted', taskFields),
  Elicitation: hookInput('Elicitation', {
    mcp_server_name: z.string(),
    message: z.string(),
    mode: elicitationMode,
    url: z.string().optional(),
    elicitation_id: z.string().optional(),
    requested_schema: JsonObjectSchema.optional(),
  }),
  ElicitationResult: hookInput('ElicitationResult', {
    mcp_server_name: z.string(),
    elicitation_id: z.string().optional(),
    mode: elicitationMode,
    action: elicitationAction,
    content: JsonObjectSchema.optional(),
  }),
  ConfigChange: hookInput('ConfigChange', {
    source: openEnum(['user_settings', 'project_settings', 'local_settings', 'policy_settings', 'skills']),
    file_path: z.string().optional(),
  }),
  WorktreeCreate: hookInput('WorktreeCreate', { name: z.string() }),
  WorktreeRemove: hookInput('WorktreeRemove', { worktree_path: z.string() }),
  InstructionsLoaded: hookInput('InstructionsLoaded', {
    file_path: z.string(),
    memory_type: openEnum(['User', 'Project', 'Local', 'Managed']),
    load_reason: openEnum(['session_start', 'nested_traversal', 'path_glob_match', 'include', 'compact']),
    globs: z.array(z.string()).optional(),
    trigger_file_path: z.string().optional(),
    parent_file_path: z.string().optional(),
  }),
  CwdChanged: hookInput('CwdChanged', { old_cwd: z.string(), new_cwd: z.string() }),
  FileChanged: hookInput('FileChanged', {
    file_path: z.string(),
    event: openEnum(['change', 'add', 'unlink']),
  }),
  DirectoryAdded: hookInput('DirectoryAdded', {
    directory: z.string(),
    source: openEnum(['slash_command', 'register_repo_root']),
  }),
  PreSkillShellCommand: hookInput('PreSkillShellCommand', {
    tool_name: z.string(),
    tool_input: z.object({ command: z.string() }),
    tool_use_id: z.string(),
    command_name: z.string(),
    command_source: z.string().optional(),
    invoked_by: openEnum(['user', 'claude', 'other']),
  }),
  MessageDisplay: hookInput('MessageDisplay', {
    turn_id: z.string(),
    message_id: z.string(),
    index: z.number(),
    final: z.boolean(),
    delta: z.string(),
  }),
};

/** Hook events with a dedicated input schema. */
export type KnownHookEvent = keyof typeof HOOK_INPUT_SCHEMAS;

/** The input of one known hook event, e.g. `HookInputFor<'PreToolUse'>`. */
export type HookInputFor<E extends KnownHookEvent> = z.infer<(typeof HOOK_INPUT_SCHEMAS)[E]>;

/** Input of a hook event this version does not know yet: the base fields and its name. */
export const UnknownHookInputSchema = z
  .object({ ...BaseHookInputFields, hook_event_name: z.string() })
  .meta({ [UNKNOWN_FALLBACK_KEY]: true });
export type UnknownHookInput = z.infer<typeof UnknownHookInputSchema>;

const knownHookInputs = Object.values<(typeof HOOK_INPUT_SCHEMAS)[KnownHookEvent]>(HOOK_INPUT_SCHEMAS);

/** What a `hook_callback` carries in `input` (`HookInput`, PROTOCOL.md#hooks). Inbound: tolerant, unknown events kept. */
export const HookInputSchema = z.union([...knownHookInputs, UnknownHookInputSchema]);
export type HookInput = z.infer<typeof HookInputSchema>;

/** `hook_callback`: the agent runs a host-registered hook callback (PROTOCOL.md#hooks). Inbound: tolerant. */
export const HookCallbackRequestSchema = z.object({
  subtype: z.literal('hook_callback'),
  callback_id: z.string(),
  input: HookInputSchema,
  tool_use_id: z.string().optional(),
});
export type HookCallbackRequest = z.infer<typeof HookCallbackRequestSchema>;

function specific<const E extends string, S extends z.core.$ZodLooseShape>(event: E, shape: S) {
  return z.object({ hookEventName: z.literal(event), ...shape });
}

const additionalContext = { additionalContext: z.string().optional() };
const watchPaths = { watchPaths: z.array(z.string()).optional() };
const elicitationAnswer = {
  action: z.enum(['accept', 'decline', 'cancel']).optional(),
  content: JsonObjectSchema.optional(),
};

/** Event-specific part of a hook's answer (`hookSpecificOutput`, PROTOCOL.md#hooks). Outbound: strict. */
export const HookSpecificOutputSchema = z.discriminatedUnion('hookEventName', [
  specific('PreToolUse', {
    permissionDecision: z.enum(['allow', 'deny', 'ask', 'defer']).optional(),
    permissionDecisionReason: z.string().optional(),
    updatedInput: JsonObjectSchema.optional(),
    ...additionalContext,
  }),
  specific('UserPromptSubmit', {
    ...additionalContext,
    sessionTitle: z.string().optional(),
    suppressOriginalPrompt: z.boolean().optional(),
  }),
  specific('UserPromptExpansion', { ...additionalContext, suppressOriginalPrompt: z.boolean().optional() }),
  specific('SessionStart', {
    ...additionalContext,
    initialUserMessage: z.string().optional(),
    sessionTitle: z.string().optional(),
    ...watchPaths,
    reloadSkills: z.boolean().optional(),
  }),
  specific('Setup', additionalContext),
  specific('PreModelSwitch', {
    permissionDecision: z.enum(['allow', 'deny', 'ask']).optional(),
    permissionDecisionReason: z.string().optional(),
  }),
  specific('PostModelSwitch', additionalContext),
  specific('SubagentStart', additionalContext),
  specific('PostToolUse', {
    ...additionalContext,
    classifierContext: z.string().optional(),
    updatedToolOutput: z.unknown().optional(),
    updatedMCPToolOutput: z.unknown().optional(),
  }),
  specific('PostToolUseFailure', additionalContext),
  specific('PostToolBatch', additionalContext),
  specific('Stop', additionalContext),
  specific('SubagentStop', additionalContext),
  specific('PermissionDenied', { retry: z.boolean().optional() }),
  specific('Notification', additionalContext),
  specific('PermissionRequest', {
    decision: z.discriminatedUnion('behavior', [
      z.object({
        behavior: z.literal('allow'),
        updatedInput: JsonObjectSchema.optional(),
        updatedPermissions: z.array(PermissionUpdateSchema).optional(),
      }),
      z.object({
        behavior: z.literal('deny'),
        message: z.string().optional(),
        interrupt: z.boolean().optional(),
      }),
    ]),
  }),
  specific('Elicitation', elicitationAnswer),
  specific('ElicitationResult', elicitationAnswer),
  specific('CwdChanged', watchPaths),
  specific('FileChanged', watchPaths),
  specific('WorktreeCreate', { worktreePath: z.string() }),
  specific('MessageDisplay', { displayContent: z.string().optional() }),
  specific('PreSkillShellCommand', {
    permissionDecision: z.enum(['allow', 'deny', 'ask', 'defer']).optional(),
    permissionDecisionReason: z.string().optional(),
    updatedInput: JsonObjectSchema.optional(),
  }),
]);
export type HookSpecificOutput = z.infer<typeof HookSpecificOutputSchema>;

/** Answer that lets the hook finish in the background (PROTOCOL.md#hooks). */
export const AsyncHookJsonOutputSchema = z.object({
  async: z.literal(true),
  asyncTimeout: z.number().optional(),
});
export type AsyncHookJsonOutput = z.infer<typeof AsyncHookJsonOutputSchema>;

/** Answer that decides now: continue or stop, messages, and event-specific output (PROTOCOL.md#hooks). */
export const SyncHookJsonOutputSchema = z.object({
  continue: z.boolean().optional(),
  suppressOutput: z.boolean().optional(),
  stopReason: z.string().optional(),
  decision: z.enum(['approve', 'block']).optional(),
  systemMessage: z.string().optional(),
  terminalSequence: z.string().optional(),
  reason: z.string().optional(),
  hookSpecificOutput: HookSpecificOutputSchema.optional(),
});
export type SyncHookJsonOutput = z.infer<typeof SyncHookJsonOutputSchema>;

/** The host's answer to `hook_callback` (`HookJSONOutput`, PROTOCOL.md#hooks). Outbound: strict. */
export const HookJsonOutputSchema = z.union([AsyncHookJsonOutputSchema, SyncHookJsonOutputSchema]);
export type HookJsonOutput = z.infer<typeof HookJsonOutputSchema>;
