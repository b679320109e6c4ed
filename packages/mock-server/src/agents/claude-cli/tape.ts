import { serializeTape, TAPE_FORMAT, TAPE_VERSION, type JsonObject, type TapeEvent, type TapeHeader } from '@ccr-kit/protocol-types';
import type { CliTrafficEvent } from './traffic';

/** Options of {@link cliTrafficTape}. */
export interface CliTrafficTapeOptions {
  /** The program that captured the traffic, for the tape header. */
  tool: { name: string; version: string };
  /** Extra facts for the header (CLI version, case name, …). */
  meta?: JsonObject | undefined;
  /** Values that must not reach the tape (API keys, tokens); each is replaced by `[redacted]`. */
  secrets?: readonly string[] | undefined;
}

const REDACTED = '[redacted]';

function redactor(secrets: readonly string[]): { apply(text: string): string; counts: Record<string, number> } {
  const counts: Record<string, number> = { 'known-secrets': 0 };
  const list = secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  return {
    counts,
    apply(text) {
      let out = text;
      for (const secret of list) {
        const parts = out.split(secret);
        if (parts.length > 1) {
          counts['known-secrets']! += parts.length - 1;
          out = parts.join(REDACTED);
        }
      }
      return out;
    },
  };
}

function toTapeEvent(event: CliTrafficEvent, t: number, text: string): TapeEvent | undefined {
  const id = `cli-ws-${event.connection ?? 1}`;
  switch (event.channel) {
    case 'stdin':
    case 'stdout':
    case 'stderr':
      return { t, kind: 'stdio.line', dir: event.channel, text };
    case 'ws-open':
      return { t, kind: 'ws.open', id, url: text };
    case 'ws-to-cli':
      return { t, kind: 'ws.frame', id, dir: 'to-client', text };
    case 'ws-from-cli':
      return { t, kind: 'ws.frame', id, dir: 'to-server', text };
    case 'ws-close':
      return { t, kind: 'ws.close', id, code: Number(text) || 1005, reason: '' };
    case 'spawn':
    case 'exit':
      return undefined;
  }
}

/**
 * Turns the traffic of one CLI session (from the backend's `tap`) into a tape: stdio lines as
 * `stdio.line`, the `--sdk-url` socket as `ws.*` events (the CLI is the WebSocket client). The
 * command lines and exits go into the header's `meta`.
 * @throws {ProtocolError} when an event cannot be written (e.g. a negative offset).
 */
export function cliTrafficTape(events: readonly CliTrafficEvent[], options: CliTrafficTapeOptions): string {
  const first = events[0]?.at ?? Date.now();
  const redact = redactor(options.secrets ?? []);
  const tapeEvents: TapeEvent[] = [];
  const processes: string[] = [];
  for (const event of events) {
    const text = redact.apply(event.text);
    if (event.channel === 'spawn' || event.channel === 'exit') processes.push(`${event.channel}: ${text}`);
    const t = Math.round((event.at - first) * 1000) / 1000;
    const converted = toTapeEvent(event, Math.max(0, t), text);
    if (converted !== undefined) tapeEvents.push(converted);
  }
  const viaSocket = events.some((e) => e.channel.startsWith('ws-'));
  const header: TapeHeader = {
    kind: 'header',
    format: TAPE_FORMAT,
    version: TAPE_VERSION,
    capture: viaSocket ? 'mock-server' : 'stdio',
    tool: options.tool,
    started_at: new Date(first).toISOString(),
    redaction: { rules: ['known-secrets'], counts: redact.counts, complete: true },
    meta: { ...options.meta, processes },
  };
  return serializeTape(header, tapeEvents);
}
