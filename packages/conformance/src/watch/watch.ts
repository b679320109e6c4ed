import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { findRecordings, tapeFromRecording } from '../corpus/build';
import type { Corpus } from '../corpus/manifest';
import type { ShapeChange } from '../diff/diff';
import type { LocatedFrame } from '../frames/extract';
import { readFrameFile } from '../frames/read';
import { corpusRecordings, protocolHistory, type OrderChange, type VersionRecording } from '../history/history';
import { installCli } from '../record/install';
import { recordCorpusFlows, type FlowOutcome } from '../record/record';
import { validateFiles } from '../validate/validate';
import type { SeverityCounts } from '../validate/types';

/** What `ccr-conformance watch` needs. */
export interface WatchOptions {
  /** The CLI version to install, or `latest`. @default 'latest' */
  readonly cli?: string | undefined;
  /** A `claude` binary on disk instead of installing one. */
  readonly bin?: string | undefined;
  /** Where CLIs are installed (see `defaultCacheDir`). */
  readonly cacheDir?: string | undefined;
  /** Records only the flows whose id contains this text. */
  readonly filter?: string | undefined;
  /** Where the recordings, `watch-report.md` and `watch-report.json` go. */
  readonly outDir: string;
  /** The corpus to compare with (its newest CLI version). */
  readonly corpus: Corpus;
  readonly log?: (line: string) => void;
}

/** One validation finding group of the new recordings, flattened for the report. */
export interface WatchFinding {
  readonly severity: 'critical' | 'warning' | 'info';
  readonly kind: string;
  readonly path: string;
  readonly message: string;
  readonly count: number;
  readonly files: readonly string[];
}

/** The result of a drift watch. */
export interface WatchReport {
  readonly format: 'ccr-conformance-watch';
  readonly version: 1;
  /** The CLI version recorded. */
  readonly cli: string;
  /** The newest CLI version in the corpus, compared with. */
  readonly baseline: string | undefined;
  readonly flows: readonly FlowOutcome[];
  readonly validation: { readonly frames: number; readonly counts: SeverityCounts; readonly problems: number; readonly findings: readonly WatchFinding[] };
  readonly changes: readonly ShapeChange[];
  readonly order: readonly OrderChange[];
  /** Critical schema findings in what the CLI sent, unreadable lines, or flows the CLI could not complete. */
  readonly criticalDrift: boolean;
}

/** The fresh recordings, treated exactly like the corpus's: interleaved and redacted into tapes, then read. */
async function recordingOf(dir: string, version: string, root: string): Promise<VersionRecording> {
  const flows = new Map<string, LocatedFrame[]>();
  for (const rec of await findRecordings([dir])) {
    const { text } = await tapeFromRecording(rec, root);
    flows.set(rec.id, readFrameFile(text, { name: `${rec.id}.tape.ndjson` }).frames);
  }
  return { version, transport: 'stdio', flows };
}

/**
 * Installs (or takes) a Claude Code CLI, records the corpus flows with it offline, validates every
 * frame against the schemas and compares the shapes with the newest CLI version in the corpus.
 * Writes `watch-report.md` and `watch-report.json` into `outDir`.
 */
export async function watchCli(options: WatchOptions): Promise<WatchReport> {
  const log = options.log ?? (() => undefined);
  const bin = options.bin ?? (await installCli(options.cli ?? 'latest', options.cacheDir, log)).bin;
  const recorded = await recordCorpusFlows({ bin, outDir: join(options.outDir, 'recordings', 'pending'), filter: options.filter, log });
  const dir = join(options.outDir, 'recordings', `cli-${recorded.version}`);
  await mkdir(join(options.outDir, 'recordings'), { recursive: true });
  await rm(dir, { recursive: true, force: true });
  await rename(join(options.outDir, 'recordings', 'pending'), dir);
  // The CLI's side only: the host's frames are the flows' own (flow 22 sends refused values on purpose).
  const files = (await readdir(dir)).filter((n) => n.endsWith('.stdout.ndjson')).sort().map((n) => join(dir, n));
  const validation = await validateFiles(files, { direction: 'auto', failOn: 'critical' });
  const findings: WatchFinding[] = [];
  for (const file of validation.files) {
    for (const kind of file.kinds) {
      for (const group of kind.findings) {
        const key = `${kind.direction} ${kind.kind}`;
        const same = findings.find((f) => f.kind === key && f.path === group.path && f.message === group.message);
        if (same === undefined) findings.push({ severity: group.severity, kind: key, path: group.path, message: group.message, count: group.count, files: [basename(file.file)] });
        else findings.splice(findings.indexOf(same), 1, { ...same, count: same.count + group.count, files: [...same.files, basename(file.file)] });
      }
    }
  }
  const severityRank = { critical: 0, warning: 1, info: 2 } as const;
  findings.sort((a, b) => severityRank[a.severity] - severityRank[b.severity] || a.kind.localeCompare(b.kind) || a.path.localeCompare(b.path));
  const known = await corpusRecordings(options.corpus);
  const newest = known.at(-1);
  const fresh = await recordingOf(dir, recorded.version, options.outDir);
  const step = newest === undefined ? undefined : protocolHistory([newest, fresh])[0];
  const report: WatchReport = {
    format: 'ccr-conformance-watch',
    version: 1,
    cli: recorded.version,
    baseline: newest?.version,
    flows: recorded.flows,
    validation: { frames: validation.frames, counts: validation.counts, problems: validation.problems, findings },
    changes: step?.changes ?? [],
    order: step?.order ?? [],
    criticalDrift: validation.failed || recorded.flows.some((f) => !f.ok),
  };
  await writeFile(join(options.outDir, 'watch-report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(options.outDir, 'watch-report.md'), watchMarkdown(report));
  return report;
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

/** The Markdown report of a drift watch. */
export function watchMarkdown(report: WatchReport): string {
  const failed = report.flows.filter((f) => !f.ok);
  const c = report.validation.counts;
  const lines = [
    `# Drift watch: Claude Code CLI ${report.cli}`,
    '',
    `**Verdict: ${report.criticalDrift ? 'critical drift' : 'no critical drift'}.** ${report.flows.length - failed.length} of ${report.flows.length} corpus flows recorded offline; ${report.validation.frames} frames the CLI sent validated: ${c.critical} critical, ${c.warning} warning, ${c.info} info finding(s), ${report.validation.problems} unreadable line(s).`,
    report.baseline === undefined ? 'The corpus has no CLI flows to compare with.' : `Compared with ${report.baseline}, the newest CLI version in the corpus: ${report.changes.length} shape change(s).`,
    '',
  ];
  if (failed.length > 0) {
    lines.push('## Flows the CLI did not complete', '');
    for (const f of failed) lines.push(`- ${code(f.id)}: ${(f.error ?? '').split('\n')[0]}`);
    lines.push('');
  }
  lines.push('## Schema findings', '');
  if (report.validation.findings.length === 0) lines.push('None: every frame parses with the schemas and has no unknown kind, key or value.');
  else {
    lines.push('| severity | frame kind | path | finding | count |', '|---|---|---|---|---|');
    for (const f of report.validation.findings) lines.push(`| ${f.severity} | ${code(f.kind)} | ${code(f.path)} | ${f.message.replace(/\|/g, '\\|')} | ${f.count} |`);
  }
  lines.push('', `## Shape changes against ${report.baseline ?? 'the corpus'}`, '');
  if (report.changes.length === 0) lines.push('None.');
  for (const ch of report.changes) lines.push(`- ${code(ch.kind)}${ch.path === undefined ? '' : ` ${code(ch.path)}`}: ${ch.change.replace(/_/g, ' ')}: ${ch.message}`);
  lines.push('', '## Order changes', '');
  if (report.order.length === 0) lines.push('None.');
  for (const o of report.order) lines.push(`- ${code(o.flow)}: ${code(o.kind)} now comes after ${code(o.after)}.`);
  lines.push('', 'Record them into the corpus with `pnpm --filter @ccr-kit/conformance run corpus:record -- --cli VERSION`, then `ccr-conformance history --update PROTOCOL.md`.', '');
  return lines.join('\n');
}
