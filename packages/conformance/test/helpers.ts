import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTape, serializeTape, type TapeEvent } from '@ccr-kit/protocol-types';

/** The package's corpus folder. */
export const CORPUS = join(import.meta.dirname, '..', 'corpus');

/** The text of a corpus tape by id (`cli-…` ids are read from `corpus/cli/`). */
export function corpusTape(id: string): string {
  const folder = id.startsWith('cli-') ? join(CORPUS, 'cli') : CORPUS;
  return readFileSync(join(folder, `${id}.tape.ndjson`), 'utf8');
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
