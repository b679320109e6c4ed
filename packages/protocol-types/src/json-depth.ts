/**
 * Depth limits for untrusted JSON. `JSON.parse` reads any depth, but recursive code after it (schema
 * checks, walkers) overflows the stack on values nested thousands deep; readers check first and
 * report an input error that says where.
 */

/** Deepest nesting accepted from a peer by default; real frames stay far below it. */
export const DEFAULT_MAX_JSON_DEPTH = 256;

function pathOf(parts: readonly (string | number)[]): string {
  let out = '$';
  for (const part of parts) out += typeof part === 'number' ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `.${part}` : `[${JSON.stringify(part)}]`;
  return out;
}

/**
 * The JSON path of the first value nested deeper than `maxDepth` (objects and arrays count one
 * level each; the top value is level 1), or undefined when the whole value is within the limit.
 * Iterative, so it cannot overflow the stack itself; it only follows the path when it finds one.
 */
export function findTooDeep(value: unknown, maxDepth = DEFAULT_MAX_JSON_DEPTH): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  return exceeds(value, maxDepth) ? pathTo(value, maxDepth) : undefined;
}

/** The cheap pass: whether anything is nested deeper than `maxDepth` (no paths kept). */
function exceeds(root: object, maxDepth: number): boolean {
  const values: object[] = [root];
  const depths: number[] = [1];
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop() as number;
    if (depth > maxDepth) return true;
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children as unknown[]) {
      if (child !== null && typeof child === 'object') {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** The second pass, only after the first found something: the path to the first value too deep. */
function pathTo(root: object, maxDepth: number): string {
  const stack: { value: object; depth: number; parent: number; key: string | number }[] = [{ value: root, depth: 1, parent: -1, key: '' }];
  const seen: { parent: number; key: string | number }[] = [];
  while (stack.length > 0) {
    const item = stack.pop()!;
    const index = seen.push({ parent: item.parent, key: item.key }) - 1;
    if (item.depth > maxDepth) {
      const parts: (string | number)[] = [];
      for (let at = index; at > 0; at = seen[at]!.parent) parts.unshift(seen[at]!.key);
      return pathOf(parts);
    }
    const entries: [string | number, unknown][] = Array.isArray(item.value) ? item.value.map((v, i) => [i, v]) : Object.entries(item.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: item.depth + 1, parent: index, key });
    }
  }
  return '$';
}
