import { z } from 'zod';
import { JsonObjectSchema } from './common';
import { JsonRpcMessageSchema, McpServerConfigSchema, McpServerStatusSchema } from './mcp';

/**
 * Control requests about MCP servers: status, direct tool calls, the `mcp_message` tunnel to SDK
 * servers, reconfiguration and OAuth. Requests are outbound (strict); replies inbound (tolerant).
 */

/** `mcp_status`; `liveReply` asks for a live-only answer (PROTOCOL.md#mcp). Outbound: strict. */
export const McpStatusRequestSchema = z.object({
  subtype: z.literal('mcp_status'),
  liveReply: z.boolean().optional(),
});
export type McpStatusRequest = z.infer<typeof McpStatusRequestSchema>;

/** Success payload of `mcp_status`; empty until the first turn connects SDK servers (PROTOCOL.md#mcp). */
export const McpStatusResponseSchema = z.object({ mcpServers: z.array(McpServerStatusSchema) });
export type McpStatusResponse = z.infer<typeof McpStatusResponseSchema>;

/** `mcp_call`: call an MCP tool directly, outside a turn (PROTOCOL.md#mcp). Outbound: strict. */
export const McpCallRequestSchema = z.object({
  subtype: z.literal('mcp_call'),
  /** Fully qualified tool name, `mcp__server__tool`. */
  tool: z.string(),
  arguments: JsonObjectSchema.optional(),
  soft_error_result: z.boolean().optional(),
  /** RFC 3339 time after which the call must not start. */
  expires_at: z.string().optional(),
  /** 1000–600000 ms; the agent's default is 120000. */
  timeout_ms: z.number().optional(),
  result_not_for_model: z.boolean().optional(),
  check_permissions: z.boolean().optional(),
  input_files: z.array(z.object({ name: z.string(), lane_path: z.string() })).optional(),
  output_files: z
    .array(z.object({ name: z.string(), lane_path: z.string(), if_match: z.string().optional() }))
    .optional(),
});
export type McpCallRequest = z.infer<typeof McpCallRequestSchema>;

/** `mcp_message`: one JSON-RPC message for an SDK MCP server, in either direction (PROTOCOL.md#mcp). */
export const McpMessageRequestSchema = z.object({
  subtype: z.literal('mcp_message'),
  server_name: z.string(),
  message: JsonRpcMessageSchema,
});
export type McpMessageRequest = z.infer<typeof McpMessageRequestSchema>;

/** Success payload of `mcp_message`: the server's JSON-RPC reply when the agent asked; empty otherwise (PROTOCOL.md#mcp). */
export const McpMessageResponseSchema = z.object({ mcp_response: JsonRpcMessageSchema.optional() });
export type McpMessageResponse = z.infer<typeof McpMessageResponseSchema>;

/** `mcp_set_servers`: replace the dynamically added servers (PROTOCOL.md#mcp). Outbound: strict. */
export const McpSetServersRequestSchema = z.object({
  subtype: z.literal('mcp_set_servers'),
  servers: z.record(z.string(), McpServerConfigSchema),
});
export type McpSetServersRequest = z.infer<typeof McpSetServersRequestSchema>;

/** Success payload of `mcp_set_servers` (`McpSetServersResult`, PROTOCOL.md#mcp). Inbound: tolerant. */
export const McpSetServersResponseSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  errors: z.record(z.string(), z.string()),
});
export type McpSetServersResponse = z.infer<typeof McpSetServersResponseSchema>;

/** `mcp_reconnect` (PROTOCOL.md#mcp). Outbound: strict. */
export const McpReconnectRequestSchema = z.object({
  subtype: z.literal('mcp_reconnect'),
  serverName: z.string(),
});
export type McpReconnectRequest = z.infer<typeof McpReconnectRequestSchema>;

/** `mcp_toggle`: enable or disable a server (PROTOCOL.md#mcp). Outbound: strict. */
export const McpToggleRequestSchema = z.object({
  subtype: z.literal('mcp_toggle'),
  serverName: z.string(),
  enabled: z.boolean(),
});
export type McpToggleRequest = z.infer<typeof McpToggleRequestSchema>;

/** `mcp_read_resource`: read a `ui://` resource (PROTOCOL.md#mcp). Outbound: strict. */
export const McpReadResourceRequestSchema = z.object({
  subtype: z.literal('mcp_read_resource'),
  serverName: z.string(),
  uri: z.string(),
});
export type McpReadResourceRequest = z.infer<typeof McpReadResourceRequestSchema>;

/** Success payload of `mcp_read_resource`; `blob` is base64 (PROTOCOL.md#mcp). Inbound: tolerant. */
export const McpReadResourceResponseSchema = z.object({
  contents: z.array(
    z.object({
      uri: z.string(),
      mimeType: z.string().optional(),
      text: z.string().optional(),
      blob: z.string().optional(),
      _meta: JsonObjectSchema.optional(),
    }),
  ),
});
export type McpReadResourceResponse = z.infer<typeof McpReadResourceResponseSchema>;

/** `set_mcp_permission_mode_override` (runtime): per-server permission mode; null clears it (PROTOCOL.md#mcp). Outbound: strict. */
export const SetMcpPermissionModeOverrideRequestSchema = z.object({
  subtype: z.literal('set_mcp_permission_mode_override'),
  serverName: z.string(),
  mode: z.enum(['default', 'auto']).nullable(),
});
export type SetMcpPermissionModeOverrideRequest = z.infer<typeof SetMcpPermissionModeOverrideRequestSchema>;

/** Success payload of `set_mcp_permission_mode_override` (PROTOCOL.md#mcp). */
export const SetMcpPermissionModeOverrideResponseSchema = z.object({ warning: z.string().optional() });
export type SetMcpPermissionModeOverrideResponse = z.infer<typeof SetMcpPermissionModeOverrideResponseSchema>;

/** `mcp_authenticate` (runtime): start OAuth for a server (PROTOCOL.md#mcp). Outbound: strict. */
export const McpAuthenticateRequestSchema = z.object({
  subtype: z.literal('mcp_authenticate'),
  serverName: z.string(),
  redirectUri: z.string().optional(),
  redirectUriOnly: z.boolean().optional(),
});
export type McpAuthenticateRequest = z.infer<typeof McpAuthenticateRequestSchema>;

/** `mcp_clear_auth` (runtime): forget a server's OAuth tokens (PROTOCOL.md#mcp). Outbound: strict. */
export const McpClearAuthRequestSchema = z.object({
  subtype: z.literal('mcp_clear_auth'),
  serverName: z.string(),
});
export type McpClearAuthRequest = z.infer<typeof McpClearAuthRequestSchema>;

/** `mcp_oauth_callback_url` (runtime): hand the OAuth redirect back to the agent (PROTOCOL.md#mcp). Outbound: strict. */
export const McpOauthCallbackUrlRequestSchema = z.object({
  subtype: z.literal('mcp_oauth_callback_url'),
  serverName: z.string(),
  callbackUrl: z.string(),
});
export type McpOauthCallbackUrlRequest = z.infer<typeof McpOauthCallbackUrlRequestSchema>;

/** `channel_enable` (runtime): turn a server into a message channel (PROTOCOL.md#mcp). Outbound: strict. */
export const ChannelEnableRequestSchema = z.object({
  subtype: z.literal('channel_enable'),
  serverName: z.string(),
});
export type ChannelEnableRequest = z.infer<typeof ChannelEnableRequestSchema>;
