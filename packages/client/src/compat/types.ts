// The type names `claude-remote-protocol` 0.3.x exports, mapped onto the protocol-types schemas so
// code written against it compiles unchanged. Names it has that this package already exports with
// the same meaning (ConnectionState, ToolPermissionHandler, SendMessageParams, …) are not repeated.
import type {
  AskUserQuestionItem,
  AskUserQuestionOption as ProtocolAskUserQuestionOption,
  AssistantContentBlock,
  BridgeInfo as ProtocolBridgeInfo,
  CanUseToolRequest as ProtocolCanUseToolRequest,
  ControlCancelRequestFrame,
  ControlError,
  ControlRequestFrame,
  ControlRequestPayload as ProtocolControlRequestPayload,
  ControlResponseFrame,
  ControlSuccess,
  CreateSessionBody,
  Environment as ProtocolEnvironment,
  FrameOfType,
  HookCallbackMatcher,
  HookCallbackRequest as ProtocolHookCallbackRequest,
  InitializeRequest as ProtocolInitializeRequest,
  InitializeResponse as ProtocolInitializeResponse,
  InterruptRequest as ProtocolInterruptRequest,
  KeepAlive,
  ListEnvironmentsResponse,
  ListEventsResponse,
  ListSessionsResponse,
  McpMessageRequest as ProtocolMcpMessageRequest,
  McpStatusRequest as ProtocolMcpStatusRequest,
  PermissionSuggestion as ProtocolPermissionSuggestion,
  Session as ProtocolSession,
  SessionContext as ProtocolSessionContext,
  SessionEvent as ProtocolSessionEvent,
  SessionMcpTool,
  SessionRepository,
  SessionStatus as ProtocolSessionStatus,
  SessionType as ProtocolSessionType,
  SetMaxThinkingTokensRequest as ProtocolSetMaxThinkingTokensRequest,
  SetModelRequest as ProtocolSetModelRequest,
  SetPermissionModeRequest as ProtocolSetPermissionModeRequest,
  SlashCommand as ProtocolSlashCommand,
  Usage,
} from '@ccr-kit/protocol-types';
import type { SessionMessage } from '../session/types';

/** Fields a content block may carry whatever its type, optional as in the seed's loose `ContentBlock`. */
export interface ContentBlockFields {
  text?: string | undefined;
  thinking?: string | undefined;
  signature?: string | undefined;
  id?: string | undefined;
  name?: string | undefined;
  input?: Record<string, unknown> | undefined;
  tool_use_id?: string | undefined;
  tool_name?: string | undefined;
  is_error?: boolean | null | undefined;
  content?: unknown;
}

/** A content block of an assistant message: a validated block, with the seed's optional fields readable after `block.type === 'text'`. */
export type ContentBlock = AssistantContentBlock & ContentBlockFields;

type AssistantFrame = FrameOfType<'assistant'>;

/** The Messages API message inside an `assistant` frame (seed name). */
export type AssistantApiMessage = Omit<AssistantFrame['message'], 'content'> & { content: ContentBlock[] };

/** An `assistant` frame as `onAssistantMessage` receives it (seed name): validated, one per content block while streaming. */
export type WsAssistantMessage = Omit<AssistantFrame, 'message'> & { message: AssistantApiMessage };

/** The `result` frame that ends a turn (seed name). */
export type WsResultMessage = FrameOfType<'result'>;

/** Token usage of a message or turn (seed name). */
export type MessageUsage = Usage;

/** `{"type":"keep_alive"}` (seed name). */
export type WsKeepAlive = KeepAlive;

/** A frame sent first on a WebSocket, e.g. `{ type: 'auth', credential: { type: 'oauth', token } }` (seed name). */
export type WsAuthMessage = { type?: string | undefined } & Record<string, unknown>;

/** A `control_request` frame, either direction (seed name). */
export type WsControlRequest = ControlRequestFrame;

/** A `control_cancel_request` frame (seed name). */
export type WsControlCancelRequest = ControlCancelRequestFrame;

/** A `control_response` frame (seed name). */
export type WsControlResponse = ControlResponseFrame;

/** What a client writes on the v1 socket (seed name). */
export type WsClientMessage = WsAuthMessage | WsKeepAlive | WsControlRequest | WsControlResponse;

/** What arrives on the v1 socket: a known frame, or an unknown one kept as data (seed name). */
export type WsServerMessage = SessionMessage;

/** Options of the v1 socket URL (seed name). */
export interface WsConnectOptions {
  organizationUuid: string;
  sessionId: string;
  replay?: boolean | undefined;
}

/** The payload of any `control_request` (seed name). */
export type ControlRequestPayload = ProtocolControlRequestPayload;
/** A successful control response payload (seed name). */
export type ControlResponseSuccess = ControlSuccess;
/** An error control response payload (seed name). */
export type ControlResponseError = ControlError;
/** The `response` of a `control_response` frame (seed name). */
export type ControlResponsePayload = ControlSuccess | ControlError;
/** `initialize` request (seed name). */
export type InitializeRequest = ProtocolInitializeRequest;
/** `initialize` reply: commands, models, account, … (seed name). */
export type InitializeResponse = ProtocolInitializeResponse;
/** `interrupt` request (seed name). */
export type InterruptRequest = ProtocolInterruptRequest;
/** `set_permission_mode` request (seed name). */
export type SetPermissionModeRequest = ProtocolSetPermissionModeRequest;
/** `set_model` request (seed name). */
export type SetModelRequest = ProtocolSetModelRequest;
/** `set_max_thinking_tokens` request (seed name). */
export type SetMaxThinkingTokensRequest = ProtocolSetMaxThinkingTokensRequest;
/** `can_use_tool` request: a tool permission prompt (seed name). */
export type CanUseToolRequest = ProtocolCanUseToolRequest;
/** `hook_callback` request (seed name). */
export type HookCallbackRequest = ProtocolHookCallbackRequest;
/** `mcp_message` request (seed name). */
export type McpMessageRequest = ProtocolMcpMessageRequest;
/** `mcp_status` request (seed name). */
export type McpStatusRequest = ProtocolMcpStatusRequest;
/** A permission rule change the agent suggests with a prompt (seed name). */
export type PermissionSuggestion = ProtocolPermissionSuggestion;
/** One hook matcher of `initialize.hooks` (seed name). */
export type HookConfig = HookCallbackMatcher;
/** One AskUserQuestion question (seed name). */
export type AskUserQuestion = AskUserQuestionItem;
/** One option of an AskUserQuestion question (seed name). */
export type AskUserQuestionOption = ProtocolAskUserQuestionOption;
/** A JSON-RPC message forwarded by `mcp_message` (seed name). */
export type { JsonRpcMessage as McpJsonRpcMessage } from '../helpers/mcp';

/**
 * A session as the REST API returns it. The seed calls this `Session`; here `Session` is the
 * session class, so the record is `SessionResource`.
 */
export type SessionResource = ProtocolSession;
/** Lifecycle state of a session (seed name). */
export type SessionStatus = ProtocolSessionStatus;
/** Kind of session (seed name). */
export type SessionType = ProtocolSessionType;
/** How a session's agent is set up: model, repositories, tools (seed name). */
export type SessionContext = ProtocolSessionContext;
/** A repository a session starts from (seed name). */
export type SessionSource = SessionRepository;
/** A repository a session pushes to (seed name). */
export type SessionOutcome = SessionRepository;
/** `GET /v1/sessions` answer (seed name). */
export type SessionListResponse = ListSessionsResponse;
/** `POST /v1/sessions` body (seed name). */
export type CreateSessionParams = CreateSessionBody;
/** A stored event of the events API (seed name). */
export type SessionEvent = ProtocolSessionEvent;
/** `GET /v1/sessions/{id}/events` answer (seed name). */
export type EventsListResponse = ListEventsResponse;
/** Parameters of posting events (seed name). */
export interface PostEventsParams {
  sessionId: string;
  events: SessionEvent[];
}
/** A slash command the agent offers (seed name). */
export type SlashCommand = ProtocolSlashCommand;
/** MCP server configuration of a session, by server name (seed name). */
export type McpConfig = Record<string, unknown>;
/** An MCP tool exposed to a session (seed name). */
export type McpTool = SessionMcpTool;
/** An environment sessions run in (seed name). */
export type Environment = ProtocolEnvironment;
/** `bridge` or `cloud` (an open set) (seed name). */
export type EnvironmentKind = ProtocolEnvironment['kind'];
/** `active` or `inactive` (an open set) (seed name). */
export type EnvironmentState = ProtocolEnvironment['state'];
/** The machine behind a bridge environment (seed name). */
export type BridgeInfo = ProtocolBridgeInfo;
/** Environment list answer (seed name). */
export type EnvironmentListResponse = ListEnvironmentsResponse;

/** The headers every CCR REST request carries (seed name). */
export interface ClaudeApiHeaders {
  'anthropic-version': '2023-06-01';
  'anthropic-beta': 'ccr-byoc-2025-07-29';
  'anthropic-client-feature': 'ccr';
  'anthropic-client-platform'?: 'web_claude_ai' | undefined;
  'anthropic-client-version'?: string | undefined;
  'x-organization-uuid'?: string | undefined;
  'content-type': 'application/json';
}
