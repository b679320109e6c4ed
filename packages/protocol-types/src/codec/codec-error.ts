/** What went wrong while turning bytes into NDJSON lines or SSE events. */
export type CodecErrorCode = 'INVALID_JSON' | 'LINE_TOO_LONG' | 'INVALID_UTF8' | 'TRUNCATED' | 'EVENT_TOO_LARGE';

/**
 * A problem in one line (NDJSON) or one event (SSE) of a byte stream. Decoders return it as a
 * value next to the good items and carry on with the next line; they never throw it.
 */
export class CodecError extends Error {
  override readonly name = 'CodecError';
  readonly code: CodecErrorCode;
  /** 1-based line number in the stream where the problem is. */
  readonly line: number;

  constructor(code: CodecErrorCode, line: number, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.line = line;
  }
}

const EXCERPT_CHARS = 40;
const excerptDecoder = new TextDecoder('utf-8');

/** A short, printable excerpt of a line for error messages (`{"type":"assi…`). */
export function excerptOf(line: string | Uint8Array): string {
  const head =
    typeof line === 'string'
      ? line.slice(0, EXCERPT_CHARS + 1)
      : excerptDecoder.decode(line.subarray(0, EXCERPT_CHARS * 4));
  const cut = head.length > EXCERPT_CHARS ? `${head.slice(0, EXCERPT_CHARS)}…` : head;
  return JSON.stringify(cut);
}
