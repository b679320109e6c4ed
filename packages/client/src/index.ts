export { ClaudeClient, DEFAULT_MODEL } from './client';
export type { ConnectOptions, CreateOptions } from './client';
export { ClaudeApi } from './rest/api';
export type { ClaudeApiOptions, EventMessage, RespondToolPermissionParams, SendMessageParams } from './rest/api';
export { createRequest } from './rest/request';
export type { RequestFunction, RequestInput, RequestOptions as RestRequestOptions } from './rest/request';
export { baseUrlOf, buildCookie, buildHeaders, subscribeUrl } from './auth';
export type { ClaudeRemoteOptions } from './auth';
export { ClientError, ControlRequestError, HttpError, HttpError as ApiError } from './errors';
export type { ClientErrorCode, HttpErrorDetails } from './errors';
export { Session } from './session/session';
export type { RequestArgs, UserContent } from './session/session';
export type { CommandLifecycleEvent, CommandState, InterruptReceipt } from './session/agent-state';
export { SessionManager } from './session/manager';
export type { SessionManagerOptions, TransportKind } from './session/manager';
export type { HistorySource, SequencedEvent } from './session/delivery';
export type {
  ConnectionState,
  ControlRequestHandler,
  FileAttachment,
  HookCallbackHandler,
  PermissionResult,
  PermissionUpdate,
  RequestOptions,
  SendMessageOptions,
  SessionCallbacks,
  SessionMessage,
  SessionOptions,
  SessionTuning,
  ToolPermissionContext,
  ToolPermissionHandler,
  ToolPermissionResponse,
} from './session/types';
export { InMemoryTransport } from './transport/in-memory';
export { WebSocketTransport } from './transport/websocket';
export type { WebSocketConstructor, WebSocketLike, WebSocketTransportOptions } from './transport/websocket';
export { DEFAULT_SSE_SILENCE_TIMEOUT, SseTransport } from './transport/sse';
export type { SseTransportOptions } from './transport/sse';
export type {
  DeliveryUpdate,
  Transport,
  TransportCloseInfo,
  TransportContext,
  TransportFactory,
  TransportMessage,
} from './transport/types';
export { MessageAssembler } from './assembler/assembler';
export type { MessageAssemblerOptions } from './assembler/assembler';
export type {
  AssembledBlock,
  AssembledMessage,
  AssembledOtherBlock,
  AssembledTextBlock,
  AssembledThinkingBlock,
  AssembledToolUseBlock,
} from './assembler/types';
export { ASK_USER_QUESTION_TOOL, answerQuestions, isAskUserQuestion } from './helpers/ask-user-question';
export type { AskUserQuestionInput, Question, QuestionOption } from './helpers/ask-user-question';
export { EXIT_PLAN_MODE_TOOL, approvePlan, isPlanApproval, rejectPlan } from './helpers/plan-mode';
export type { ApprovePlanOptions } from './helpers/plan-mode';
export { McpBridge } from './helpers/mcp';
export type { JsonRpcMessage, McpServerLike, McpTransportLike } from './helpers/mcp';
export { HookRegistry } from './helpers/hooks';
export type { HookCallback, HookMatcher, HookMatchers, HookRegistration } from './helpers/hooks';
export type { BackoffOptions } from './internal/backoff';
export { WsTransport } from './compat/ws-transport';
export type { TransportOptions, TransportState } from './compat/ws-transport';
export type {
  AskUserQuestion,
  AskUserQuestionOption,
  AssistantApiMessage,
  BridgeInfo,
  CanUseToolRequest,
  ClaudeApiHeaders,
  ContentBlock,
  ContentBlockFields,
  ControlRequestPayload,
  ControlResponseError,
  ControlResponsePayload,
  ControlResponseSuccess,
  CreateSessionParams,
  Environment,
  EnvironmentKind,
  EnvironmentListResponse,
  EnvironmentState,
  EventsListResponse,
  HookCallbackRequest,
  HookConfig,
  InitializeRequest,
  InitializeResponse,
  InterruptRequest,
  McpConfig,
  McpJsonRpcMessage,
  McpMessageRequest,
  McpStatusRequest,
  McpTool,
  MessageUsage,
  PermissionSuggestion,
  PostEventsParams,
  SessionContext,
  SessionEvent,
  SessionListResponse,
  SessionOutcome,
  SessionResource,
  SessionSource,
  SessionStatus,
  SessionType,
  SetMaxThinkingTokensRequest,
  SetModelRequest,
  SetPermissionModeRequest,
  SlashCommand,
  WsAssistantMessage,
  WsAuthMessage,
  WsClientMessage,
  WsConnectOptions,
  WsControlCancelRequest,
  WsControlRequest,
  WsControlResponse,
  WsKeepAlive,
  WsResultMessage,
  WsServerMessage,
} from './compat/types';
