/**
 * Records the corpus flows with one Claude Code CLI version, offline, and rebuilds the corpus.
 *
 * 1. `--cli VERSION|latest` installs that CLI into the cache (see `installCli`), `--bin PATH` takes
 *    one on disk; the flows of `src/record/flows.ts` are recorded into `corpus/recordings/cli-<version>/`
 *    (`--transport sdk-url` for 2.0.0–2.1.120, which connect to a WebSocket);
 * 2. `--e2e` also re-records the mock server's claude-cli tapes (`corpus/cli/`);
 * 3. every recording (all versions) becomes a tape redacted by `@ccr-kit/recorder` (fail closed),
 *    then `manifest.json`, `README.md` and the `## History` section of PROTOCOL.md are rebuilt.
 *
 * Usage: pnpm --filter @ccr-kit/conformance run corpus:record -- [--cli VERSION | --bin PATH] [--transport stdio|sdk-url] [--filter TEXT] [--e2e]
 *        pnpm --filter @ccr-kit/conformance run corpus:record -- --rebuild-only
 * The corpus's versions: `--cli 2.1.120 --transport sdk-url`, `--cli 2.1.197`, `--cli 2.1.337`.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRecordings, freshest, writeCorpus } from '../src/corpus/build';
import { loadCorpus, type CorpusManifest } from '../src/corpus/manifest';
import { corpusReadme } from '../src/corpus/readme';
import { corpusRecordings, historyMarkdown, protocolHistory, replaceHistorySection } from '../src/history/history';
import type { HostTransport } from '../src/record/host';
import { installCli } from '../src/record/install';
import { cliVersionOf, recordCorpusFlows } from '../src/record/record';
import { SCENARIOS } from '../src/scenarios/index';

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(PACKAGE, '../..');
const OUT = join(PACKAGE, 'corpus');
const RECORDINGS = join(OUT, 'recordings');
const E2E_TAPES = join(OUT, 'cli');
const PROTOCOL = join(REPO, 'PROTOCOL.md');

const USAGE = 'Usage: corpus:record -- [--cli VERSION|latest | --bin PATH] [--transport stdio|sdk-url] [--filter TEXT] [--e2e] | --rebuild-only';

interface Options {
  readonly cli: string | undefined;
  readonly bin: string | undefined;
  readonly transport: HostTransport;
  readonly filter: string | undefined;
  readonly e2e: boolean;
  readonly rebuildOnly: boolean;
}

function parseOptions(argv: readonly string[]): Options {
  const o: { cli?: string; bin?: string; transport: HostTransport; filter?: string; e2e: boolean; rebuildOnly: boolean } = { transport: 'stdio', e2e: false, rebuildOnly: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value. ${USAGE}`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    else if (arg === '--rebuild-only') o.rebuildOnly = true;
    else if (arg === '--e2e') o.e2e = true;
    else if (arg === '--cli') o.cli = value(++i, arg);
    else if (arg === '--bin') o.bin = value(++i, arg);
    else if (arg === '--filter') o.filter = value(++i, arg);
    else if (arg === '--transport') {
      const t = value(++i, arg);
      if (t !== 'stdio' && t !== 'sdk-url') throw new Error(`--transport is stdio or sdk-url, got "${t}". ${USAGE}`);
      o.transport = t;
    } else throw new Error(`Unknown argument "${arg}". ${USAGE}`);
  }
  if (!o.rebuildOnly && o.cli === undefined && o.bin === undefined && !o.e2e) throw new Error(`Say which CLI to record with (--cli or --bin), --e2e, or --rebuild-only. ${USAGE}`);
  return { cli: o.cli, bin: o.bin, transport: o.transport, filter: o.filter, e2e: o.e2e, rebuildOnly: o.rebuildOnly };
}

/** Runs the mock server's tape recording as a child process; resolves when it exits with 0. */
function recordE2eTapes(filter: string | undefined): Promise<void> {
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

/** Rebuilds every tape, the manifest, the corpus README and the `## History` of PROTOCOL.md from the recordings on disk. */
async function rebuildCorpus(): Promise<CorpusManifest> {
  const found = [...(await findRecordings([RECORDINGS])), ...(await findRecordings([E2E_TAPES], { folder: 'cli' }))];
  const recordings = freshest(found);
  if (recordings.length === 0) throw new Error(`No recordings found in ${RECORDINGS} or ${E2E_TAPES}.`);
  const manifest = await writeCorpus(OUT, recordings, REPO);
  await writeFile(join(OUT, 'README.md'), corpusReadme(manifest, SCENARIOS.map((s) => ({ id: s.id, section: s.section }))));
  const versions = await corpusRecordings(await loadCorpus(OUT));
  const protocol = await readFile(PROTOCOL, 'utf8');
  await writeFile(PROTOCOL, replaceHistorySection(protocol, historyMarkdown(protocolHistory(versions), versions)));
  return manifest;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (!options.rebuildOnly) {
    if (options.e2e) await recordE2eTapes(options.filter);
    const bin = options.bin ?? (options.cli === undefined ? undefined : (await installCli(options.cli, undefined, console.log)).bin);
    if (bin !== undefined) {
      const version = await cliVersionOf(bin);
      const result = await recordCorpusFlows({ bin, outDir: join(RECORDINGS, `cli-${version}`), transport: options.transport, filter: options.filter, log: console.log });
      const failed = result.flows.filter((f) => !f.ok);
      if (failed.length > 0) throw new Error(`${failed.length} flow(s) failed with claude-code ${version}: ${failed.map((f) => f.id).join(', ')}; the others were kept and the corpus was not rebuilt.`);
    }
  }
  const manifest = await rebuildCorpus();
  for (const tape of manifest.tapes) console.log(`${tape.file}  ← ${tape.source}`);
  console.log(`${manifest.tapes.length} tapes written to ${OUT}; PROTOCOL.md "## History" rewritten`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
