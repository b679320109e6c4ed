import { z } from 'zod';
import { openEnum } from './common';

/** Permission modes (PROTOCOL.md#permission-modes). Closed: sent by hosts. */
export const PermissionModeSchema = z.enum(['default', 'acceptEdits', 'bypassPermissions', 'plan', 'dontAsk', 'auto']);
export type PermissionMode = z.infer<typeof PermissionModeSchema>;

/**
 * The modes `set_permission_mode` takes: every permission mode, and `manual`, which is not in the
 * SDK's types but CLI 2.1.337 accepts as `default` (it answers `{mode: "default"}`). Closed.
 */
export const SettablePermissionModeSchema = z.enum([...PermissionModeSchema.options, 'manual']);
export type SettablePermissionMode = z.infer<typeof SettablePermissionModeSchema>;

/** Permission modes as reported by an agent: open, a CLI echoes whatever it was given. */
export const ReportedPermissionModeSchema = openEnum(PermissionModeSchema.options);
export type ReportedPermissionMode = z.infer<typeof ReportedPermissionModeSchema>;

/** Result subtypes (PROTOCOL.md#result). */
export const ResultSubtypeSchema = z.enum([
  'success',
  'error_during_execution',
  'error_max_turns',
  'error_max_budget_usd',
  'error_max_structured_output_retries',
]);
export type ResultSubtype = z.infer<typeof ResultSubtypeSchema>;

/** Error-result subtypes: every result subtype except `success`. */
export const ResultErrorSubtypeSchema = z.enum([
  'error_during_execution',
  'error_max_turns',
  'error_max_budget_usd',
  'error_max_structured_output_retries',
]);
export type ResultErrorSubtype = z.infer<typeof ResultErrorSubtypeSchema>;

/** Session state as reported by `system/session_state_changed` and the worker API. */
export const SessionStateSchema = z.enum(['idle', 'running', 'requires_action']);
export type SessionState = z.infer<typeof SessionStateSchema>;

/** Hook events (PROTOCOL.md#hooks). Open: the set grows between releases. */
export const HOOK_EVENTS = [
  'PreToolUse',
  'PostToolUse',
  'PostToolUseFailure',
  'PostToolBatch',
  'Notification',
  'UserPromptSubmit',
  'UserPromptExpansion',
  'SessionStart',
  'SessionEnd',
  'Stop',
  'StopFailure',
  'Interrupt',
  'SubagentStart',
  'SubagentStop',
  'PreCompact',
  'PostCompact',
  'PreModelSwitch',
  'PostModelSwitch',
  'PermissionRequest',
  'PermissionDenied',
  'Setup',
  'TeammateIdle',
  'TaskCreated',
  'TaskCompleted',
  'Elicitation',
  'ElicitationResult',
  'ConfigChange',
  'WorktreeCreate',
  'WorktreeRemove',
  'InstructionsLoaded',
  'CwdChanged',
  'FileChanged',
  'DirectoryAdded',
  'MessageDisplay',
  'PreSkillShellCommand',
] as const;
export const HookEventSchema = openEnum(HOOK_EVENTS);
export type HookEvent = z.infer<typeof HookEventSchema>;

/** Errors an assistant frame can carry (`SDKAssistantMessageError`). Open. */
export const AssistantMessageErrorSchema = openEnum([
  'authentication_failed',
  'oauth_org_not_allowed',
  'account_on_hold',
  'verification_required',
  'billing_error',
  'rate_limit',
  'overloaded',
  'invalid_request',
  'model_not_found',
  'server_error',
  'unknown',
  'max_output_tokens',
  'cloud_credential_error',
]);
export type AssistantMessageError = z.infer<typeof AssistantMessageErrorSchema>;

/** Why a turn ended (`TerminalReason`). Open. */
export const TerminalReasonSchema = openEnum([
  'blocking_limit',
  'rapid_refill_breaker',
  'prompt_too_long',
  'image_error',
  'model_error',
  'api_error',
  'malformed_tool_use_exhausted',
  'aborted_streaming',
  'aborted_tools',
  'stop_hook_prevented',
  'hook_stopped',
  'tool_deferred',
  'max_turns',
  'background_requested',
  'completed',
  'budget_exhausted',
  'structured_output_retry_exhausted',
  'tool_deferred_unavailable',
  'turn_setup_failed',
]);
export type TerminalReason = z.infer<typeof TerminalReasonSchema>;

/** Where an API key came from (`ApiKeySource`). Open. */
export const ApiKeySourceSchema = openEnum([
  'ANTHROPIC_API_KEY',
  'apiKeyHelper',
  '/login managed key',
  'none',
  'user',
  'project',
  'org',
  'temporary',
  'oauth',
]);
export type ApiKeySource = z.infer<typeof ApiKeySourceSchema>;

/** Fast mode state. Open. */
export const FastModeStateSchema = openEnum(['off', 'cooldown', 'on']);
export type FastModeState = z.infer<typeof FastModeStateSchema>;

/** Effort level. Open. */
export const EffortLevelSchema = openEnum(['low', 'medium', 'high', 'xhigh', 'max']);
export type EffortLevel = z.infer<typeof EffortLevelSchema>;
