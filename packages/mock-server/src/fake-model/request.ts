import type { IncomingMessage } from 'node:http';

/** Whether a value is a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Request headers as one string per name. */
export function headerRecord(request: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Reads the whole request body as UTF-8 text. */
export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The CLI session a Messages request belongs to (`x-claude-code-session-id`, else `metadata.user_id`), or `default`. */
export function sessionKey(headers: Record<string, string>, body: Record<string, unknown>): string {
  const fromHeader = headers['x-claude-code-session-id'];
  if (fromHeader) return fromHeader;
  const userId = isRecord(body.metadata) ? body.metadata.user_id : undefined;
  if (typeof userId === 'string') {
    try {
      const parsed: unknown = JSON.parse(userId);
      if (isRecord(parsed) && typeof parsed.session_id === 'string') return parsed.session_id;
    } catch {
      // Not JSON: older clients send an opaque user id, which names no session.
    }
  }
  return 'default';
}
