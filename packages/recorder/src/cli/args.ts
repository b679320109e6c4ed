import { RecorderError } from '../errors';

/** Options shared by every command: where tapes go and how they are redacted. */
const COMMON_VALUES = ['out', 'redact-header', 'redact-cookie', 'redact-query', 'redact-json', 'redact-pattern', 'secret-env', 'secret-file'];
const REPEATABLE = new Set(['redact-header', 'redact-cookie', 'redact-query', 'redact-json', 'redact-pattern', 'secret-env', 'secret-file']);

interface CommandSpec {
  readonly values: readonly string[];
  readonly flags: readonly string[];
}

const SPECS: Record<string, CommandSpec> = {
  proxy: { values: ['target', 'port', 'host'], flags: [] },
  browser: { values: ['cdp', 'url', 'tab', 'chrome'], flags: ['launch', 'all', 'headful'] },
  'har import': { values: [], flags: [] },
  'har export': { values: [], flags: [] },
  cli: { values: [], flags: ['no-stderr'] },
};

/** The command line, parsed. */
export interface ParsedArgs {
  /** `proxy`, `browser`, `har import`, `har export`, `cli`, or `help`. */
  readonly command: string;
  /** Last value of each single-value option. */
  readonly values: Readonly<Record<string, string>>;
  /** Every value of each repeatable option. */
  readonly lists: Readonly<Record<string, readonly string[]>>;
  readonly flags: ReadonlySet<string>;
  /** Arguments that are not options (the HAR or tape file). */
  readonly positional: readonly string[];
  /** `cli`: the program and its arguments after `--`. */
  readonly program: readonly string[];
}

/** The usage text printed by `--help` and after usage errors. */
export const USAGE = `Usage: ccr-record <command> [options]

Commands:
  proxy --target URL [--port N] [--host H]      record REST, WebSocket and SSE traffic through a reverse proxy
  browser (--cdp URL | --launch) [--url URL] [--tab TEXT] [--all]
                                                record a Chrome tab through the DevTools Protocol
  har import FILE.har                           convert a Chrome / Playwright HAR into a tape
  har export FILE.tape.ndjson --out FILE.har    convert a tape into a HAR for DevTools
  cli -- COMMAND [ARGS...]                      run a program and record its stdin / stdout / stderr lines

Options for every command:
  --out PATH             directory for new tapes (default ./tapes); for "har export" the HAR file
  --redact-header NAME   --redact-cookie NAME   --redact-query NAME
  --redact-json PATH     e.g. '$..account.email' (repeat any redaction option)
  --redact-pattern REGEX redact every match in every string
  --secret-env NAME      treat this environment variable's value as a secret
  --secret-file FILE     one secret per line; never written, recording stops if one survives

Recording stops with Ctrl-C. Exit codes: 0 done, 1 failed, 2 usage error,
3 a secret survived redaction (that event was not written; the tape is marked incomplete).`;

/** A `USAGE` error whose message ends with the pointer to `--help`. */
export function usageError(message: string): RecorderError {
  return new RecorderError('USAGE', `${message}\nRun "ccr-record --help" for usage.`);
}

function commandOf(argv: readonly string[]): { command: string; rest: string[] } {
  const [first, second, ...others] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { command: 'help', rest: [] };
  if (first === 'har') {
    if (second !== 'import' && second !== 'export') throw usageError(`"ccr-record har" needs "import" or "export", got ${second === undefined ? 'nothing' : JSON.stringify(second)}.`);
    return { command: `har ${second}`, rest: others };
  }
  if (SPECS[first] === undefined) throw usageError(`Unknown command ${JSON.stringify(first)}; expected proxy, browser, har import, har export or cli.`);
  return { command: first, rest: argv.slice(1) };
}

/**
 * Parses `ccr-record` arguments: `--name value`, `--name=value`, boolean flags, repeatable
 * redaction options, and for `cli` everything after `--` as the program.
 * @throws {RecorderError} `USAGE` naming the option that is unknown or lacks a value.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const { command, rest } = commandOf(argv);
  if (command === 'help') return { command, values: {}, lists: {}, flags: new Set(), positional: [], program: [] };
  const spec = SPECS[command] as CommandSpec;
  const valueNames = new Set([...COMMON_VALUES, ...spec.values]);
  const flagNames = new Set(['help', ...spec.flags]);
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  const flags = new Set<string>();
  const positional: string[] = [];
  let program: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--') {
      program = rest.slice(i + 1);
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (flagNames.has(name)) {
      if (eq >= 0) throw usageError(`--${name} takes no value (ccr-record ${command}).`);
      flags.add(name);
      continue;
    }
    if (!valueNames.has(name)) throw usageError(`Unknown option --${name} for "ccr-record ${command}".`);
    const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw usageError(`--${name} needs a value (ccr-record ${command}).`);
    if (REPEATABLE.has(name)) (lists[name] ??= []).push(value);
    else values[name] = value;
  }
  return { command, values, lists, flags, positional, program };
}

/** A required option's value. @throws {RecorderError} `USAGE` when it is missing. */
export function required(args: ParsedArgs, name: string, example: string): string {
  const value = args.values[name];
  if (value === undefined || value === '') throw usageError(`"ccr-record ${args.command}" needs --${name}, e.g. --${name} ${example}.`);
  return value;
}

/** A port number option. @throws {RecorderError} `USAGE` when it is not 0–65535. */
export function portOf(args: ParsedArgs): number {
  const raw = args.values.port ?? '0';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port > 65535) throw usageError(`--port must be a number from 0 to 65535, got ${JSON.stringify(raw)}.`);
  return port;
}
