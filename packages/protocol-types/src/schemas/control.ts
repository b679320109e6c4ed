import { z } from 'zod';
import { JsonObjectSchema, UuidSchema, frameSchema, openEnum, type FrameDirection } from './common';
import {
  AGENT_TO_HOST_SUBTYPES,
  CONTROL_REQUEST_SCHEMAS,
  HOST_TO_AGENT_SUBTYPES,
  type ControlRequestSubtype,
} from './control-requests';

/**
 * Control-protocol envelopes (PROTOCOL.md#control-protocol): one `control_request` frame schema per
 * request subtype, the `control_response` / `control_cancel_request` / `keep_alive` envelopes, and
 * the other lines a CLI accepts on stdin.
 */

/** Fields the CCR service adds to control frames; absent on stdio. */
const ccrFields = { session_id: z.string().optional(), uuid: UuidSchema.optional() };

/** CLI 2.1.3xx marks some requests it sends (`hook_callback`, `mcp_message`) `flush: true`: its output before them was flushed. */
const agentRequestFields = { flush: z.boolean().optional() };

function controlRequestFrame(direction: FrameDirection, request: z.core.SomeType) {
  return frameSchema(direction, {
    type: z.literal('control_request'),
    request_id: z.string(),
    request,
    ...ccrFields,
    ...agentRequestFields,
  });
}

const hostToAgent = new Set<string>(HOST_TO_AGENT_SUBTYPES);
const agentToHost = new Set<string>(AGENT_TO_HOST_SUBTYPES);

/** Which way a control request of a subtype flows: `mcp_message` goes both ways. */
export function controlRequestDirection(subtype: ControlRequestSubtype): FrameDirection {
  if (hostToAgent.has(subtype) && agentToHost.has(subtype)) return 'both';
  return agentToHost.has(subtype) ? 'to-client' : 'to-agent';
}

/** The frame schema type wrapping one request payload schema. */
type RequestFrameSchemaOf<R extends z.core.$ZodType> = z.ZodObject<{
  type: z.ZodLiteral<'control_request'>;
  request_id: z.ZodString;
  request: R;
  session_id: z.ZodOptional<z.ZodString>;
  uuid: z.ZodOptional<z.ZodString>;
}>;
type ControlRequestFrameSchemas = {
  [S in ControlRequestSubtype]: RequestFrameSchemaOf<(typeof CONTROL_REQUEST_SCHEMAS)[S]>;
};

/**
 * One `control_request` frame schema per subtype, keyed by subtype (PROTOCOL.md#control-protocol).
 * Host→agent requests are strict out; agent→host requests are inbound and tolerant.
 */
export const CONTROL_REQUEST_FRAME_SCHEMAS = Object.fromEntries(
  (Object.keys(CONTROL_REQUEST_SCHEMAS) as ControlRequestSubtype[]).map((subtype) => [
    subtype,
    controlRequestFrame(controlRequestDirection(subtype), CONTROL_REQUEST_SCHEMAS[subtype]),
  ]),
) as unknown as ControlRequestFrameSchemas;

/** A `control_request` frame of one subtype, e.g. `ControlRequestFrame<'can_use_tool'>`. */
export type ControlRequestFrame<S extends ControlRequestSubtype = ControlRequestSubtype> = z.infer<
  ControlRequestFrameSchemas[S]
>;

/**
 * Any `control_request`, whatever its subtype, as listed in `pending_*` arrays
 * (PROTOCOL.md#control-protocol). Parse an item with `parseFrame` to get its typed frame.
 */
export const AnyControlRequestFrameSchema = z.object({
  type: z.literal('control_request'),
  request_id: z.string(),
  request: z.object({ subtype: z.string() }),
  ...ccrFields,
});
export type AnyControlRequestFrame = z.infer<typeof AnyControlRequestFrameSchema>;

/** Machine-readable reasons on error replies (`error_code`, runtime). Open. */
export const ControlErrorCodeSchema = openEnum([
  // set_model
  'invalid_request',
  'catalog_unknown',
  'not_found',
  'restricted_by_org',
  'unavailable_for_account',
  'not_offered',
  'alias_1m_disabled',
  'alias_1m_unsupported',
  'blocked_by_hook',
  'hooks_unchecked',
  'hooks_unchecked_plugin_not_loaded',
  'check_failed',
  'check_unreachable',
  'check_server_error',
  'check_rejected',
  'credits_required',
  'rate_limit',
  'auth_failed',
  'oauth_org_not_allowed',
  'model_not_current',
  'verdict_pending',
  'internal_error',
  // set_permission_mode
  'invalid_mode',
  'bypass_restricted',
  'bypass_disabled',
  'bypass_not_launched',
  'auto_mode_settings',
  'auto_mode_circuit_breaker',
  'auto_mode_fast_mode',
  'auto_mode_model',
  'auto_mode_unavailable',
  // remote_control
  'remote_control_auth',
  'remote_control_terminal',
  'remote_control_ended_elsewhere',
  'remote_control_policy_disabled',
  'remote_control_flags_disabled',
  'remote_control_flags_unreachable',
  'remote_control_gate_off',
  'remote_control_below_floor',
  'remote_control_floor_unanswered',
  'remote_control_floor_malformed',
  'remote_control_floor_unreachable',
  'remote_control_session_unread',
  // other
  'workspace_diff_pending',
  'stale_worker_epoch',
  'invalid_worker_epoch',
  'mcp_client_registration_unavailable',
  'mcp_redirect_uri_unusable',
  'mcp_policy_blocked',
  'mcp_call_refusal_limit',
  'read_denied',
  'stale_root_id',
  'credential_name',
  'mcp_call_malformed',
  'mcp_call_not_vouched',
  'mcp_call_not_listed',
  'mcp_call_no_container',
  'side_question_busy',
  'project_settings_not_claimable',
  'proxy_auth_helper_not_claimable',
  'api_key_helper_not_claimable',
  'provider_credentials_not_claimable',
  'stale_turn',
  'unsupported_request',
  'unavailable_in_cloud_session',
  'unavailable_on_connection',
  'invalid_effort_level',
  'reload_plugins_busy',
]);
export type ControlErrorCode = z.infer<typeof ControlErrorCodeSchema>;

/** Requests still waiting for an answer, listed on `initialize` replies so a joining client can re-arm them. */
const pendingFields = {
  pending_permission_requests: z.array(AnyControlRequestFrameSchema).optional(),
  pending_user_dialog_requests: z.array(AnyControlRequestFrameSchema).optional(),
  pending_elicitation_requests: z.array(AnyControlRequestFrameSchema).optional(),
};

/**
 * The request was handled (PROTOCOL.md#control-protocol). `response` is absent or `{}` for
 * requests that are only acknowledged; check it with `CONTROL_RESPONSE_SCHEMAS[subtype]`.
 */
export const ControlSuccessSchema = z.object({
  subtype: z.literal('success'),
  request_id: z.string(),
  response: JsonObjectSchema.optional(),
  ...pendingFields,
});
export type ControlSuccess = z.infer<typeof ControlSuccessSchema>;

/** The request failed or was refused, e.g. an unsupported subtype (PROTOCOL.md#control-protocol). */
export const ControlErrorSchema = z.object({
  subtype: z.literal('error'),
  request_id: z.string(),
  error: z.string(),
  error_code: ControlErrorCodeSchema.optional(),
  /** On `set_model` errors: the model that was refused. */
  model: z.string().optional(),
  ...pendingFields,
});
export type ControlError = z.infer<typeof ControlErrorSchema>;

/** `control_response`: the one answer to a `control_request`, matched by `request_id` (PROTOCOL.md#control-protocol). */
export const ControlResponseFrameSchema = frameSchema('both', {
  type: z.literal('control_response'),
  response: z.discriminatedUnion('subtype', [ControlSuccessSchema, ControlErrorSchema]),
  /** Published only to clients attached at that moment; not stored or replayed. */
  live_only: z.boolean().optional(),
  ...ccrFields,
});
export type ControlResponseFrame = z.infer<typeof ControlResponseFrameSchema>;

/** `control_cancel_request`: the sender withdraws its own request; there is no reply (PROTOCOL.md#control-cancel). */
export const ControlCancelRequestFrameSchema = frameSchema('both', {
  type: z.literal('control_cancel_request'),
  request_id: z.string(),
  ...ccrFields,
});
export type ControlCancelRequestFrame = z.infer<typeof ControlCancelRequestFrameSchema>;

/** `keep_alive`: ignore on receipt; `startup_mark` tags SDK startup (PROTOCOL.md#keep-alive). Either direction. */
export const KeepAliveSchema = frameSchema('both', {
  type: z.literal('keep_alive'),
  startup_mark: z.string().optional(),
});
export type KeepAlive = z.infer<typeof KeepAliveSchema>;

/**
 * `update_environment_variables` (stdin): set variables in the CLI; with a `request_id` the CLI
 * answers `{applied: string[]}` (PROTOCOL.md#control-protocol). Outbound: strict.
 */
export const UpdateEnvironmentVariablesSchema = frameSchema('to-agent', {
  type: z.literal('update_environment_variables'),
  variables: z.record(z.string(), z.string()),
  request_id: z.string().optional(),
});
export type UpdateEnvironmentVariables = z.infer<typeof UpdateEnvironmentVariablesSchema>;

/** `bash_command` (stdin, internal): run a shell command without a model turn (PROTOCOL.md#control-protocol). */
export const BashCommandSchema = frameSchema('to-agent', {
  type: z.literal('bash_command'),
  command: z.string(),
  cwd: z.string().optional(),
  ...ccrFields,
});
export type BashCommand = z.infer<typeof BashCommandSchema>;

/** `session_notice` (internal client event); its fields are not documented (PROTOCOL.md#control-protocol). */
export const SessionNoticeSchema = frameSchema('to-agent', {
  type: z.literal('session_notice'),
  ...ccrFields,
});
export type SessionNotice = z.infer<typeof SessionNoticeSchema>;

/** `workflow_launch` (internal client event); its fields are not documented (PROTOCOL.md#control-protocol). */
export const WorkflowLaunchSchema = frameSchema('to-agent', {
  type: z.literal('workflow_launch'),
  ...ccrFields,
});
export type WorkflowLaunch = z.infer<typeof WorkflowLaunchSchema>;

type AnyRequestFrameSchema = ControlRequestFrameSchemas[ControlRequestSubtype];

/** Every control-protocol frame schema, for the frame registry. */
export const CONTROL_FRAME_SCHEMAS = [
  ...(Object.values(CONTROL_REQUEST_FRAME_SCHEMAS) as AnyRequestFrameSchema[]),
  ControlResponseFrameSchema,
  ControlCancelRequestFrameSchema,
  KeepAliveSchema,
  UpdateEnvironmentVariablesSchema,
  BashCommandSchema,
  SessionNoticeSchema,
  WorkflowLaunchSchema,
] as const;
