import { parseArgs } from 'node:util';

/** The port `ccr-mock` binds when none is given. */
export const DEFAULT_CLI_PORT = 8787;

/** The agents `--agent` can name. */
export const CLI_AGENTS = ['demo', 'scripted', 'tape', 'claude-cli'] as const;
export type CliAgentName = (typeof CLI_AGENTS)[number];

/** Parsed `ccr-mock` options. */
export interface CliOptions {
  readonly port: number;
  readonly host: string;
  readonly agent: CliAgentName;
  readonly scenarios: readonly string[];
  readonly tape: string | undefined;
  readonly auth: 'off' | 'strict';
  /** Bind a non-loopback host with auth off anyway (`--allow-unauthenticated-network`). */
  readonly allowUnauthenticatedNetwork: boolean;
  readonly seed: number | undefined;
  readonly historyLimit: number | undefined;
  readonly verbose: boolean;
  readonly help: boolean;
  /** `--agent claude-cli`: where session working directories live (`--workspace-root`). */
  readonly workspaceRoot?: string | undefined;
  /** `--agent claude-cli`: the `claude` executable (`--claude-bin`). */
  readonly claudeBin?: string | undefined;
  /** `--agent claude-cli`: where model requests go (`--model-backend`). */
  readonly modelBackend?: 'fake' | 'anthropic' | undefined;
  /** `--agent claude-cli`: stdio (default) or the CLI's `--sdk-url` WebSocket (`--cli-transport`). */
  readonly cliTransport?: 'stdio' | 'sdk-url' | undefined;
}

/** `ccr-mock --help`. */
export const USAGE = `Usage: ccr-mock [options]

Starts a local Claude Code Remote (CCR) service: v1 REST + WebSocket, v2 REST + SSE, admin API.

Options:
  --port N            port to bind (default ${DEFAULT_CLI_PORT}; 0 picks a free one)
  --host HOST         interface to bind (default 127.0.0.1)
  --agent NAME        demo (default), scripted (with --scenario), tape (with --tape) or
                      claude-cli (the real Claude Code CLI per session)
  --scenario FILE     a scenario JSON file for the scripted agent, or for the fake model of
                      claude-cli (repeatable)
  --claude-bin PATH   claude-cli: the claude executable (default: the installed one)
  --workspace-root D  claude-cli: each session runs in a private directory under D, and a session's
                      own cwd must lie inside D (default: a fresh temp directory per session)
  --model-backend B   claude-cli: fake (default: an offline scripted Messages API playing the
                      --scenario files, else the demo scenarios; no key, no network) or
                      anthropic (the real API with this shell's ANTHROPIC_API_KEY or login)
  --cli-transport T   claude-cli: stdio (default) or sdk-url (CLI 2.0.0-2.1.120 only)
  --tape FILE         a recorded tape whose agent side is replayed
  --auth [MODE]       strict (default when given) or off: check credentials like the real service
  --allow-unauthenticated-network
                      let --host be a non-loopback address with auth off (refused otherwise; warned)
  --seed N            reproducible ids and timestamps
  --history-limit N   durable events kept per session (default 10000)
  --verbose           print the journal (requests, frames, faults) to stderr
  --help              show this text

Commands:
  ccr-mock fake-model --scenario FILE [--port N] [--host HOST] [--seed N]
                      run only the fake Anthropic Messages API playing the scenario files
`;

/** A command line that cannot be run; the message says which option and why. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

function integer(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new CliUsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}.`);
  }
  return Number(raw);
}

/**
 * Parses the `ccr-mock` command line.
 * @throws {CliUsageError} naming the option at fault.
 */
export function parseCliArgs(input: readonly string[]): CliOptions {
  // `pnpm start -- --port 0` hands the separator on to the script: a leading `--` means nothing here.
  const argv = input[0] === '--' ? input.slice(1) : input;
  // `--auth` may stand alone or take a value; make a bare one explicit before parsing.
  const args = argv.flatMap((arg, i) => (arg === '--auth' && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--')) ? ['--auth', 'strict'] : [arg]));
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        agent: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        tape: { type: 'string' },
        auth: { type: 'string' },
        'allow-unauthenticated-network': { type: 'boolean' },
        seed: { type: 'string' },
        'history-limit': { type: 'string' },
        verbose: { type: 'boolean' },
        'claude-bin': { type: 'string' },
        'workspace-root': { type: 'string' },
        'model-backend': { type: 'string' },
        'cli-transport': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const scenarios = values.scenario ?? [];
  const agent = values.agent ?? (values.tape !== undefined ? 'tape' : scenarios.length > 0 ? 'scripted' : 'demo');
  if (!(CLI_AGENTS as readonly string[]).includes(agent)) {
    throw new CliUsageError(`--agent must be one of ${CLI_AGENTS.join(', ')}, got ${JSON.stringify(agent)}.`);
  }
  if (agent === 'tape' && values.tape === undefined) throw new CliUsageError('--agent tape needs --tape FILE.');
  if (agent === 'scripted' && scenarios.length === 0) throw new CliUsageError('--agent scripted needs at least one --scenario FILE.');
  // claude-cli is offline by default: the fake model plays --scenario files, else the demo scenarios.
  const modelBackend = values['model-backend'] ?? (agent === 'claude-cli' ? 'fake' : undefined);
  const cliTransport = values['cli-transport'];
  if (agent !== 'claude-cli') {
    const stray = (['claude-bin', 'model-backend', 'cli-transport', 'workspace-root'] as const).find((name) => values[name] !== undefined);
    if (stray !== undefined) throw new CliUsageError(`--${stray} only applies to --agent claude-cli (the agent is ${agent}).`);
  } else {
    if (modelBackend !== 'fake' && modelBackend !== 'anthropic') throw new CliUsageError(`--model-backend must be fake or anthropic, got ${JSON.stringify(modelBackend)}.`);
    if (cliTransport !== undefined && cliTransport !== 'stdio' && cliTransport !== 'sdk-url') throw new CliUsageError(`--cli-transport must be stdio or sdk-url, got ${JSON.stringify(cliTransport)}.`);
  }
  const auth = values.auth ?? 'off';
  if (auth !== 'off' && auth !== 'strict') throw new CliUsageError(`--auth must be strict or off, got ${JSON.stringify(auth)}.`);
  return {
    port: integer('port', values.port, 0, 65_535) ?? DEFAULT_CLI_PORT,
    host: values.host ?? '127.0.0.1',
    agent: agent as CliAgentName,
    scenarios,
    tape: values.tape,
    auth,
    allowUnauthenticatedNetwork: values['allow-unauthenticated-network'] ?? false,
    seed: integer('seed', values.seed, 0, 2 ** 32 - 1),
    historyLimit: integer('history-limit', values['history-limit'], 1, 10_000_000),
    verbose: values.verbose ?? false,
    help: values.help ?? false,
    claudeBin: values['claude-bin'],
    workspaceRoot: values['workspace-root'],
    modelBackend: modelBackend as CliOptions['modelBackend'],
    cliTransport: cliTransport as CliOptions['cliTransport'],
  };
}
