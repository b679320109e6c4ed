import { isRecord, tryParseJson, type JsonObject } from '../internal/json';

/** One line of a merged stdio recording. */
export interface StdioLine {
  readonly dir: 'stdin' | 'stdout';
  readonly text: string;
}

/**
 * Where to put stdin lines the rules below would misplace: stdin line number (1-based) → the
 * stdout line number (1-based) it follows; 0 puts it before every stdout line.
 */
export type InterleaveHints = Readonly<Record<number, number>>;

function frameOf(text: string): JsonObject {
  const value = tryParseJson(text);
  return isRecord(value) ? value : {};
}

function responseId(frame: JsonObject): string | undefined {
  if (frame.type !== 'control_response' || !isRecord(frame.response)) return undefined;
  const id = frame.response.request_id;
  return typeof id === 'string' ? id : undefined;
}

/** Frames a host reacts to: after one of these it may write its next line. */
function isBoundary(frame: JsonObject): boolean {
  return frame.type === 'result' || frame.type === 'control_response' || frame.type === 'stream_event' || frame.type === 'control_request';
}

function indexWhere(frames: readonly JsonObject[], predicate: (f: JsonObject) => boolean, from = 0): number {
  for (let i = from; i < frames.length; i++) if (predicate(frames[i]!)) return i;
  return -1;
}

/**
 * Merges a CLI's separately recorded stdin and stdout into one ordered stream, as the host saw it.
 * The recordings keep no clock, so each stdin line goes where the protocol says it must be:
 *
 * - an answer (`control_response`) right after the CLI's `control_request` it answers;
 * - the first prompt at the start; the n-th prompt after the (n-1)-th `result` (a prompt written
 *   mid-turn runs after that turn anyway);
 * - a host `control_request` after the last frame the host could have reacted to before the
 *   CLI's answer to it (a `result`, `control_response`, `stream_event` or CLI `control_request`);
 * - never before an earlier stdin line, nor before the answer to an earlier host request (the
 *   host waits for it).
 *
 * `hints` overrides the position of individual stdin lines.
 */
export function interleaveStdio(stdin: readonly string[], stdout: readonly string[], hints: InterleaveHints = {}): StdioLine[] {
  const out = stdout.map(frameOf);
  const positions: number[] = [];
  let previous = 0;
  let afterAnswers = 0;
  let prompts = 0;
  stdin.forEach((text, i) => {
    const frame = frameOf(text);
    let position = previous;
    const hint = hints[i + 1];
    if (hint !== undefined) {
      position = hint;
    } else if (frame.type === 'control_response') {
      const id = responseId(frame);
      const asked = indexWhere(out, (f) => f.type === 'control_request' && f.request_id === id);
      if (asked >= 0) position = asked + 1;
    } else if (frame.type === 'user') {
      if (prompts > 0) {
        let seen = 0;
        const result = indexWhere(out, (f) => f.type === 'result' && ++seen === prompts);
        if (result >= 0) position = result + 1;
      }
      prompts++;
    } else if (frame.type === 'control_request' && typeof frame.request_id === 'string') {
      const id = frame.request_id;
      const answered = indexWhere(out, (f) => responseId(f) === id);
      if (answered >= 0) {
        let boundary = answered - 1;
        while (boundary >= 0 && !isBoundary(out[boundary]!)) boundary--;
        position = boundary + 1;
        positions.push(Math.max(position, previous, afterAnswers));
        previous = positions[i]!;
        afterAnswers = Math.max(afterAnswers, answered + 1);
        return;
      }
    }
    if (hint === undefined) position = Math.max(position, previous, afterAnswers);
    positions.push(position);
    previous = position;
  });
  const merged: StdioLine[] = [];
  let next = 0;
  for (let j = 0; j <= stdout.length; j++) {
    while (next < stdin.length && positions[next]! <= j) merged.push({ dir: 'stdin', text: stdin[next++]! });
    if (j < stdout.length) merged.push({ dir: 'stdout', text: stdout[j]! });
  }
  return merged;
}
