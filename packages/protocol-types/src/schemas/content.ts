import { z } from 'zod';
import { JsonObjectSchema, openEnum } from './common';
import { CitationSchema, ToolCallerSchema, UnknownBlockSchema, type UnknownBlock } from './content-shared';

/**
 * The 18 content block types of an assistant `message` (Anthropic `BetaContentBlock`). Fields the
 * Messages API omits on `content_block_start` (e.g. `citations`, `signature`) are optional here,
 * because the same schemas validate streamed block starts.
 *
 * The tolerant unions here and in the sibling content/stream files are annotated `z.ZodType<T>`:
 * declaration files then name `T` instead of inlining the whole union at every use, which otherwise
 * overflows the compiler's serialization limit (TS7056) in the frame registry and the contract.
 * Use the `Known*Schema` discriminated unions where the zod API (`.options`) is needed.
 */

/** Assistant text (PROTOCOL.md#content-blocks). */
export const TextBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  citations: z.array(CitationSchema).nullable().optional(),
});
export type TextBlock = z.infer<typeof TextBlockSchema>;

/** Extended thinking; `thinking` is `''` when the display is omitted (PROTOCOL.md#content-blocks). */
export const ThinkingBlockSchema = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});
export type ThinkingBlock = z.infer<typeof ThinkingBlockSchema>;

/** Thinking the API encrypted (PROTOCOL.md#content-blocks). */
export const RedactedThinkingBlockSchema = z.object({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});
export type RedactedThinkingBlock = z.infer<typeof RedactedThinkingBlockSchema>;

/** A client tool call; `input` is the tool's JSON input (PROTOCOL.md#content-blocks). */
export const ToolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  caller: ToolCallerSchema.optional(),
  toolset_name: z.string().nullable().optional(),
});
export type ToolUseBlock = z.infer<typeof ToolUseBlockSchema>;

/** Names of Anthropic-hosted server tools. Open. */
export const ServerToolNameSchema = openEnum([
  'advisor',
  'web_search',
  'web_fetch',
  'code_execution',
  'bash_code_execution',
  'text_editor_code_execution',
  'tool_search_tool_regex',
  'tool_search_tool_bm25',
]);
export type ServerToolName = z.infer<typeof ServerToolNameSchema>;

/** A server tool call run by the API itself (PROTOCOL.md#content-blocks). */
export const ServerToolUseBlockSchema = z.object({
  type: z.literal('server_tool_use'),
  id: z.string(),
  name: ServerToolNameSchema,
  input: z.unknown(),
  caller: ToolCallerSchema.optional(),
});
export type ServerToolUseBlock = z.infer<typeof ServerToolUseBlockSchema>;

/** One web search hit. */
export const WebSearchResultSchema = z.object({
  type: z.literal('web_search_result'),
  url: z.string(),
  title: z.string(),
  encrypted_content: z.string(),
  page_age: z.string().nullable().optional(),
});
export type WebSearchResult = z.infer<typeof WebSearchResultSchema>;

/** Result of a web search: the hits, or an error object (PROTOCOL.md#content-blocks). */
export const WebSearchToolResultBlockSchema = z.object({
  type: z.literal('web_search_tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.array(WebSearchResultSchema), UnknownBlockSchema]),
  caller: ToolCallerSchema.optional(),
});
export type WebSearchToolResultBlock = z.infer<typeof WebSearchToolResultBlockSchema>;

/** Result of a web fetch; `content` is a typed result or error object (PROTOCOL.md#content-blocks). */
export const WebFetchToolResultBlockSchema = z.object({
  type: z.literal('web_fetch_tool_result'),
  tool_use_id: z.string(),
  content: UnknownBlockSchema,
  caller: ToolCallerSchema.optional(),
});
export type WebFetchToolResultBlock = z.infer<typeof WebFetchToolResultBlockSchema>;

/** Shape shared by server-tool results whose `content` is one typed result-or-error object. */
function serverToolResult<const T extends string>(type: T) {
  return z.object({ type: z.literal(type), tool_use_id: z.string(), content: UnknownBlockSchema });
}

/** Advisor tool result (PROTOCOL.md#content-blocks). */
export const AdvisorToolResultBlockSchema = serverToolResult('advisor_tool_result');
export type AdvisorToolResultBlock = z.infer<typeof AdvisorToolResultBlockSchema>;

/** Code execution result (PROTOCOL.md#content-blocks). */
export const CodeExecutionToolResultBlockSchema = serverToolResult('code_execution_tool_result');
export type CodeExecutionToolResultBlock = z.infer<typeof CodeExecutionToolResultBlockSchema>;

/** Bash code execution result (PROTOCOL.md#content-blocks). */
export const BashCodeExecutionToolResultBlockSchema = serverToolResult('bash_code_execution_tool_result');
export type BashCodeExecutionToolResultBlock = z.infer<typeof BashCodeExecutionToolResultBlockSchema>;

/** Text editor code execution result (PROTOCOL.md#content-blocks). */
export const TextEditorCodeExecutionToolResultBlockSchema = serverToolResult(
  'text_editor_code_execution_tool_result',
);
export type TextEditorCodeExecutionToolResultBlock = z.infer<
  typeof TextEditorCodeExecutionToolResultBlockSchema
>;

/** Tool search result (PROTOCOL.md#content-blocks). */
export const ToolSearchToolResultBlockSchema = serverToolResult('tool_search_tool_result');
export type ToolSearchToolResultBlock = z.infer<typeof ToolSearchToolResultBlockSchema>;

/** An MCP tool call made through the API's MCP connector (PROTOCOL.md#content-blocks). */
export const McpToolUseBlockSchema = z.object({
  type: z.literal('mcp_tool_use'),
  id: z.string(),
  name: z.string(),
  server_name: z.string(),
  input: z.unknown(),
});
export type McpToolUseBlock = z.infer<typeof McpToolUseBlockSchema>;

/** Result of an MCP connector tool call (PROTOCOL.md#content-blocks). */
export const McpToolResultBlockSchema = z.object({
  type: z.literal('mcp_tool_result'),
  tool_use_id: z.string(),
  is_error: z.boolean(),
  content: z.union([z.string(), z.array(TextBlockSchema)]),
});
export type McpToolResultBlock = z.infer<typeof McpToolResultBlockSchema>;

/** A file uploaded into the code-execution container (PROTOCOL.md#content-blocks). */
export const ContainerUploadBlockSchema = z.object({
  type: z.literal('container_upload'),
  file_id: z.string(),
});
export type ContainerUploadBlock = z.infer<typeof ContainerUploadBlockSchema>;

/** Server-side context compaction summary (PROTOCOL.md#content-blocks). */
export const CompactionBlockSchema = z.object({
  type: z.literal('compaction'),
  content: z.string().nullable(),
  encrypted_content: z.string().nullable(),
  signature: z.string().nullable().optional(),
  tool_changes: z.array(UnknownBlockSchema).nullable().optional(),
});
export type CompactionBlock = z.infer<typeof CompactionBlockSchema>;

/** The model a fallback switched from or to. */
export const FallbackModelSchema = z.object({ model: z.string() });
export type FallbackModel = z.infer<typeof FallbackModelSchema>;

/** The API answered with a fallback model, e.g. after a refusal (PROTOCOL.md#content-blocks). */
export const FallbackBlockSchema = z.object({
  type: z.literal('fallback'),
  from: FallbackModelSchema,
  to: FallbackModelSchema,
  trigger: z.object({ type: z.string(), category: z.string().nullable().optional() }),
});
export type FallbackBlock = z.infer<typeof FallbackBlockSchema>;

/** Tools an MCP server offers, as listed by the API's MCP connector (PROTOCOL.md#content-blocks). */
export const McpToolListingBlockSchema = z.object({
  type: z.literal('mcp_tool_listing'),
  mcp_server_name: z.string(),
  tools: z.array(
    z.object({ name: z.string(), description: z.string().optional(), input_schema: JsonObjectSchema }),
  ),
});
export type McpToolListingBlock = z.infer<typeof McpToolListingBlockSchema>;

/** The 18 known assistant content blocks, by `type` (PROTOCOL.md#content-blocks). */
export const KnownAssistantContentBlockSchema = z.discriminatedUnion('type', [
  TextBlockSchema,
  ThinkingBlockSchema,
  RedactedThinkingBlockSchema,
  ToolUseBlockSchema,
  ServerToolUseBlockSchema,
  WebSearchToolResultBlockSchema,
  WebFetchToolResultBlockSchema,
  AdvisorToolResultBlockSchema,
  CodeExecutionToolResultBlockSchema,
  BashCodeExecutionToolResultBlockSchema,
  TextEditorCodeExecutionToolResultBlockSchema,
  ToolSearchToolResultBlockSchema,
  McpToolUseBlockSchema,
  McpToolResultBlockSchema,
  ContainerUploadBlockSchema,
  CompactionBlockSchema,
  FallbackBlockSchema,
  McpToolListingBlockSchema,
]);
export type KnownAssistantContentBlock = z.infer<typeof KnownAssistantContentBlockSchema>;

/**
 * An assistant content block. Inbound: tolerant, a block of an unknown type (or a known type in a
 * shape this version does not know) is kept as an {@link UnknownBlock} (PROTOCOL.md#content-blocks).
 */
export const AssistantContentBlockSchema: z.ZodType<AssistantContentBlock> = z.union([
  KnownAssistantContentBlockSchema,
  UnknownBlockSchema,
]);
export type AssistantContentBlock = KnownAssistantContentBlock | UnknownBlock;

/** Every assistant content block `type` this version knows. */
export const ASSISTANT_BLOCK_TYPES = KnownAssistantContentBlockSchema.options.map((o) => o.shape.type.value);
