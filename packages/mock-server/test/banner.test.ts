import { afterEach, describe, expect, it } from 'vitest';
import { banner } from '../src/cli/banner';
import type { MockServer } from '../src/index';
import { SseClient, startServer } from './helpers';

let server: MockServer | undefined;
let sse: SseClient | undefined;
afterEach(async () => {
  sse?.close();
  await server?.close();
  server = undefined;
});

/** The `-H` headers and the URL of a printed curl command. */
function curl(line: string): { headers: Record<string, string>; url: string } {
  const headers = Object.fromEntries([...line.matchAll(/-H '([^:]+): ([^']*)'/g)].map((m) => [m[1]!, m[2]!]));
  return { headers, url: /(http:\/\/\S+)/.exec(line)![1]! };
}

describe('the ccr-mock banner', () => {
  it.each(['off', 'strict'] as const)('prints curl commands that work as pasted (auth %s)', async (auth) => {
    server = (await startServer({ auth })).server;
    const v1 = await server.admin.createSession({ title: 'demo (v1)' });
    const v2 = await server.admin.createSession({ title: 'demo (v2)', surface: 'v2' });
    const text = banner({ server, agent: 'probe', auth, v1Session: v1.id, v2Session: v2.id });
    const lines = text.split('\n');
    const watch = curl(lines.find((l) => l.trim().startsWith('curl -N'))!);
    const talkIndex = lines.findIndex((l) => l.trim().startsWith('curl ') && !l.includes(' -N'));
    const talk = curl(lines[talkIndex]!);
    const body = /-d '(.*)'$/.exec(lines[talkIndex + 1]!)![1]!;

    sse = await SseClient.open(watch.url, watch.headers);
    expect(sse.status).toBe(200);
    const posted = await fetch(talk.url, { method: 'POST', headers: talk.headers, body });
    expect(posted.status).toBe(200);
    await sse.waitFor((e) => e.data.event_type === 'result', 'the answer on the printed stream URL');

    const snippet = lines.find((l) => l.includes('const sse = {'))!;
    expect(snippet).toContain(`sessionId: '${v2.id}'`);
    if (auth === 'strict') {
      expect(snippet).toContain(`authorization: 'Bearer ${server.credentials.accessToken}'`);
      expect(text).toContain(`organization_uuid=${server.credentials.organizationUuid}`);
    } else {
      expect(snippet).not.toContain('headers');
    }
  });
});
