/**
 * Redaction for corpus tapes, through `@ccr-kit/recorder`'s `Redactor` and its fail-closed leak
 * scan, so every tape — built from stdio recordings or written by the mock server's recorder — is
 * treated alike: the recorder's default rules (credentials, account fields, e-mail addresses), the
 * random suffixes of the recorders' temp dirs and the checkout path become placeholders, process
 * ids become 0 (they are numbers, which the recorder's rules leave alone), and any event that still
 * holds a credential-shaped value afterwards stops the build.
 */
import { serializeTapeEvent, serializeTapeHeader, type TapeEvent, type TapeHeader } from '@ccr-kit/protocol-types';
import { patternRule, Redactor, type RedactionRule } from '@ccr-kit/recorder';
import { isRecord } from '../internal/json';

/** Rule id under which folded process ids are counted in a tape's redaction report. */
export const PID_FOLD_RULE = 'fold:pid';

/** The suffix `mkdtemp` adds to the recorders' temp dirs (`ccr-cli-home-Ab12Cd`, `ccr-flows-cwd-…`, …). */
const TEMP_SUFFIX = /\bccr-[a-z-]*?(?:cwd|home|workspace)-([A-Za-z0-9]{6})(?![A-Za-z0-9])/;
/** The per-session folder the claude-cli agent makes inside its workspace (`…/ccr-cli-workspace-XXXXXX/session-XXXXXX`). */
const SESSION_DIR = /\bccr-cli-workspace-[A-Za-z0-9-]+[/-]+session-([A-Za-z0-9]{6})(?![A-Za-z0-9])/;
/** CLI 2.1.337's `messaging_socket_path` names the CLI's process id: `/tmp/cc-socks/<pid>.sock`. */
const SOCKET_PID = /\bcc-socks\/(\d+)\.sock\b/;
/** A numeric `pid` field other than 0 in a JSON frame (escaped quotes inside strings do not match). */
const PID_FIELD = /"pid":(\s*)[1-9]\d*/g;

/** Options of {@link redactTape}. */
export interface CorpusRedactionOptions {
  /** The checkout the recordings were made in; its absolute path is redacted wherever it appears. */
  readonly root?: string | undefined;
  /** The environment searched for credential variables (see the recorder). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>> | false | undefined;
}

/** A credential survived redaction; nothing was written. */
export class SecretFoundError extends Error {
  override readonly name = 'SecretFoundError';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rules added to the recorder's defaults for corpus recordings: temp-dir suffixes and the checkout path. */
export function corpusRedactionRules(root?: string): RedactionRule[] {
  const rules = [patternRule('temp-dir', TEMP_SUFFIX, 'tmp', 1), patternRule('session-dir', SESSION_DIR, 'tmp', 1), patternRule('socket-pid', SOCKET_PID, 'pid', 1)];
  if (root !== undefined && root.length > 1) rules.push(patternRule('checkout-path', new RegExp(escapeRegExp(root)), 'path'));
  return rules;
}

function foldPids(text: string, counts: { pids: number }): string {
  if (!text.includes('"pid"')) return text;
  return text.replace(PID_FIELD, (_match, space: string) => {
    counts.pids++;
    return `"pid":${space}0`;
  });
}

function foldEvent(event: TapeEvent, counts: { pids: number }): TapeEvent {
  if (event.kind === 'stdio.line' || event.kind === 'ws.frame') return { ...event, text: foldPids(event.text, counts) };
  if (event.kind === 'sse.event') return { ...event, data: foldPids(event.data, counts) };
  return event;
}

function mergeCounts(prior: Readonly<Record<string, number>>, added: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...prior };
  for (const [rule, n] of Object.entries(added)) out[rule] = (out[rule] ?? 0) + n;
  return out;
}

/**
 * Redacts one tape: header metadata and every event, then scans each serialized line. The header's
 * redaction report keeps what earlier redaction (e.g. the mock server's) recorded and adds this
 * pass, so redacting an already redacted tape changes nothing.
 * @throws {SecretFoundError} naming the source, the event and the field when a secret survives.
 */
export function redactTape(header: TapeHeader, events: readonly TapeEvent[], source: string, options: CorpusRedactionOptions = {}): string {
  const redactor = new Redactor({ extraRules: corpusRedactionRules(options.root), env: options.env });
  const folded = { pids: 0 };
  const lines: string[] = [];
  events.forEach((event, index) => {
    const redacted = redactor.redact(foldEvent(event, folded));
    const line = serializeTapeEvent(redacted);
    const leak = redactor.scan(redacted, line);
    if (leak !== undefined) {
      throw new SecretFoundError(`${source}: event #${index + 1} (${event.kind} at ${event.t} ms) still contains ${leak.what} in \`${leak.field}\` after redaction; the corpus was not written. Re-record offline or add a redaction rule.`);
    }
    lines.push(line);
  });
  const meta = header.meta === undefined ? undefined : redactor.json(header.meta);
  const report = redactor.report();
  const added = folded.pids > 0 ? { ...report.counts, [PID_FOLD_RULE]: folded.pids } : report.counts;
  const prior = header.redaction;
  const out: TapeHeader = {
    ...header,
    redaction: {
      rules: [...new Set([...prior.rules, ...report.rules, PID_FOLD_RULE])],
      counts: mergeCounts(prior.counts, added),
      complete: prior.complete,
    },
    ...(isRecord(meta) ? { meta } : {}),
  };
  const headerLine = serializeTapeHeader(out);
  const leak = redactor.scanText(headerLine);
  if (leak !== undefined) throw new SecretFoundError(`${source}: the tape header still contains ${leak.what} after redaction; the corpus was not written.`);
  return `${[headerLine, ...lines].join('\n')}\n`;
}

/**
 * The recorder's leak scan over a written tape: the first event or header line that holds a
 * credential-shaped value or a secret from the environment, as a message; `undefined` when clean.
 */
export function findTapeLeak(text: string, options: Pick<CorpusRedactionOptions, 'env'> = {}): string | undefined {
  const scanner = new Redactor({ env: options.env });
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const leak = scanner.scanText(line);
    if (leak !== undefined) return `line ${i + 1}: ${leak.what}`;
  }
  return undefined;
}
