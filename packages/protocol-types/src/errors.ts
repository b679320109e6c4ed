/** One problem found in a frame or body, with the JSON path where it is. */
export interface ProtocolIssue {
  /** JSON path from the root of the value, e.g. `$.message.content[0].type`. */
  readonly path: string;
  readonly message: string;
}

/** A frame or body that crossed the wire and does not fit the protocol; `issues` says where. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  readonly issues: readonly ProtocolIssue[];

  constructor(message: string, issues: readonly ProtocolIssue[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.issues = issues;
  }
}

/** Formats zod-style issue paths as JSON paths (`$.a[0].b`). */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_$][\w$]*$/.test(part)) out += `.${part}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}
