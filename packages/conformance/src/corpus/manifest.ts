import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRecord } from '../internal/json';

/** One tape of the corpus and what it exercises. */
export interface CorpusEntry {
  /** Stable id, e.g. `03-bash-touch-allowed`. */
  readonly id: string;
  /** Tape file path, relative to the corpus folder (`cli/…` for the claude-cli agent's tapes). */
  readonly file: string;
  /** What the tape exercises, in one or two sentences. */
  readonly note: string;
  /** PROTOCOL.md sections the tape exercises (`PROTOCOL.md#flow-permissions`, …). */
  readonly sections: readonly string[];
  /** The recording the tape was built from. */
  readonly source: string;
  /** The program that was recorded. */
  readonly tool: { readonly name: string; readonly version: string };
  /** What replaying the tape shows a client, where that is less than the tape records. */
  readonly replay?: string | undefined;
  /**
   * `false` for a tape a client cannot replay (a CLI edge case that only a test host drives, such as
   * requests a conforming client refuses to send); `replay` says why. Replay skips it; validate,
   * coverage and the history read it. @default true
   */
  readonly replayable?: boolean | undefined;
}

/** The corpus index, `corpus/manifest.json`. */
export interface CorpusManifest {
  readonly format: 'ccr-conformance-corpus';
  readonly version: 1;
  readonly tapes: readonly CorpusEntry[];
}

/** A loaded corpus: its folder and manifest. */
export interface Corpus {
  readonly dir: string;
  readonly manifest: CorpusManifest;
}

function moduleDir(): string {
  const url = (import.meta as { url?: string }).url;
  if (typeof url === 'string') return dirname(fileURLToPath(url));
  return typeof __dirname === 'string' ? __dirname : process.cwd();
}

/** The corpus shipped with this package (the nearest `corpus/manifest.json` above this module). */
export function defaultCorpusDir(): string {
  let dir = moduleDir();
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'corpus');
    if (existsSync(join(candidate, 'manifest.json'))) return candidate;
    dir = dirname(dir);
  }
  return resolve(moduleDir(), '../../corpus');
}

function entryProblem(value: unknown, index: number): string | undefined {
  if (!isRecord(value)) return `$.tapes[${index}] must be an object`;
  for (const key of ['id', 'file', 'note', 'source'] as const) {
    if (typeof value[key] !== 'string') return `$.tapes[${index}].${key} must be a string`;
  }
  if (!Array.isArray(value.sections)) return `$.tapes[${index}].sections must be an array`;
  if (!isRecord(value.tool)) return `$.tapes[${index}].tool must be an object`;
  if (value.replay !== undefined && typeof value.replay !== 'string') return `$.tapes[${index}].replay must be a string when present`;
  if (value.replayable !== undefined && typeof value.replayable !== 'boolean') return `$.tapes[${index}].replayable must be a boolean when present`;
  if (value.replayable === false && typeof value.replay !== 'string') return `$.tapes[${index}].replayable is false, so replay must say why`;
  return undefined;
}

/**
 * Loads a corpus folder's manifest.
 * @throws {Error} when the manifest is missing or malformed (the message names the file and path).
 */
export async function loadCorpus(dir: string = defaultCorpusDir()): Promise<Corpus> {
  const file = join(dir, 'manifest.json');
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (cause) {
    throw new Error(`Cannot read the corpus manifest ${file}: ${(cause as Error).message}. Rebuild it with \`pnpm --filter @ccr-kit/conformance run corpus:record\`.`, { cause });
  }
  if (!isRecord(value) || value.format !== 'ccr-conformance-corpus' || !Array.isArray(value.tapes)) {
    throw new Error(`${file}: not a ccr-conformance-corpus manifest (expected {"format":"ccr-conformance-corpus","version":1,"tapes":[…]}).`);
  }
  const problem = value.tapes.map(entryProblem).find((p) => p !== undefined);
  if (problem !== undefined) throw new Error(`${file}: ${problem}.`);
  return { dir, manifest: value as unknown as CorpusManifest };
}

/** The path of a corpus tape. */
export function corpusTapePath(corpus: Corpus, entry: CorpusEntry): string {
  return join(corpus.dir, entry.file);
}
