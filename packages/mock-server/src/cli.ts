#!/usr/bin/env node
import { agentFromCli, agentHint } from './cli/agent';
import { CliUsageError, parseCliArgs, USAGE } from './cli/args';
import { banner } from './cli/banner';
import { runFakeModelCommand } from './cli/fake-model';
import type { JournalEntry } from './journal';
import { createMockServer } from './server';

/** How long a shutdown may take before the process exits regardless. */
const SHUTDOWN_LIMIT_MS = 5_000;

function printEntry(entry: JournalEntry): void {
  const session = entry.sessionId === undefined ? '' : ` ${entry.sessionId}`;
  process.stderr.write(`${entry.at} ${entry.kind.padEnd(10)}${session} ${entry.message}\n`);
}

/** `ccr-mock`: starts the server, prints where it listens and stops cleanly on SIGINT / SIGTERM. */
async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'fake-model') return runFakeModelCommand(argv.slice(1));
  let options;
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    process.stderr.write(`ccr-mock: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const agent = await agentFromCli(options);
  let server;
  try {
    server = await createMockServer({
      agent,
      host: options.host,
      port: options.port,
      auth: options.auth,
      allowUnauthenticatedNetwork: options.allowUnauthenticatedNetwork,
      seed: options.seed,
      historyLimit: options.historyLimit,
      onJournal: options.verbose ? printEntry : undefined,
    });
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('Refusing to bind')) {
      process.stderr.write(`ccr-mock: --host: ${error.message}\n`);
      return 2;
    }
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    process.stderr.write(`ccr-mock: port ${options.port} on ${options.host} is already in use; stop the other server or pass --port 0 for a free port.\n`);
    return 1;
  }
  const v1 = await server.admin.createSession({ title: 'demo (v1)' });
  const v2 = await server.admin.createSession({ title: 'demo (v2)', surface: 'v2' });
  process.stdout.write(banner({ server, agent: agent.name, auth: options.auth, v1Session: v1.id, v2Session: v2.id, hint: agentHint(options, agent) }));
  if (options.allowUnauthenticatedNetwork && options.auth === 'off') {
    process.stderr.write(`ccr-mock: WARNING: listening on ${options.host} with auth off: every session is open to anyone who can reach it (the admin API still needs the mock credentials).\n`);
  }
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      // Ctrl+C reaches every process of the terminal's group, and tsx relays it as well: a second
      // copy must not kill the process mid-shutdown with the default handler.
      if (stopping) return;
      stopping = true;
      process.stderr.write(`\nccr-mock: ${signal} received, shutting down\n`);
      setTimeout(() => {
        process.stderr.write(`ccr-mock: connections still open after ${SHUTDOWN_LIMIT_MS} ms; exiting anyway\n`);
        process.exit(1);
      }, SHUTDOWN_LIMIT_MS).unref();
      resolve();
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  await server.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ccr-mock: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
