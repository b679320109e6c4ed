import type { Readable, Writable } from 'node:stream';

/** What `ccr-record` reads and writes, injectable for tests. */
export interface CliIo {
  readonly stdin: Readable;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Settles when the user asks to stop (Ctrl-C). */
  readonly stopRequested: Promise<void>;
}

/** The real process: its stdio and environment; SIGINT or SIGTERM request a stop. */
export function processIo(): CliIo {
  const stopRequested = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, stopRequested };
}
