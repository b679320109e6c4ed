import type { TapeEvent } from '@ccr-kit/protocol-types';

/**
 * Stream-aware redaction (PROTOCOL.md#tapes): a secret may be split across the pieces of one
 * stream — two WebSocket frames, two SSE events, two stdio lines, or the `text_delta` chunks of a
 * streamed message — so that no piece holds enough of it for a rule. Each stream keeps the raw
 * tail of its recent pieces; every new piece is scanned joined to that tail, and a secret that
 * spans pieces is cut out of every piece it touches.
 */

/** A piece's text as the stream carries it, and how to put redacted text back. */
export interface LogicalPiece {
  /** Which stream the piece belongs to (a socket direction, an SSE response, a stdio stream, a content block's deltas). */
  readonly key: string;
  readonly text: string;
  /**
   * NDJSON bytes: a line break ends every secret (JSON text holds none raw), so a piece that
   * follows a complete line needs no scan across the boundary.
   */
  readonly lineBreaksEnd?: boolean;
  /** The event with `text` replaced. */
  rebuild(text: string): TapeEvent;
}

const DELTA_FIELDS: Readonly<Record<string, string>> = {
  text_delta: 'text',
  thinking_delta: 'thinking',
  input_json_delta: 'partial_json',
  signature_delta: 'signature',
};

/** A `stream_event` delta inside a decoded frame (or inside a v2 envelope's `payload`). */
function deltaOf(value: unknown): { holder: Record<string, unknown>; field: string; index: unknown } | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  let frame = value as Record<string, unknown>;
  if (frame.type !== 'stream_event' && frame.payload !== null && typeof frame.payload === 'object') frame = frame.payload as Record<string, unknown>;
  if (frame.type !== 'stream_event') return undefined;
  const event = frame.event as Record<string, unknown> | null | undefined;
  if (event === null || typeof event !== 'object' || event.type !== 'content_block_delta') return undefined;
  const delta = event.delta as Record<string, unknown> | null | undefined;
  if (delta === null || typeof delta !== 'object' || typeof delta.type !== 'string') return undefined;
  const field = DELTA_FIELDS[delta.type];
  if (field === undefined || typeof delta[field] !== 'string') return undefined;
  return { holder: delta, field, index: event.index };
}

/**
 * Where a piece's streamed text lives: the delta string of a streamed chunk, else (for byte streams
 * such as WebSocket messages, whose lines may be split) the whole raw text. Whole SSE events and
 * stdio lines are complete units: only their deltas form a stream.
 */
function logicalText(key: string, raw: string, put: (text: string) => TapeEvent, rawIsStream: boolean | 'lines'): LogicalPiece | undefined {
  const trimmed = raw.trimEnd();
  if (trimmed.startsWith('{') && !trimmed.includes('\n') && trimmed.includes('stream_event')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const delta = deltaOf(parsed);
      if (delta !== undefined) {
        const trail = raw.slice(trimmed.length);
        return {
          key: `${key}:delta:${String(delta.index)}`,
          text: delta.holder[delta.field] as string,
          rebuild: (text) => {
            delta.holder[delta.field] = text;
            return put(JSON.stringify(parsed) + trail);
          },
        };
      }
    } catch {
      // Not one JSON object: the raw text is the stream.
    }
  }
  if (rawIsStream === 'lines') {
    // Plain text lines (not JSON) of a process: one text, the line breaks between them kept, so a
    // multi-line secret (a PEM block) printed by a program is one run.
    if (trimmed.startsWith('{')) return undefined;
    return { key, text: `${raw}\n`, rebuild: (text) => put(text.endsWith('\n') ? text.slice(0, -1) : text) };
  }
  return rawIsStream ? { key, text: raw, rebuild: put, lineBreaksEnd: true } : undefined;
}

/** The streamed text of an event, or undefined for events that are not pieces of a stream (HTTP messages, opens, closes). */
export function logicalPieceOf(event: TapeEvent): LogicalPiece | undefined {
  switch (event.kind) {
    case 'ws.frame':
      return logicalText(`ws:${event.id}:${event.dir}`, event.text, (text) => ({ ...event, text }), true);
    case 'sse.event':
      return logicalText(`sse:${event.id}`, event.data, (data) => ({ ...event, data }), false);
    case 'stdio.line':
      return logicalText(`stdio:${event.dir}`, event.text, (text) => ({ ...event, text }), 'lines');
    default:
      return undefined;
  }
}

/** Finds secret ranges `[start, end)` in a text. */
export type SecretFinder = (text: string) => Array<readonly [number, number]>;

/** A piece that is (or was) part of a stream window. */
export interface StreamPiece {
  readonly start: number;
  readonly length: number;
  /** Ranges of the piece's logical text to cut out, in piece coordinates. */
  readonly cuts: Array<[number, number]>;
  /** False once the piece has been written: then it can no longer be cut. */
  held: boolean;
}

/** A character that ends any credential-shaped token. */
const NOT_TOKEN = /[^A-Za-z0-9_\-+/=.~%]/;

/** How much raw text of earlier pieces each stream keeps to scan across the boundary. */
export const CARRY_CHARS = 1024;

/**
 * The raw windows of every stream. `push` adds a piece and returns the cuts it made, including in
 * earlier pieces of the same stream; a cut that reaches a piece already written is reported.
 */
export class StreamWindows {
  readonly #streams = new Map<string, { text: string; base: number; pieces: StreamPiece[] }>();
  readonly #find: SecretFinder;
  readonly #open: ((text: string) => boolean) | undefined;

  /**
   * @param find where secrets are in a text
   * @param open whether a text ends inside what may still become a secret (a known secret's start,
   *   an unterminated PEM block), so the pieces in it must wait even past a space or a quote
   */
  constructor(find: SecretFinder, open?: (text: string) => boolean) {
    this.#find = find;
    this.#open = open;
  }

  /** Adds a piece to its stream; returns the piece and whether a secret spanning pieces reached a written one. */
  push(key: string, text: string, lineBreaksEnd = false): { piece: StreamPiece; leakedIntoWritten: boolean } {
    let stream = this.#streams.get(key);
    if (stream === undefined) {
      stream = { text: '', base: 0, pieces: [] };
      this.#streams.set(key, stream);
    }
    // Keep only the tail of earlier pieces.
    if (stream.text.length > CARRY_CHARS) {
      const drop = stream.text.length - CARRY_CHARS;
      stream.text = stream.text.slice(drop);
      stream.base += drop;
      stream.pieces = stream.pieces.filter((p) => p.start + p.length > stream.base);
    }
    const afterLine = lineBreaksEnd && stream.text.endsWith('\n');
    const piece: StreamPiece = { start: stream.base + stream.text.length, length: text.length, cuts: [], held: true };
    stream.text += text;
    stream.pieces.push(piece);
    let leakedIntoWritten = false;
    if (stream.pieces.length < 2 || afterLine) return { piece, leakedIntoWritten };
    for (const [from, to] of this.#find(stream.text)) {
      const start = from + stream.base;
      const end = to + stream.base;
      const touched = stream.pieces.filter((p) => p.start < end && p.start + p.length > start && p.length > 0);
      // A secret inside one piece is that piece's own redaction's business.
      if (touched.length < 2 || end <= piece.start) continue;
      for (const p of touched) {
        const cut: [number, number] = [Math.max(start, p.start) - p.start, Math.min(end, p.start + p.length) - p.start];
        if (!p.held) leakedIntoWritten = true;
        else p.cuts.push(cut);
      }
    }
    return { piece, leakedIntoWritten };
  }

  /**
   * Whether a piece can be written: a secret running through its end is over, because a character
   * that cannot be part of a token follows (in the piece itself or in a later piece), or the stream ended.
   */
  settled(key: string, piece: StreamPiece): boolean {
    const stream = this.#streams.get(key);
    if (stream === undefined) return true;
    const from = Math.max(0, piece.start + piece.length - 1 - stream.base);
    const after = stream.text.slice(from);
    if (after.length === 0) return true;
    // Still inside something that may be a secret: the start of a known secret, or a PEM block not yet ended.
    const since = stream.text.slice(Math.max(0, piece.start - stream.base));
    if (this.#open?.(since) === true) return false;
    return NOT_TOKEN.test(after);
  }

  /** Forgets a stream (its socket or response ended). */
  end(key: string): void {
    for (const name of [...this.#streams.keys()]) if (name === key || name.startsWith(`${key}:`)) this.#streams.delete(name);
  }
}

/** Replaces the cut ranges of a text (merged, left to right) with `replace(fragment)`. */
export function applyCuts(text: string, cuts: readonly (readonly [number, number])[], replace: (fragment: string) => string): string {
  if (cuts.length === 0) return text;
  const sorted = [...cuts].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  let out = '';
  let at = 0;
  for (const [a, b] of merged) {
    out += text.slice(at, a) + replace(text.slice(a, b));
    at = b;
  }
  return out + text.slice(at);
}
