import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FakeModelServerOptions } from '../../fake-model/server';
import type { Scenario } from '../../scenario/schema';
import { knownPromptsTurn } from '../scripted/agent';
import { demoScenarios } from '../scripted/demo';
import type { CliTrafficEvent } from './traffic';

/** How the backend talks to the CLI: its stdin/stdout, or a WebSocket the CLI opens (`--sdk-url`). */
export type ClaudeCliTransport = 'stdio' | 'sdk-url';

/** Where the CLI's model requests go: a scripted fake Messages API, or Anthropic's real API. */
export type ClaudeCliModelBackend = 'fake' | 'anthropic';

/** Options of {@link claudeCliAgent}. */
export interface ClaudeCliAgentOptions {
  /** @default 'stdio' */
  transport?: ClaudeCliTransport | undefined;
  /**
   * Path of the `claude` executable.
   * @default the one installed with `@anthropic-ai/claude-code` (for `sdk-url`: the `claude-code-sdk-url` alias when installed, since only 2.0.0–2.1.120 accept `--sdk-url`), else `claude` on PATH
   */
  claudeBin?: string | undefined;
  /** Flags added after the ones the backend sets (e.g. `['--max-turns', '3']`). */
  extraArgs?: readonly string[] | undefined;
  /**
   * `fake` starts a fake Messages API per session playing `scenarios` and points the CLI at it
   * with a clean, offline environment; `anthropic` uses this process's environment, so
   * `ANTHROPIC_API_KEY` (or a login in HOME) is what the CLI uses.
   * @default 'fake': offline, no key needed (the real API only with 'anthropic')
   */
  modelBackend?: ClaudeCliModelBackend | undefined;
  /** The scripts the fake model plays. @default the demo agent's scenarios, answering an unknown prompt with the prompts they know */
  scenarios?: readonly Scenario[] | undefined;
  /** Further options of the fake model (clock, seed, models). */
  fakeModel?: Omit<FakeModelServerOptions, 'scenarios' | 'host' | 'port'> | undefined;
  /** `CLAUDE_CODE_MAX_RETRIES`: how often the CLI retries 429/5xx answers (its default is 10). */
  maxRetries?: number | undefined;
  /** Variables added to the CLI's environment, last; values are never written to the journal. */
  env?: Readonly<Record<string, string>> | undefined;
  /** With `anthropic`: start from this process's environment. @default true */
  inheritEnv?: boolean | undefined;
  /** HOME of the CLI. @default a fresh temp directory per session with `fake`, this process's HOME with `anthropic` */
  home?: string | undefined;
  /** `--model` when the session names none. */
  model?: string | undefined;
  /** `--permission-mode` when the session names none. */
  permissionMode?: string | undefined;
  /** `--include-partial-messages` (live `stream_event` frames). @default true */
  partialMessages?: boolean | undefined;
  /**
   * Where sessions run: each gets a private directory under it, and a session's own `cwd` (a v2
   * session's `config.cwd`) must lie inside it (a relative one is taken inside it) or the CLI is
   * not started. @default a fresh temp directory per session
   */
  workspaceRoot?: string | undefined;
  /** Keep the per-session temp directories (cwd, HOME) after the session stops. @default false */
  keepTempDirs?: boolean | undefined;
  /** How long a stopping CLI gets after SIGTERM before SIGKILL, in milliseconds. @default 3000 */
  stopGraceMs?: number | undefined;
  /** Sees every line and frame between the backend and each CLI (for tapes and benchmarks). */
  tap?: ((event: CliTrafficEvent) => void) | undefined;
  /** Backend name shown by the server. @default 'claude-cli' */
  name?: string | undefined;
}

/** The options with every default filled in (paths resolved, backend chosen). */
export interface ResolvedCliOptions extends ClaudeCliAgentOptions {
  readonly transport: ClaudeCliTransport;
  readonly claudeBin: string;
  readonly modelBackend: ClaudeCliModelBackend;
  readonly scenarios: readonly Scenario[];
  readonly partialMessages: boolean;
  readonly stopGraceMs: number;
  readonly name: string;
}

/** A configuration that cannot run; the message says which option and what to do. */
export class ClaudeCliConfigError extends Error {
  override readonly name = 'ClaudeCliConfigError';
}

function moduleFile(): string {
  // The CJS build has no import.meta.url; the ESM build and the sources have no __filename.
  return typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
}

function installedBinary(packageName: string): string | undefined {
  try {
    const manifest = createRequire(moduleFile()).resolve(`${packageName}/package.json`);
    const bin = join(dirname(manifest), 'bin', 'claude.exe');
    return existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** The `claude` executable used when none is configured, for a transport. */
export function defaultClaudeBinary(transport: ClaudeCliTransport = 'stdio'): string {
  const preferred = transport === 'sdk-url' ? ['claude-code-sdk-url', '@anthropic-ai/claude-code'] : ['@anthropic-ai/claude-code'];
  for (const name of preferred) {
    const bin = installedBinary(name);
    if (bin !== undefined) return bin;
  }
  return 'claude';
}

/**
 * Checks the options and fills in the defaults.
 * @throws {ClaudeCliConfigError} when a value is out of range or the fake model has no scenarios.
 */
export function resolveCliOptions(options: ClaudeCliAgentOptions): ResolvedCliOptions {
  const transport = options.transport ?? 'stdio';
  if (transport !== 'stdio' && transport !== 'sdk-url') {
    throw new ClaudeCliConfigError(`claudeCliAgent: transport must be 'stdio' or 'sdk-url', got ${JSON.stringify(transport)}.`);
  }
  // Offline by default: without scenarios the fake model plays the demo agent's, and a prompt none
  // of them matches is answered with the list of prompts it knows. The real API only when asked.
  const modelBackend = options.modelBackend ?? 'fake';
  if (modelBackend !== 'fake' && modelBackend !== 'anthropic') {
    throw new ClaudeCliConfigError(`claudeCliAgent: modelBackend must be 'fake' or 'anthropic', got ${JSON.stringify(modelBackend)}.`);
  }
  const demo = modelBackend === 'fake' && (options.scenarios ?? []).length === 0;
  const scenarios = demo ? demoScenarios() : (options.scenarios ?? []);
  const fakeModel = demo ? { ...options.fakeModel, fallback: options.fakeModel?.fallback ?? ((prompt: string) => knownPromptsTurn(prompt, scenarios)) } : options.fakeModel;
  const stopGraceMs = options.stopGraceMs ?? 3000;
  if (!Number.isFinite(stopGraceMs) || stopGraceMs < 0) {
    throw new ClaudeCliConfigError(`claudeCliAgent: stopGraceMs must be a non-negative number of milliseconds, got ${stopGraceMs}.`);
  }
  if (options.maxRetries !== undefined && (!Number.isInteger(options.maxRetries) || options.maxRetries < 0)) {
    throw new ClaudeCliConfigError(`claudeCliAgent: maxRetries must be a non-negative integer, got ${options.maxRetries}.`);
  }
  return {
    ...options,
    transport,
    claudeBin: options.claudeBin ?? defaultClaudeBinary(transport),
    modelBackend,
    scenarios,
    fakeModel,
    partialMessages: options.partialMessages ?? true,
    stopGraceMs,
    name: options.name ?? 'claude-cli',
  };
}

/** The command-line flags of one CLI process (without the binary). */
export function cliArgs(options: ResolvedCliOptions, settings: { model?: string | undefined; permissionMode?: string | undefined }, extra: { resume?: string | undefined; sdkUrl?: string | undefined }): string[] {
  const args = ['-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose', '--permission-prompt-tool', 'stdio'];
  if (options.partialMessages) args.push('--include-partial-messages');
  const model = settings.model ?? options.model;
  if (model !== undefined) args.push('--model', model);
  const mode = settings.permissionMode ?? options.permissionMode;
  if (mode !== undefined) args.push('--permission-mode', mode);
  if (extra.resume !== undefined) args.push('--resume', extra.resume);
  if (extra.sdkUrl !== undefined) args.push('--sdk-url', extra.sdkUrl);
  args.push(...(options.extraArgs ?? []));
  return args;
}
