import { z } from 'zod';
import { JsonObjectSchema, openEnum } from './common';
import { McpServerStateSchema } from './system';

/**
 * MCP servers as the control protocol sees them: configs a host sends, statuses an agent
 * reports, JSON-RPC messages tunnelled through `mcp_message`, and MCP elicitations.
 */

/** Per-tool permission policy for an MCP server (PROTOCOL.md#mcp). Outbound: strict. */
export const McpServerToolPolicySchema = z.object({
  name: z.string(),
  permission_policy: z.enum(['always_allow', 'always_ask', 'always_deny']).optional(),
  org_max_permission: z.enum(['allow', 'ask', 'blocked']).optional(),
});
export type McpServerToolPolicy = z.infer<typeof McpServerToolPolicySchema>;

/** An MCP server started as a child process (PROTOCOL.md#mcp). */
export const McpStdioServerConfigSchema = z.object({
  type: z.literal('stdio').optional(),
  command: z.string(),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  timeout: z.number().optional(),
  alwaysLoad: z.boolean().optional(),
});
export type McpStdioServerConfig = z.infer<typeof McpStdioServerConfigSchema>;

const remoteFields = {
  url: z.string(),
  headers: z.record(z.string(), z.string()).optional(),
  tools: z.array(McpServerToolPolicySchema).optional(),
  timeout: z.number().optional(),
  alwaysLoad: z.boolean().optional(),
};

/** An MCP server reached over server-sent events (PROTOCOL.md#mcp). */
export const McpSseServerConfigSchema = z.object({ type: z.literal('sse'), ...remoteFields });
export type McpSseServerConfig = z.infer<typeof McpSseServerConfigSchema>;

/** An MCP server reached over streamable HTTP (PROTOCOL.md#mcp). */
export const McpHttpServerConfigSchema = z.object({ type: z.literal('http'), ...remoteFields });
export type McpHttpServerConfig = z.infer<typeof McpHttpServerConfigSchema>;

/** An MCP server hosted by the SDK process and reached through `mcp_message` (PROTOCOL.md#mcp). */
export const McpSdkServerConfigSchema = z.object({
  type: z.literal('sdk'),
  name: z.string(),
  timeout: z.number().optional(),
  tools: z.array(McpServerToolPolicySchema).optional(),
});
export type McpSdkServerConfig = z.infer<typeof McpSdkServerConfigSchema>;

/** A claude.ai connector proxied by the service; only ever reported, never sent (PROTOCOL.md#mcp). */
export const McpClaudeAiProxyServerConfigSchema = z.object({
  type: z.literal('claudeai-proxy'),
  url: z.string(),
  id: z.string(),
  timeout: z.number().optional(),
});
export type McpClaudeAiProxyServerConfig = z.infer<typeof McpClaudeAiProxyServerConfigSchema>;

/** A server config a host may send in `initialize` or `mcp_set_servers` (PROTOCOL.md#mcp). Outbound: strict. */
export const McpServerConfigSchema = z.union([
  McpStdioServerConfigSchema,
  McpSseServerConfigSchema,
  McpHttpServerConfigSchema,
  McpSdkServerConfigSchema,
]);
export type McpServerConfig = z.infer<typeof McpServerConfigSchema>;

/** A server config as echoed in a status report (PROTOCOL.md#mcp). */
export const McpServerStatusConfigSchema = z.union([
  McpStdioServerConfigSchema,
  McpSseServerConfigSchema,
  McpHttpServerConfigSchema,
  McpSdkServerConfigSchema,
  McpClaudeAiProxyServerConfigSchema,
]);
export type McpServerStatusConfig = z.infer<typeof McpServerStatusConfigSchema>;

/** One MCP server's connection state and tools (`McpServerStatus`, PROTOCOL.md#mcp). Inbound: tolerant. */
export const McpServerStatusSchema = z.object({
  name: z.string(),
  status: McpServerStateSchema,
  serverInfo: z.object({ name: z.string(), version: z.string() }).optional(),
  error: z.string().optional(),
  config: McpServerStatusConfigSchema.optional(),
  scope: z.string().optional(),
  source: z.string().optional(),
  tools: z
    .array(
      z.object({
        name: z.string(),
        description: z.string().optional(),
        annotations: z
          .object({
            readOnly: z.boolean().optional(),
            destructive: z.boolean().optional(),
            openWorld: z.boolean().optional(),
          })
          .optional(),
        _meta: JsonObjectSchema.optional(),
      }),
    )
    .optional(),
});
export type McpServerStatus = z.infer<typeof McpServerStatusSchema>;

/** A JSON-RPC id: a string or a number (PROTOCOL.md#mcp). */
export const JsonRpcIdSchema = z.union([z.string(), z.number()]);
export type JsonRpcId = z.infer<typeof JsonRpcIdSchema>;

/** A JSON-RPC request: it expects a response with the same id (PROTOCOL.md#mcp). */
export const JsonRpcRequestSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: JsonRpcIdSchema,
  method: z.string(),
  params: JsonObjectSchema.optional(),
});
export type JsonRpcRequest = z.infer<typeof JsonRpcRequestSchema>;

/** A JSON-RPC notification: a method call without an id (PROTOCOL.md#mcp). */
export const JsonRpcNotificationSchema = z.object({
  jsonrpc: z.literal('2.0'),
  method: z.string(),
  params: JsonObjectSchema.optional(),
});
export type JsonRpcNotification = z.infer<typeof JsonRpcNotificationSchema>;

/** A successful JSON-RPC response (PROTOCOL.md#mcp). */
export const JsonRpcResultResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: JsonRpcIdSchema,
  result: JsonObjectSchema,
});
export type JsonRpcResultResponse = z.infer<typeof JsonRpcResultResponseSchema>;

/** A failed JSON-RPC response; the id is absent when the request could not be read (PROTOCOL.md#mcp). */
export const JsonRpcErrorResponseSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: JsonRpcIdSchema.optional(),
  error: z.object({ code: z.number(), message: z.string(), data: z.unknown().optional() }),
});
export type JsonRpcErrorResponse = z.infer<typeof JsonRpcErrorResponseSchema>;

/** Any JSON-RPC 2.0 message, as carried by `mcp_message` (PROTOCOL.md#mcp). Tolerant: unknown keys kept. */
export const JsonRpcMessageSchema = z.union([
  JsonRpcRequestSchema,
  JsonRpcNotificationSchema,
  JsonRpcResultResponseSchema,
  JsonRpcErrorResponseSchema,
]);
export type JsonRpcMessage = z.infer<typeof JsonRpcMessageSchema>;

/** `elicitation`: an MCP server asks the user for input, through the host (PROTOCOL.md#mcp). Inbound: tolerant. */
export const ElicitationRequestSchema = z.object({
  subtype: z.literal('elicitation'),
  mcp_server_name: z.string(),
  message: z.string(),
  mode: openEnum(['form', 'url']).optional(),
  url: z.string().optional(),
  elicitation_id: z.string().optional(),
  requested_schema: JsonObjectSchema.optional(),
  property_order: z.array(z.string()).optional(),
  title: z.string().optional(),
  display_name: z.string().optional(),
  description: z.string().optional(),
});
export type ElicitationRequest = z.infer<typeof ElicitationRequestSchema>;

/** A form value the user entered for an elicitation (PROTOCOL.md#mcp). */
export const ElicitationValueSchema = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);
export type ElicitationValue = z.infer<typeof ElicitationValueSchema>;

/** The host's answer to `elicitation` (MCP `ElicitResult`, PROTOCOL.md#mcp). Outbound: strict. */
export const ElicitationResultSchema = z.object({
  action: z.enum(['accept', 'decline', 'cancel']),
  content: z.record(z.string(), ElicitationValueSchema).optional(),
  _meta: JsonObjectSchema.optional(),
});
export type ElicitationResult = z.infer<typeof ElicitationResultSchema>;
