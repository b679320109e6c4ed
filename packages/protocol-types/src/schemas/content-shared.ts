import { z } from 'zod';
import { openEnum } from './common';

/**
 * Building blocks shared by assistant and user content blocks: the unknown-block fallback, cache
 * control, tool callers, citations and image/document sources (Anthropic Messages API shapes).
 */

/** A content block (or nested typed object) this version does not know; any `type` string is kept as received (PROTOCOL.md#content-blocks). */
export const UnknownBlockSchema = z.object({ type: z.string() });
export type UnknownBlock = z.infer<typeof UnknownBlockSchema>;

/** Prompt-cache marker on request blocks (PROTOCOL.md#content-blocks). */
export const CacheControlSchema = z.object({
  type: z.literal('ephemeral'),
  ttl: openEnum(['5m', '1h']).optional(),
});
export type CacheControl = z.infer<typeof CacheControlSchema>;

/** Optional `cache_control` field of request blocks. */
export const CacheControlField = { cache_control: CacheControlSchema.nullable().optional() } as const;

/** Who called a tool: the model directly, or a code-execution server tool (PROTOCOL.md#content-blocks). Open. */
export const ToolCallerSchema = z.object({
  type: openEnum(['direct', 'code_execution_20250825', 'code_execution_20260120']),
  tool_id: z.string().optional(),
});
export type ToolCaller = z.infer<typeof ToolCallerSchema>;

const citationBase = {
  cited_text: z.string(),
};

const documentCitationBase = {
  ...citationBase,
  document_index: z.number(),
  document_title: z.string().nullable(),
  file_id: z.string().nullable().optional(),
};

/** A text citation pointing into a document, web search result or search result (PROTOCOL.md#content-blocks). */
export const KnownCitationSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('char_location'),
    ...documentCitationBase,
    start_char_index: z.number(),
    end_char_index: z.number(),
  }),
  z.object({
    type: z.literal('page_location'),
    ...documentCitationBase,
    start_page_number: z.number(),
    end_page_number: z.number(),
  }),
  z.object({
    type: z.literal('content_block_location'),
    ...documentCitationBase,
    start_block_index: z.number(),
    end_block_index: z.number(),
  }),
  z.object({
    type: z.literal('web_search_result_location'),
    ...citationBase,
    url: z.string(),
    title: z.string().nullable(),
    encrypted_index: z.string(),
  }),
  z.object({
    type: z.literal('search_result_location'),
    ...citationBase,
    source: z.string(),
    title: z.string().nullable(),
    search_result_index: z.number(),
    start_block_index: z.number(),
    end_block_index: z.number(),
  }),
]);
export type KnownCitation = z.infer<typeof KnownCitationSchema>;

/** A text citation; unknown citation kinds are kept as received. */
export const CitationSchema: z.ZodType<Citation> = z.union([KnownCitationSchema, UnknownBlockSchema]);
export type Citation = KnownCitation | UnknownBlock;

/** Image bytes, URL or Files-API reference (PROTOCOL.md#content-blocks). */
export const ImageSourceSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('base64'),
    media_type: openEnum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
    data: z.string(),
  }),
  z.object({ type: z.literal('url'), url: z.string() }),
  z.object({ type: z.literal('file'), file_id: z.string() }),
]);
export type ImageSource = z.infer<typeof ImageSourceSchema>;

/** Image block, in user content and nested in tool results (PROTOCOL.md#content-blocks). */
export const ImageBlockParamSchema = z.object({
  type: z.literal('image'),
  source: ImageSourceSchema,
  ...CacheControlField,
});
export type ImageBlockParam = z.infer<typeof ImageBlockParamSchema>;

/** Plain text block of request content: `citations` are optional here, unlike on assistant text (PROTOCOL.md#content-blocks). */
export const TextBlockParamSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  citations: z.array(CitationSchema).nullable().optional(),
  ...CacheControlField,
});
export type TextBlockParam = z.infer<typeof TextBlockParamSchema>;

/** Document source: PDF or plain-text bytes, inline content blocks, a URL or a Files-API reference (PROTOCOL.md#content-blocks). */
export const DocumentSourceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('base64'), media_type: openEnum(['application/pdf']), data: z.string() }),
  z.object({ type: z.literal('text'), media_type: openEnum(['text/plain']), data: z.string() }),
  z.object({
    type: z.literal('content'),
    content: z.union([
      z.string(),
      z.array(z.union([TextBlockParamSchema, ImageBlockParamSchema, UnknownBlockSchema])),
    ]),
  }),
  z.object({ type: z.literal('url'), url: z.string() }),
  z.object({ type: z.literal('file'), file_id: z.string() }),
]);
export type DocumentSource = z.infer<typeof DocumentSourceSchema>;

/** Whether citations are enabled for a document or search result. */
export const CitationsConfigSchema = z.object({ enabled: z.boolean().optional() });
export type CitationsConfig = z.infer<typeof CitationsConfigSchema>;

/** Document block, in user content and nested in tool results (PROTOCOL.md#content-blocks). */
export const DocumentBlockParamSchema = z.object({
  type: z.literal('document'),
  source: DocumentSourceSchema,
  title: z.string().nullable().optional(),
  context: z.string().nullable().optional(),
  citations: CitationsConfigSchema.nullable().optional(),
  ...CacheControlField,
});
export type DocumentBlockParam = z.infer<typeof DocumentBlockParamSchema>;

/** Search result block carrying text the model may cite (PROTOCOL.md#content-blocks). */
export const SearchResultBlockParamSchema = z.object({
  type: z.literal('search_result'),
  source: z.string(),
  title: z.string(),
  content: z.array(TextBlockParamSchema),
  citations: CitationsConfigSchema.optional(),
  ...CacheControlField,
});
export type SearchResultBlockParam = z.infer<typeof SearchResultBlockParamSchema>;
