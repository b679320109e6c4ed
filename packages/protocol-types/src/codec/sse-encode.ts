/** The fields of one server-sent event to encode. */
export interface SseEventInit {
  /** Event name; omitted means `message`. */
  event?: string | undefined;
  /** Payload; each line becomes its own `data:` line, so it may contain line breaks. */
  data: string;
  /** Event id (the client's next `Last-Event-ID`). */
  id?: string | undefined;
  /** Reconnection time in milliseconds. */
  retry?: number | undefined;
}

const LINE_BREAKS = /\r\n|\r|\n/;

function checkSingleLine(field: string, value: string): void {
  if (/[\r\n]/.test(value)) {
    throw new TypeError(`SSE ${field} ${JSON.stringify(value)} contains a line break; it must fit on one line.`);
  }
}

/**
 * Encodes one event as `text/event-stream` text, ending with the blank line that dispatches it.
 * Line breaks in `data` (LF, CR or CRLF) split it into several `data:` lines and decode as `\n`.
 * @throws {TypeError} when `event` or `id` contains a line break, `id` contains NUL, or `retry` is
 * not a non-negative integer.
 */
export function encodeSseEvent(init: SseEventInit): string {
  let out = '';
  if (init.event !== undefined) {
    checkSingleLine('event name', init.event);
    out += `event: ${init.event}\n`;
  }
  if (init.id !== undefined) {
    checkSingleLine('id', init.id);
    if (init.id.includes('\0')) throw new TypeError(`SSE id ${JSON.stringify(init.id)} contains NUL; clients ignore such ids.`);
    out += `id: ${init.id}\n`;
  }
  if (init.retry !== undefined) {
    if (!Number.isSafeInteger(init.retry) || init.retry < 0) {
      throw new TypeError(`SSE retry must be a non-negative integer of milliseconds, got ${init.retry}.`);
    }
    out += `retry: ${init.retry}\n`;
  }
  for (const line of init.data.split(LINE_BREAKS)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/** Encodes a comment (`: text`), e.g. a keep-alive; each line of `text` becomes its own comment line. */
export function encodeSseComment(text: string): string {
  let out = '';
  for (const line of text.split(LINE_BREAKS)) out += `: ${line}\n`;
  return out;
}
