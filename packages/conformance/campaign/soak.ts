import { ClaudeClient, type SessionManager } from '@ccr-kit/client';
import { createMockServer, type Faults, type MockServer } from '@ccr-kit/mock-server';
import { below, CrashCounter, Peak, pick, rng, rssMb, sleep, waitUntil, type CampaignRow, type CampaignScale } from './common';

type Kind = 'websocket' | 'sse';

function assistant(marker: string): Record<string, unknown> {
  return {
    type: 'assistant',
    parent_tool_use_id: null,
    message: { id: `msg_${marker}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-6', content: [{ type: 'text', text: marker }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
  };
}

function delta(text: string): Record<string, unknown> {
  return { type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }, parent_tool_use_id: null };
}

/** A random fault: drops, duplicates, split lines, clean closes (1011, 4090, 1001), 5xx answers, slow links. */
function randomFault(random: () => number, kind: Kind): Faults {
  const afterFrames = 1 + below(random, 6);
  const only = process.env.CCR_CAMPAIGN_FAULTS?.split(',').map(Number);
  const choice = only === undefined ? below(random, 8) : (only[below(random, only.length)] as number);
  switch (choice) {
    case 0:
      return { dropAfterFrames: afterFrames };
    case 1:
      return { duplicateFrames: true, dropAfterFrames: afterFrames + 2 };
    case 2:
      return kind === 'websocket' ? { splitLines: pick(random, [2, 3, 7]), dropAfterFrames: afterFrames } : { dropAfterFrames: afterFrames };
    case 3:
      return { close: { code: pick(random, [1011, 4090, 1001, 1000, 3000]), afterFrames } };
    case 4:
      // The reconnect's own requests (the REST backfill, the SSE stream) fail first.
      return { httpError: { status: pick(random, [500, 502, 503]), count: 1 + below(random, 2) }, dropAfterFrames: afterFrames };
    case 5:
      return { delayMs: 5 + below(random, 30), duplicateFrames: random() < 0.5 };
    case 6:
      return { dribble: { bytes: 16 + below(random, 200), intervalMs: 1 }, dropAfterFrames: afterFrames + 3 };
    default:
      return { duplicateFrames: true };
  }
}

interface Tracked {
  readonly kind: Kind;
  readonly session: SessionManager;
  readonly injected: string[];
  readonly seen: string[];
  reconnects: number;
}

async function open(server: MockServer, client: ClaudeClient, kind: Kind, tracked: Omit<Tracked, 'session' | 'kind'>): Promise<SessionManager> {
  const options = {
    replay: false,
    maxRetries: 100_000,
    backoff: { initialDelay: 5, maxDelay: 100 },
    requestTimeout: 10_000,
    onFrame: (frame: unknown) => {
      const raw = ((frame as { raw?: unknown }).raw ?? frame) as { type?: string; message?: { content?: { text?: string }[] } };
      if (raw.type === 'assistant') tracked.seen.push(String(raw.message?.content?.[0]?.text));
    },
    onStateChange: (state: string) => {
      if (state === 'reconnecting') tracked.reconnects++;
    },
  };
  if (kind === 'websocket') return client.create({ title: 'soak', ...options });
  const created = await client.api.createCodeSession({ title: 'soak', config: { cwd: 'soak' } });
  return client.connect(created.session.id, { ...options, transport: 'sse' });
}

/** Counts messages lost, delivered twice, or delivered out of order, against what the server stored. */
function score(tracked: readonly Tracked[]): { lost: number; duplicated: number; outOfOrder: number } {
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  for (const t of tracked) {
    const counts = new Map<string, number>();
    for (const marker of t.seen) counts.set(marker, (counts.get(marker) ?? 0) + 1);
    for (const marker of t.injected) {
      const n = counts.get(marker) ?? 0;
      if (n === 0) lost++;
      if (n > 1) duplicated += n - 1;
    }
    const firstSeen = [...new Set(t.seen)];
    const order = new Map(t.injected.map((m, i) => [m, i]));
    for (let i = 1; i < firstSeen.length; i++) if ((order.get(firstSeen[i]!) ?? 0) < (order.get(firstSeen[i - 1]!) ?? 0)) outOfOrder++;
  }
  return { lost, duplicated, outOfOrder };
}

/**
 * Sessions on both transports (and a v1-only run) under mixed faults for a while: drops, duplicates,
 * split lines, clean closes, 5xx answers, slow links, and reconnects that meet the fault again in the
 * middle of their catch-up. Every message the server stored must reach the application once, in order.
 */
export async function soak(scale: CampaignScale, kinds: readonly Kind[], seed: number): Promise<CampaignRow> {
  const sessions = scale === 'full' ? 50 : 6;
  const durationMs = scale === 'full' ? 150_000 : 6_000;
  const random = rng(seed);
  const crashes = new CrashCounter();
  const peak = new Peak(() => rssMb());
  const server = await createMockServer({ seed });
  const client = new ClaudeClient({ baseUrl: server.url, organizationUuid: 'org-soak', sessionKey: 'sk-soak', cfClearance: 'cf', userAgent: 'ccr-kit-campaign' });
  const tracked: Tracked[] = [];
  for (let i = 0; i < sessions; i++) {
    const kind = kinds[i % kinds.length] as Kind;
    const state = { injected: [] as string[], seen: [] as string[], reconnects: 0 };
    const session = await open(server, client, kind, state);
    tracked.push(Object.assign(state, { kind, session }));
  }
  let faults = 0;
  const end = Date.now() + durationMs;
  await Promise.all(
    tracked.map(async (t, n) => {
      let step = 0;
      while (Date.now() < end) {
        step++;
        if (random() < 0.3) {
          server.admin.setFaults(randomFault(random, t.kind), t.session.sessionId);
          faults++;
        }
        const before = t.reconnects;
        const count = 1 + below(random, 5);
        for (let i = 0; i < count; i++) {
          const marker = `s${n}-${step}-${i}`;
          if (random() < 0.5) await server.admin.inject(t.session.sessionId, delta(marker));
          await server.admin.inject(t.session.sessionId, assistant(marker));
          t.injected.push(marker);
        }
        await sleep(5 + below(random, 40));
        // Faults stay on for a reconnect or two, so catch-ups are cut in the middle too.
        if (t.reconnects > before + below(random, 3)) server.admin.clearFaults(t.session.sessionId);
      }
      server.admin.clearFaults(t.session.sessionId);
    }),
  );
  server.admin.clearFaults();
  const settled = await waitUntil(() => tracked.every((t) => t.session.state === 'connected' && new Set(t.seen).size >= t.injected.length), 60_000);
  await sleep(300);
  const result = score(tracked);
  for (const t of tracked) t.session.disconnect();
  await server.close();
  const messages = tracked.reduce((a, t) => a + t.injected.length, 0);
  const reconnects = tracked.reduce((a, t) => a + t.reconnects, 0);
  return {
    campaign: `soak: ${sessions} sessions over ${kinds.join(' + ')}, ${Math.round(durationMs / 1000)} s`,
    cases: messages,
    faults,
    ...result,
    leaked: 0,
    crashes: crashes.stop(),
    peakRssMb: peak.stop(),
    notes: `${reconnects} reconnects; ${settled ? 'every session caught up' : 'NOT every session caught up within 60 s'}`,
  };
}
