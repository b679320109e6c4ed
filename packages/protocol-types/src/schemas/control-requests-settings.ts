import { z } from 'zod';
import { JsonObjectSchema, openEnum } from './common';
import { AgentInfoSchema, SdkPluginConfigSchema } from './control-requests-initialize';
import { McpServerStatusSchema } from './mcp';
import { SlashCommandSchema } from './system-notices';

/**
 * Host→agent requests about configuration: plugins, skills and output styles, settings, hooks
 * and permission rules. Requests are outbound (strict); replies inbound (tolerant).
 */

/** `reload_plugins`, optionally adding plugins first (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const ReloadPluginsRequestSchema = z.object({
  subtype: z.literal('reload_plugins'),
  hold_on_cache_impact: z.boolean().optional(),
  add_plugins: z.array(SdkPluginConfigSchema).optional(),
  refuse_if_busy: z.boolean().optional(),
});
export type ReloadPluginsRequest = z.infer<typeof ReloadPluginsRequestSchema>;

/** Success payload of `reload_plugins` (`SDKControlReloadPluginsResponse`, PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const ReloadPluginsResponseSchema = z.object({
  commands: z.array(SlashCommandSchema),
  agents: z.array(AgentInfoSchema),
  plugins: z.array(
    z.object({
      name: z.string(),
      path: z.string(),
      source: z.string().optional(),
      version: z.string().optional(),
    }),
  ),
  mcpServers: z.array(McpServerStatusSchema),
  error_count: z.number(),
  held: z.boolean().optional(),
  cache_impact: z
    .object({
      mcp_servers_added: z.array(z.string()),
      mcp_servers_removed: z.array(z.string()),
      lsp_tool_change: openEnum(['adds', 'may-add', 'removes', 'may-remove']).nullable(),
    })
    .optional(),
});
export type ReloadPluginsResponse = z.infer<typeof ReloadPluginsResponseSchema>;

/** `reload_skills` (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const ReloadSkillsRequestSchema = z.object({ subtype: z.literal('reload_skills') });
export type ReloadSkillsRequest = z.infer<typeof ReloadSkillsRequestSchema>;

/** Success payload of `reload_skills` (PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const ReloadSkillsResponseSchema = z.object({ skills: z.array(SlashCommandSchema) });
export type ReloadSkillsResponse = z.infer<typeof ReloadSkillsResponseSchema>;

/** `reload_output_styles` (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const ReloadOutputStylesRequestSchema = z.object({ subtype: z.literal('reload_output_styles') });
export type ReloadOutputStylesRequest = z.infer<typeof ReloadOutputStylesRequestSchema>;

/** Success payload of `reload_output_styles` (PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const ReloadOutputStylesResponseSchema = z.object({ available_output_styles: z.array(z.string()) });
export type ReloadOutputStylesResponse = z.infer<typeof ReloadOutputStylesResponseSchema>;

/** `get_settings`: effective and per-source settings; reply shape not typed (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const GetSettingsRequestSchema = z.object({ subtype: z.literal('get_settings') });
export type GetSettingsRequest = z.infer<typeof GetSettingsRequestSchema>;

/** `update_settings`: write a settings file; refused on remote transports (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const UpdateSettingsRequestSchema = z.object({
  subtype: z.literal('update_settings'),
  source: z.enum(['localSettings', 'userSettings']),
  settings: JsonObjectSchema,
});
export type UpdateSettingsRequest = z.infer<typeof UpdateSettingsRequestSchema>;

/** A settings file that failed to parse (`SDKSettingsParseError`). */
export const SettingsParseErrorSchema = z.object({
  file: z.string().optional(),
  path: z.string(),
  message: z.string(),
});
export type SettingsParseError = z.infer<typeof SettingsParseErrorSchema>;

/** `get_hooks_listing`: the `/hooks` view as data (PROTOCOL.md#hooks). Outbound: strict. */
export const GetHooksListingRequestSchema = z.object({ subtype: z.literal('get_hooks_listing') });
export type GetHooksListingRequest = z.infer<typeof GetHooksListingRequestSchema>;

const hookEventSummary = { name: z.string(), summary: z.string(), supportsMatcher: z.boolean() };

/** Success payload of `get_hooks_listing` (PROTOCOL.md#hooks). Inbound: tolerant. */
export const GetHooksListingResponseSchema = z.object({
  events: z.array(z.object({ ...hookEventSummary, hookCount: z.number() })),
  hooks: z.array(
    z.object({
      event: z.string(),
      matcher: z.string(),
      source: z.string(),
      sourceLabel: z.string(),
      pluginName: z.string().optional(),
      type: z.string(),
      displayText: z.string(),
      commandText: z.string(),
      contentLabel: z.string(),
      condition: z.string().optional(),
      timeout: z.number().optional(),
      statusMessage: z.string().optional(),
      runsOnce: z.boolean().optional(),
      runsInBackground: z.boolean().optional(),
      disabled: z.literal(true).optional(),
      editable: z
        .object({
          matcher: z.string(),
          config: JsonObjectSchema,
          headersRedacted: z.literal(true).optional(),
        })
        .optional(),
    }),
  ),
  eventCatalog: z.array(z.object(hookEventSummary)),
  policy: z.object({
    disabledByPolicy: z.boolean(),
    managedOnly: z.boolean(),
    pluginOnly: z.boolean(),
    allDisabled: z.boolean(),
    policyHookCount: z.number(),
    policyUnreadable: z.literal(true).optional(),
  }),
  safeMode: z.object({ managedHooksStillApply: z.boolean(), exitHint: z.string() }).optional(),
  bareMode: z.object({ exitHint: z.string() }).optional(),
  errors: z.array(SettingsParseErrorSchema).optional(),
});
export type GetHooksListingResponse = z.infer<typeof GetHooksListingResponseSchema>;

/** `list_permission_rules` (PROTOCOL.md#permission-updates). Outbound: strict. */
export const ListPermissionRulesRequestSchema = z.object({ subtype: z.literal('list_permission_rules') });
export type ListPermissionRulesRequest = z.infer<typeof ListPermissionRulesRequestSchema>;

/** Where a permission rule came from (`SDKPermissionRuleEntry.source`). Open. */
export const PermissionRuleSourceSchema = openEnum([
  'userSettings',
  'projectSettings',
  'localSettings',
  'flagSettings',
  'policySettings',
  'cliArg',
  'command',
  'session',
  'mcpMount',
  'toolsNarrowing',
  'mcpServerPolicy',
  'hostCredential',
]);
export type PermissionRuleSource = z.infer<typeof PermissionRuleSourceSchema>;

/** One effective permission rule (`SDKPermissionRuleEntry`, PROTOCOL.md#permission-updates). Inbound: tolerant. */
export const PermissionRuleEntrySchema = z.object({
  behavior: openEnum(['allow', 'deny', 'ask']),
  source: PermissionRuleSourceSchema,
  rule: z.string(),
  description: z
    .object({ prefix: z.string(), emphasis: z.string().optional(), suffix: z.string().optional() })
    .optional(),
  editability: openEnum(['persistent', 'session', 'readonly']),
  notInEffect: z.boolean().optional(),
});
export type PermissionRuleEntry = z.infer<typeof PermissionRuleEntrySchema>;

/** Success payload of `list_permission_rules` (PROTOCOL.md#permission-updates). Inbound: tolerant. */
export const ListPermissionRulesResponseSchema = z.object({
  state: z.object({
    rules: z.array(PermissionRuleEntrySchema),
    workspaceDirectories: z.array(z.object({ path: z.string(), source: z.string() })),
    originalCwd: z.string(),
    managedOnly: z.boolean(),
    errors: z.array(SettingsParseErrorSchema).optional(),
    withheld: z.boolean().optional(),
  }),
});
export type ListPermissionRulesResponse = z.infer<typeof ListPermissionRulesResponseSchema>;
