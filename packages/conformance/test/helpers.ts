import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTape, serializeTape, type TapeEvent } from '@ccr-kit/protocol-types';

/** The package's corpus folder. */
export const CORPUS = join(import.meta.dirname, '..', 'corpus');

/** The newest CLI version in the corpus. */
export const NEWEST_CLI = '2.1.337';

/**
 * The text of a corpus tape by id: `cli-<version>/<flow>` as in the manifest, a bare flow id from
 * the newest CLI version's folder, `cli-websocket-…`/`cli-sse-…`/`cli-sdk-url-…` from `corpus/cli/`.
 */
export function corpusTape(id: string): string {
  const file = /^cli-\d/.test(id) ? id : /^cli-/.test(id) ? `cli/${id}` : `cli-${NEWEST_CLI}/${id}`;
  return readFileSync(join(CORPUS, `${file}.tape.ndjson`), 'utf8');
}

/** Rewrites the frames of a stdio tape: `edit` gets each frame with its direction and returns the frames to keep in its place. */
export function editTape(text: string, edit: (frame: Record<string, unknown>, dir: string) => Record<string, unknown>[]): string {
  const { header, events } = parseTape(text);
  const out: TapeEvent[] = [];
  for (const event of events) {
    if (event.kind !== 'stdio.line') {
      out.push(event);
      continue;
    }
    for (const frame of edit(JSON.parse(event.text) as Record<string, unknown>, event.dir)) out.push({ ...event, text: JSON.stringify(frame) });
  }
  return serializeTape(header!, out);
}
