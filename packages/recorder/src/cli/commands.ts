import { readFileSync, writeFileSync } from 'node:fs';
import { parseTape } from '@ccr-kit/protocol-types';
import { captureBrowser } from '../browser/capture';
import { launchChromium, type LaunchedBrowser } from '../browser/launch';
import { RecorderError, type RedactionLeakError } from '../errors';
import { tapeToHar } from '../har/export';
import { importHar } from '../har/import';
import { createRecordingProxy } from '../proxy/proxy';
import type { RedactionOptions } from '../redact/redactor';
import { tapProcess } from '../stdio/tap';
import { TapeRecorder, type TapeSummary } from '../tape/recorder';
import { FileTapeSink, createTapeFile } from '../tape/sink';
import { portOf, required, usageError, type ParsedArgs } from './args';
import type { CliIo } from './io';

const DEFAULT_OUT = 'tapes';

/** A promise that settles when a leak stops the recording, and the handler that settles it. */
function leakWatch(): { leaked: Promise<void>; onStop: (error: RedactionLeakError) => void; error: () => RedactionLeakError | undefined } {
  let error: RedactionLeakError | undefined;
  let settle = (): void => undefined;
  const leaked = new Promise<void>((resolve) => {
    settle = resolve;
  });
  return {
    leaked,
    onStop: (e) => {
      error = e;
      settle();
    },
    error: () => error,
  };
}

/** Prints how the recording ended; returns the exit code (3 after a leak). */
function report(io: CliIo, summary: TapeSummary): number {
  if (summary.failure !== undefined) {
    io.stderr.write(`ccr-record: ${summary.failure.message}\n`);
    return 3;
  }
  const where = summary.path ?? 'memory';
  const side = summary.summaryPath === undefined ? '' : `; redaction summary: ${summary.summaryPath}`;
  io.stderr.write(`ccr-record: wrote ${summary.events} events to ${where}${side}\n`);
  return 0;
}

/** `ccr-record proxy`. */
export async function proxyCommand(args: ParsedArgs, io: CliIo, redaction: RedactionOptions): Promise<number> {
  const target = required(args, 'target', 'https://api.anthropic.com');
  const port = portOf(args);
  const watch = leakWatch();
  const proxy = await createRecordingProxy({
    target,
    port,
    host: args.values.host,
    out: args.values.out ?? DEFAULT_OUT,
    redaction,
    onStop: watch.onStop,
    onWarning: (message) => io.stderr.write(`ccr-record: ${message}\n`),
  });
  io.stderr.write(`ccr-record: proxy ${proxy.url} -> ${target}\nccr-record: tape ${proxy.recorder.path ?? ''}\nccr-record: point your client's base URL at ${proxy.url}; Ctrl-C stops.\n`);
  await Promise.race([io.stopRequested, watch.leaked]);
  return report(io, await proxy.close());
}

/** `ccr-record browser`. */
export async function browserCommand(args: ParsedArgs, io: CliIo, redaction: RedactionOptions): Promise<number> {
  const launch = args.flags.has('launch');
  if (launch && args.values.cdp !== undefined) throw usageError('Give either --cdp URL (attach to a running browser) or --launch, not both.');
  let browser: LaunchedBrowser | undefined;
  const cdp = launch ? undefined : required(args, 'cdp', 'http://127.0.0.1:9222');
  try {
    if (launch) browser = await launchChromium({ executablePath: args.values.chrome, headless: !args.flags.has('headful') });
    const watch = leakWatch();
    const capture = await captureBrowser({
      cdp: cdp ?? (browser as LaunchedBrowser).cdpUrl,
      url: args.values.url,
      tab: args.values.tab,
      all: args.flags.has('all'),
      out: args.values.out ?? DEFAULT_OUT,
      redaction,
      onStop: watch.onStop,
      onWarning: (message) => io.stderr.write(`ccr-record: ${message}\n`),
    });
    io.stderr.write(`ccr-record: recording tab ${args.values.url ?? capture.target.url}\nccr-record: tape ${capture.recorder.path ?? ''}\nccr-record: Ctrl-C stops.\n`);
    await Promise.race([io.stopRequested, watch.leaked, capture.disconnected]);
    return report(io, await capture.stop());
  } finally {
    await browser?.close();
  }
}

/** `ccr-record har import FILE.har`. */
export function harImportCommand(args: ParsedArgs, io: CliIo, redaction: RedactionOptions): number {
  const file = args.positional[0];
  if (file === undefined) throw usageError('"ccr-record har import" needs the HAR file, e.g. ccr-record har import session.har --out tapes');
  let har: unknown;
  try {
    har = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new RecorderError('HAR', `Cannot read ${file} as JSON: ${(cause as Error).message}`, { cause });
  }
  const out = args.values.out ?? DEFAULT_OUT;
  const sink = out.endsWith('.tape.ndjson') ? new FileTapeSink(out) : createTapeFile(out, 'har');
  const result = importHar(har, { sink, redaction });
  for (const skipped of result.skippedEntries) {
    // The URL is redacted like everything else that is printed: it may hold the secret itself.
    io.stderr.write(`ccr-record: skipped ${skipped.entry}: it still contained ${skipped.what} in ${skipped.field} after redaction; the other entries were imported\n`);
  }
  const code = report(io, result);
  return result.skippedEntries.length > 0 ? 3 : code;
}

/** `ccr-record har export FILE.tape.ndjson --out FILE.har`. */
export function harExportCommand(args: ParsedArgs, io: CliIo): number {
  const file = args.positional[0];
  if (file === undefined) throw usageError('"ccr-record har export" needs the tape file, e.g. ccr-record har export tapes/x.tape.ndjson --out x.har');
  const out = required(args, 'out', 'session.har');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new RecorderError('IO', `Cannot read the tape ${file}: ${(cause as Error).message}`, { cause });
  }
  const tape = parseTape(text);
  if (tape.header === undefined) throw new RecorderError('IO', `${file} is not a tape: ${tape.errors[0]?.message ?? 'it is empty'}`);
  for (const error of tape.errors) io.stderr.write(`ccr-record: skipped ${file} ${error.message}\n`);
  const { har, skipped } = tapeToHar(tape.header, tape.events);
  writeFileSync(out, `${JSON.stringify(har, null, 2)}\n`);
  const note = skipped > 0 ? ` (${skipped} events HAR cannot hold, such as stdio lines, were left out)` : '';
  io.stderr.write(`ccr-record: wrote ${har.log.entries.length} HAR entries to ${out}${note}\n`);
  return 0;
}

/** `ccr-record cli -- COMMAND ARGS…`: exits with the program's exit code, or 3 after a leak. */
export async function cliCommand(args: ParsedArgs, io: CliIo, redaction: RedactionOptions): Promise<number> {
  const [command, ...rest] = args.program;
  if (command === undefined) throw usageError('"ccr-record cli" needs a program after --, e.g. ccr-record cli -- claude -p --output-format stream-json');
  const watch = leakWatch();
  const recorder = new TapeRecorder({
    capture: 'stdio',
    sink: createTapeFile(args.values.out ?? DEFAULT_OUT, 'stdio'),
    redaction,
    meta: { command: args.program.join(' ') },
    onStop: (error) => {
      watch.onStop(error);
      io.stderr.write(`ccr-record: ${error.message} The program keeps running unrecorded.\n`);
    },
  });
  const tap = tapProcess({
    command,
    args: rest,
    env: io.env,
    recorder,
    input: io.stdin,
    output: io.stdout,
    errorOutput: io.stderr,
    recordStderr: !args.flags.has('no-stderr'),
  });
  let exit: { code: number | null; signal: NodeJS.Signals | null };
  try {
    exit = await tap.exited;
  } catch (error) {
    recorder.finish(`the program could not start: ${(error as Error).message}`);
    throw error;
  }
  const summary = recorder.finish();
  if (watch.error() !== undefined) return 3;
  report(io, summary);
  return exit.code ?? 128;
}
