import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_MAX_JSON_DEPTH, findTooDeep, type Clock } from '@ccr-kit/protocol-types';
import type { Faults } from '../faults';
import { HttpError } from './errors';

/**
 * Reads a request body as JSON (an empty body reads as `undefined`).
 * @throws {HttpError} 413 when it is longer than `maxBytes`, 400 when it is not valid JSON.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw new HttpError(413, `The request body is ${declared} bytes; this server accepts at most ${maxBytes} bytes.`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    total += buffer.length;
    if (total > maxBytes) {
      req.resume();
      throw new HttpError(413, `The request body is longer than ${maxBytes} bytes, the most this server accepts.`);
    }
    chunks.push(buffer);
  }
  if (total === 0) return undefined;
  const text = Buffer.concat(chunks, total).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, `The request body is not valid JSON: ${(error as Error).message}.`);
  }
  // Checked before anything reads it recursively (schemas, the journal): nothing is stored.
  const deep = findTooDeep(value);
  if (deep !== undefined) {
    throw new HttpError(400, `Invalid body: ${deep.replace(/^\$/, 'body')}: nested deeper than ${DEFAULT_MAX_JSON_DEPTH} levels; nothing was stored.`);
  }
  return value;
}

/** Writes a JSON answer; a `dribble` fault sends it a few bytes at a time on the server clock. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  options: { headers?: Readonly<Record<string, string>> | undefined; faults?: Faults | undefined; clock?: Clock | undefined } = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...options.headers,
  });
  const dribble = options.faults?.dribble;
  if (dribble === undefined || options.clock === undefined || text.length === 0) {
    res.end(text);
    return;
  }
  const clock = options.clock;
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  const step = (): void => {
    if (res.destroyed) return;
    const piece = bytes.subarray(offset, offset + dribble.bytes);
    offset += piece.length;
    if (offset >= bytes.length) {
      res.end(piece);
      return;
    }
    res.write(piece);
    clock.setTimeout(step, dribble.intervalMs);
  };
  step();
}
