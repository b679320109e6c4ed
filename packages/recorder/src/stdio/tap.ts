import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { StdioStream } from '@ccr-kit/protocol-types';
import { RecorderError } from '../errors';
import type { TapeRecorder } from '../tape/recorder';
import { LineSplitter } from './lines';

/** Options of {@link tapProcess}. */
export interface StdioTapOptions {
  /** The program to run, e.g. `claude`. */
  command: string;
  args?: readonly string[] | undefined;
  /** @default process.env */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  cwd?: string | undefined;
  recorder: TapeRecorder;
  /** What is fed to the program's stdin; `null` closes its stdin at once. @default process.stdin */
  input?: Readable | null | undefined;
  /** Where the program's stdout goes. @default process.stdout */
  output?: Writable | undefined;
  /** Where the program's stderr goes. @default process.stderr */
  errorOutput?: Writable | undefined;
  /** Whether stderr lines are recorded too. @default true */
  recordStderr?: boolean | undefined;
}

/** How the tapped program ended. */
export interface StdioTapExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running tapped program. */
export interface StdioTap {
  readonly child: ChildProcess;
  /** Resolves when the program has exited and its output is fully recorded. @throws {RecorderError} `USAGE` when it cannot start. */
  readonly exited: Promise<StdioTapExit>;
}

/** Copies a stream to a destination and records each line as it completes. */
function tee(source: Readable, destination: Writable | undefined, onLine: (line: string) => void): Promise<void> {
  const lines = new LineSplitter();
  source.on('data', (chunk: Buffer) => {
    destination?.write(chunk);
    for (const line of lines.push(chunk)) onLine(line);
  });
  return new Promise((resolve) => {
    source.on('close', () => {
      for (const line of lines.end()) onLine(line);
      resolve();
    });
  });
}

/**
 * Runs a program with its stdin, stdout and stderr passed through, recording every line of each
 * as a `stdio.line` as it goes by (the program sees no difference except that its stdio are pipes).
 */
export function tapProcess(options: StdioTapOptions): StdioTap {
  const { recorder } = options;
  const record = (dir: StdioStream) => (text: string) => {
    recorder.record({ kind: 'stdio.line', dir, text });
  };
  const child = spawn(options.command, options.args ?? [], {
    cwd: options.cwd,
    env: (options.env ?? process.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const input = options.input === undefined ? process.stdin : options.input;
  const stdin = child.stdin;
  stdin.on('error', () => undefined);
  const inputLines = new LineSplitter();
  const relayInput = (chunk: Buffer): void => {
    stdin.write(chunk);
    for (const line of inputLines.push(chunk)) record('stdin')(line);
  };
  const endInput = (): void => {
    for (const line of inputLines.end()) record('stdin')(line);
    stdin.end();
  };
  if (input === null) stdin.end();
  else {
    input.on('data', relayInput);
    input.once('end', endInput);
  }
  const stdout = tee(child.stdout, options.output ?? process.stdout, record('stdout'));
  const stderrOut = options.errorOutput ?? process.stderr;
  const stderr = tee(child.stderr, stderrOut, options.recordStderr === false ? () => undefined : record('stderr'));
  const exited = new Promise<StdioTapExit>((resolve, reject) => {
    child.once('error', (cause) =>
      reject(new RecorderError('USAGE', `Cannot start ${JSON.stringify(options.command)}: ${cause.message}. Check the command after --.`, { cause })),
    );
    child.once('exit', (code, signal) => {
      if (input !== null) {
        input.off('data', relayInput);
        input.off('end', endInput);
        if (input === process.stdin) input.pause();
      }
      void Promise.all([stdout, stderr]).then(() => resolve({ code, signal }));
    });
  });
  return { child, exited };
}
