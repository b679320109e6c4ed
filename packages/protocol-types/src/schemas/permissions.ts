import { z } from 'zod';
import { openEnum } from './common';
import { PermissionModeSchema } from './enums';

/**
 * Permission prompts and their answers. Updates a host sends are closed (strict out); the same
 * shapes suggested by an agent are open, so a newer CLI's suggestion never hides the prompt.
 */

/** Where a permission update is stored (PROTOCOL.md#permission-updates). Closed: sent by hosts. */
export const PermissionUpdateDestinationSchema = z.enum([
  'userSettings',
  'projectSettings',
  'localSettings',
  'session',
  'cliArg',
]);
export type PermissionUpdateDestination = z.infer<typeof PermissionUpdateDestinationSchema>;

/** What a permission rule does to matching tool calls (PROTOCOL.md#permission-updates). Closed. */
export const PermissionBehaviorSchema = z.enum(['allow', 'deny', 'ask']);
export type PermissionBehavior = z.infer<typeof PermissionBehaviorSchema>;

/** A rule: a tool name plus optional content such as `touch:*` (PROTOCOL.md#permission-updates). */
export const PermissionRuleValueSchema = z.object({
  toolName: z.string(),
  ruleContent: z.string().optional(),
});
export type PermissionRuleValue = z.infer<typeof PermissionRuleValueSchema>;

function ruleUpdate<const T extends string>(type: T) {
  return z.object({
    type: z.literal(type),
    rules: z.array(PermissionRuleValueSchema),
    behavior: PermissionBehaviorSchema,
    destination: PermissionUpdateDestinationSchema,
  });
}

function directoryUpdate<const T extends string>(type: T) {
  return z.object({
    type: z.literal(type),
    directories: z.array(z.string()),
    destination: PermissionUpdateDestinationSchema,
  });
}

/** One change to the permission settings, sent in `updatedPermissions` (PROTOCOL.md#permission-updates). Outbound: strict. */
export const PermissionUpdateSchema = z.discriminatedUnion('type', [
  ruleUpdate('addRules'),
  ruleUpdate('replaceRules'),
  ruleUpdate('removeRules'),
  z.object({
    type: z.literal('setMode'),
    mode: PermissionModeSchema,
    destination: PermissionUpdateDestinationSchema,
  }),
  directoryUpdate('addDirectories'),
  directoryUpdate('removeDirectories'),
]);
export type PermissionUpdate = z.infer<typeof PermissionUpdateSchema>;

const reportedDestination = openEnum(PermissionUpdateDestinationSchema.options);
const reportedBehavior = openEnum(PermissionBehaviorSchema.options);

function reportedRuleUpdate<const T extends string>(type: T) {
  return z.object({
    type: z.literal(type),
    rules: z.array(PermissionRuleValueSchema),
    behavior: reportedBehavior,
    destination: reportedDestination,
  });
}

function reportedDirectoryUpdate<const T extends string>(type: T) {
  return z.object({
    type: z.literal(type),
    directories: z.array(z.string()),
    destination: reportedDestination,
  });
}

/**
 * A permission update suggested by the agent in `permission_suggestions` (PROTOCOL.md#can_use_tool).
 * Inbound: tolerant (open enums, unknown update types kept); validate with
 * {@link PermissionUpdateSchema} before echoing one back.
 */
export const PermissionSuggestionSchema = z.union([
  reportedRuleUpdate('addRules'),
  reportedRuleUpdate('replaceRules'),
  reportedRuleUpdate('removeRules'),
  z.object({
    type: z.literal('setMode'),
    mode: openEnum(PermissionModeSchema.options),
    destination: reportedDestination,
  }),
  reportedDirectoryUpdate('addDirectories'),
  reportedDirectoryUpdate('removeDirectories'),
  z.object({ type: z.string() }),
]);
export type PermissionSuggestion = z.infer<typeof PermissionSuggestionSchema>;

/** How a host classifies its own decision, for telemetry (PROTOCOL.md#can_use_tool). Closed. */
export const PermissionDecisionClassificationSchema = z.enum([
  'user_temporary',
  'user_permanent',
  'user_reject',
  'config',
]);
export type PermissionDecisionClassification = z.infer<typeof PermissionDecisionClassificationSchema>;

/** Allow a tool call, optionally rewriting its input or adding rules (PROTOCOL.md#can_use_tool). Outbound: strict. */
export const PermissionAllowSchema = z.object({
  behavior: z.literal('allow'),
  updatedInput: z.record(z.string(), z.unknown()).optional(),
  updatedPermissions: z.array(PermissionUpdateSchema).optional(),
  toolUseID: z.string().optional(),
  decisionClassification: PermissionDecisionClassificationSchema.optional(),
});
export type PermissionAllow = z.infer<typeof PermissionAllowSchema>;

/** Deny a tool call; `interrupt` also ends the turn (PROTOCOL.md#can_use_tool). Outbound: strict. */
export const PermissionDenySchema = z.object({
  behavior: z.literal('deny'),
  message: z.string(),
  interrupt: z.boolean().optional(),
  toolUseID: z.string().optional(),
  decisionClassification: PermissionDecisionClassificationSchema.optional(),
});
export type PermissionDeny = z.infer<typeof PermissionDenySchema>;

/** The host's answer to `can_use_tool`, sent as the control_response payload (PROTOCOL.md#can_use_tool). */
export const PermissionResultSchema = z.discriminatedUnion('behavior', [
  PermissionAllowSchema,
  PermissionDenySchema,
]);
export type PermissionResult = z.infer<typeof PermissionResultSchema>;

/** Why the CLI asked, as a machine-readable tag (`decision_reason_type`, PROTOCOL.md#can_use_tool). Open. */
export const DecisionReasonTypeSchema = openEnum([
  'rule',
  'mode',
  'subcommandResults',
  'permissionPromptTool',
  'hook',
  'asyncAgent',
  'sandboxOverride',
  'workingDir',
  'safetyCheck',
  'classifier',
  'other',
]);
export type DecisionReasonType = z.infer<typeof DecisionReasonTypeSchema>;

/** Which MCP server a tool belongs to and where that server was configured (PROTOCOL.md#mcp). */
export const McpServerProvenanceSchema = z.object({ name: z.string(), source: z.string() });
export type McpServerProvenance = z.infer<typeof McpServerProvenanceSchema>;

/** `can_use_tool`: the agent asks the host whether a tool call may run (PROTOCOL.md#can_use_tool). Inbound: tolerant. */
export const CanUseToolRequestSchema = z.object({
  subtype: z.literal('can_use_tool'),
  tool_name: z.string(),
  input: z.record(z.string(), z.unknown()),
  tool_use_id: z.string(),
  mcp_server: McpServerProvenanceSchema.optional(),
  permission_suggestions: z.array(PermissionSuggestionSchema).optional(),
  blocked_path: z.string().optional(),
  decision_reason: z.string().optional(),
  decision_reason_type: DecisionReasonTypeSchema.optional(),
  /** Runtime-only companion of `decision_reason_type`. */
  decision_reason_code: z.string().optional(),
  classifier_approvable: z.boolean().optional(),
  suppress_always_allow_rule: z.boolean().optional(),
  default_to_no: z.boolean().optional(),
  matched_ask_rule: z
    .object({ source: z.string(), tool_name: z.string(), rule_content: z.string().optional() })
    .optional(),
  title: z.string().optional(),
  display_name: z.string().optional(),
  agent_id: z.string().optional(),
  description: z.string().optional(),
  requires_user_interaction: z.boolean().optional(),
  server_policy_ask_only: z.boolean().optional(),
  computer_folder: z.object({ path: z.string(), computer_name: z.string() }).optional(),
});
export type CanUseToolRequest = z.infer<typeof CanUseToolRequestSchema>;
