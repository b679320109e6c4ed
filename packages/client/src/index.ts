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
} from './session/types';
export { InMemoryTransport } from './transport/in-memory';
export { WebSocketTransport } from './transport/websocket';
export type { WebSocketConstructor, WebSocketLike, WebSocketTransportOptions } from './transport/websocket';
export { SseTransport } from './transport/sse';
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
