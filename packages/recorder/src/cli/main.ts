import { RecorderError } from '../errors';
import { Redactor } from '../redact/redactor';
import { USAGE, parseArgs } from './args';
import { browserCommand, cliCommand, harExportCommand, harImportCommand, proxyCommand } from './commands';
import { processIo, type CliIo } from './io';
import { redactionFromArgs } from './options';

export type { CliIo } from './io';

const EXIT = { ok: 0, failed: 1, usage: 2, leak: 3 } as const;

/**
 * Runs `ccr-record` with the given arguments (without `node` and the script) and resolves to the
 * exit code: 0 done, 1 failed, 2 usage error, 3 a secret survived redaction; `cli` passes on the
 * program's own exit code.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.command === 'help' || args.flags.has('help')) {
      io.stdout.write(`${USAGE}\n`);
      return EXIT.ok;
    }
    const redaction = redactionFromArgs(args, io.env);
    // Build the rules once before anything starts, so a bad --redact-json fails as a usage error.
    new Redactor(redaction);
    switch (args.command) {
      case 'proxy':
        return await proxyCommand(args, io, redaction);
      case 'browser':
        return await browserCommand(args, io, redaction);
      case 'har import':
        return harImportCommand(args, io, redaction);
      case 'har export':
        return harExportCommand(args, io);
      default:
        return await cliCommand(args, io, redaction);
    }
  } catch (error) {
    if (error instanceof RecorderError) {
      const hint = error.code === 'USAGE' && !error.message.includes('--help') ? '\nRun "ccr-record --help" for usage.' : '';
      io.stderr.write(`ccr-record: ${error.message}${hint}\n`);
      return error.code === 'USAGE' ? EXIT.usage : error.code === 'LEAK' ? EXIT.leak : EXIT.failed;
    }
    io.stderr.write(`ccr-record: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failed;
  }
}
