import { z } from 'zod';
import { openEnum } from './common';
import { ExtraUsageSchema, ModelUsageSchema } from './usage-reports';

/**
 * Host→agent requests that read usage and version data: context usage, cost, plan usage, the
 * model list and the binary version. Requests are outbound (strict); replies inbound (tolerant).
 */

/** `get_context_usage`: `summary` skips the per-category token counts (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const GetContextUsageRequestSchema = z.object({
  subtype: z.literal('get_context_usage'),
  detail: z.enum(['summary', 'full']).optional(),
});
export type GetContextUsageRequest = z.infer<typeof GetContextUsageRequestSchema>;

const namedTokens = { name: z.string(), tokens: z.number() };

/** One row of the context breakdown; CLI 2.1.197 rows carry no `id` and no `kind` (PROTOCOL.md#control-subtypes). */
export const ContextUsageCategorySchema = z.object({
  ...namedTokens,
  id: openEnum([
    'system_prompt',
    'system_tools',
    'mcp_tools',
    'mcp_instructions',
    'mcp_tools_deferred',
    'system_tools_deferred',
    'custom_agents',
    'memory_files',
    'skills',
    'messages',
    'autocompact_buffer',
    'compact_buffer',
    'free_space',
  ]).optional(),
  color: z.string(),
  isDeferred: z.boolean().optional(),
  kind: openEnum(['used', 'free', 'buffer', 'deferred']).optional(),
});
export type ContextUsageCategory = z.infer<typeof ContextUsageCategorySchema>;

/** Success payload of `get_context_usage` (`SDKControlGetContextUsageResponse`, PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const GetContextUsageResponseSchema = z.object({
  categories: z.array(ContextUsageCategorySchema),
  totalTokens: z.number(),
  maxTokens: z.number(),
  rawMaxTokens: z.number(),
  percentage: z.number(),
  gridRows: z.array(
    z.array(
      z.object({
        color: z.string(),
        isFilled: z.boolean(),
        categoryName: z.string(),
        tokens: z.number(),
        percentage: z.number(),
        squareFullness: z.number(),
      }),
    ),
  ),
  model: z.string(),
  memoryFiles: z.array(z.object({ path: z.string(), type: z.string(), tokens: z.number() })),
  mcpTools: z.array(z.object({ ...namedTokens, serverName: z.string(), isLoaded: z.boolean().optional() })),
  mcpInstructions: z.array(z.object({ serverName: z.string(), tokens: z.number() })).optional(),
  deferredBuiltinTools: z.array(z.object({ ...namedTokens, isLoaded: z.boolean() })).optional(),
  systemTools: z.array(z.object(namedTokens)).optional(),
  systemPromptSections: z.array(z.object(namedTokens)).optional(),
  agents: z.array(
    z.object({
      agentType: z.string(),
      source: z.string(),
      pluginId: z.string().optional(),
      path: z.string().optional(),
      tokens: z.number(),
    }),
  ),
  slashCommands: z
    .object({ totalCommands: z.number(), includedCommands: z.number(), tokens: z.number() })
    .optional(),
  skills: z
    .object({
      totalSkills: z.number(),
      includedSkills: z.number(),
      tokens: z.number(),
      skillFrontmatter: z.array(
        z.object({
          ...namedTokens,
          source: z.string(),
          pluginName: z.string().optional(),
          pluginId: z.string().optional(),
          path: z.string().optional(),
        }),
      ),
    })
    .optional(),
  autoCompactThreshold: z.number().optional(),
  isAutoCompactEnabled: z.boolean(),
  /** CLI 2.1.197: where the auto-compact threshold came from; not in sdk.d.ts, shape not documented. */
  autocompactSource: z.unknown().optional(),
  messageBreakdown: z
    .object({
      toolCallTokens: z.number(),
      toolResultTokens: z.number(),
      attachmentTokens: z.number(),
      assistantMessageTokens: z.number(),
      userMessageTokens: z.number(),
      redirectedContextTokens: z.number(),
      unattributedTokens: z.number(),
      toolCallsByType: z.array(
        z.object({ name: z.string(), callTokens: z.number(), resultTokens: z.number() }),
      ),
      attachmentsByType: z.array(z.object(namedTokens)),
    })
    .optional(),
  apiUsage: z
    .object({
      input_tokens: z.number(),
      output_tokens: z.number(),
      cache_creation_input_tokens: z.number(),
      cache_read_input_tokens: z.number(),
    })
    .nullable(),
});
export type GetContextUsageResponse = z.infer<typeof GetContextUsageResponseSchema>;

/** `get_session_cost` (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const GetSessionCostRequestSchema = z.object({ subtype: z.literal('get_session_cost') });
export type GetSessionCostRequest = z.infer<typeof GetSessionCostRequestSchema>;

/** Success payload of `get_session_cost`: the formatted `/cost` text (CLI 2.1.197; PROTOCOL.md#control-subtypes). */
export const GetSessionCostResponseSchema = z.object({ text: z.string() });
export type GetSessionCostResponse = z.infer<typeof GetSessionCostResponseSchema>;

/** `list_models`: the worker's selectable model catalog; reply shape not typed (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const ListModelsRequestSchema = z.object({ subtype: z.literal('list_models') });
export type ListModelsRequest = z.infer<typeof ListModelsRequestSchema>;

/** `get_usage` (experimental; PROTOCOL.md#control-subtypes). Outbound: strict. */
export const GetUsageRequestSchema = z.object({
  subtype: z.literal('get_usage'),
  skip_behaviors: z.boolean().optional(),
});
export type GetUsageRequest = z.infer<typeof GetUsageRequestSchema>;

const rateWindow = z
  .object({ utilization: z.number().nullable(), resets_at: z.string().nullable() })
  .nullable()
  .optional();
const share = z.array(z.object({ name: z.string(), pct: z.number() }));

/** Usage behaviours over one period (`day` or `week`) of a `get_usage` reply. */
export const UsageBehaviorPeriodSchema = z.object({
  request_count: z.number(),
  session_count: z.number(),
  behaviors: z.array(
    z.object({
      key: openEnum([
        'cache_miss',
        'long_context',
        'subagent_heavy',
        'high_parallel',
        'cron',
        'max_effort',
        'workflow',
        'always_on_context',
        'large_tool_results',
      ]),
      pct: z.number(),
      count: z.number(),
    }),
  ),
  recommendations: z
    .array(z.object({ key: z.string(), pct: z.number(), title: z.string(), detail: z.string().optional() }))
    .optional(),
  fix: z.object({ keys: z.array(z.string()), messages: z.array(z.string()) }).optional(),
  agents: share,
  skills: share,
  plugins: share,
  mcp_servers: share,
});
export type UsageBehaviorPeriod = z.infer<typeof UsageBehaviorPeriodSchema>;

/** Success payload of `get_usage` (`SDKControlGetUsageResponse`, PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const GetUsageResponseSchema = z.object({
  session: z.object({
    total_cost_usd: z.number(),
    total_api_duration_ms: z.number(),
    total_duration_ms: z.number(),
    total_lines_added: z.number(),
    total_lines_removed: z.number(),
    model_usage: z.record(z.string(), ModelUsageSchema),
  }),
  subscription_type: z.string().nullable(),
  rate_limits_available: z.boolean(),
  rate_limits: z
    .object({
      five_hour: rateWindow,
      seven_day: rateWindow,
      seven_day_oauth_apps: rateWindow,
      seven_day_opus: rateWindow,
      seven_day_sonnet: rateWindow,
      model_scoped: z
        .array(
          z.object({
            display_name: z.string(),
            utilization: z.number().nullable(),
            resets_at: z.string().nullable(),
          }),
        )
        .optional(),
      extra_usage: ExtraUsageSchema.nullable().optional(),
    })
    .nullable(),
  behaviors: z.object({ day: UsageBehaviorPeriodSchema, week: UsageBehaviorPeriodSchema }).nullable(),
});
export type GetUsageResponse = z.infer<typeof GetUsageResponseSchema>;

/** `get_binary_version`: the responder's CLI version (PROTOCOL.md#control-subtypes). Outbound: strict. */
export const GetBinaryVersionRequestSchema = z.object({ subtype: z.literal('get_binary_version') });
export type GetBinaryVersionRequest = z.infer<typeof GetBinaryVersionRequestSchema>;

/** Success payload of `get_binary_version` (CLI 2.1.197; PROTOCOL.md#control-subtypes). Inbound: tolerant. */
export const GetBinaryVersionResponseSchema = z.object({
  version: z.string(),
  buildTime: z.string().optional(),
});
export type GetBinaryVersionResponse = z.infer<typeof GetBinaryVersionResponseSchema>;
