import { parseTape, type ParsedTape, type TapeEvent } from '@ccr-kit/protocol-types';
import { surfaceOfUrl } from '../frames/extract';

/**
 * The tape as the mock server's tape agent must read it. The tape agent takes a `ws.frame`
 * `to-client` as a frame the agent sends, which holds on a client's socket. On a worker's socket
 * (the CLI over `--sdk-url`, PROTOCOL.md#stdio) the CLI is the WebSocket client, so the seats are
 * swapped: its frames are rewritten as the stdio lines they stand for (`to-server` → stdout,
 * `to-client` → stdin) and its opens and closes are left out. Other tapes come back as parsed.
 */
export function agentSideTape(text: string): ParsedTape {
  const parsed = parseTape(text);
  const workerSockets = new Set(parsed.events.flatMap((e) => (e.kind === 'ws.open' && surfaceOfUrl(e.url) === 'worker' ? [e.id] : [])));
  if (workerSockets.size === 0) return parsed;
  const events: TapeEvent[] = [];
  for (const event of parsed.events) {
    if (event.kind === 'ws.open' || event.kind === 'ws.close') {
      if (!workerSockets.has(event.id)) events.push(event);
      continue;
    }
    if (event.kind !== 'ws.frame' || !workerSockets.has(event.id)) {
      events.push(event);
      continue;
    }
    const dir = event.dir === 'to-server' ? 'stdout' : 'stdin';
    for (const line of event.text.split('\n')) if (line.trim() !== '') events.push({ t: event.t, kind: 'stdio.line', dir, text: line });
  }
  return { ...parsed, events };
}
