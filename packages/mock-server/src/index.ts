export { createMockServer } from './server';
export type { MockServer, MockServerOptions } from './options';
export type { AgentBackend, AgentContext, AgentSession, AgentSettings } from './agent';
export { MockAdmin, AdminError } from './admin/admin';
export type { AdminSessionInfo, FlowResult, InjectResult } from './admin/admin';
export type { EndTurnOptions, PermissionFlowOptions, QuestionSpec } from './admin/flows';
export { DEFAULT_CREDENTIALS, CCR_BETA } from './auth';
export type { MockCredentials } from './auth';
export { FaultsSchema } from './faults';
export type { Faults } from './faults';
export type { JournalEntry, JournalKind, JournalQuery } from './journal';
export type { SubscriberInfo, SubscriberTransport } from './hub';
export { WS_AUTH_FRAME_TIMEOUT_MS, WS_KEEP_ALIVE_MS } from './transports/ws-subscriber';
export { CORS_EXPOSED_HEADERS, type CorsOption } from './http/cors';
export { WORKER_JWT_LIFETIME_S } from './worker/jwt';
export { WORKER_HEARTBEAT_INTERVAL_S } from './worker/worker-routes';
export { WORKER_SSE_KEEP_ALIVE_MS } from './worker/worker-stream';
export type { WorkerInfo } from './worker/worker-link';
export { SSE_KEEP_ALIVE_MS } from './transports/sse-subscriber';
export { tapeAgent, TapeAgentError, type TapeAgentOptions } from './agents/tape';
export { createFakeModelServer, fakeModelCliEnv, type FakeModelServer } from './fake-model/index';
export { CLI_EXIT_NOTICE_TAG, ClaudeCliConfigError, claudeCliAgent, cliTrafficTape, defaultClaudeBinary } from './agents/claude-cli/index';
export { SdkUrlLink, type SdkUrlLinkHandlers } from './agents/claude-cli/sdk-url';
export type { ClaudeCliAgentOptions, ClaudeCliBackend, ClaudeCliModelBackend, ClaudeCliProcessInfo, ClaudeCliTransport, CliTrafficChannel, CliTrafficEvent, CliTrafficTapeOptions } from './agents/claude-cli/index';
export { demoAgent, demoScenarios, knownPromptsTurn, scriptedAgent } from './agents/index';
export type { DemoAgentOptions, ScriptedAgentOptions } from './agents/index';
export {
  ScenarioSchema,
  ScenarioTurnSchema,
  ModelResponseSchema,
  ScenarioError,
  ScenarioBuilder,
  TurnBuilder,
  ResponsesBuilder,
  loadScenarioFile,
  parseScenario,
  parseScenarioJson,
  scenario,
  text,
  thinking,
  toolUse,
} from './scenario/index';
export type {
  Scenario,
  ScenarioTurn,
  ScenarioBlock,
  ModelResponse,
  MessageResponse,
  ErrorResponse,
  ScenarioIssue,
  ToolUseOptions,
} from './scenario/index';
