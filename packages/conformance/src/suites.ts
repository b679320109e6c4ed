import { readFile } from 'node:fs/promises';
import type { ClientAdapter, ClientTransport } from './adapters/types';
import { corpusTapePath, loadCorpus, type Corpus, type CorpusEntry } from './corpus/manifest';
import { makeReport, type SuiteResult, type TestReport } from './report/model';
import { replayTape } from './replay/replay';
import { runScenario } from './scenarios/run';
import type { Scenario } from './scenarios/types';

/** Which clients run over which transports. */
export interface Matrix {
  readonly adapters: readonly ClientAdapter[];
  /** @default ['websocket', 'sse'] */
  readonly transports?: readonly ClientTransport[] | undefined;
  /** Longest single wait, in ms. @default 10000 */
  readonly stepTimeoutMs?: number | undefined;
}

function transportsOf(matrix: Matrix): readonly ClientTransport[] {
  return matrix.transports ?? ['websocket', 'sse'];
}

/** Runs scenarios against every client and transport of the matrix, one after another, as one report. */
export async function runScenarios(scenarios: readonly Scenario[], matrix: Matrix): Promise<TestReport> {
  const suites: SuiteResult[] = [];
  for (const adapter of matrix.adapters) {
    for (const transport of transportsOf(matrix)) {
      if (!adapter.transports.includes(transport)) continue;
      for (const scenario of scenarios) suites.push(await runScenario(scenario, adapter, { transport, stepTimeoutMs: matrix.stepTimeoutMs }));
    }
  }
  return makeReport('ccr-conformance run', suites);
}

/** A tape to replay: its text and what is known about it. */
export interface TapeToReplay {
  readonly source: string;
  readonly text: string;
  readonly entry?: CorpusEntry | undefined;
}

/**
 * Reads tape files for replay.
 * @throws {Error} naming a file that cannot be read.
 */
export async function readTapes(paths: readonly string[]): Promise<TapeToReplay[]> {
  return Promise.all(
    paths.map(async (source) => {
      try {
        return { source, text: await readFile(source, 'utf8') };
      } catch (cause) {
        throw new Error(`Cannot read the tape ${source}: ${(cause as Error).message}.`, { cause });
      }
    }),
  );
}

/** The replayable tapes of a corpus (all, or those whose id contains one of the filters); see `CorpusEntry.replayable`. */
export async function corpusTapes(corpus: Corpus, filters: readonly string[] = []): Promise<TapeToReplay[]> {
  const entries = corpus.manifest.tapes.filter((t) => t.replayable !== false && (filters.length === 0 || filters.some((f) => t.id.includes(f))));
  return Promise.all(entries.map(async (entry) => ({ source: corpusTapePath(corpus, entry), text: await readFile(corpusTapePath(corpus, entry), 'utf8'), entry })));
}

/** Replays tapes against every client and transport of the matrix, as one report. */
export async function replayTapes(tapes: readonly TapeToReplay[], matrix: Matrix): Promise<TestReport> {
  const suites: SuiteResult[] = [];
  for (const adapter of matrix.adapters) {
    for (const transport of transportsOf(matrix)) {
      if (!adapter.transports.includes(transport)) continue;
      for (const tape of tapes) {
        suites.push(
          await replayTape(tape.text, adapter, {
            transport,
            source: tape.source,
            note: tape.entry?.note,
            section: tape.entry?.sections[0],
            stepTimeoutMs: matrix.stepTimeoutMs,
          }),
        );
      }
    }
  }
  return makeReport('ccr-conformance replay', suites);
}

/** Replays the whole shipped corpus (or the one in `dir`). */
export async function replayCorpus(matrix: Matrix, dir?: string): Promise<TestReport> {
  return replayTapes(await corpusTapes(await loadCorpus(dir)), matrix);
}
