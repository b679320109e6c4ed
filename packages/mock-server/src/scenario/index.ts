export {
  ErrorResponseSchema,
  ErrorStatusSchema,
  MessageResponseSchema,
  MidStreamErrorSchema,
  ModelResponseSchema,
  ScenarioBlockSchema,
  ScenarioSchema,
  ScenarioTurnSchema,
  ScenarioUsageSchema,
  SimulatedToolResultSchema,
  StopReasonSchema,
  TextBlockSchema,
  TextMatchSchema,
  ThinkingBlockSchema,
  ToolResultContentSchema,
  ToolUseBlockSchema,
  TurnMatchSchema,
  isErrorResponse,
} from './schema';
export type {
  ErrorResponse,
  ErrorStatus,
  MessageResponse,
  MidStreamError,
  ModelResponse,
  Scenario,
  ScenarioBlock,
  ScenarioTurn,
  ScenarioUsage,
  SimulatedToolResult,
  StopReason,
  TextBlock,
  TextMatch,
  ThinkingBlock,
  ToolResultContent,
  ToolUseBlock,
  TurnMatch,
} from './schema';
export { ResponsesBuilder, ScenarioBuilder, TurnBuilder, scenario, text, thinking, toolUse } from './builder';
export type { BlockPacing, FailOptions, ReplyOptions, ToolUseOptions } from './builder';
export { ScenarioError, loadScenarioFile, parseScenario, parseScenarioJson, toScenarioIssues } from './parse';
export type { ScenarioIssue } from './parse';
export { listTurns, selectTurn, textMatches, turnAccepts } from './match';
export type { TurnRef } from './match';
