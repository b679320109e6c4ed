export { claudeCliAgent } from './agent';
export type { ClaudeCliBackend } from './agent';
export { ClaudeCliConfigError, defaultClaudeBinary } from './options';
export type { ClaudeCliAgentOptions, ClaudeCliModelBackend, ClaudeCliTransport } from './options';
export type { ClaudeCliProcessInfo } from './info';
export { CLI_EXIT_NOTICE_TAG } from './frames';
export { cliTrafficTape } from './tape';
export type { CliTrafficTapeOptions } from './tape';
export type { CliTrafficChannel, CliTrafficEvent } from './traffic';
