import { isOutputFormat, type OutputFormat } from '../report/format';

/** A command line that cannot be run; the message says what to change. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The parsed command line. */
export interface CliArgs {
  readonly command: string | undefined;
  readonly positionals: string[];
  readonly format: OutputFormat;
  readonly out: string | undefined;
  readonly direction: 'to-client' | 'to-agent' | 'auto';
  readonly failOn: 'critical' | 'warning' | 'info' | 'never';
  /** `ours`, `official`, or `command` with its command line. */
  readonly clients: { readonly name: string; readonly command?: string | undefined }[];
  readonly transports: ('websocket' | 'sse')[];
  readonly scenarios: string[];
  readonly baseline: string | false | undefined;
  readonly corpus: string | undefined;
  readonly timeoutMs: number | undefined;
  /** `history`: the Markdown file whose `## History` section to rewrite, or to check. */
  readonly update: string | undefined;
  readonly check: string | undefined;
  /** `watch`: the CLI version to install (`latest` by default), or a binary on disk. */
  readonly cli: string | undefined;
  readonly bin: string | undefined;
  readonly cache: string | undefined;
  /** `watch`: record only the flows whose id contains this text. */
  readonly flows: string | undefined;
  readonly help: boolean;
}

const VALUE_FLAGS = new Set(['--format', '--out', '--direction', '--fail-on', '--client', '--transport', '--scenario', '--baseline', '--corpus', '--timeout', '--update', '--check', '--cli', '--bin', '--cache', '--flows']);

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')}; got "${value}".`);
  return value as T;
}

/**
 * Parses `ccr-conformance <command> [options] [args]`. `--client command "<cmd>"` takes the
 * command line as the argument after `command`.
 * @throws {UsageError} for unknown flags, missing values and invalid choices.
 */
export function parseArgs(argv: readonly string[]): CliArgs {
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  let help = false;
  let noBaseline = false;
  // `pnpm run cli -- validate …` hands the script a leading `--`.
  for (let i = argv[0] === '--' ? 1 : 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--no-baseline') {
      noBaseline = true;
      continue;
    }
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!flag.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    if (!VALUE_FLAGS.has(flag)) throw new UsageError(`Unknown option ${flag}. Run ccr-conformance --help.`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value.`);
    const list = values.get(flag) ?? [];
    if (flag === '--client' && value === 'command') {
      const command = argv[++i];
      if (command === undefined) throw new UsageError('--client command needs the command line to run, e.g. --client command "node my-client.js".');
      list.push(`command\u0000${command}`);
    } else {
      list.push(...value.split(',').filter((v) => v !== ''));
    }
    values.set(flag, list);
  }
  const last = (flag: string): string | undefined => values.get(flag)?.at(-1);
  const format = last('--format') ?? 'console';
  if (!isOutputFormat(format)) throw new UsageError(`--format must be one of console, json, junit, markdown; got "${format}".`);
  const timeout = last('--timeout');
  const timeoutMs = timeout === undefined ? undefined : Number(timeout);
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new UsageError(`--timeout must be a positive number of milliseconds; got "${timeout}".`);
  const clients = (values.get('--client') ?? ['ours']).map((c) => {
    if (c.startsWith('command\u0000')) return { name: 'command', command: c.slice('command\u0000'.length) };
    return { name: oneOf('--client', c, ['ours', 'official'] as const) };
  });
  const transports = (values.get('--transport') ?? ['websocket', 'sse']).flatMap((t) => (t === 'both' ? ['websocket', 'sse'] : [t])).map((t) => oneOf('--transport', t, ['websocket', 'sse'] as const));
  return {
    command: positionals.shift(),
    positionals,
    format,
    out: last('--out'),
    direction: oneOf('--direction', last('--direction') ?? 'auto', ['to-client', 'to-agent', 'auto'] as const),
    failOn: oneOf('--fail-on', last('--fail-on') ?? 'critical', ['critical', 'warning', 'info', 'never'] as const),
    clients,
    transports: [...new Set(transports)],
    scenarios: values.get('--scenario') ?? [],
    baseline: noBaseline ? false : last('--baseline'),
    corpus: last('--corpus'),
    timeoutMs,
    update: last('--update'),
    check: last('--check'),
    cli: last('--cli'),
    bin: last('--bin'),
    cache: last('--cache'),
    flows: last('--flows'),
    help,
  };
}

/** The usage text. */
export const USAGE = `ccr-conformance — protocol drift and client conformance for Claude Code Remote

Usage:
  ccr-conformance validate FILE…        validate every frame of tapes or NDJSON files against the schemas
      --direction to-client|to-agent|auto   how plain NDJSON frames flow (default auto: *.stdin.* / *.stdout.*, else each frame's kind)
      --fail-on critical|warning|info|never  lowest severity that exits 1 (default critical)
  ccr-conformance run                   run the scenarios (one per PROTOCOL.md flow) against clients
      --scenario ID                     only scenarios whose id contains ID (repeatable)
  ccr-conformance replay TAPE…          replay tapes (default: the whole corpus) against clients
  ccr-conformance coverage [FILE|DIR…]  frame kinds and fields no recording exercises (default: the corpus)
  ccr-conformance diff OLD NEW          shape differences between two tapes, NDJSON files or folders
  ccr-conformance history               what changed from one CLI version of the corpus to the next (Markdown)
      --update FILE                     rewrite the "## History" section of FILE (e.g. PROTOCOL.md)
      --check FILE                      exit 1 when that section is stale
  ccr-conformance watch                 install a Claude Code CLI, record the corpus flows offline, validate
                                        them and report what changed against the newest version in the corpus
      --cli VERSION|latest              the CLI to install from the registry (default latest)
      --bin PATH                        a claude binary on disk instead
      --cache DIR                       where CLIs are installed (default $CCR_KIT_CACHE or ~/.cache/ccr-kit)
      --flows TEXT                      only the corpus flows whose id contains TEXT
      --out DIR                         where the report (watch-report.md, watch-report.json) and recordings go (default ./ccr-watch)
      exits 1 on critical drift (a frame the schemas reject, an unreadable line, a flow the CLI did not complete)

Clients (run, replay):
  --client ours|official                our @ccr-kit/client or @anthropic-ai/claude-agent-sdk/browser (repeatable, comma-separated)
  --client command "CMD"                any program speaking the subprocess protocol (see the README)
  --transport websocket|sse|both        (default both)
  --baseline FILE | --no-baseline       expected failures and quarantine (default: the package's baseline.json)
  --timeout MS                          longest wait for one step of a client (default 10000)

Output (all commands):
  --format console|json|junit|markdown  (default console)
  --out FILE                            write the report to FILE instead of stdout

Exit codes: 0 passed, 1 failed (drift at or above --fail-on, unexpected or stale baseline failures, shape differences), 2 usage or input error.
`;
