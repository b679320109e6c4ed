import { z } from 'zod';
import { JsonObjectSchema, openEnum } from './common';
import {
  EffortLevelSchema,
  FastModeStateSchema,
  PermissionModeSchema,
  ReportedPermissionModeSchema,
} from './enums';
import { HookCallbackMatchersSchema } from './hooks';
import { McpServerConfigSchema, McpServerToolPolicySchema } from './mcp';
import { FastModeDisabledReasonSchema } from './results';
import { SlashCommandSchema } from './system-notices';

/**
 * `initialize`, the first control request of a session: what a host registers (hooks, SDK MCP
 * servers, agents, prompts) and what the agent reports back (commands, models, account).
 */

/** Effort levels a host may ask for. Closed: sent by hosts. */
const EffortLevelInputSchema = z.enum(['low', 'medium', 'high', 'xhigh', 'max']);

/** A custom subagent a host defines in `initialize.agents` (`AgentDefinition`, PROTOCOL.md#initialize). Outbound: strict. */
export const AgentDefinitionSchema = z.object({
  description: z.string(),
  prompt: z.string(),
  tools: z.array(z.string()).optional(),
  disallowedTools: z.array(z.string()).optional(),
  model: z.string().optional(),
  mcpServers: z.array(z.union([z.string(), z.record(z.string(), McpServerConfigSchema)])).optional(),
  criticalSystemReminder_EXPERIMENTAL: z.string().optional(),
  skills: z.array(z.string()).optional(),
  initialPrompt: z.string().optional(),
  maxTurns: z.number().optional(),
  autoCompactWindow: z.number().optional(),
  background: z.boolean().optional(),
  omitClaudeMd: z.boolean().optional(),
  memory: z.enum(['user', 'project', 'local']).optional(),
  effort: z.union([EffortLevelInputSchema, z.number()]).optional(),
  permissionMode: PermissionModeSchema.optional(),
  observer: z.string().optional(),
  observerMessage: z.string().optional(),
});
export type AgentDefinition = z.infer<typeof AgentDefinitionSchema>;

/** A local plugin directory to load (`SdkPluginConfig`, PROTOCOL.md#initialize). Outbound: strict. */
export const SdkPluginConfigSchema = z.object({
  type: z.literal('local'),
  path: z.string(),
  skipMcpDiscovery: z.boolean().optional(),
});
export type SdkPluginConfig = z.infer<typeof SdkPluginConfigSchema>;

/** `initialize`: every field is optional; the web client sends a bare request (PROTOCOL.md#initialize). Outbound: strict. */
export const InitializeRequestSchema = z.object({
  subtype: z.literal('initialize'),
  hooks: HookCallbackMatchersSchema.optional(),
  sdkMcpServers: z.array(z.string()).optional(),
  sdkMcpServerConfigs: z
    .record(
      z.string(),
      z.object({ timeout: z.number().optional(), tools: z.array(McpServerToolPolicySchema).optional() }),
    )
    .optional(),
  sdkMcpServerManifests: z
    .record(
      z.string(),
      z.object({ initializeResult: JsonObjectSchema, toolsListResult: JsonObjectSchema.optional() }),
    )
    .optional(),
  sdkMcpServerManifestsOrigin: z.literal('host_per_send').optional(),
  jsonSchema: JsonObjectSchema.optional(),
  systemPrompt: z.array(z.string()).optional(),
  appendSystemPrompt: z.string().optional(),
  /** CLI 2.1.197 accepts it; not in sdk.d.ts 0.3.331. */
  appendSubagentSystemPrompt: z.string().optional(),
  systemPromptSnapshot: z.boolean().optional(),
  planModeInstructions: z.string().optional(),
  toolAliases: z.record(z.string(), z.string()).optional(),
  excludeDynamicSections: z.boolean().optional(),
  agents: z.record(z.string(), AgentDefinitionSchema).optional(),
  title: z.string().optional(),
  skills: z.array(z.string()).optional(),
  promptSuggestions: z.boolean().optional(),
  agentProgressSummaries: z.boolean().optional(),
  forwardSubagentText: z.boolean().optional(),
  supportedDialogKinds: z.array(z.string()).optional(),
  perTaskStopAffordance: z.boolean().optional(),
  plugins: z.array(SdkPluginConfigSchema).optional(),
  mcpServers: z.record(z.string(), McpServerConfigSchema).optional(),
  /** CLI 2.1.197 accepts it; not in sdk.d.ts 0.3.331. */
  webSearchIsolationExemptMcpServers: z.array(z.string()).optional(),
});
export type InitializeRequest = z.infer<typeof InitializeRequestSchema>;

/** A subagent type the session offers (`AgentInfo`, PROTOCOL.md#initialize). */
export const AgentInfoSchema = z.object({
  name: z.string(),
  description: z.string(),
  model: z.string().optional(),
});
export type AgentInfo = z.infer<typeof AgentInfoSchema>;

/** A selectable model (`ModelInfo`, PROTOCOL.md#initialize). Inbound: tolerant. */
export const ModelInfoSchema = z.object({
  value: z.string(),
  resolvedModel: z.string().optional(),
  displayName: z.string(),
  description: z.string(),
  supportsEffort: z.boolean().optional(),
  supportedEffortLevels: z.array(EffortLevelSchema).optional(),
  supportsAdaptiveThinking: z.boolean().optional(),
  supportsFastMode: z.boolean().optional(),
  supportsAutoMode: z.boolean().optional(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

/** Who the agent is logged in as (`AccountInfo`, PROTOCOL.md#initialize). Inbound: tolerant; a bridge sends `{}`. */
export const AccountInfoSchema = z.object({
  email: z.string().optional(),
  organization: z.string().optional(),
  subscriptionType: z.string().optional(),
  tokenSource: z.string().optional(),
  apiKeySource: z.string().optional(),
  apiProvider: openEnum([
    'firstParty',
    'bedrock',
    'vertex',
    'foundry',
    'anthropicAws',
    'anthropicGoogleCloud',
    'mantle',
    'gateway',
  ]).optional(),
});
export type AccountInfo = z.infer<typeof AccountInfoSchema>;

/** What happened to an SDK MCP manifest sent in `initialize`. Open. */
export const SdkMcpManifestStateSchema = openEnum([
  'parked',
  'already_connected',
  'protocol_version_mismatch',
  'malformed',
  'not_honoured',
]);
export type SdkMcpManifestState = z.infer<typeof SdkMcpManifestStateSchema>;

/**
 * Success payload of `initialize` (`SDKControlInitializeResponse`, PROTOCOL.md#initialize). Inbound:
 * tolerant. CLI 2.1.197 adds `pid` and omits most optional fields.
 */
export const InitializeResponseSchema = z.object({
  commands: z.array(SlashCommandSchema),
  agents: z.array(AgentInfoSchema),
  output_style: z.string(),
  available_output_styles: z.array(z.string()),
  models: z.array(ModelInfoSchema),
  account: AccountInfoSchema,
  hooks_applied: z.boolean().optional(),
  hook_on_failure_supported: z.boolean().optional(),
  plugins_applied: z.boolean().optional(),
  mcp_servers_applied: z.boolean().optional(),
  sdk_mcp_manifests_parked: z.record(z.string(), SdkMcpManifestStateSchema).optional(),
  claude_code_version: z.string().optional(),
  fast_mode_state: FastModeStateSchema.optional(),
  fast_mode_disabled_reason: FastModeDisabledReasonSchema.optional(),
  /** The agent's process id (CLI and bridge runtime; not in sdk.d.ts). */
  pid: z.number().optional(),
  inbound_read_receipts: z.boolean().optional(),
  unavailable_models: z.array(ModelInfoSchema).optional(),
  current_model: z.string().optional(),
  current_permission_mode: ReportedPermissionModeSchema.optional(),
  feedback_survey_config: JsonObjectSchema.optional(),
});
export type InitializeResponse = z.infer<typeof InitializeResponseSchema>;
