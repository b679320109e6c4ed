import { existsSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { commandAdapter } from '../adapters/command';
import { officialAdapter } from '../adapters/official';
import { oursAdapter } from '../adapters/ours';
import type { ClientAdapter } from '../adapters/types';
import { applyBaseline, loadBaseline, type Baseline } from '../baseline/baseline';
import { CoverageCollector } from '../coverage/coverage';
import { corpusTapePath, defaultCorpusDir, loadCorpus } from '../corpus/manifest';
import { diffRecordings } from '../diff/diff';
import { readFrameFile } from '../frames/read';
import { corpusRecordings, historyMarkdown, protocolHistory, replaceHistorySection } from '../history/history';
import { formatTestReport, formatValidationReport } from '../report/format';
import { formatCoverage } from '../report/render-coverage';
import { formatShapeDiff } from '../report/render-diff';
import type { TestReport } from '../report/model';
import { selectScenarios } from '../scenarios/index';
import { corpusTapes, readTapes, replayTapes, runScenarios } from '../suites';
import { validateFiles } from '../validate/validate';
import { watchCli } from '../watch/watch';
import { parseArgs, UsageError, USAGE, type CliArgs } from './args';

/** Where a command's output goes and what exit code it ends with. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

function adaptersOf(args: CliArgs): ClientAdapter[] {
  return args.clients.map((c) => (c.name === 'official' ? officialAdapter() : c.name === 'command' ? commandAdapter({ command: c.command ?? '' }) : oursAdapter()));
}

async function baselineOf(args: CliArgs): Promise<Baseline | undefined> {
  if (args.baseline === false) return undefined;
  if (args.baseline !== undefined) return loadBaseline(args.baseline);
  const shipped = join(dirname(defaultCorpusDir()), 'baseline.json');
  return existsSync(shipped) ? loadBaseline(shipped) : undefined;
}

async function emit(args: CliArgs, io: CliIo, text: string): Promise<void> {
  if (args.out === undefined) io.stdout(text);
  else await writeFile(args.out, text);
}

async function finish(args: CliArgs, io: CliIo, report: TestReport): Promise<number> {
  const baseline = await baselineOf(args);
  const graded = baseline === undefined ? report : applyBaseline(report, baseline);
  await emit(args, io, formatTestReport(graded, args.format));
  return graded.failed ? 1 : 0;
}

/** The recordings in a file or folder (recursively). */
async function filesUnder(target: string): Promise<string[]> {
  if (!(await stat(target)).isDirectory()) return [target];
  const entries = (await readdir(target, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(join(target, e.name)) : Promise.resolve(/\.(ndjson|jsonl|tape)$/.test(e.name) ? [join(target, e.name)] : []))));
  return nested.flat();
}

async function coverage(args: CliArgs, io: CliIo): Promise<number> {
  const corpus = args.positionals.length > 0 ? undefined : await loadCorpus(args.corpus);
  const files = corpus === undefined ? (await Promise.all(args.positionals.map(filesUnder))).flat() : corpus.manifest.tapes.map((t) => corpusTapePath(corpus, t));
  const collector = new CoverageCollector();
  for (const file of files) {
    for (const frame of readFrameFile(await readFile(file, 'utf8'), { name: basename(file), direction: args.direction }).frames) collector.add(frame.value);
  }
  await emit(args, io, formatCoverage(collector.report(), args.format));
  return 0;
}

async function history(args: CliArgs, io: CliIo): Promise<number> {
  if (args.update !== undefined && args.check !== undefined) throw new UsageError('history takes --update FILE or --check FILE, not both.');
  const recordings = await corpusRecordings(await loadCorpus(args.corpus));
  if (recordings.length < 2) throw new UsageError(`history needs CLI flows of at least two versions in the corpus; found ${recordings.map((r) => r.version).join(', ') || 'none'}.`);
  const section = historyMarkdown(protocolHistory(recordings), recordings);
  const target = args.update ?? args.check;
  if (target === undefined) {
    await emit(args, io, section);
    return 0;
  }
  const current = await readFile(target, 'utf8');
  const next = replaceHistorySection(current, section);
  if (args.check !== undefined) {
    if (next === current) return 0;
    io.stderr(`${target}: the "## History" section is stale; run ccr-conformance history --update ${target}.\n`);
    return 1;
  }
  if (next !== current) await writeFile(target, next);
  io.stdout(`${target}: "## History" ${next === current ? 'was up to date' : 'rewritten'} (${recordings.map((r) => r.version).join(' → ')}).\n`);
  return 0;
}

async function dispatch(args: CliArgs, io: CliIo): Promise<number> {
  const timing = { stepTimeoutMs: args.timeoutMs, transports: args.transports };
  switch (args.command) {
    case 'validate': {
      if (args.positionals.length === 0) throw new UsageError('validate needs at least one FILE (a tape or an NDJSON file).');
      const report = await validateFiles(args.positionals, { direction: args.direction, failOn: args.failOn });
      await emit(args, io, formatValidationReport(report, args.format));
      return report.failed ? 1 : 0;
    }
    case 'run':
      return finish(args, io, await runScenarios(selectScenarios(args.scenarios), { adapters: adaptersOf(args), ...timing }));
    case 'replay': {
      const tapes = args.positionals.length > 0 ? await readTapes(args.positionals) : await corpusTapes(await loadCorpus(args.corpus));
      return finish(args, io, await replayTapes(tapes, { adapters: adaptersOf(args), ...timing }));
    }
    case 'coverage':
      return coverage(args, io);
    case 'diff': {
      const [oldPath, newPath] = args.positionals;
      if (oldPath === undefined || newPath === undefined || args.positionals.length > 2) throw new UsageError('diff needs exactly two arguments: OLD NEW (tapes, NDJSON files or folders).');
      const diff = await diffRecordings(oldPath, newPath, args.direction);
      await emit(args, io, formatShapeDiff(diff, args.format));
      return diff.changes.length > 0 ? 1 : 0;
    }
    case 'history':
      return history(args, io);
    case 'watch': {
      if (args.cli !== undefined && args.bin !== undefined) throw new UsageError('watch takes --cli VERSION or --bin PATH, not both.');
      const outDir = resolve(args.out ?? 'ccr-watch');
      const report = await watchCli({ cli: args.cli, bin: args.bin, cacheDir: args.cache, filter: args.flows, outDir, corpus: await loadCorpus(args.corpus), log: (line) => io.stderr(`${line}\n`) });
      const c = report.validation.counts;
      io.stdout(
        `Claude Code CLI ${report.cli}: ${report.criticalDrift ? 'CRITICAL DRIFT' : 'no critical drift'}; ${report.flows.filter((f) => f.ok).length}/${report.flows.length} flows recorded, ${report.validation.frames} frames (${c.critical} critical, ${c.warning} warning, ${c.info} info), ${report.changes.length} shape change(s) and ${report.order.length} order change(s) against ${report.baseline ?? 'nothing'}.\nReport: ${join(outDir, 'watch-report.md')} and ${join(outDir, 'watch-report.json')}\n`,
      );
      return report.criticalDrift ? 1 : 0;
    }
    default:
      throw new UsageError(args.command === undefined ? 'Missing command.' : `Unknown command "${args.command}".`);
  }
}

/** Runs the `ccr-conformance` command line; resolves with the exit code (0 passed, 1 failed, 2 usage or input error). */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help || args.command === undefined) {
    (args.help ? io.stdout : io.stderr)(USAGE);
    return args.help ? 0 : 2;
  }
  try {
    return await dispatch(args, io);
  } catch (error) {
    io.stderr(`ccr-conformance ${args.command}: ${(error as Error).message}\n`);
    return 2;
  }
}
