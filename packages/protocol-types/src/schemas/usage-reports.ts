import { z } from 'zod';
import { openEnum } from './common';

/**
 * Cost and usage payloads carried by conversation frames: per-model usage on `result`, and the
 * structured `/context` and `/usage` reports on synthetic `assistant` frames.
 */

/** Tokens and cost of one model over a session or turn (`ModelUsage`, PROTOCOL.md#result). */
export const ModelUsageSchema = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  thinkingTokens: z.number().optional(),
  cacheReadInputTokens: z.number(),
  cacheCreationInputTokens: z.number(),
  cacheCreationEphemeral5mInputTokens: z.number().optional(),
  cacheCreationEphemeral1hInputTokens: z.number().optional(),
  webSearchRequests: z.number(),
  costUSD: z.number(),
  contextWindow: z.number(),
  maxOutputTokens: z.number(),
  canonicalModel: z.string().optional(),
  provider: z.string().optional(),
  costBasis: openEnum(['list', 'managed', 'unknown']).optional(),
});
export type ModelUsage = z.infer<typeof ModelUsageSchema>;

const namedTokens = { name: z.string(), tokens: z.number() };

/**
 * The `/context` report as data (`SDKContextUsage`, PROTOCOL.md#assistant). Category rows may lack
 * `kind`: CLI 2.1.197 leaves it out of the twin `get_context_usage` rows.
 */
export const ContextUsageSchema = z.object({
  model: z.string(),
  total_tokens: z.number(),
  raw_max_tokens: z.number(),
  percentage: z.number(),
  over_limit: z
    .object({ tokens_over: z.number(), kind: openEnum(['hard_limit', 'compaction_window']) })
    .optional(),
  categories: z.array(
    z.object({ ...namedTokens, kind: openEnum(['used', 'free', 'buffer', 'deferred']).optional() }),
  ),
  mcp_tools: z.array(z.object({ ...namedTokens, server_name: z.string() })),
  memory_files: z.array(z.object({ path: z.string(), type: z.string(), tokens: z.number() })),
  agents: z.array(z.object({ agent_type: z.string(), source: z.string(), tokens: z.number() })),
  skills: z
    .array(z.object({ ...namedTokens, source: z.string(), plugin_name: z.string().optional() }))
    .optional(),
});
export type ContextUsage = z.infer<typeof ContextUsageSchema>;

/** Extra-usage (pay as you go) spend of a plan. */
export const ExtraUsageSchema = z.object({
  is_enabled: z.boolean(),
  monthly_limit: z.number().nullable(),
  used_credits: z.number().nullable(),
  utilization: z.number().nullable(),
  currency: z.string().nullable().optional(),
});
export type ExtraUsage = z.infer<typeof ExtraUsageSchema>;

const displayName = z.object({ display_name: z.string() }).nullable().optional();

/** The `/usage` report as data (`SDKUsageReport`, PROTOCOL.md#assistant). */
export const UsageReportSchema = z.object({
  session: z.object({
    total_cost_usd: z.number(),
    total_api_duration_ms: z.number(),
    total_duration_ms: z.number(),
    total_lines_added: z.number(),
    total_lines_removed: z.number(),
    model_usage: z.record(z.string(), ModelUsageSchema),
  }),
  rate_limits: z
    .object({
      limits: z
        .array(
          z.object({
            kind: z.string(),
            group: z.string(),
            percent: z.number(),
            resets_at: z.string().nullable(),
            scope: z.object({ model: displayName, surface: displayName }).nullable().optional(),
            severity: z.string(),
            is_active: z.boolean(),
          }),
        )
        .nullable(),
      extra_usage: ExtraUsageSchema.nullable().optional(),
    })
    .nullable(),
});
export type UsageReport = z.infer<typeof UsageReportSchema>;
