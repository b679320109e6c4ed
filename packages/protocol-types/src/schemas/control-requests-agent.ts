import { z } from 'zod';
import { JsonObjectSchema, openEnum } from './common';

/**
 * Agent→host requests besides permissions, hooks and elicitations (which live with their
 * domains): user dialogs, credential refreshes, and runtime-only UI and remote-tool requests.
 * Requests are inbound (tolerant); the host's answers are outbound (strict).
 */

/** `request_user_dialog`: show a dialog of a kind the host declared in `supportedDialogKinds` (PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const RequestUserDialogRequestSchema = z.object({
  subtype: z.literal('request_user_dialog'),
  dialog_kind: z.string(),
  payload: JsonObjectSchema,
  tool_use_id: z.string().optional(),
});
export type RequestUserDialogRequest = z.infer<typeof RequestUserDialogRequestSchema>;

/** The host's answer to `request_user_dialog` (`UserDialogResult`, PROTOCOL.md#control-subtypes). Outbound: strict. */
export const UserDialogResultSchema = z.discriminatedUnion('behavior', [
  z.object({ behavior: z.literal('completed'), result: z.unknown() }),
  z.object({ behavior: z.literal('cancelled') }),
]);
export type UserDialogResult = z.infer<typeof UserDialogResultSchema>;

const tokenState = openEnum(['refused', 'not_refused']).optional();

/** `oauth_token_refresh` (runtime): the agent got a 401 and asks the host for an OAuth token (PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const OauthTokenRefreshRequestSchema = z.object({
  subtype: z.literal('oauth_token_refresh'),
  kind: z.string().optional(),
  token_state: tokenState,
  refused_call: openEnum(['model', 'connector', 'other']).optional(),
  refused_bearer_sha256: z.array(z.string()).optional(),
});
export type OauthTokenRefreshRequest = z.infer<typeof OauthTokenRefreshRequestSchema>;

/** The host's answer to `oauth_token_refresh`; null when it has no token (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const OauthTokenRefreshResponseSchema = z.object({
  accessToken: z.string().nullable(),
  reason: z.string().optional(),
});
export type OauthTokenRefreshResponse = z.infer<typeof OauthTokenRefreshResponseSchema>;

/** `host_auth_token_refresh` (runtime): asks for a provider token the host owns (PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const HostAuthTokenRefreshRequestSchema = z.object({
  subtype: z.literal('host_auth_token_refresh'),
  /** Why the refresh is needed; its shape is not documented. */
  status: z.unknown().optional(),
  token_state: tokenState,
});
export type HostAuthTokenRefreshRequest = z.infer<typeof HostAuthTokenRefreshRequestSchema>;

/** The host's answer to `host_auth_token_refresh` (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const HostAuthTokenRefreshResponseSchema = z.object({ authToken: z.string().nullable() });
export type HostAuthTokenRefreshResponse = z.infer<typeof HostAuthTokenRefreshResponseSchema>;

/** `remote_control_work_secret` (runtime): asks for a fresh work secret of an attached session (PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const RemoteControlWorkSecretRequestSchema = z.object({
  subtype: z.literal('remote_control_work_secret'),
  session_id: z.string(),
});
export type RemoteControlWorkSecretRequest = z.infer<typeof RemoteControlWorkSecretRequestSchema>;

/** The host's answer to `remote_control_work_secret` (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const RemoteControlWorkSecretResponseSchema = z.object({ work_secret: z.string().nullable() });
export type RemoteControlWorkSecretResponse = z.infer<typeof RemoteControlWorkSecretResponseSchema>;

function bare<const S extends string>(subtype: S) {
  return z.object({ subtype: z.literal(subtype) });
}

/**
 * Runtime-only agent→host requests whose fields are not documented (PROTOCOL.md#control-subtypes):
 * UI hooks the SDK answers through its `uiHost`, and remote-tool requests the SDK deliberately
 * leaves unanswered. Inbound: tolerant, every field kept.
 */
export const UNDOCUMENTED_AGENT_REQUEST_SCHEMAS = {
  ui_copy: bare('ui_copy'),
  ui_prompt_read: bare('ui_prompt_read'),
  ui_prompt_fill: bare('ui_prompt_fill'),
  ui_prompt_paint: bare('ui_prompt_paint'),
  ui_prompt_suggest: bare('ui_prompt_suggest'),
  ui_read_selection: bare('ui_read_selection'),
  remote_tool_call: bare('remote_tool_call'),
  remote_plumbing_call: bare('remote_plumbing_call'),
  remote_tools_probe: bare('remote_tools_probe'),
  remote_tools_reannounce: bare('remote_tools_reannounce'),
};
