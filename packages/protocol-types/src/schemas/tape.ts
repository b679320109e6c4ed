import { z } from 'zod';
import { ProtocolError, jsonPath, type ProtocolIssue } from '../errors';
import { IsoTimeSchema, JsonObjectSchema, openEnum } from './common';

/**
 * The tape format: one recorded session as NDJSON. Line 1 is a {@link TapeHeader}; every further
 * line is one {@link TapeEvent} with `t`, milliseconds since the header's `started_at`.
 *
 * Direction vocabulary: the peer that opened the connection (browser, client, CLI or worker) is
 * the *client*; the other side (the CCR service, a mock or a proxy's upstream) is the *server*.
 * `ws.frame.dir` says which way the frame travelled: `to-server` or `to-client`. stdio captures
 * name the stream instead (`stdin`, `stdout`, `stderr` of the CLI process).
 */

/** The tape format name written in every header (PROTOCOL.md#tapes). */
export const TAPE_FORMAT = 'ccr-tape';
/** The tape format version this package reads and writes (PROTOCOL.md#tapes). */
export const TAPE_VERSION = 1;

/** Where a tape was captured (PROTOCOL.md#tapes). */
export const TapeCaptureSchema = openEnum(['proxy', 'browser', 'har', 'stdio', 'mock-server']);
export type TapeCapture = z.infer<typeof TapeCaptureSchema>;

/** What redaction did to a tape: rule ids, replacements per rule, and whether every rule ran (PROTOCOL.md#tapes). */
export const TapeRedactionSchema = z.object({
  rules: z.array(z.string()),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  complete: z.boolean(),
});
export type TapeRedaction = z.infer<typeof TapeRedactionSchema>;

/** First line of a tape (PROTOCOL.md#tapes). */
export const TapeHeaderSchema = z.object({
  kind: z.literal('header'),
  format: z.literal(TAPE_FORMAT),
  version: z.literal(TAPE_VERSION),
  capture: TapeCaptureSchema,
  tool: z.object({ name: z.string(), version: z.string() }),
  started_at: IsoTimeSchema,
  redaction: TapeRedactionSchema,
  /** Set when capture stopped early; `at` is the ms offset where the tape ends. */
  incomplete: z.object({ reason: z.string(), at: z.number().nonnegative() }).optional(),
  meta: JsonObjectSchema.optional(),
});
export type TapeHeader = z.infer<typeof TapeHeaderSchema>;

/** Milliseconds since `started_at`. */
const OffsetSchema = z.number().nonnegative();
/** Header names (lower case) to values; repeated headers are joined with `, `. */
const HeadersSchema = z.record(z.string(), z.string());
/** A body as text; `base64` when the bytes are not UTF-8. */
const BodyFields = {
  body: z.string().optional(),
  bodyEncoding: z.enum(['utf8', 'base64']).optional(),
};

/** An HTTP request; `id` pairs it with its response and with SSE events read from it (PROTOCOL.md#tapes). */
export const HttpRequestEventSchema = z.object({
  t: OffsetSchema,
  kind: z.literal('http.request'),
  id: z.string(),
  method: z.string(),
  url: z.string(),
  headers: HeadersSchema,
  ...BodyFields,
});
export type HttpRequestEvent = z.infer<typeof HttpRequestEventSchema>;

/** An HTTP response head (and body, unless it is an SSE stream recorded as `sse.event`s) (PROTOCOL.md#tapes). */
export const HttpResponseEventSchema = z.object({
  t: OffsetSchema,
  kind: z.literal('http.response'),
  id: z.string(),
  status: z.number().int(),
  headers: HeadersSchema,
  ...BodyFields,
});
export type HttpResponseEvent = z.infer<typeof HttpResponseEventSchema>;

/** A WebSocket connection opened; `id` names it for its frames and close (PROTOCOL.md#tapes). */
export const WsOpenEventSchema = z.object({
  t: OffsetSchema,
  kind: z.literal('ws.open'),
  id: z.string(),
  url: z.string(),
  headers: HeadersSchema.optional(),
});
export type WsOpenEvent = z.infer<typeof WsOpenEventSchema>;

/** Which way a WebSocket frame travelled (see the module comment) (PROTOCOL.md#tapes). */
export const WsDirectionSchema = z.enum(['to-server', 'to-client']);
export type WsDirection = z.infer<typeof WsDirectionSchema>;

/** One WebSocket text message, exactly as sent (NDJSON: may hold several lines) (PROTOCOL.md#tapes). */
export const WsFrameEventSchema = z.object({
  t: OffsetSchema,
  kind: z.literal('ws.frame'),
  id: z.string(),
  dir: WsDirectionSchema,
  text: z.string(),
});
export type WsFrameEvent = z.infer<typeof WsFrameEventSchema>;

/** A WebSocket connection closed (PROTOCOL.md#tapes). */
export const WsCloseEventSchema = z.object({
  t: OffsetSchema,
  kind: z.literal('ws.close'),
  id: z.string(),
  code: z.number().int(),
  reason: z.string(),
});
export type WsCloseEvent = z.infer<typeof WsCloseEventSchema>;

/** One SSE event read from the response of request `id`; `lastEventId` is the SSE `id:` field (PROTOCOL.md#tapes). */
export const SseEventTapeEventSchema = z.object({
  t: OffsetSchema,
  kind: z.literal('sse.event'),
  id: z.string(),
  event: z.string().optional(),
  data: z.string(),
  lastEventId: z.string().optional(),
});
export type SseEventTapeEvent = z.infer<typeof SseEventTapeEventSchema>;

/** Which stdio stream of the CLI process a line went through (PROTOCOL.md#tapes). */
export const StdioStreamSchema = z.enum(['stdin', 'stdout', 'stderr']);
export type StdioStream = z.infer<typeof StdioStreamSchema>;

/** One line (without its newline) on the CLI's stdin, stdout or stderr (PROTOCOL.md#tapes). */
export const StdioLineEventSchema = z.object({
  t: OffsetSchema,
  kind: z.literal('stdio.line'),
  dir: StdioStreamSchema,
  text: z.string(),
});
export type StdioLineEvent = z.infer<typeof StdioLineEventSchema>;

/** Any tape event line after the header (PROTOCOL.md#tapes). */
export const TapeEventSchema = z.discriminatedUnion('kind', [
  HttpRequestEventSchema,
  HttpResponseEventSchema,
  WsOpenEventSchema,
  WsFrameEventSchema,
  WsCloseEventSchema,
  SseEventTapeEventSchema,
  StdioLineEventSchema,
]);
export type TapeEvent = z.infer<typeof TapeEventSchema>;
/** The `kind` of a tape event. */
export type TapeEventKind = TapeEvent['kind'];

/** A line of a tape that could not be read; `line` is 1-based. */
export interface TapeLineError {
  readonly line: number;
  readonly message: string;
  readonly issues: readonly ProtocolIssue[];
}

/** What {@link parseTape} found: the header (if line 1 is valid), the valid events, and one error per bad line. */
export interface ParsedTape {
  readonly header: TapeHeader | undefined;
  readonly events: TapeEvent[];
  readonly errors: TapeLineError[];
}

function issuesOf(error: z.ZodError): ProtocolIssue[] {
  return error.issues.map((issue) => ({ path: jsonPath(issue.path), message: issue.message }));
}

function lineError(line: number, message: string, issues: ProtocolIssue[] = []): TapeLineError {
  const where = issues.length > 0 ? ` (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')})` : '';
  return { line, message: `tape line ${line}: ${message}${where}`, issues };
}

/**
 * Reads a whole tape. Never throws: a bad line becomes an entry in `errors` (with its 1-based line
 * number) and every other line is still read. Blank lines are skipped; CRLF is accepted.
 */
export function parseTape(text: string): ParsedTape {
  const lines = text.split(/\r?\n/);
  let header: TapeHeader | undefined;
  const events: TapeEvent[] = [];
  const errors: TapeLineError[] = [];
  let sawFirst = false;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (cause) {
      errors.push(lineError(line, `not valid JSON: ${(cause as Error).message}`));
      sawFirst = true;
      return;
    }
    if (!sawFirst) {
      sawFirst = true;
      const result = TapeHeaderSchema.safeParse(value);
      if (result.success) header = value as TapeHeader;
      else errors.push(lineError(line, 'the first line must be a ccr-tape version 1 header', issuesOf(result.error)));
      return;
    }
    const result = TapeEventSchema.safeParse(value);
    if (result.success) events.push(value as TapeEvent);
    else errors.push(lineError(line, 'not a valid tape event', issuesOf(result.error)));
  });
  return { header, events, errors };
}

function serializeChecked<T extends object>(schema: z.ZodType, value: T, what: string, first: readonly string[]): string {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issues = issuesOf(result.error);
    throw new ProtocolError(
      `Cannot write ${what}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}. Fix the value before recording it.`,
      issues,
    );
  }
  const record = value as Record<string, unknown>;
  const ordered: Record<string, unknown> = {};
  for (const key of first) if (key in record) ordered[key] = record[key];
  for (const [key, v] of Object.entries(record)) if (!(key in ordered)) ordered[key] = v;
  return JSON.stringify(ordered);
}

/**
 * One tape event as a line of JSON (no trailing newline), `t` and `kind` first.
 * @throws {ProtocolError} when the event does not match its schema.
 */
export function serializeTapeEvent(event: TapeEvent): string {
  return serializeChecked(TapeEventSchema, event, `a tape event (${String(event.kind)})`, ['t', 'kind', 'id']);
}

/**
 * The header as a line of JSON (no trailing newline), `kind`, `format` and `version` first.
 * @throws {ProtocolError} when the header does not match its schema.
 */
export function serializeTapeHeader(header: TapeHeader): string {
  return serializeChecked(TapeHeaderSchema, header, 'the tape header', ['kind', 'format', 'version']);
}

/**
 * A whole tape: header line, one line per event, and a final newline.
 * @throws {ProtocolError} when the header or an event does not match its schema.
 */
export function serializeTape(header: TapeHeader, events: readonly TapeEvent[]): string {
  return [serializeTapeHeader(header), ...events.map(serializeTapeEvent)].join('\n') + '\n';
}
