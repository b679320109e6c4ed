import { z } from 'zod';
import {
  CacheControlField,
  DocumentBlockParamSchema,
  ImageBlockParamSchema,
  SearchResultBlockParamSchema,
  TextBlockParamSchema,
  ToolCallerSchema,
  UnknownBlockSchema,
  type UnknownBlock,
} from './content-shared';
import {
  BashCodeExecutionToolResultBlockSchema,
  CodeExecutionToolResultBlockSchema,
  RedactedThinkingBlockSchema,
  ServerToolUseBlockSchema,
  TextEditorCodeExecutionToolResultBlockSchema,
  ThinkingBlockSchema,
  ToolSearchToolResultBlockSchema,
  WebFetchToolResultBlockSchema,
  WebSearchToolResultBlockSchema,
} from './content';

/**
 * The 16 content block types of a user `message` (Anthropic `ContentBlockParam`), and the blocks
 * allowed inside a `tool_result`. Request blocks may carry `cache_control`.
 */

/** A reference to a deferred tool, valid only inside `tool_result` content (PROTOCOL.md#content-blocks). */
export const ToolReferenceBlockParamSchema = z.object({
  type: z.literal('tool_reference'),
  tool_name: z.string(),
  ...CacheControlField,
});
export type ToolReferenceBlockParam = z.infer<typeof ToolReferenceBlockParamSchema>;

/** Browser tabs and state changes, valid only inside `tool_result` content (PROTOCOL.md#content-blocks). */
export const BrowserStateBlockParamSchema = z.object({
  type: z.literal('browser_state'),
  tabs: z.array(
    z.object({ tab_id: z.string(), title: z.string(), url: z.string(), active: z.boolean().optional() }),
  ),
  state_changes: z.array(UnknownBlockSchema).nullable().optional(),
  ...CacheControlField,
});
export type BrowserStateBlockParam = z.infer<typeof BrowserStateBlockParamSchema>;

/** The six known block types of `tool_result` content, by `type`. */
export const KnownToolResultContentBlockSchema = z.discriminatedUnion('type', [
  TextBlockParamSchema,
  ImageBlockParamSchema,
  SearchResultBlockParamSchema,
  DocumentBlockParamSchema,
  ToolReferenceBlockParamSchema,
  BrowserStateBlockParamSchema,
]);
export type KnownToolResultContentBlock = z.infer<typeof KnownToolResultContentBlockSchema>;

/** A block inside `tool_result` content; unknown types are kept as received (PROTOCOL.md#content-blocks). */
export const ToolResultContentBlockSchema: z.ZodType<ToolResultContentBlock> = z.union([
  KnownToolResultContentBlockSchema,
  UnknownBlockSchema,
]);
export type ToolResultContentBlock = KnownToolResultContentBlock | UnknownBlock;

/** A tool's answer to a `tool_use`: text, or a list of blocks (PROTOCOL.md#content-blocks). */
export const ToolResultBlockParamSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.union([z.string(), z.array(ToolResultContentBlockSchema)]).optional(),
  is_error: z.boolean().optional(),
  toolset_name: z.string().nullable().optional(),
  ...CacheControlField,
});
export type ToolResultBlockParam = z.infer<typeof ToolResultBlockParamSchema>;

/** A tool call replayed in request content (PROTOCOL.md#content-blocks). */
export const ToolUseBlockParamSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
  caller: ToolCallerSchema.optional(),
  toolset_name: z.string().nullable().optional(),
  ...CacheControlField,
});
export type ToolUseBlockParam = z.infer<typeof ToolUseBlockParamSchema>;

/** A container upload replayed in request content (PROTOCOL.md#content-blocks). */
export const ContainerUploadBlockParamSchema = z.object({
  type: z.literal('container_upload'),
  file_id: z.string(),
  ...CacheControlField,
});
export type ContainerUploadBlockParam = z.infer<typeof ContainerUploadBlockParamSchema>;

/** The 16 known user content blocks, by `type` (PROTOCOL.md#content-blocks). */
export const KnownUserContentBlockSchema = z.discriminatedUnion('type', [
  TextBlockParamSchema,
  ImageBlockParamSchema,
  DocumentBlockParamSchema,
  SearchResultBlockParamSchema,
  ThinkingBlockSchema,
  RedactedThinkingBlockSchema,
  ToolUseBlockParamSchema,
  ToolResultBlockParamSchema,
  ServerToolUseBlockSchema.extend(CacheControlField),
  WebSearchToolResultBlockSchema.extend(CacheControlField),
  WebFetchToolResultBlockSchema.extend(CacheControlField),
  CodeExecutionToolResultBlockSchema.extend(CacheControlField),
  BashCodeExecutionToolResultBlockSchema.extend(CacheControlField),
  TextEditorCodeExecutionToolResultBlockSchema.extend(CacheControlField),
  ToolSearchToolResultBlockSchema.extend(CacheControlField),
  ContainerUploadBlockParamSchema,
]);
export type KnownUserContentBlock = z.infer<typeof KnownUserContentBlockSchema>;

/**
 * A user content block. Inbound: tolerant, unknown types (e.g. beta-only blocks) are kept as an
 * `UnknownBlock` (PROTOCOL.md#content-blocks).
 */
export const UserContentBlockSchema: z.ZodType<UserContentBlock> = z.union([
  KnownUserContentBlockSchema,
  UnknownBlockSchema,
]);
export type UserContentBlock = KnownUserContentBlock | UnknownBlock;

/** Message content: a plain string or a list of blocks (`MessageParam['content']`). */
export const MessageContentSchema: z.ZodType<MessageContent> = z.union([
  z.string(),
  z.array(UserContentBlockSchema),
]);
export type MessageContent = string | UserContentBlock[];

/** Every user content block `type` this version knows. */
export const USER_BLOCK_TYPES = KnownUserContentBlockSchema.options.map((o) => o.shape.type.value);
