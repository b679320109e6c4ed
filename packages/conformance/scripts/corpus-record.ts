/**
 * Re-records and rebuilds the whole conformance corpus, offline (the real Claude Code CLI against
 * the mock server's fake Messages API):
 *
 * 1. the end-to-end tapes of the mock server's claude-cli agent: runs
 *    `pnpm --filter @ccr-kit/mock-server run tapes:record`, which writes `corpus/cli/*.tape.ndjson`;
 * 2. this package's extra flows (scripts/record-flows.ts → `corpus/recordings/cli-<version>/`);
 * 3. the corpus itself: every recording — those two, the shared stream-json corpus
 *    `packages/protocol-types/test/corpus/cli-<version>/` and any `<id>.tape.ndjson` dropped into
 *    `corpus/recordings/` — becomes a tape redacted by `@ccr-kit/recorder` (fail closed), then
 *    `manifest.json` and `README.md` are rebuilt. For each id the most recently written recording wins.
 *
 * Usage: pnpm --filter @ccr-kit/conformance run corpus:record [-- OPTIONS]
 *   --rebuild-only   skip 1 and 2: rebuild from the recordings on disk
 *   --skip-cli       skip 1          --skip-flows   skip 2
 *   --filter TEXT    re-record only the recordings whose name contains TEXT (in 1 and 2)
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRecordings, freshest, writeCorpus } from '../src/corpus/build';
import { corpusReadme } from '../src/corpus/readme';
import { SCENARIOS } from '../src/scenarios/index';
import { recordFlows } from './record-flows';

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(PACKAGE, '../..');
const OUT = join(PACKAGE, 'corpus');
const CLI_TAPES = join(OUT, 'cli');
const SOURCES = [join(REPO, 'packages/protocol-types/test/corpus'), join(OUT, 'recordings')];
const USAGE = 'Usage: corpus:record [-- --rebuild-only | --skip-cli | --skip-flows] [--filter TEXT]';

interface Options {
  readonly cli: boolean;
  readonly flows: boolean;
  readonly filter: string | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  let cli = true;
  let flows = true;
  let filter: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (arg === '--rebuild-only') cli = flows = false;
    else if (arg === '--skip-cli') cli = false;
    else if (arg === '--skip-flows') flows = false;
    else if (arg === '--filter') {
      filter = argv[++i];
      if (filter === undefined) throw new Error(`--filter needs a value (part of a recording's name). ${USAGE}`);
    } else throw new Error(`Unknown argument "${arg}". ${USAGE}`);
  }
  return { cli, flows, filter };
}

/** Runs the mock server's tape recording as a child process; resolves when it exits with 0. */
function recordCliTapes(filter: string | undefined): Promise<void> {
  const args = ['--filter', '@ccr-kit/mock-server', 'run', 'tapes:record', ...(filter === undefined ? [] : [filter])];
  console.log(`$ pnpm ${args.join(' ')}`);
  return new Promise((done, fail) => {
    const child = spawn('pnpm', args, { cwd: REPO, stdio: 'inherit' });
    child.once('error', (error) => fail(new Error(`Cannot start pnpm for the mock server's tape recording: ${error.message}.`, { cause: error })));
    child.once('exit', (code, signal) => {
      if (code === 0) done();
      else fail(new Error(`The mock server's tape recording failed (${signal ?? `exit code ${code}`}); the corpus was not rebuilt. Fix it, or rebuild from the tapes on disk with --rebuild-only.`));
    });
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.cli) await recordCliTapes(options.filter);
  if (options.flows) {
    const failed = await recordFlows(join(OUT, 'recordings'), options.filter);
    if (failed > 0) throw new Error(`${failed} flow recording(s) failed; the corpus was not rebuilt.`);
  }
  const found = [...(await findRecordings(SOURCES)), ...(await findRecordings([CLI_TAPES], { folder: 'cli' }))];
  const recordings = freshest(found);
  if (recordings.length === 0) throw new Error(`No recordings found in ${[...SOURCES, CLI_TAPES].join(', ')}.`);
  const manifest = await writeCorpus(OUT, recordings, REPO);
  await writeFile(join(OUT, 'README.md'), corpusReadme(manifest, SCENARIOS.map((s) => ({ id: s.id, section: s.section }))));
  for (const tape of manifest.tapes) console.log(`${tape.file}  ← ${tape.source}`);
  console.log(`${manifest.tapes.length} tapes written to ${OUT}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
