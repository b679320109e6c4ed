export { demoAgent, demoScenarios } from './scripted/demo';
export type { DemoAgentOptions } from './scripted/demo';
export { knownPromptsTurn, scriptedAgent } from './scripted/agent';
export type { ScriptedAgentOptions } from './scripted/agent';
export { TapeAgentError, tapeAgent } from './tape';
export type { TapeAgentOptions } from './tape';
export { ClaudeCliConfigError, claudeCliAgent, cliTrafficTape, defaultClaudeBinary } from './claude-cli/index';
export type { ClaudeCliAgentOptions, ClaudeCliBackend, ClaudeCliModelBackend, ClaudeCliProcessInfo, ClaudeCliTransport, CliTrafficEvent } from './claude-cli/index';
