import type { CommandLifecycleEvent } from './agent-state';
import type { Clock, Frame, FrameOfType, UnknownFrame } from '@ccr-kit/protocol-types';
import type { AssembledMessage } from '../assembler/types';
import type { WsAssistantMessage } from '../compat/types';
import type { BackoffOptions } from '../internal/backoff';
import type { DeliveryUpdate, TransportFactory } from '../transport/types';
import type { HistorySource } from './delivery';
import type { HookMatchers } from '../helpers/hooks';
import type { McpServerLike } from '../helpers/mcp';

/** Connection state of a session, as reported to `onStateChange`. */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected' | 'reconnecting' | 'error';

/** A message the application receives: a known frame, or an unknown one kept as data. */
export type SessionMessage = Frame | UnknownFrame;

/** A permission rule change returned with an allow (PROTOCOL.md#permission-updates). */
export type PermissionUpdate = { type: string; destination?: string | undefined } & Record<string, unknown>;

/** The answer to a `can_use_tool` prompt (PROTOCOL.md#can_use_tool). */
export type PermissionResult =
  | {
      behavior: 'allow';
      updatedInput?: Record<string, unknown> | undefined;
      updatedPermissions?: PermissionUpdate[] | undefined;
      toolUseID?: string | undefined;
      decisionClassification?: string | undefined;
    }
  | {
      behavior: 'deny';
      message: string;
      interrupt?: boolean | undefined;
      toolUseID?: string | undefined;
      decisionClassification?: string | undefined;
    };

/**
 * The seed's looser answer shape (`claude-remote-protocol`'s `ToolPermissionResponse`): a deny
 * without `message` is sent with "Denied by the user.".
 */
export interface ToolPermissionResponse {
  behavior: 'allow' | 'deny';
  message?: string | undefined;
  updatedInput?: Record<string, unknown> | undefined;
  updatedPermissions?: PermissionUpdate[] | undefined;
  toolUseID?: string | undefined;
}

/** What a permission handler learns besides the tool name and input. */
export interface ToolPermissionContext {
  /** The tool call id (`tool_use_id`). */
  toolUseID: string;
  /** Aborted when the agent withdraws the prompt (`control_cancel_request`) or the session closes. */
  signal: AbortSignal;
  /** Rule changes that would stop the agent asking again; return them as `updatedPermissions`. */
  suggestions?: PermissionUpdate[] | undefined;
  /** The control request id the answer goes to. */
  requestId: string;
  /** The full `can_use_tool` request as received (title, display_name, blocked_path, agent_id, …). */
  request: Record<string, unknown>;
}

/** Decides a tool permission prompt; same signature as `claude-remote-protocol`'s handler. */
export type ToolPermissionHandler = (
  toolName: string,
  input: Record<string, unknown>,
  context: ToolPermissionContext,
) => Promise<PermissionResult | ToolPermissionResponse> | PermissionResult | ToolPermissionResponse;

/** Answers a `hook_callback` not registered through `hooks` (seed signature). */
export type HookCallbackHandler = (
  callbackId: string,
  input: unknown,
  toolUseId: string | undefined,
  signal: AbortSignal,
) => Promise<unknown> | unknown;

/** Answers any other agent→host control request (`elicitation`, `request_user_dialog`, …). */
export type ControlRequestHandler = (
  request: Record<string, unknown>,
  context: { requestId: string; signal: AbortSignal },
) => Promise<Record<string, unknown> | undefined> | Record<string, unknown> | undefined;

/** Callbacks of a session; all optional, all sugar over `messages()`. */
export interface SessionCallbacks {
  /** Each `command_lifecycle` frame: a user message with a uuid was queued, started, completed or cancelled (CLI 2.1.3xx). */
  onCommandLifecycle?: ((event: CommandLifecycleEvent) => void) | undefined;
  /** Every `assistant` frame as received (one per content block while streaming). */
  onAssistantMessage?: ((message: WsAssistantMessage) => void) | undefined;
  /** The assembled assistant message each time a frame changes it. */
  onMessageUpdate?: ((message: AssembledMessage) => void) | undefined;
  /** The `result` that ends each turn. */
  onResult?: ((message: FrameOfType<'result'>) => void) | undefined;
  onToolPermission?: ToolPermissionHandler | undefined;
  onHookCallback?: HookCallbackHandler | undefined;
  onStateChange?: ((state: ConnectionState) => void) | undefined;
  onError?: ((error: Error) => void) | undefined;
  /** Every frame delivered to the application, known or not, after de-duplication. */
  onFrame?: ((frame: SessionMessage) => void) | undefined;
  /** Frames whose type or subtype is unknown, or that do not match their schema. */
  onUnknownFrame?: ((frame: UnknownFrame) => void) | undefined;
  /** v2: the worker acknowledged an event this session sent. */
  onDeliveryUpdate?: ((update: DeliveryUpdate) => void) | undefined;
  /** Other agent→host control requests, keyed by subtype (`elicitation`, `request_user_dialog`, …). */
  onControlRequest?: Record<string, ControlRequestHandler> | undefined;
}

/** Connection tuning shared by every way of opening a session. */
export interface SessionTuning {
  /** Ask the server to replay the history on the first connect (v1 `replay=true`). @default false */
  replay?: boolean | undefined;
  /** Consecutive failed reconnect attempts before giving up. @default 5 */
  maxRetries?: number | undefined;
  /** Disconnect after this long without traffic, in ms; 0 disables. @default 300000 */
  idleTimeout?: number | undefined;
  /** @default 15000 */
  connectTimeout?: number | undefined;
  /** Interval of `keep_alive` frames on socket transports, in ms. @default 50000 */
  keepAliveInterval?: number | undefined;
  /** How long to wait for a control response, in ms. @default 60000 */
  requestTimeout?: number | undefined;
  /** How long `connect()` waits for the answer to `initialize`, in ms. @default 10000 */
  initializeTimeout?: number | undefined;
  backoff?: BackoffOptions | undefined;
  /** Answer to `can_use_tool` when no `onToolPermission` is set. @default 'deny' */
  defaultPermission?: 'deny' | 'allow' | undefined;
  /** Hook callbacks registered through `initialize`, by hook event. */
  hooks?: HookMatchers | undefined;
  /** In-process MCP servers (`@modelcontextprotocol/sdk` `McpServer`/`Server`), by name. */
  mcpServers?: Record<string, McpServerLike> | undefined;
  /** Extra fields for the `initialize` request (e.g. `supportedDialogKinds`, `agents`). */
  initialize?: Record<string, unknown> | undefined;
  /** How many recent event uuids to remember for de-duplication. @default 10000 */
  dedupWindow?: number | undefined;
  clock?: Clock | undefined;
  /** Random numbers in [0, 1) for backoff jitter. */
  random?: (() => number) | undefined;
}

/** Options of a {@link Session}. */
export interface SessionOptions extends SessionCallbacks, SessionTuning {
  sessionId: string;
  /** Makes the transport for each connect attempt. */
  transport: TransportFactory;
  /** Where missed events are re-fetched after a reconnect (REST). */
  history?: HistorySource | undefined;
  /**
   * Sends user messages by REST instead of the transport (v1 `POST …/events`, as claude.ai does).
   * Without it, user messages go over the transport.
   */
  postEvents?: ((frames: Record<string, unknown>[]) => Promise<void>) | undefined;
  /** Where the session resumes from, e.g. a cursor saved by an earlier run. */
  resumeFrom?: { uuid?: string | undefined; sequenceNum?: number | undefined } | undefined;
}

/** A file attached to a user message (claude.ai `file_attachments`). */
export interface FileAttachment {
  file_name: string;
  file_type: string;
  file_content: string;
}

/** Options of `sendMessage`. */
export interface SendMessageOptions {
  attachments?: FileAttachment[] | undefined;
  /** The uuid of the message; a random one by default. Re-using it makes a retry safe. */
  uuid?: string | undefined;
  parentToolUseId?: string | null | undefined;
  /** Extra top-level fields of the `user` frame (e.g. `priority`, `origin`). */
  extra?: Record<string, unknown> | undefined;
}

/** Options of a control request sent by the application. */
export interface RequestOptions {
  /** @default the session's `requestTimeout` */
  timeout?: number | undefined;
  /** Aborting sends `control_cancel_request` and rejects with `ABORTED`. */
  signal?: AbortSignal | undefined;
}
