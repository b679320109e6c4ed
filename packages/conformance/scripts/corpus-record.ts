/**
 * Rebuilds `corpus/` from the freshest recordings available:
 *
 * - `packages/protocol-types/test/corpus/cli-<version>/` — the shared CLI stream-json corpus;
 * - `corpus/recordings/` — this package's extra flows (`cli-<version>/` pairs, see record-flows.ts)
 *   and any `<id>.tape.ndjson` dropped there (e.g. captured through the mock server's claude-cli
 *   agent and the recorder).
 *
 * For each id the most recently written recording wins. `--rerecord [filter]` first re-records the
 * extra flows from the real CLI (offline). Usage:
 *   pnpm --filter @ccr-kit/conformance run corpus:record [-- --rerecord [filter]]
 */
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
const SOURCES = [join(REPO, 'packages/protocol-types/test/corpus'), join(OUT, 'recordings')];

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  if (args[0] === '--rerecord') {
    const failed = await recordFlows(join(OUT, 'recordings'), args[1]);
    if (failed > 0) throw new Error(`${failed} flow recording(s) failed; the corpus was not rebuilt.`);
  } else if (args.length > 0) {
    throw new Error(`Unknown arguments: ${args.join(' ')}. Usage: corpus:record [-- --rerecord [filter]]`);
  }
  const recordings = freshest(await findRecordings(SOURCES));
  if (recordings.length === 0) throw new Error(`No recordings found in ${SOURCES.join(', ')}.`);
  const manifest = await writeCorpus(OUT, recordings, REPO);
  await writeFile(join(OUT, 'README.md'), corpusReadme(manifest, SCENARIOS.map((s) => ({ id: s.id, section: s.section }))));
  for (const tape of manifest.tapes) console.log(`${tape.file}  ← ${tape.source}`);
  console.log(`${manifest.tapes.length} tapes written to ${OUT}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
