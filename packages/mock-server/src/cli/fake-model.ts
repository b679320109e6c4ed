import { parseArgs } from 'node:util';
import { createFakeModelServer, type FakeModelServer } from '../fake-model/server';
import { loadScenarioFile } from '../scenario/parse';
import { CliUsageError } from './args';

/** The port `ccr-mock fake-model` binds when none is given. */
export const DEFAULT_FAKE_MODEL_PORT = 8788;

/** `ccr-mock fake-model --help`. */
export const FAKE_MODEL_USAGE = `Usage: ccr-mock fake-model --scenario FILE [options]

Runs only the fake Anthropic Messages API (POST /v1/messages with SSE streaming, scripted errors),
playing the scenario files' turns as model answers. Point a Claude Code CLI at it with
ANTHROPIC_BASE_URL and any ANTHROPIC_API_KEY.

Options:
  --scenario FILE     a scenario JSON file (repeatable, at least one)
  --port N            port to bind (default ${DEFAULT_FAKE_MODEL_PORT}; 0 picks a free one)
  --host HOST         interface to bind (default 127.0.0.1)
  --seed N            seed of the deterministic msg_/toolu_/req_ ids (default 1)
  --help              show this text
`;

/** Parsed `ccr-mock fake-model` options. */
export interface FakeModelCliOptions {
  readonly scenarios: readonly string[];
  readonly port: number;
  readonly host: string;
  readonly seed: number | undefined;
  readonly help: boolean;
}

function whole(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new CliUsageError(`fake-model: --${name} must be a whole number from 0 to ${max}, got ${JSON.stringify(raw)}.`);
  return Number(raw);
}

/**
 * Parses the arguments after `ccr-mock fake-model`.
 * @throws {CliUsageError} naming the option at fault.
 */
export function parseFakeModelArgs(argv: readonly string[]): FakeModelCliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        scenario: { type: 'string', multiple: true },
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(`fake-model: ${(error as Error).message}`);
  }
  const help = values.help ?? false;
  const scenarios = values.scenario ?? [];
  if (!help && scenarios.length === 0) throw new CliUsageError('fake-model needs at least one --scenario FILE to play.');
  return {
    scenarios,
    port: whole('port', values.port, 65_535) ?? DEFAULT_FAKE_MODEL_PORT,
    host: values.host ?? '127.0.0.1',
    seed: whole('seed', values.seed, 2 ** 32 - 1),
    help,
  };
}

/**
 * Starts the fake model from parsed options (scenario files are loaded and validated first).
 * @throws {ScenarioError} when a scenario file is unreadable or invalid.
 */
export async function startFakeModelFromCli(options: FakeModelCliOptions): Promise<{ server: FakeModelServer; scenarioNames: string[] }> {
  const scenarios = await Promise.all(options.scenarios.map((file) => loadScenarioFile(file)));
  const server = await createFakeModelServer({ scenarios, port: options.port, host: options.host, seed: options.seed });
  return { server, scenarioNames: scenarios.map((s) => s.name) };
}

/** What `ccr-mock fake-model` prints once it listens. */
export function fakeModelBanner(server: FakeModelServer, scenarioNames: readonly string[]): string {
  return [
    `fake Messages API listening on ${server.url} (scenarios: ${scenarioNames.join(', ')})`,
    '',
    'Point the Claude Code CLI at it (offline, any key works):',
    `  ANTHROPIC_BASE_URL=${server.url} ANTHROPIC_API_KEY=sk-test claude -p "hello"`,
    `Or play one scenario only: ANTHROPIC_BASE_URL=${server.urlFor(scenarioNames[0] ?? 'NAME')}`,
    'Ctrl+C stops it.',
    '',
  ].join('\n');
}

/** `ccr-mock fake-model …`: runs the fake model until SIGINT / SIGTERM; returns the exit code. */
export async function runFakeModelCommand(argv: readonly string[]): Promise<number> {
  let options;
  try {
    options = parseFakeModelArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`ccr-mock: ${error.message}\n\n${FAKE_MODEL_USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(FAKE_MODEL_USAGE);
    return 0;
  }
  const { server, scenarioNames } = await startFakeModelFromCli(options);
  process.stdout.write(fakeModelBanner(server, scenarioNames));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await server.close();
  return 0;
}
