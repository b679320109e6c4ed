// The package's public API, with explicit named exports (no `export *`). One block per source file.
export {
  VirtualClock, realClock,
} from './clock';
export type {
  Clock, TimerHandle,
} from './clock';
export {
  DISPLAY_ONLY_SYSTEM_SUBTYPES, EPHEMERAL_FRAME_TYPES, isEphemeralFrame,
} from './durability';
export {
  ProtocolError, jsonPath,
} from './errors';
export {
  DEFAULT_MAX_JSON_DEPTH, findTooDeep,
} from './json-depth';
export type {
  ProtocolIssue,
} from './errors';
export {
  FRAME_SCHEMAS, FrameSchema, ToAgentFrameSchema, ToClientFrameSchema, discriminatorsOf, frameKey,
  isKnownFrameType, listFrameKinds, literalValues, lookupFrameSchema,
} from './frames';
export type {
  Frame, FrameOfType, SystemFrame,
} from './frames';
export {
  UnknownFrame, isUnknownFrame, parseFrame, parseFrameStrict, toProtocolIssues,
} from './parse';
export type {
  UnknownFrameReason,
} from './parse';
export {
  DRIFT_SEVERITY, findDrift, findDriftIn, matchesExactly, shorten,
} from './drift';
export type {
  DriftDirection, DriftFinding, DriftKind, DriftSeverity,
} from './drift';
export {
  encodeFrame,
} from './encode';
export type {
  EncodeFrameOptions,
} from './encode';
export {
  SubscribeQuerySchema, V1_ERRORS, V2_ERRORS, WORKER_ERRORS, buildPath, contract, defineChannel,
  connectionSide, defineEndpoint, literalSegmentCount, matchPath, matchRoute, pathParamNames,
} from './contract';
export type {
  Channel, ChannelName, ChannelTransport, ConnectionSide, Contract, Endpoint, EndpointBody, EndpointErrorBody, EndpointName,
  EndpointParams, EndpointQuery, EndpointResponse, HttpMethod, MatchedParams, PathParamNames, PathParams,
  RouteMatch, SubscribeQuery, Surface,
} from './contract';
export {
  CodecError,
} from './codec/codec-error';
export type {
  CodecErrorCode,
} from './codec/codec-error';
export {
  NdjsonFrameDecoder, decodeFrames,
} from './codec/frame-stream';
export type {
  FrameItem,
} from './codec/frame-stream';
export {
  DEFAULT_MAX_LINE_BYTES, NdjsonDecoder, decodeNdjsonStream, encodeNdjson,
} from './codec/ndjson';
export type {
  NdjsonDecoderOptions, NdjsonItem,
} from './codec/ndjson';
export {
  readChunks,
} from './codec/source';
export type {
  ChunkSource, StreamOptions,
} from './codec/source';
export {
  encodeSseComment, encodeSseEvent,
} from './codec/sse-encode';
export type {
  SseEventInit,
} from './codec/sse-encode';
export {
  DEFAULT_MAX_EVENT_CHARS, SseDecoder, decodeSseStream,
} from './codec/sse';
export type {
  SseComment, SseDecoderOptions, SseError, SseEvent, SseItem,
} from './codec/sse';
export {
  BetaMessageSchema, CacheCreationSchema, ContainerSchema, ContextManagementSchema, FallbackCreditSchema,
  MessageParamSchema, NonNullableUsageSchema, OutputTokensDetailsSchema, ServerToolUsageSchema,
  ServiceTierSchema, SpeedSchema, StopDetailsSchema, StopReasonSchema, UsageSchema,
} from './schemas/anthropic';
export type {
  BetaMessage, CacheCreation, Container, ContextManagement, FallbackCredit, MessageParam, NonNullableUsage,
  OutputTokensDetails, ServerToolUsage, ServiceTier, Speed, StopDetails, StopReason, Usage,
} from './schemas/anthropic';
export {
  BaseFields, DIRECTION_KEY, FrameDirectionSchema, IsoTimeSchema, JsonObjectSchema, KNOWN_VALUES_KEY,
  UuidSchema, directionOf, frameSchema, knownValuesOf, openEnum,
} from './schemas/common';
export type {
  FrameDirection, JsonObject, Uuid,
} from './schemas/common';
export {
  BrowserStateBlockParamSchema, ContainerUploadBlockParamSchema, KnownToolResultContentBlockSchema,
  KnownUserContentBlockSchema, MessageContentSchema, ToolReferenceBlockParamSchema, ToolResultBlockParamSchema,
  ToolResultContentBlockSchema, ToolUseBlockParamSchema, USER_BLOCK_TYPES, UserContentBlockSchema,
} from './schemas/content-params';
export type {
  BrowserStateBlockParam, ContainerUploadBlockParam, KnownToolResultContentBlock, KnownUserContentBlock,
  MessageContent, ToolReferenceBlockParam, ToolResultBlockParam, ToolResultContentBlock, ToolUseBlockParam,
  UserContentBlock,
} from './schemas/content-params';
export {
  CacheControlField, CacheControlSchema, CitationSchema, CitationsConfigSchema, DocumentBlockParamSchema,
  DocumentSourceSchema, ImageBlockParamSchema, ImageSourceSchema, KnownCitationSchema,
  SearchResultBlockParamSchema, TextBlockParamSchema, ToolCallerSchema, UnknownBlockSchema,
} from './schemas/content-shared';
export type {
  CacheControl, Citation, CitationsConfig, DocumentBlockParam, DocumentSource, ImageBlockParam, ImageSource,
  KnownCitation, SearchResultBlockParam, TextBlockParam, ToolCaller, UnknownBlock,
} from './schemas/content-shared';
export {
  ASSISTANT_BLOCK_TYPES, AdvisorToolResultBlockSchema, AssistantContentBlockSchema,
  BashCodeExecutionToolResultBlockSchema, CodeExecutionToolResultBlockSchema, CompactionBlockSchema,
  ContainerUploadBlockSchema, FallbackBlockSchema, FallbackModelSchema, KnownAssistantContentBlockSchema,
  McpToolListingBlockSchema, McpToolResultBlockSchema, McpToolUseBlockSchema, RedactedThinkingBlockSchema,
  ServerToolNameSchema, ServerToolUseBlockSchema, TextBlockSchema,
  TextEditorCodeExecutionToolResultBlockSchema, ThinkingBlockSchema, ToolSearchToolResultBlockSchema,
  ToolUseBlockSchema, WebFetchToolResultBlockSchema, WebSearchResultSchema, WebSearchToolResultBlockSchema,
} from './schemas/content';
export type {
  AdvisorToolResultBlock, AssistantContentBlock, BashCodeExecutionToolResultBlock,
  CodeExecutionToolResultBlock, CompactionBlock, ContainerUploadBlock, FallbackBlock, FallbackModel,
  KnownAssistantContentBlock, McpToolListingBlock, McpToolResultBlock, McpToolUseBlock, RedactedThinkingBlock,
  ServerToolName, ServerToolUseBlock, TextBlock, TextEditorCodeExecutionToolResultBlock, ThinkingBlock,
  ToolSearchToolResultBlock, ToolUseBlock, WebFetchToolResultBlock, WebSearchResult, WebSearchToolResultBlock,
} from './schemas/content';
export {
  HostAuthTokenRefreshRequestSchema, HostAuthTokenRefreshResponseSchema, OauthTokenRefreshRequestSchema,
  OauthTokenRefreshResponseSchema, RemoteControlWorkSecretRequestSchema, RemoteControlWorkSecretResponseSchema,
  RequestUserDialogRequestSchema, UNDOCUMENTED_AGENT_REQUEST_SCHEMAS, UserDialogResultSchema,
} from './schemas/control-requests-agent';
export type {
  HostAuthTokenRefreshRequest, HostAuthTokenRefreshResponse, OauthTokenRefreshRequest,
  OauthTokenRefreshResponse, RemoteControlWorkSecretRequest, RemoteControlWorkSecretResponse,
  RequestUserDialogRequest, UserDialogResult,
} from './schemas/control-requests-agent';
export {
  BackgroundTasksRequestSchema, BackgroundTasksResponseSchema, FileSuggestionsRequestSchema,
  FileSuggestionsResponseSchema, GetTaskOutputRequestSchema, GetTaskOutputResponseSchema,
  ReadFileRequestSchema, ReadFileResponseSchema, RegisterRepoRootRequestSchema, SeedReadStateRequestSchema,
  StopTaskRequestSchema,
} from './schemas/control-requests-files';
export type {
  BackgroundTasksRequest, BackgroundTasksResponse, FileSuggestionsRequest, FileSuggestionsResponse,
  GetTaskOutputRequest, GetTaskOutputResponse, ReadFileRequest, ReadFileResponse, RegisterRepoRootRequest,
  SeedReadStateRequest, StopTaskRequest,
} from './schemas/control-requests-files';
export {
  AccountInfoSchema, AgentDefinitionSchema, AgentInfoSchema, InitializeRequestSchema, InitializeResponseSchema,
  ModelInfoSchema, SdkMcpManifestStateSchema, SdkPluginConfigSchema,
} from './schemas/control-requests-initialize';
export type {
  AccountInfo, AgentDefinition, AgentInfo, InitializeRequest, InitializeResponse, ModelInfo,
  SdkMcpManifestState, SdkPluginConfig,
} from './schemas/control-requests-initialize';
export {
  ChannelEnableRequestSchema, McpAuthenticateRequestSchema, McpCallRequestSchema, McpClearAuthRequestSchema,
  McpMessageRequestSchema, McpMessageResponseSchema, McpOauthCallbackUrlRequestSchema,
  McpReadResourceRequestSchema, McpReadResourceResponseSchema, McpReconnectRequestSchema,
  McpSetServersRequestSchema, McpSetServersResponseSchema, McpStatusRequestSchema, McpStatusResponseSchema,
  McpToggleRequestSchema, SetMcpPermissionModeOverrideRequestSchema,
  SetMcpPermissionModeOverrideResponseSchema,
} from './schemas/control-requests-mcp';
export type {
  ChannelEnableRequest, McpAuthenticateRequest, McpCallRequest, McpClearAuthRequest, McpMessageRequest,
  McpMessageResponse, McpOauthCallbackUrlRequest, McpReadResourceRequest, McpReadResourceResponse,
  McpReconnectRequest, McpSetServersRequest, McpSetServersResponse, McpStatusRequest, McpStatusResponse,
  McpToggleRequest, SetMcpPermissionModeOverrideRequest, SetMcpPermissionModeOverrideResponse,
} from './schemas/control-requests-mcp';
export {
  ClaimSessionRequestSchema, ClaudeAuthenticateRequestSchema, ClaudeOauthCallbackRequestSchema,
  ForkConversationResponseSchema, GenerateSessionTitleRequestSchema, GenerateSessionTitleResponseSchema,
  MessageRatedRequestSchema, RemoteControlRequestSchema, SelectChromeBrowserRequestSchema, SetCwdRequestSchema,
  SetPromptSuggestionsPausedRequestSchema, SideQuestionRequestSchema, SideQuestionResponseSchema,
  SubmitFeedbackRequestSchema, UNDOCUMENTED_HOST_REQUEST_SCHEMAS, UltrareviewLaunchRequestSchema,
} from './schemas/control-requests-runtime';
export type {
  ClaimSessionRequest, ClaudeAuthenticateRequest, ClaudeOauthCallbackRequest, ForkConversationResponse,
  GenerateSessionTitleRequest, GenerateSessionTitleResponse, MessageRatedRequest, RemoteControlRequest,
  SelectChromeBrowserRequest, SetCwdRequest, SetPromptSuggestionsPausedRequest, SideQuestionRequest,
  SideQuestionResponse, SubmitFeedbackRequest, UltrareviewLaunchRequest,
} from './schemas/control-requests-runtime';
export {
  ApplyFlagSettingsRequestSchema, CancelAsyncMessageRequestSchema, CancelAsyncMessageResponseSchema,
  EndSessionRequestSchema, InterruptRequestSchema, InterruptResponseSchema, RenameSessionRequestSchema,
  RewindConversationRequestSchema, RewindConversationResponseSchema, RewindFilesRequestSchema,
  RewindFilesResponseSchema, SetColorRequestSchema, SetHasSubscribersRequestSchema,
  SetMaxThinkingTokensRequestSchema, SetModelRequestSchema, SetModelResponseSchema,
  SetPermissionModeRequestSchema, SetPermissionModeResponseSchema,
} from './schemas/control-requests-session';
export type {
  ApplyFlagSettingsRequest, CancelAsyncMessageRequest, CancelAsyncMessageResponse, EndSessionRequest,
  InterruptRequest, InterruptResponse, RenameSessionRequest, RewindConversationRequest,
  RewindConversationResponse, RewindFilesRequest, RewindFilesResponse, SetColorRequest,
  SetHasSubscribersRequest, SetMaxThinkingTokensRequest, SetModelRequest, SetModelResponse,
  SetPermissionModeRequest, SetPermissionModeResponse,
} from './schemas/control-requests-session';
export {
  GetHooksListingRequestSchema, GetHooksListingResponseSchema, GetSettingsRequestSchema,
  ListPermissionRulesRequestSchema, ListPermissionRulesResponseSchema, PermissionRuleEntrySchema,
  PermissionRuleSourceSchema, ReloadOutputStylesRequestSchema, ReloadOutputStylesResponseSchema,
  ReloadPluginsRequestSchema, ReloadPluginsResponseSchema, ReloadSkillsRequestSchema,
  ReloadSkillsResponseSchema, SettingsParseErrorSchema, UpdateSettingsRequestSchema,
} from './schemas/control-requests-settings';
export type {
  GetHooksListingRequest, GetHooksListingResponse, GetSettingsRequest, ListPermissionRulesRequest,
  ListPermissionRulesResponse, PermissionRuleEntry, PermissionRuleSource, ReloadOutputStylesRequest,
  ReloadOutputStylesResponse, ReloadPluginsRequest, ReloadPluginsResponse, ReloadSkillsRequest,
  ReloadSkillsResponse, SettingsParseError, UpdateSettingsRequest,
} from './schemas/control-requests-settings';
export {
  ContextUsageCategorySchema, GetBinaryVersionRequestSchema, GetBinaryVersionResponseSchema,
  GetContextUsageRequestSchema, GetContextUsageResponseSchema, GetSessionCostRequestSchema,
  GetSessionCostResponseSchema, GetUsageRequestSchema, GetUsageResponseSchema, ListModelsRequestSchema,
  UsageBehaviorPeriodSchema,
} from './schemas/control-requests-usage';
export type {
  ContextUsageCategory, GetBinaryVersionRequest, GetBinaryVersionResponse, GetContextUsageRequest,
  GetContextUsageResponse, GetSessionCostRequest, GetSessionCostResponse, GetUsageRequest, GetUsageResponse,
  ListModelsRequest, UsageBehaviorPeriod,
} from './schemas/control-requests-usage';
export {
  AGENT_TO_HOST_SUBTYPES, CONTROL_REQUEST_SCHEMAS, CONTROL_RESPONSE_SCHEMAS, EmptyControlResponseSchema,
  HOST_TO_AGENT_SUBTYPES,
} from './schemas/control-requests';
export type {
  AgentToHostSubtype, ControlRequestParams, ControlRequestPayload, ControlRequestSubtype,
  ControlResponsePayload, EmptyControlResponse, HostToAgentSubtype, KnownResponseSubtype,
} from './schemas/control-requests';
export {
  AnyControlRequestFrameSchema, BashCommandSchema, CONTROL_FRAME_SCHEMAS, CONTROL_REQUEST_FRAME_SCHEMAS,
  ControlCancelRequestFrameSchema, ControlErrorCodeSchema, ControlErrorSchema, ControlResponseFrameSchema,
  ControlSuccessSchema, KeepAliveSchema, SessionNoticeSchema, UpdateEnvironmentVariablesSchema,
  WorkflowLaunchSchema, controlRequestDirection,
} from './schemas/control';
export type {
  AnyControlRequestFrame, BashCommand, ControlCancelRequestFrame, ControlError, ControlErrorCode,
  ControlRequestFrame, ControlResponseFrame, ControlSuccess, KeepAlive, SessionNotice,
  UpdateEnvironmentVariables, WorkflowLaunch,
} from './schemas/control';
export {
  ApiKeySourceSchema, AssistantMessageErrorSchema, EffortLevelSchema, FastModeStateSchema, HOOK_EVENTS,
  HookEventSchema, PermissionModeSchema, ReportedPermissionModeSchema, ResultErrorSubtypeSchema,
  ResultSubtypeSchema, SessionStateSchema, TerminalReasonSchema,
} from './schemas/enums';
export type {
  ApiKeySource, AssistantMessageError, EffortLevel, FastModeState, HookEvent, PermissionMode,
  ReportedPermissionMode, ResultErrorSubtype, ResultSubtype, SessionState, TerminalReason,
} from './schemas/enums';
export {
  AsyncHookJsonOutputSchema, BaseHookInputFields, HOOK_INPUT_SCHEMAS, HookCallbackMatcherSchema,
  HookCallbackMatchersSchema, HookCallbackRequestSchema, HookInputSchema, HookJsonOutputSchema,
  HookSpecificOutputSchema, SyncHookJsonOutputSchema, UnknownHookInputSchema,
} from './schemas/hooks';
export type {
  AsyncHookJsonOutput, HookCallbackMatcher, HookCallbackMatchers, HookCallbackRequest, HookInput, HookInputFor,
  HookJsonOutput, HookSpecificOutput, KnownHookEvent, SyncHookJsonOutput, UnknownHookInput,
} from './schemas/hooks';
export {
  ElicitationRequestSchema, ElicitationResultSchema, ElicitationValueSchema, JsonRpcErrorResponseSchema,
  JsonRpcIdSchema, JsonRpcMessageSchema, JsonRpcNotificationSchema, JsonRpcRequestSchema,
  JsonRpcResultResponseSchema, McpClaudeAiProxyServerConfigSchema, McpHttpServerConfigSchema,
  McpSdkServerConfigSchema, McpServerConfigSchema, McpServerStatusConfigSchema, McpServerStatusSchema,
  McpServerToolPolicySchema, McpSseServerConfigSchema, McpStdioServerConfigSchema,
} from './schemas/mcp';
export type {
  ElicitationRequest, ElicitationResult, ElicitationValue, JsonRpcErrorResponse, JsonRpcId, JsonRpcMessage,
  JsonRpcNotification, JsonRpcRequest, JsonRpcResultResponse, McpClaudeAiProxyServerConfig,
  McpHttpServerConfig, McpSdkServerConfig, McpServerConfig, McpServerStatus, McpServerStatusConfig,
  McpServerToolPolicy, McpSseServerConfig, McpStdioServerConfig,
} from './schemas/mcp';
export {
  AssistantMessageSchema, MESSAGE_FRAME_SCHEMAS, PartialAssistantMessageSchema, ToolUseMetaSchema,
  UserMessageSchema,
} from './schemas/messages';
export type {
  AssistantMessage, PartialAssistantMessage, ToolUseMeta, UserMessage,
} from './schemas/messages';
export {
  ActiveGoalSchema, ActiveGoalValueSchema, AuthStatusSchema, ConversationResetSchema, MISC_FRAME_SCHEMAS,
  PromptSuggestionSchema, RateLimitEventSchema, RateLimitInfoSchema, SubagentRetrySchema, ToolProgressSchema,
  ToolUseSummarySchema,
} from './schemas/misc-frames';
export type {
  ActiveGoal, ActiveGoalValue, AuthStatus, ConversationReset, PromptSuggestion, RateLimitEvent, RateLimitInfo,
  SubagentRetry, ToolProgress, ToolUseSummary,
} from './schemas/misc-frames';
export {
  CanUseToolRequestSchema, DecisionReasonTypeSchema, McpServerProvenanceSchema, PermissionAllowSchema,
  PermissionBehaviorSchema, PermissionDecisionClassificationSchema, PermissionDenySchema,
  PermissionResultSchema, PermissionRuleValueSchema, PermissionSuggestionSchema,
  PermissionUpdateDestinationSchema, PermissionUpdateSchema,
} from './schemas/permissions';
export type {
  CanUseToolRequest, DecisionReasonType, McpServerProvenance, PermissionAllow, PermissionBehavior,
  PermissionDecisionClassification, PermissionDeny, PermissionResult, PermissionRuleValue,
  PermissionSuggestion, PermissionUpdate, PermissionUpdateDestination,
} from './schemas/permissions';
export {
  AllowedPromptSchema, AskUserQuestionAnnotationSchema, AskUserQuestionAnswersSchema,
  AskUserQuestionInputSchema, AskUserQuestionItemSchema, AskUserQuestionOptionSchema,
  AskUserQuestionUpdatedInputSchema, ExitPlanModeInputSchema, MULTI_SELECT_SEPARATOR, UnansweredReasonSchema,
} from './schemas/questions';
export type {
  AllowedPrompt, AskUserQuestionAnnotation, AskUserQuestionAnswers, AskUserQuestionInput, AskUserQuestionItem,
  AskUserQuestionOption, AskUserQuestionUpdatedInput, ExitPlanModeInput, UnansweredReason,
} from './schemas/questions';
export {
  ApiErrorBodySchema, ApiErrorDetailSchema, ApiErrorTypeSchema, ArchiveSessionResponseSchema, BridgeInfoSchema,
  CreateSessionBodySchema, CreateSessionResponseSchema, EnvironmentSchema, GitInfoSchema,
  ListEnvironmentsResponseSchema, ListEventsResponseSchema, ListQuerySchema, ListSessionsResponseSchema,
  LooseFrameSchema, SendEventsBodySchema, SendEventsResponseSchema, SessionContextSchema, SessionEventSchema,
  SessionMcpToolSchema, SessionRepositorySchema, SessionSchema, SessionStatusSchema, SessionTypeSchema,
  ShareStatusResponseSchema, UpdateSessionBodySchema,
} from './schemas/rest-v1';
export type {
  ApiErrorBody, ApiErrorDetail, ApiErrorType, ArchiveSessionResponse, BridgeInfo, CreateSessionBody,
  CreateSessionResponse, Environment, GitInfo, ListEnvironmentsResponse, ListEventsResponse, ListQuery,
  ListSessionsResponse, LooseFrame, SendEventsBody, SendEventsResponse, Session, SessionContext, SessionEvent,
  SessionMcpTool, SessionRepository, SessionStatus, SessionType, ShareStatusResponse, UpdateSessionBody,
} from './schemas/rest-v1';
export {
  CatchUpTruncatedDataSchema, ClientEventDataSchema, ClientEventInputSchema, ClientEventSourceSchema,
  CodeSessionConfigSchema, CreateCodeSessionBodySchema, CreateCodeSessionResponseSchema, DeliveryStatusSchema,
  DeliveryUpdateDataSchema, EphemeralEventDataSchema, ListClientEventsQuerySchema,
  ListClientEventsResponseSchema, PostClientEventsBodySchema, PostClientEventsResponseSchema, SseEventSchemas,
} from './schemas/rest-v2';
export type {
  CatchUpTruncatedData, ClientEventData, ClientEventInput, ClientEventSource, CodeSessionConfig,
  CreateCodeSessionBody, CreateCodeSessionResponse, DeliveryStatus, DeliveryUpdateData, EphemeralEventData,
  ListClientEventsQuery, ListClientEventsResponse, PostClientEventsBody, PostClientEventsResponse,
  SseEventName,
} from './schemas/rest-v2';
export {
  DeferredToolUseSchema, FastModeDisabledReasonSchema, InvalidConfigFileSchema, PermissionDenialSchema,
  QueuedBehindSchema, RESULT_FRAME_SCHEMAS, ResultErrorSchema, ResultSuccessSchema, StartupFailureReasonSchema,
} from './schemas/results';
export type {
  DeferredToolUse, FastModeDisabledReason, InvalidConfigFile, PermissionDenial, QueuedBehind, ResultError,
  ResultMessage, ResultSuccess, StartupFailureReason,
} from './schemas/results';
export {
  AgentMetadataSchema, AutocompactStateSchema, CommandLifecycleSchema, EnvManagerLogSchema,
  QueuedNotificationSchema, RUNTIME_FRAME_SCHEMAS, SourcesChangedSchema, TranscriptMirrorSchema,
} from './schemas/runtime-frames';
export type {
  AgentMetadata, AutocompactState, CommandLifecycle, EnvManagerLog, QueuedNotification, SourcesChanged,
  TranscriptMirror,
} from './schemas/runtime-frames';
export {
  CitationsDeltaSchema, CompactionDeltaSchema, ContentBlockDeltaEventSchema, ContentBlockDeltaSchema,
  ContentBlockStartEventSchema, ContentBlockStopEventSchema, ErrorEventSchema, InputJsonDeltaSchema,
  KnownContentBlockDeltaSchema, KnownStreamEventSchema, MessageDeltaEventSchema, MessageDeltaUsageSchema,
  MessageStartEventSchema, MessageStopEventSchema, PingEventSchema, SignatureDeltaSchema, StreamEventSchema,
  TextDeltaSchema, ThinkingDeltaSchema,
} from './schemas/stream';
export type {
  CitationsDelta, CompactionDelta, ContentBlockDelta, ContentBlockDeltaEvent, ContentBlockStartEvent,
  ContentBlockStopEvent, ErrorEvent, InputJsonDelta, KnownContentBlockDelta, KnownStreamEvent,
  MessageDeltaEvent, MessageDeltaUsage, MessageStartEvent, MessageStopEvent, PingEvent, SignatureDelta,
  StreamEvent, TextDelta, ThinkingDelta,
} from './schemas/stream';
export {
  SYSTEM_HOOK_FRAME_SCHEMAS, SystemHookProgressSchema, SystemHookResponseSchema, SystemHookStartedSchema,
} from './schemas/system-hooks';
export type {
  SystemHookProgress, SystemHookResponse, SystemHookStarted,
} from './schemas/system-hooks';
export {
  SYSTEM_NOTICE_FRAME_SCHEMAS, SlashCommandSchema, SystemCommandsChangedSchema,
  SystemControlRequestProgressSchema, SystemElicitationCompleteSchema, SystemFilesPersistedSchema,
  SystemInformationalSchema, SystemLocalCommandOutputSchema, SystemMemoryRecallSchema, SystemMirrorErrorSchema,
  SystemModelRefusalFallbackSchema, SystemModelRefusalNoFallbackSchema, SystemNotificationSchema,
  SystemPermissionDeniedSchema, SystemPluginInstallSchema, SystemSessionWritesLostSchema,
  SystemThinkingTokensSchema, SystemWorkerShuttingDownSchema,
} from './schemas/system-notices';
export type {
  SlashCommand, SystemCommandsChanged, SystemControlRequestProgress, SystemElicitationComplete,
  SystemFilesPersisted, SystemInformational, SystemLocalCommandOutput, SystemMemoryRecall, SystemMirrorError,
  SystemModelRefusalFallback, SystemModelRefusalNoFallback, SystemNotification, SystemPermissionDenied,
  SystemPluginInstall, SystemSessionWritesLost, SystemThinkingTokens, SystemWorkerShuttingDown,
} from './schemas/system-notices';
export {
  SYSTEM_RUNTIME_FRAME_SCHEMAS, SystemInstructionSizeWarningSchema, SystemPeerMessageHoldSchema,
  SystemPerTurnEffortChangedSchema, SystemPermissionCheckStatusSchema, SystemPostTurnSummarySchema,
  SystemSessionMetadataSchema, SystemSessionTitleChangedSchema, SystemSlackTagTitleSchema,
  SystemTaskListStatusesSchema, SystemTaskSummarySchema, SystemVcsStateChangedSchema,
} from './schemas/system-runtime';
export type {
  SystemInstructionSizeWarning, SystemPeerMessageHold, SystemPerTurnEffortChanged, SystemPermissionCheckStatus,
  SystemPostTurnSummary, SystemSessionMetadata, SystemSessionTitleChanged, SystemSlackTagTitle,
  SystemTaskListStatuses, SystemTaskSummary, SystemVcsStateChanged,
} from './schemas/system-runtime';
export {
  CapabilitySchema, CompactMetadataSchema, McpServerStateSchema, PluginErrorSchema, ReportedSessionStateSchema,
  SYSTEM_FRAME_SCHEMAS, SystemApiRetrySchema, SystemCompactBoundarySchema, SystemInitSchema,
  SystemSessionStateChangedSchema, SystemStatusSchema,
} from './schemas/system';
export type {
  Capability, CompactMetadata, McpServerState, PluginError, ReportedSessionState, SystemApiRetry,
  SystemCompactBoundary, SystemInit, SystemSessionStateChanged, SystemStatus,
} from './schemas/system';
export {
  HttpRequestEventSchema, HttpResponseEventSchema, SseEventTapeEventSchema, StdioLineEventSchema,
  StdioStreamSchema, TAPE_FORMAT, TAPE_VERSION, TapeCaptureSchema, TapeEventSchema, TapeHeaderSchema,
  TapeRedactionSchema, WsCloseEventSchema, WsDirectionSchema, WsFrameEventSchema, WsOpenEventSchema, parseTape,
  serializeTape, serializeTapeEvent, serializeTapeHeader,
} from './schemas/tape';
export type {
  HttpRequestEvent, HttpResponseEvent, ParsedTape, SseEventTapeEvent, StdioLineEvent, StdioStream, TapeCapture,
  TapeEvent, TapeEventKind, TapeHeader, TapeLineError, TapeRedaction, WsCloseEvent, WsDirection, WsFrameEvent,
  WsOpenEvent,
} from './schemas/tape';
export {
  BackgroundTaskSchema, BackgroundTasksChangedSchema, McpResourceLinkSchema, TASK_FRAME_SCHEMAS,
  TaskNotificationSchema, TaskPatchSchema, TaskProgressSchema, TaskStartedSchema, TaskStatusSchema,
  TaskTypeSchema, TaskUpdatedSchema, TaskUsageSchema,
} from './schemas/tasks';
export type {
  BackgroundTask, BackgroundTasksChanged, McpResourceLink, TaskNotification, TaskPatch, TaskProgress,
  TaskStarted, TaskStatus, TaskType, TaskUpdated, TaskUsage,
} from './schemas/tasks';
export {
  KnownMessageOriginSchema, MessageOriginSchema, TurnBindingFields,
} from './schemas/turn-fields';
export type {
  KnownMessageOrigin, MessageOrigin,
} from './schemas/turn-fields';
export {
  ContextUsageSchema, ExtraUsageSchema, ModelUsageSchema, UsageReportSchema,
} from './schemas/usage-reports';
export type {
  ContextUsage, ExtraUsage, ModelUsage, UsageReport,
} from './schemas/usage-reports';
export {
  BridgeBodySchema, BridgeForbiddenBodySchema, BridgeResponseSchema, ConflictReasonSchema, DeliveryAckSchema,
  EmptyResponseSchema, GetWorkerEventResponseSchema, GetWorkerQuerySchema, GetWorkerResponseSchema,
  HeartbeatBodySchema, HeartbeatResponseSchema, InternalEventInputSchema, InternalEventSchema,
  ListInternalEventsQuerySchema, ListInternalEventsResponseSchema, MAX_WORKER_EVENTS_PER_POST,
  PostInternalEventsBodySchema, PostInternalEventsResponseSchema, PostWorkerDeliveryBodySchema,
  PostWorkerEventBatchBodySchema, PostWorkerEventBatchResponseSchema, PostWorkerEventsBodySchema,
  PostWorkerEventsResponseSchema, PutWorkerBodySchema, RegisterWorkerBodySchema, RegisterWorkerResponseSchema,
  RequiresActionDetailsSchema, UploadHoldSchema, WORKER_CLOSE_CODES, WorkerConflictBodySchema,
  WorkerDeliveryStatusSchema, WorkerEphemeralEventDataSchema, WorkerEphemeralTypeSchema, WorkerEpochSchema,
  WorkerEpochWireSchema, WorkerEventInputSchema, WorkerRecordSchema, WorkerSseEventSchemas, WorkerStatusSchema,
  WorkerStreamQuerySchema, isWorkerCloseCode,
} from './schemas/worker';
export type {
  BridgeBody, BridgeForbiddenBody, BridgeResponse, ConflictReason, DeliveryAck, EmptyResponse,
  GetWorkerEventResponse, GetWorkerQuery, GetWorkerResponse, HeartbeatBody, HeartbeatResponse, InternalEvent,
  InternalEventInput, ListInternalEventsQuery, ListInternalEventsResponse, PostInternalEventsBody,
  PostInternalEventsResponse, PostWorkerDeliveryBody, PostWorkerEventBatchBody, PostWorkerEventBatchResponse,
  PostWorkerEventsBody, PostWorkerEventsResponse, PutWorkerBody, RegisterWorkerBody, RegisterWorkerResponse,
  RequiresActionDetails, UploadHold, WorkerCloseCode, WorkerConflictBody, WorkerDeliveryStatus,
  WorkerEphemeralEventData, WorkerEphemeralType, WorkerEpoch, WorkerEpochWire, WorkerEventInput, WorkerRecord,
  WorkerSseEventName, WorkerStatus, WorkerStreamQuery,
} from './schemas/worker';
