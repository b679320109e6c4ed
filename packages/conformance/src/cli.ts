#!/usr/bin/env node
import { main } from './cli/main';

// Reports go to stdout through `process.stdout`; whatever a client under test logs (the official
// client prints its dropped frames with console.debug) goes to stderr so JSON and JUnit stay parseable.
for (const level of ['log', 'info', 'debug'] as const) console[level] = (...args: unknown[]) => console.error(...args);

void main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
