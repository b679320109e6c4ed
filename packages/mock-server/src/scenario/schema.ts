import { z } from 'zod';

/**
 * The scenario format (see ./README.md). One scenario drives both the scripted agent (which emits
 * CCR frames itself and simulates tools) and the fake Messages API (where the real CLI runs the
 * tools). Scenario files are authored by hand, so every object is strict: a misspelt key is an error.
 */

const DelayMsSchema = z.number().int().min(0).max(600_000);
const ChunksSchema = z.number().int().min(1).max(10_000);

/** Pacing shared by every streamed block: a pause before the block and between its deltas. */
const PacingFields = {
  /** Milliseconds to wait before this block starts streaming. */
  delayMs: DelayMsSchema.optional(),
  /** How many deltas the block is split into (default: about one per 24 characters). */
  chunks: ChunksSchema.optional(),
  /** Milliseconds to wait between two deltas of this block. */
  chunkDelayMs: DelayMsSchema.optional(),
} as const;

/** Prompt matcher: a substring of the user's text, or a regular expression. */
export const TextMatchSchema = z.union([
  z.string().min(1),
  z.strictObject({
    regex: z.string().min(1),
    flags: z
      .string()
      .regex(/^[dgimsuvy]*$/)
      .optional(),
  }),
]);
export type TextMatch = z.infer<typeof TextMatchSchema>;

/** Which user prompt starts a turn; a turn without `match` accepts any prompt. */
export const TurnMatchSchema = z.strictObject({ text: TextMatchSchema });
export type TurnMatch = z.infer<typeof TurnMatchSchema>;

/** A thinking block, streamed as `thinking_delta`s followed by one `signature_delta`. */
export const ThinkingBlockSchema = z.strictObject({
  type: z.literal('thinking'),
  text: z.string(),
  /** The signature sent in `signature_delta` (default: a deterministic fake). */
  signature: z.string().optional(),
  ...PacingFields,
});
export type ThinkingBlock = z.infer<typeof ThinkingBlockSchema>;

/** A text block, streamed as `text_delta`s. */
export const TextBlockSchema = z.strictObject({
  type: z.literal('text'),
  text: z.string(),
  ...PacingFields,
});
export type TextBlock = z.infer<typeof TextBlockSchema>;

/** Content of a simulated tool result: plain text or Messages API content blocks. */
export const ToolResultContentSchema = z.union([z.string(), z.array(z.record(z.string(), z.unknown()))]);
export type ToolResultContent = z.infer<typeof ToolResultContentSchema>;

/** The result the scripted agent reports for a tool call (the fake model never uses it). */
export const SimulatedToolResultSchema = z.strictObject({
  content: ToolResultContentSchema,
  is_error: z.boolean().optional(),
});
export type SimulatedToolResult = z.infer<typeof SimulatedToolResultSchema>;

const ToolUseFields = {
  type: z.literal('tool_use'),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  /** The tool_use id (default: a deterministic `toolu_…`). */
  id: z.string().min(1).optional(),
  /** Scripted agent only: what the simulated tool returns. */
  result: SimulatedToolResultSchema.optional(),
  /** Scripted agent only: `ask` sends a `can_use_tool` prompt first, `auto` runs the tool at once. */
  permission: z.enum(['ask', 'auto']).optional(),
  /** Scripted agent only: how long the simulated tool runs once allowed, in milliseconds on the server clock. */
  durationMs: DelayMsSchema.optional(),
  ...PacingFields,
} as const;

/** A tool call block, written out rather than inferred because the format is recursive through `onDeny`. */
export interface ToolUseBlock extends z.infer<z.ZodObject<typeof ToolUseFields, z.core.$strict>> {
  onDeny?: ModelResponse[] | undefined;
}

/**
 * A tool call, streamed as `input_json_delta` pieces of the JSON-encoded input. `onDeny` replaces
 * the turn's remaining answers when the call is denied without `interrupt`; without it a denial
 * goes on with the turn's next answer, as an allowed call does.
 */
export const ToolUseBlockSchema = z.strictObject({
  ...ToolUseFields,
  get onDeny(): z.ZodOptional<z.ZodArray<z.ZodType<ModelResponse>>> {
    return z.array(ModelResponseSchema).min(1).optional();
  },
});

/** One content block of a scripted model answer. */
export const ScenarioBlockSchema = z.discriminatedUnion('type', [
  ThinkingBlockSchema,
  TextBlockSchema,
  ToolUseBlockSchema,
]);
export type ScenarioBlock = ThinkingBlock | TextBlock | ToolUseBlock;

/** Why the model stopped (Messages API `stop_reason`). */
export const StopReasonSchema = z.enum([
  'end_turn',
  'tool_use',
  'max_tokens',
  'stop_sequence',
  'pause_turn',
  'refusal',
]);
export type StopReason = z.infer<typeof StopReasonSchema>;

/** Token counts reported for one answer; omitted counts get deterministic defaults. */
export const ScenarioUsageSchema = z.strictObject({
  input_tokens: z.number().int().min(0).optional(),
  output_tokens: z.number().int().min(0).optional(),
  cache_creation_input_tokens: z.number().int().min(0).optional(),
  cache_read_input_tokens: z.number().int().min(0).optional(),
});
export type ScenarioUsage = z.infer<typeof ScenarioUsageSchema>;

/** An `error` SSE event sent after some blocks of a streaming answer; the stream then ends. */
export const MidStreamErrorSchema = z.strictObject({
  /** Anthropic error type (default `overloaded_error`). */
  type: z.string().min(1).optional(),
  message: z.string(),
  /** How many blocks stream completely before the error (default: all of them). */
  afterBlocks: z.number().int().min(0).optional(),
});
export type MidStreamError = z.infer<typeof MidStreamErrorSchema>;

const MessageOptionFields = {
  /** Default: `tool_use` when a block calls a tool, else `end_turn`. */
  stop_reason: StopReasonSchema.optional(),
  usage: ScenarioUsageSchema.optional(),
  /** The model name reported (default: the model the request asked for). */
  model: z.string().min(1).optional(),
  /** Milliseconds to wait before answering at all (time to first byte). */
  delayMs: DelayMsSchema.optional(),
  midStreamError: MidStreamErrorSchema.optional(),
} as const;

/** A successful model answer to one Messages API request (written out, as {@link ToolUseBlock} is). */
export interface MessageResponse extends z.infer<z.ZodObject<typeof MessageOptionFields, z.core.$strict>> {
  blocks: ScenarioBlock[];
}

/** A successful model answer to one Messages API request. */
export const MessageResponseSchema = z.strictObject({
  blocks: z.array(ScenarioBlockSchema),
  ...MessageOptionFields,
});

/** HTTP statuses the fake model can fail with. */
export const ErrorStatusSchema = z.literal([400, 401, 403, 404, 413, 429, 500, 529]);
export type ErrorStatus = z.infer<typeof ErrorStatusSchema>;

/** An HTTP error answer, served `times` requests in a row (retries included). */
export const ErrorResponseSchema = z.strictObject({
  error: z.strictObject({
    status: ErrorStatusSchema,
    /** Anthropic error type (default: the one that goes with `status`, e.g. `overloaded_error` for 529). */
    type: z.string().min(1).optional(),
    message: z.string(),
    /** Seconds sent in the `retry-after` header. */
    retryAfter: z.number().min(0).optional(),
    /** How many consecutive requests get this error (default 1). */
    times: z.number().int().min(1).max(1000).optional(),
    delayMs: DelayMsSchema.optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** What one Messages API request is answered with. */
export const ModelResponseSchema = z.union([MessageResponseSchema, ErrorResponseSchema]);
export type ModelResponse = MessageResponse | ErrorResponse;

/** One user prompt and the model answers it takes, one per API request, in order. */
export const ScenarioTurnSchema = z.strictObject({
  match: TurnMatchSchema.optional(),
  responses: z.array(ModelResponseSchema).min(1),
});
export type ScenarioTurn = z.infer<typeof ScenarioTurnSchema>;

/** A named, ordered script of turns. */
export const ScenarioSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  turns: z.array(ScenarioTurnSchema).min(1),
});
export type Scenario = z.infer<typeof ScenarioSchema>;

/** Whether a model response is an HTTP error answer. */
export function isErrorResponse(response: ModelResponse): response is ErrorResponse {
  return 'error' in response;
}
