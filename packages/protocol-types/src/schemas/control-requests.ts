import { z } from 'zod';
import type { JsonObject } from './common';
import * as agent from './control-requests-agent';
import * as files from './control-requests-files';
import { InitializeRequestSchema, InitializeResponseSchema } from './control-requests-initialize';
import * as mcp from './control-requests-mcp';
import * as runtime from './control-requests-runtime';
import * as session from './control-requests-session';
import * as settings from './control-requests-settings';
import * as usage from './control-requests-usage';
import { HookCallbackRequestSchema, HookJsonOutputSchema } from './hooks';
import { ElicitationRequestSchema, ElicitationResultSchema } from './mcp';
import { CanUseToolRequestSchema, PermissionResultSchema } from './permissions';

/**
 * The control-request registry: every known `request.subtype` with its payload schema, the
 * success payload of its reply where known, and which side sends it (PROTOCOL.md#control-subtypes).
 */

/** Request payload schema (`control_request.request`) for every known subtype (PROTOCOL.md#control-subtypes). */
export const CONTROL_REQUEST_SCHEMAS = {
  // The 41 subtypes of sdk.d.ts `SDKControlRequestInner`.
  initialize: InitializeRequestSchema,
  interrupt: session.InterruptRequestSchema,
  can_use_tool: CanUseToolRequestSchema,
  set_permission_mode: session.SetPermissionModeRequestSchema,
  set_model: session.SetModelRequestSchema,
  set_max_thinking_tokens: session.SetMaxThinkingTokensRequestSchema,
  rename_session: session.RenameSessionRequestSchema,
  set_color: session.SetColorRequestSchema,
  mcp_status: mcp.McpStatusRequestSchema,
  get_context_usage: usage.GetContextUsageRequestSchema,
  get_session_cost: usage.GetSessionCostRequestSchema,
  list_models: usage.ListModelsRequestSchema,
  get_usage: usage.GetUsageRequestSchema,
  get_binary_version: usage.GetBinaryVersionRequestSchema,
  mcp_call: mcp.McpCallRequestSchema,
  file_suggestions: files.FileSuggestionsRequestSchema,
  hook_callback: HookCallbackRequestSchema,
  mcp_message: mcp.McpMessageRequestSchema,
  rewind_files: session.RewindFilesRequestSchema,
  cancel_async_message: session.CancelAsyncMessageRequestSchema,
  read_file: files.ReadFileRequestSchema,
  seed_read_state: files.SeedReadStateRequestSchema,
  mcp_set_servers: mcp.McpSetServersRequestSchema,
  register_repo_root: files.RegisterRepoRootRequestSchema,
  reload_plugins: settings.ReloadPluginsRequestSchema,
  reload_skills: settings.ReloadSkillsRequestSchema,
  reload_output_styles: settings.ReloadOutputStylesRequestSchema,
  mcp_reconnect: mcp.McpReconnectRequestSchema,
  mcp_toggle: mcp.McpToggleRequestSchema,
  set_has_subscribers: session.SetHasSubscribersRequestSchema,
  stop_task: files.StopTaskRequestSchema,
  background_tasks: files.BackgroundTasksRequestSchema,
  get_task_output: files.GetTaskOutputRequestSchema,
  apply_flag_settings: session.ApplyFlagSettingsRequestSchema,
  get_settings: settings.GetSettingsRequestSchema,
  get_hooks_listing: settings.GetHooksListingRequestSchema,
  update_settings: settings.UpdateSettingsRequestSchema,
  elicitation: ElicitationRequestSchema,
  request_user_dialog: agent.RequestUserDialogRequestSchema,
  list_permission_rules: settings.ListPermissionRulesRequestSchema,
  mcp_read_resource: mcp.McpReadResourceRequestSchema,
  // Runtime-only host→agent subtypes (sdk.mjs, bridge.mjs, CLI 2.1.197).
  side_question: runtime.SideQuestionRequestSchema,
  set_mcp_permission_mode_override: mcp.SetMcpPermissionModeOverrideRequestSchema,
  select_chrome_browser: runtime.SelectChromeBrowserRequestSchema,
  set_prompt_suggestions_paused: runtime.SetPromptSuggestionsPausedRequestSchema,
  ultrareview_launch: runtime.UltrareviewLaunchRequestSchema,
  message_rated: runtime.MessageRatedRequestSchema,
  submit_feedback: runtime.SubmitFeedbackRequestSchema,
  generate_session_title: runtime.GenerateSessionTitleRequestSchema,
  set_cwd: runtime.SetCwdRequestSchema,
  claim_session: runtime.ClaimSessionRequestSchema,
  remote_control: runtime.RemoteControlRequestSchema,
  channel_enable: mcp.ChannelEnableRequestSchema,
  mcp_authenticate: mcp.McpAuthenticateRequestSchema,
  mcp_clear_auth: mcp.McpClearAuthRequestSchema,
  mcp_oauth_callback_url: mcp.McpOauthCallbackUrlRequestSchema,
  claude_authenticate: runtime.ClaudeAuthenticateRequestSchema,
  claude_oauth_callback: runtime.ClaudeOauthCallbackRequestSchema,
  end_session: session.EndSessionRequestSchema,
  rewind_conversation: session.RewindConversationRequestSchema,
  ...runtime.UNDOCUMENTED_HOST_REQUEST_SCHEMAS,
  // Runtime-only agent→host subtypes.
  oauth_token_refresh: agent.OauthTokenRefreshRequestSchema,
  host_auth_token_refresh: agent.HostAuthTokenRefreshRequestSchema,
  remote_control_work_secret: agent.RemoteControlWorkSecretRequestSchema,
  ...agent.UNDOCUMENTED_AGENT_REQUEST_SCHEMAS,
};

/** Every known control-request subtype. */
export type ControlRequestSubtype = keyof typeof CONTROL_REQUEST_SCHEMAS;

/** Subtypes the agent sends to the host; `mcp_message` flows both ways and is in both lists (PROTOCOL.md#control-protocol). */
export const AGENT_TO_HOST_SUBTYPES = [
  'can_use_tool',
  'hook_callback',
  'elicitation',
  'request_user_dialog',
  'mcp_message',
  'oauth_token_refresh',
  'host_auth_token_refresh',
  'remote_control_work_secret',
  'ui_copy',
  'ui_prompt_read',
  'ui_prompt_fill',
  'ui_prompt_paint',
  'ui_prompt_suggest',
  'ui_read_selection',
  'remote_tool_call',
  'remote_plumbing_call',
  'remote_tools_probe',
  'remote_tools_reannounce',
] as const satisfies readonly ControlRequestSubtype[];

/** A subtype the agent sends to the host. */
export type AgentToHostSubtype = (typeof AGENT_TO_HOST_SUBTYPES)[number];

/** A subtype the host sends to the agent (`mcp_message` included). */
export type HostToAgentSubtype = Exclude<ControlRequestSubtype, AgentToHostSubtype> | 'mcp_message';

const agentOnly = new Set<string>(AGENT_TO_HOST_SUBTYPES.filter((s) => s !== 'mcp_message'));

/** Subtypes the host sends to the agent, including `mcp_message` (PROTOCOL.md#control-protocol). */
export const HOST_TO_AGENT_SUBTYPES = (
  Object.keys(CONTROL_REQUEST_SCHEMAS) as ControlRequestSubtype[]
).filter((s): s is HostToAgentSubtype => !agentOnly.has(s)) as readonly HostToAgentSubtype[];

/** A success reply that only acknowledges: no payload, or `{}` (PROTOCOL.md#control-protocol). */
export const EmptyControlResponseSchema = z.object({});
export type EmptyControlResponse = z.infer<typeof EmptyControlResponseSchema>;

/**
 * Success payload schema (`control_response.response.response`) for each subtype whose reply is
 * known (PROTOCOL.md#control-subtypes). Replies from the agent are tolerant; the host's answers
 * to agent requests (`can_use_tool`, `hook_callback`, …) are strict.
 */
export const CONTROL_RESPONSE_SCHEMAS = {
  initialize: InitializeResponseSchema,
  interrupt: session.InterruptResponseSchema,
  can_use_tool: PermissionResultSchema,
  set_permission_mode: session.SetPermissionModeResponseSchema,
  set_model: session.SetModelResponseSchema,
  set_max_thinking_tokens: EmptyControlResponseSchema,
  rename_session: EmptyControlResponseSchema,
  set_color: EmptyControlResponseSchema,
  mcp_status: mcp.McpStatusResponseSchema,
  get_context_usage: usage.GetContextUsageResponseSchema,
  get_session_cost: usage.GetSessionCostResponseSchema,
  get_usage: usage.GetUsageResponseSchema,
  get_binary_version: usage.GetBinaryVersionResponseSchema,
  file_suggestions: files.FileSuggestionsResponseSchema,
  hook_callback: HookJsonOutputSchema,
  mcp_message: mcp.McpMessageResponseSchema,
  rewind_files: session.RewindFilesResponseSchema,
  cancel_async_message: session.CancelAsyncMessageResponseSchema,
  read_file: files.ReadFileResponseSchema,
  seed_read_state: EmptyControlResponseSchema,
  mcp_set_servers: mcp.McpSetServersResponseSchema,
  register_repo_root: EmptyControlResponseSchema,
  reload_plugins: settings.ReloadPluginsResponseSchema,
  reload_skills: settings.ReloadSkillsResponseSchema,
  reload_output_styles: settings.ReloadOutputStylesResponseSchema,
  mcp_reconnect: EmptyControlResponseSchema,
  mcp_toggle: EmptyControlResponseSchema,
  set_has_subscribers: EmptyControlResponseSchema,
  stop_task: EmptyControlResponseSchema,
  background_tasks: files.BackgroundTasksResponseSchema,
  get_task_output: files.GetTaskOutputResponseSchema,
  apply_flag_settings: EmptyControlResponseSchema,
  get_hooks_listing: settings.GetHooksListingResponseSchema,
  update_settings: EmptyControlResponseSchema,
  elicitation: ElicitationResultSchema,
  request_user_dialog: agent.UserDialogResultSchema,
  list_permission_rules: settings.ListPermissionRulesResponseSchema,
  mcp_read_resource: mcp.McpReadResourceResponseSchema,
  side_question: runtime.SideQuestionResponseSchema,
  set_mcp_permission_mode_override: mcp.SetMcpPermissionModeOverrideResponseSchema,
  generate_session_title: runtime.GenerateSessionTitleResponseSchema,
  rewind_conversation: session.RewindConversationResponseSchema,
  fork_conversation: runtime.ForkConversationResponseSchema,
  oauth_token_refresh: agent.OauthTokenRefreshResponseSchema,
  host_auth_token_refresh: agent.HostAuthTokenRefreshResponseSchema,
  remote_control_work_secret: agent.RemoteControlWorkSecretResponseSchema,
} satisfies Partial<Record<ControlRequestSubtype, z.ZodType>>;

/** Subtypes whose success payload has a known schema. */
export type KnownResponseSubtype = keyof typeof CONTROL_RESPONSE_SCHEMAS;

/** The request payload of a subtype, `subtype` included, e.g. `ControlRequestPayload<'set_model'>`. */
export type ControlRequestPayload<S extends ControlRequestSubtype = ControlRequestSubtype> = z.infer<
  (typeof CONTROL_REQUEST_SCHEMAS)[S]
>;

/** The request payload without `subtype`, as a typed `request('set_model', { model })` call takes it. */
export type ControlRequestParams<S extends ControlRequestSubtype> = S extends ControlRequestSubtype
  ? Omit<ControlRequestPayload<S>, 'subtype'>
  : never;

/** The success payload of a subtype's reply; any JSON object where the reply shape is not known. */
export type ControlResponsePayload<S extends ControlRequestSubtype> = S extends KnownResponseSubtype
  ? z.infer<(typeof CONTROL_RESPONSE_SCHEMAS)[S]>
  : JsonObject;
