import { z } from 'zod';

/**
 * Runtime-only host→agent requests: sent by the SDK's `Query` methods or handled by the bridge,
 * but absent from the sdk.d.ts union (PROTOCOL.md#control-subtypes). Fields are those the SDK
 * writes; the CLI may refuse any of them as unsupported. Outbound: strict.
 */

/** `side_question`: ask a question aside from the conversation (PROTOCOL.md#control-subtypes). */
export const SideQuestionRequestSchema = z.object({
  subtype: z.literal('side_question'),
  question: z.string(),
  history: z
    .array(z.object({ question: z.string(), response: z.string(), fallback_notice: z.string().optional() }))
    .optional(),
});
export type SideQuestionRequest = z.infer<typeof SideQuestionRequestSchema>;

/** Success payload of `side_question`; progress arrives as `system/control_request_progress` (PROTOCOL.md#control-subtypes). */
export const SideQuestionResponseSchema = z.object({
  response: z.string().nullable(),
  synthetic: z.boolean().optional(),
});
export type SideQuestionResponse = z.infer<typeof SideQuestionResponseSchema>;

/** `select_chrome_browser`: pick the browser the Chrome tools drive (PROTOCOL.md#control-subtypes). */
export const SelectChromeBrowserRequestSchema = z.object({
  subtype: z.literal('select_chrome_browser'),
  device_id: z.string(),
});
export type SelectChromeBrowserRequest = z.infer<typeof SelectChromeBrowserRequestSchema>;

/** `set_prompt_suggestions_paused` (PROTOCOL.md#control-subtypes). */
export const SetPromptSuggestionsPausedRequestSchema = z.object({
  subtype: z.literal('set_prompt_suggestions_paused'),
  paused: z.boolean(),
});
export type SetPromptSuggestionsPausedRequest = z.infer<typeof SetPromptSuggestionsPausedRequestSchema>;

/** `ultrareview_launch`: start an ultrareview; `args` are passed through as given (PROTOCOL.md#control-subtypes). */
export const UltrareviewLaunchRequestSchema = z.object({
  subtype: z.literal('ultrareview_launch'),
  args: z.unknown(),
  confirm: z.boolean(),
});
export type UltrareviewLaunchRequest = z.infer<typeof UltrareviewLaunchRequestSchema>;

/** `message_rated`: thumbs up or down on a message (PROTOCOL.md#control-subtypes). */
export const MessageRatedRequestSchema = z.object({
  subtype: z.literal('message_rated'),
  messageUuid: z.string(),
  sentiment: z.enum(['positive', 'negative']),
  surface: z.enum(['tool_use', 'assistant_text']).optional(),
  cleared: z.boolean().optional(),
});
export type MessageRatedRequest = z.infer<typeof MessageRatedRequestSchema>;

/** `submit_feedback`: the `/feedback` report (PROTOCOL.md#control-subtypes). */
export const SubmitFeedbackRequestSchema = z.object({
  subtype: z.literal('submit_feedback'),
  description: z.string(),
  surface: z.enum(['cli', 'ccd', 'ccr', 'ide', 'sdk', 'cowork']).optional(),
  draft_id: z.string().optional(),
  type: z.string().optional(),
  title: z.string().optional(),
  area: z.string().optional(),
  attach_transcript: z.boolean().optional(),
  save_locally: z.boolean().optional(),
});
export type SubmitFeedbackRequest = z.infer<typeof SubmitFeedbackRequestSchema>;

/** `generate_session_title`: have the model title the session, optionally saving it (PROTOCOL.md#control-subtypes). */
export const GenerateSessionTitleRequestSchema = z.object({
  subtype: z.literal('generate_session_title'),
  description: z.string(),
  persist: z.boolean().optional(),
});
export type GenerateSessionTitleRequest = z.infer<typeof GenerateSessionTitleRequestSchema>;

/** Success payload of `generate_session_title` (PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const GenerateSessionTitleResponseSchema = z.object({ title: z.string().nullable() });
export type GenerateSessionTitleResponse = z.infer<typeof GenerateSessionTitleResponseSchema>;

/** `set_cwd`: move the session to another directory (PROTOCOL.md#control-subtypes). */
export const SetCwdRequestSchema = z.object({
  subtype: z.literal('set_cwd'),
  path: z.string(),
  trust_accepted: z.boolean().optional(),
  trusted_directory: z.string().optional(),
});
export type SetCwdRequest = z.infer<typeof SetCwdRequestSchema>;

/** `claim_session`: take over a session; the SDK sets `include_initialize` (PROTOCOL.md#control-subtypes). */
export const ClaimSessionRequestSchema = z.object({
  subtype: z.literal('claim_session'),
  include_initialize: z.boolean().optional(),
});
export type ClaimSessionRequest = z.infer<typeof ClaimSessionRequestSchema>;

/** `remote_control`: turn Remote Control on or off for this CLI (PROTOCOL.md#control-subtypes). */
export const RemoteControlRequestSchema = z.object({
  subtype: z.literal('remote_control'),
  enabled: z.boolean(),
  name: z.string().optional(),
  reattach_session_id: z.string().optional(),
  keep_session_on_exit: z.boolean().optional(),
  work_secret: z.string().optional(),
});
export type RemoteControlRequest = z.infer<typeof RemoteControlRequestSchema>;

/** `claude_authenticate`: start a Claude login (PROTOCOL.md#control-subtypes). */
export const ClaudeAuthenticateRequestSchema = z.object({
  subtype: z.literal('claude_authenticate'),
  loginWithClaudeAi: z.boolean(),
  consoleProfile: z.string().optional(),
});
export type ClaudeAuthenticateRequest = z.infer<typeof ClaudeAuthenticateRequestSchema>;

/** `claude_oauth_callback`: finish a Claude login with the authorization code (PROTOCOL.md#control-subtypes). */
export const ClaudeOauthCallbackRequestSchema = z.object({
  subtype: z.literal('claude_oauth_callback'),
  authorizationCode: z.string(),
  state: z.string(),
});
export type ClaudeOauthCallbackRequest = z.infer<typeof ClaudeOauthCallbackRequestSchema>;

/** Success payload of the bridge's `fork_conversation`; unsupported unless a Remote Control server handles it. */
export const ForkConversationResponseSchema = z.object({
  forked: z.boolean(),
  error: z.string().optional(),
  reason: z.string().optional(),
});
export type ForkConversationResponse = z.infer<typeof ForkConversationResponseSchema>;

function bare<const S extends string>(subtype: S) {
  return z.object({ subtype: z.literal(subtype) });
}

/**
 * Runtime-only host→agent requests with no documented fields (PROTOCOL.md#control-subtypes):
 * dialogs and status reads, Chrome browser helpers, the bridge's workspace requests, and CLI
 * 2.1.197 handlers (`add_directory`). Any fields a caller adds are passed through.
 */
export const UNDOCUMENTED_HOST_REQUEST_SCHEMAS = {
  set_chrome_browser_hints: bare('set_chrome_browser_hints'),
  get_chrome_browsers: bare('get_chrome_browsers'),
  get_chrome_dialog: bare('get_chrome_dialog'),
  get_sandbox_dialog: bare('get_sandbox_dialog'),
  prompt_draft_activity: bare('prompt_draft_activity'),
  submit_survey_feedback: bare('submit_survey_feedback'),
  claude_oauth_wait_for_completion: bare('claude_oauth_wait_for_completion'),
  get_status: bare('get_status'),
  get_plan: bare('get_plan'),
  get_memory_dialog: bare('get_memory_dialog'),
  get_skills_dialog: bare('get_skills_dialog'),
  export_conversation: bare('export_conversation'),
  get_workspace_diff: bare('get_workspace_diff'),
  fork_conversation: bare('fork_conversation'),
  stage_file: bare('stage_file'),
  prefetch_attachments: bare('prefetch_attachments'),
  comparison_fork: bare('comparison_fork'),
  add_directory: bare('add_directory'),
};
