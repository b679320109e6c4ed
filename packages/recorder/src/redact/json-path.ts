import { RecorderError } from '../errors';

/** One step of a compiled JSON path. */
type Step =
  | { readonly type: 'key'; readonly name: string }
  | { readonly type: 'index'; readonly index: number }
  | { readonly type: 'any' }
  | { readonly type: 'descend' };

/** A JSON path compiled for matching against the path of a value inside a document. */
export interface CompiledJsonPath {
  readonly source: string;
  readonly steps: readonly Step[];
  /** The key the matched value sits under, when the path ends in a key (used to index rules). */
  readonly lastKey: string | undefined;
}

const NAME = /^[^.[\]\s]+/;

function fail(source: string, at: number, expected: string): never {
  throw new RecorderError(
    'USAGE',
    `Invalid JSON path ${JSON.stringify(source)} at character ${at + 1}: expected ${expected}. ` +
      "Write paths like '$.account.email', '$..email', '$.events[*].payload' or \"$['x-key']\".",
  );
}

function readBracket(source: string, at: number, steps: Step[]): number {
  const close = source.indexOf(']', at);
  if (close < 0) fail(source, at, 'a closing ]');
  const inner = source.slice(at + 1, close).trim();
  if (inner === '*') steps.push({ type: 'any' });
  else if (/^\d+$/.test(inner)) steps.push({ type: 'index', index: Number(inner) });
  else if (/^'[^']*'$/.test(inner) || /^"[^"]*"$/.test(inner)) steps.push({ type: 'key', name: inner.slice(1, -1) });
  else fail(source, at + 1, "an index, '*' or a quoted key inside [ ]");
  return close + 1;
}

function readName(source: string, at: number, steps: Step[]): number {
  if (source[at] === '*') {
    steps.push({ type: 'any' });
    return at + 1;
  }
  const match = NAME.exec(source.slice(at));
  if (match === null) fail(source, at, "a key name or '*'");
  steps.push({ type: 'key', name: match[0] });
  return at + match[0].length;
}

/**
 * Compiles a JSON path (`$`, `.key`, `..key`, `[n]`, `[*]`, `.*`, `['key']`).
 * @throws {RecorderError} `USAGE` with the position of the first bad character.
 */
export function compileJsonPath(source: string): CompiledJsonPath {
  const text = source.trim();
  if (!text.startsWith('$')) fail(source, 0, "'$' at the start");
  const steps: Step[] = [];
  let at = 1;
  while (at < text.length) {
    if (text.startsWith('..', at)) {
      steps.push({ type: 'descend' });
      at += 2;
      at = text[at] === '[' ? readBracket(text, at, steps) : readName(text, at, steps);
    } else if (text[at] === '.') {
      at = readName(text, at + 1, steps);
    } else if (text[at] === '[') {
      at = readBracket(text, at, steps);
    } else {
      fail(source, at, "'.', '..' or '['");
    }
  }
  if (steps.length === 0) fail(source, 1, 'at least one step after $ (redacting the whole document is not supported)');
  const last = steps[steps.length - 1];
  return { source, steps, lastKey: last?.type === 'key' ? last.name : undefined };
}

function matchFrom(steps: readonly Step[], si: number, path: readonly (string | number)[], pi: number): boolean {
  if (si === steps.length) return pi === path.length;
  const step = steps[si] as Step;
  if (step.type === 'descend') {
    for (let k = pi; k < path.length; k++) if (matchFrom(steps, si + 1, path, k)) return true;
    return false;
  }
  if (pi === path.length) return false;
  const part = path[pi];
  const ok = step.type === 'any' || (step.type === 'key' ? part === step.name : part === step.index);
  return ok && matchFrom(steps, si + 1, path, pi + 1);
}

/** Whether a compiled path matches the location `path` (keys and array indexes from the root). */
export function matchJsonPath(compiled: CompiledJsonPath, path: readonly (string | number)[]): boolean {
  return matchFrom(compiled.steps, 0, path, 0);
}
