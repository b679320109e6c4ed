import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { corpusTapePath, type Corpus } from '../corpus/manifest';
import { diffShapes, type ShapeChange } from '../diff/diff';
import { addShapes, kindLabel, requestSubtypes, type ShapeIndex } from '../diff/shape';
import type { LocatedFrame } from '../frames/extract';
import { readFrameFile } from '../frames/read';
import { isRecord } from '../internal/json';

/** The flows one CLI version recorded: flow id → its frames in order. */
export interface VersionRecording {
  readonly version: string;
  /** How the CLI was driven (`stdio`, `--sdk-url`), when known. */
  readonly transport: string;
  readonly flows: ReadonlyMap<string, readonly LocatedFrame[]>;
}

/** A frame kind that moved against the others in one flow. */
export interface OrderChange {
  readonly flow: string;
  /** The kind that moved, e.g. `to-agent control_request/can_use_tool`. */
  readonly kind: string;
  /** The kind it now comes after (it came before it in the older version). */
  readonly after: string;
}

/** What changed from one CLI version of the corpus to the next. */
export interface HistoryStep {
  readonly version: string;
  readonly transport: string;
  readonly previous: string;
  readonly previousTransport: string;
  /** Flows both versions recorded (the comparison covers only these). */
  readonly flows: readonly string[];
  readonly changes: readonly ShapeChange[];
  readonly order: readonly OrderChange[];
}

/** Compares version strings `a.b.c` numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Reads the corpus's CLI flows (`cli-<version>/<flow>` tapes), grouped by version, oldest first. */
export async function corpusRecordings(corpus: Corpus): Promise<VersionRecording[]> {
  const byVersion = new Map<string, { transport: string; flows: Map<string, LocatedFrame[]> }>();
  for (const entry of corpus.manifest.tapes) {
    const match = /^cli-(\d+\.\d+\.\d+)\/(.+)$/.exec(entry.id);
    if (match === null) continue;
    const [, version, flow] = match as unknown as [string, string, string];
    const text = await readFile(corpusTapePath(corpus, entry), 'utf8');
    const frames = readFrameFile(text, { name: basename(entry.file) }).frames;
    const group = byVersion.get(version) ?? { transport: /over --sdk-url/.test(entry.note) ? '--sdk-url' : 'stdio', flows: new Map() };
    group.flows.set(flow, frames);
    byVersion.set(version, group);
  }
  return [...byVersion.entries()].sort(([a], [b]) => compareVersions(a, b)).map(([version, g]) => ({ version, transport: g.transport, flows: g.flows }));
}

/** The order-relevant sequence of a flow: the CLI's frame kinds (stream events by their event type), repeats collapsed, keep-alives and content deltas left out. */
function sequenceOf(frames: readonly LocatedFrame[]): string[] {
  const asked = requestSubtypes(frames);
  const out: string[] = [];
  for (const f of frames) {
    const v = f.value;
    // The host's own frames are left out: their place between the CLI's lines is the recording script's doing.
    if (!isRecord(v) || v.type === 'keep_alive' || f.direction === 'to-agent') continue;
    const event = v.type === 'stream_event' && isRecord(v.event) && typeof v.event.type === 'string' ? ` ${v.event.type}` : '';
    // How many deltas arrive before something else is down to timing, not to the protocol.
    if (event === ' content_block_delta') continue;
    const label = `${f.direction} ${kindLabel(v, asked)}${event}`;
    if (out.at(-1) !== label) out.push(label);
  }
  return out;
}

const ORDINALS = ['1st', '2nd', '3rd'];

/** Numbers repeated kinds by occurrence (`… message_stop (2nd)`), so each element of a sequence is unique. */
function numbered(seq: readonly string[]): string[] {
  const total = new Map<string, number>();
  for (const s of seq) total.set(s, (total.get(s) ?? 0) + 1);
  const seen = new Map<string, number>();
  return seq.map((s) => {
    const n = (seen.get(s) ?? 0) + 1;
    seen.set(s, n);
    return total.get(s) === 1 && n === 1 ? s : `${s} (${ORDINALS[n - 1] ?? `${n}th`})`;
  });
}

/** Longest common subsequence of two short lists. */
function lcs(a: readonly string[], b: readonly string[]): Set<string> {
  const dp: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  return kept;
}

/**
 * Frame kinds (repeats numbered by occurrence) seen in a flow in both versions that changed places:
 * the kinds outside the longest common order, each with the kind it now follows (one it used to precede).
 */
export function orderChanges(flow: string, before: readonly LocatedFrame[], after: readonly LocatedFrame[]): OrderChange[] {
  const oldSeq = numbered(sequenceOf(before));
  const newSeq = numbered(sequenceOf(after));
  const inOld = new Set(oldSeq);
  const inNew = new Set(newSeq);
  const o = oldSeq.filter((s) => inNew.has(s));
  const n = newSeq.filter((s) => inOld.has(s));
  const stable = lcs(o, n);
  const out: OrderChange[] = [];
  for (let j = 0; j < n.length; j++) {
    const kind = n[j]!;
    if (stable.has(kind)) continue;
    const oldIndex = o.indexOf(kind);
    for (let k = j - 1; k >= 0; k--) {
      if (o.indexOf(n[k]!) > oldIndex) {
        out.push({ flow, kind, after: n[k]! });
        break;
      }
    }
  }
  return out;
}

function indexOf(flows: ReadonlyMap<string, readonly LocatedFrame[]>, ids: readonly string[]): ShapeIndex {
  const index: ShapeIndex = new Map();
  for (const id of ids) addShapes(index, flows.get(id)!);
  return index;
}

/** Optionality moves with timing and data between runs of one version; the history leaves it out. */
const STABLE_CHANGES = new Set(['kind_added', 'kind_removed', 'path_added', 'path_removed', 'type_changed', 'values_added', 'values_removed']);

/** Compares each CLI version of the corpus with the one before it, over the flows both recorded. */
export function protocolHistory(recordings: readonly VersionRecording[]): HistoryStep[] {
  const steps: HistoryStep[] = [];
  for (let i = 1; i < recordings.length; i++) {
    const prev = recordings[i - 1]!;
    const cur = recordings[i]!;
    const flows = [...cur.flows.keys()].filter((id) => prev.flows.has(id)).sort();
    const changes = diffShapes(indexOf(prev.flows, flows), indexOf(cur.flows, flows)).filter((c) => STABLE_CHANGES.has(c.change));
    const order = flows.flatMap((id) => orderChanges(id, prev.flows.get(id)!, cur.flows.get(id)!));
    steps.push({ version: cur.version, transport: cur.transport, previous: prev.version, previousTransport: prev.transport, flows, changes, order });
  }
  return steps.reverse();
}

const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;

function kindLines(changes: readonly ShapeChange[]): string[] {
  const byKind = new Map<string, ShapeChange[]>();
  for (const c of changes) {
    if (c.change === 'kind_added' || c.change === 'kind_removed') continue;
    byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
  }
  const lines: string[] = [];
  for (const [kind, list] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const parts: string[] = [];
    const paths = (change: string): string[] => list.filter((c) => c.change === change).map((c) => code(c.path ?? '$'));
    const added = paths('path_added');
    const removed = paths('path_removed');
    if (added.length > 0) parts.push(`fields added ${added.join(', ')}`);
    if (removed.length > 0) parts.push(`fields gone ${removed.join(', ')}`);
    for (const c of list.filter((x) => x.change === 'type_changed')) parts.push(`${code(c.path ?? '$')} ${c.message}`);
    for (const c of list.filter((x) => x.change === 'values_added' || x.change === 'values_removed')) {
      parts.push(`${code(c.path ?? '$')} ${c.change === 'values_added' ? 'new values' : 'values gone'} ${c.message.replace(/^(new values|values no longer seen) /, '')}`);
    }
    lines.push(`- ${code(kind)}: ${parts.join('; ')}.`);
  }
  return lines;
}

/** The `## History` section of PROTOCOL.md: newest version first. */
export function historyMarkdown(steps: readonly HistoryStep[], recordings: readonly VersionRecording[]): string {
  const versions = recordings.map((r) => `${r.version} (${r.transport}, ${r.flows.size} flows)`).join(', ');
  const lines = [
    '## History',
    '',
    '<!-- Generated from packages/conformance/corpus by `ccr-conformance history --write PROTOCOL.md`; do not edit by hand. pnpm test fails when it is stale. -->',
    '',
    `What changed on the wire from one Claude Code CLI version to the next, derived from the conformance corpus (${versions}) with the shape comparison of \`ccr-conformance diff\`: each version against the one before it, over the flows both recorded. A control reply is named after the request it answers (\`control_response/success → interrupt\`); paths use \`[*]\` for array items (\`[*]<tag>\` for tagged blocks) and \`{*}\` for data keys. Values are listed for vocabulary fields only (\`type\`, \`subtype\`, \`state\`, \`status\`, \`terminal_reason\`, \`error_code\`, modes, \`capabilities[*]\`, …). Whether a field is always present changes with timing between runs and is left out; run \`ccr-conformance diff OLD NEW\` on two tapes for it.`,
    '',
  ];
  for (const step of steps) {
    const over = step.transport === step.previousTransport ? '' : ` ${step.previous} was recorded over ${step.previousTransport}, ${step.version} over ${step.transport}: part of the difference is the transport.`;
    lines.push(`### ${step.version} (compared with ${step.previous})`, '', `${step.flows.length} flows in both.${over}`, '');
    const added = step.changes.filter((c) => c.change === 'kind_added').map((c) => code(c.kind));
    const removed = step.changes.filter((c) => c.change === 'kind_removed').map((c) => code(c.kind));
    lines.push(`**Frame kinds and control replies that appeared:** ${added.length > 0 ? added.join(', ') : 'none'}.`, '');
    lines.push(`**Frame kinds and control replies that disappeared:** ${removed.length > 0 ? removed.join(', ') : 'none'}.`, '');
    const changed = kindLines(step.changes);
    lines.push('**Changed kinds:**', '', ...(changed.length > 0 ? changed : ['- none.']), '');
    lines.push('**Order:**', '');
    if (step.order.length === 0) lines.push('- no frame kind changed places.');
    for (const o of step.order) lines.push(`- ${code(o.flow)}: ${code(o.kind)} now comes after ${code(o.after)} (it came before it in ${step.previous}).`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Replaces (or appends) the `## History` section of a Markdown document; it runs to the next `## ` heading or the end. */
export function replaceHistorySection(document: string, section: string): string {
  const start = document.search(/^## History$/m);
  if (start < 0) return `${document.trimEnd()}\n\n${section}`;
  const rest = document.slice(start + 1);
  const next = rest.search(/^## /m);
  const end = next < 0 ? document.length : start + 1 + next;
  return `${document.slice(0, start)}${section}${next < 0 ? '' : `\n${document.slice(end)}`}`;
}
