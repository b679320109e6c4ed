import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NdjsonDecoder, SseDecoder } from '@ccr-kit/protocol-types';
import { ClientError, Session, SseTransport, WebSocketTransport, type WebSocketConstructor } from '@ccr-kit/client';
import { createMockServer, demoAgent } from '@ccr-kit/mock-server';
import { WebSocket, WebSocketServer } from 'ws';
import { below, CrashCounter, Peak, pick, rng, rssMb, waitUntil, type CampaignRow, type CampaignScale } from './common';

const encoder = new TextEncoder();

/** A hostile NDJSON line: what a broken or malicious peer could send where a frame belongs; `bad` when it is not a JSON object at all. */
function hostileLine(random: () => number): { text: string; bad: boolean } {
  const text = hostileText(random);
  // A blank line is allowed between NDJSON lines (skipped, not an error).
  if (text.trim() === '') return { text, bad: false };
  let bad = true;
  try {
    const value: unknown = JSON.parse(text);
    bad = value === null || typeof value !== 'object' || Array.isArray(value);
  } catch {
    bad = true;
  }
  return { text, bad };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function hostileText(random: () => number): string {
  return hostileCase(random).text;
}

function hostileCase(random: () => number): { text: string; bad: boolean } {
  switch (below(random, 12)) {
    case 0:
      return { text: 'null', bad: true };
    case 1:
      return { text: pick(random, ['[1]', '"x"', '42', 'true', '[]', '{}garbage']), bad: true };
    case 2:
      return { text: `${'['.repeat(1 + below(random, 20_000))}`, bad: true };
    case 3:
    {
      const depth = 300 + below(random, 5_000);
      return { text: `{"type":"assistant","deep":${'{"a":'.repeat(depth)}1${'}'.repeat(random() < 0.5 ? depth + 1 : 0)}`, bad: true };
    }
    case 4:
      return { text: `{"type":${pick(random, ['1', 'null', '[]', '{}', '"x"'])},"uuid":${pick(random, ['1', 'null', '"u"'])}}`, bad: false };
    case 5:
      return { text: `{"type":"assistant","message":${pick(random, ['null', '1', '"s"', '{"content":7}', '{"content":[null]}'])}}`, bad: false };
    case 6:
      return { text: `{"type":"stream_event","event":${pick(random, ['null', '{"type":"content_block_delta","delta":null}', '{"type":7}'])}}`, bad: false };
    case 7:
      return { text: `{"type":"control_request","request_id":${pick(random, ['7', 'null', '"r"'])},"request":${pick(random, ['null', '{}', '{"subtype":9}'])}}`, bad: false };
    case 8:
      return { text: `{"type":"result","subtype":${pick(random, ['null', '5', '"success"'])},"usage":"x"}`, bad: false };
    case 9:
      return { text: String.fromCharCode(...Array.from({ length: 1 + below(random, 40) }, () => 0x20 + below(random, 0x5f))), bad: true };
    case 10:
      return { text: `{"type":"assistant","text":"${'x'.repeat(below(random, 5_000))}"}`, bad: false };
    default:
      return { text: `{"type":"keep_alive"}`, bad: false };
  }
}

/** Random bytes with NDJSON/SSE structure mixed in (line breaks, fields, invalid UTF-8). */
function hostileBytes(random: () => number): Uint8Array {
  const parts: Uint8Array[] = [];
  const n = 1 + below(random, 6);
  for (let i = 0; i < n; i++) {
    switch (below(random, 6)) {
      case 0:
        parts.push(Uint8Array.from({ length: below(random, 64) }, () => below(random, 256)));
        break;
      case 1:
        parts.push(encoder.encode(`${hostileLine(random).text}\n`));
        break;
      case 2:
        parts.push(encoder.encode(`data: ${'x'.repeat(below(random, 3000))}\n${random() < 0.5 ? '\n' : ''}`));
        break;
      case 3:
        parts.push(Uint8Array.of(0xc3, 0x28, 0xe2, 0x82, 0x0a, 0xf0, 0x90));
        break;
      case 4:
        parts.push(encoder.encode(pick(random, ['\r\n', '\n\n', 'id: 1\n', 'event: x\n', ':c\n', 'retry: 9\n', '\uFEFF'])));
        break;
      default:
        parts.push(encoder.encode('{"type":"user","message":{"role":"user","content":"hi"}}\n'));
    }
  }
  return Buffer.concat(parts);
}

/** 10^6 (full) hostile byte streams into each of the two decoders, split at random points: a decoder never throws. */
export function fuzzDecoders(scale: CampaignScale, seed = 1): CampaignRow {
  const cases = scale === 'full' ? 1_000_000 : 20_000;
  const random = rng(seed);
  let crashes = 0;
  let reported = 0;
  const peak = new Peak(() => rssMb());
  const ndjson = new NdjsonDecoder({ maxLineBytes: 4096 });
  const sse = new SseDecoder({ maxEventChars: 4096 });
  for (let i = 0; i < cases; i++) {
    const bytes = hostileBytes(random);
    const cut = below(random, bytes.length + 1);
    for (const decoder of [ndjson, sse]) {
      try {
        const items = [...decoder.push(bytes.subarray(0, cut)), ...decoder.push(bytes.subarray(cut))];
        if (i % 64 === 63) items.push(...decoder.end());
        reported += items.filter((item) => ('ok' in item ? !item.ok : item.kind === 'error')).length;
      } catch {
        crashes++;
      }
    }
  }
  return {
    campaign: `fuzz: NDJSON and SSE decoders, ${cases} byte streams into each`,
    cases: cases * 2,
    faults: cases * 2,
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    leaked: 0,
    crashes,
    peakRssMb: peak.stop(),
    notes: `${reported} bad lines/events reported, each with its line number; none thrown`,
  };
}

/** The `result` that ends a fuzzed stream: its arrival proves the client got past everything before it. */
function endOfTurn(uuid: string): Record<string, unknown> {
  return {
    type: 'result',
    subtype: 'success',
    is_error: false,
    duration_ms: 1,
    duration_api_ms: 1,
    num_turns: 1,
    result: 'end',
    stop_reason: 'end_turn',
    total_cost_usd: 0,
    usage: { input_tokens: 1, output_tokens: 1 },
    modelUsage: {},
    permission_denials: [],
    uuid,
    session_id: 's',
  };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/**
 * 10^5 (full) hostile frames from a real WebSocket server and a real SSE server into the client:
 * no exit, no unhandled rejection, every line that is not a frame object reported with its line
 * number, and the good frame after each batch still delivered.
 */
export async function fuzzClient(scale: CampaignScale, seed = 2): Promise<CampaignRow> {
  const frames = scale === 'full' ? 100_000 : 2_000;
  const random = rng(seed);
  const crashes = new CrashCounter();
  const peak = new Peak(() => rssMb());
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  let expectedBad = 0;
  let sent = 0;
  const batches: string[] = [];
  while (sent < frames) {
    const lines: string[] = [];
    for (let i = 0; i < 50 && sent < frames; i++, sent++) {
      const line = hostileLine(random);
      if (line.bad) expectedBad++;
      lines.push(line.text);
    }
    batches.push(`${lines.join('\n')}\n{"type":"keep_alive"}\n`);
  }
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const text = String(data);
      if (!text.includes('"initialize"')) return;
      const id = /"request_id":"([^"]+)"/.exec(text)?.[1];
      socket.send(`${JSON.stringify({ type: 'control_response', response: { subtype: 'success', request_id: id, response: {} } })}\n`);
      for (const batch of batches) socket.send(batch);
      socket.send(`${JSON.stringify(endOfTurn('99999999-9999-4999-8999-999999999999'))}\n`);
    });
  });
  const port = await listen(http);
  let invalid = 0;
  let ended = false;
  const session = new Session({
    sessionId: 's',
    transport: () => new WebSocketTransport({ url: `ws://127.0.0.1:${port}/`, WebSocket: WebSocket as unknown as WebSocketConstructor, maxLineBytes: 1024 * 1024 }),
    maxRetries: 0,
    onError: (error) => {
      if (error instanceof ClientError && error.code === 'INVALID_FRAME' && /line \d+/.test(error.message)) invalid++;
    },
    onResult: () => {
      ended = true;
    },
  });
  await session.connect();
  await waitUntil(() => ended, 120_000);
  session.disconnect();
  for (const client of wss.clients) client.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await new Promise<void>((resolve) => http.close(() => resolve()));

  // The same over SSE: events whose data or payload is hostile.
  const sseFrames = Math.floor(frames / 10);
  let sseText = '';
  let sseBad = 0;
  for (let i = 0; i < sseFrames; i++) {
    const line = hostileLine(random);
    const kind = below(random, 3);
    if (kind === 0) {
      sseText += `event: ephemeral_event\ndata: {"event_type":"x","payload_json":${JSON.stringify(line.text)}}\n\n`;
      // A payload that parses to an object is a frame (maybe an unknown one), not an error.
      if (line.bad) sseBad++;
    } else if (kind === 1) {
      sseText += `event: client_event\nid: x\ndata: ${line.text.replace(/\n/g, '')}\n\n`;
      sseBad++;
    } else {
      sseText += `event: ephemeral_event\ndata: {"event_type":"x","payload":null}\n\n`;
      sseBad++;
    }
  }
  const sseServer = createServer((_req, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(sseText);
    const payload = endOfTurn('88888888-8888-4888-8888-888888888888');
    res.write(`event: client_event\nid: 1\ndata: ${JSON.stringify({ event_id: 'e1', sequence_num: 1, event_type: 'result', payload })}\n\n`);
  });
  const ssePort = await listen(sseServer);
  let sseReported = 0;
  let sseEnded = false;
  const sseSession = new Session({
    sessionId: 's',
    initializeTimeout: 200,
    transport: () => new SseTransport({ url: `http://127.0.0.1:${ssePort}/`, post: async () => undefined }),
    maxRetries: 0,
    onError: (error) => {
      if (error instanceof ClientError && error.code === 'INVALID_FRAME') sseReported++;
    },
    onResult: () => {
      sseEnded = true;
    },
  });
  await sseSession.connect();
  await waitUntil(() => sseEnded, 60_000);
  sseSession.disconnect();
  sseServer.closeAllConnections();
  await new Promise<void>((resolve) => sseServer.close(() => resolve()));
  const unreported = Math.max(0, expectedBad - invalid) + Math.max(0, sseBad - sseReported);
  return {
    campaign: 'fuzz: hostile servers into the client (WebSocket + SSE)',
    cases: frames + sseFrames,
    faults: expectedBad + sseBad,
    lost: (ended ? 0 : 1) + (sseEnded ? 0 : 1),
    duplicated: 0,
    outOfOrder: 0,
    leaked: 0,
    crashes: crashes.stop() + unreported,
    peakRssMb: peak.stop(),
    notes: `${invalid} of ${expectedBad} non-frame WebSocket lines and ${sseReported} of ${sseBad} bad SSE events reported with where; the frame after them still arrived`,
  };
}

/**
 * 10^5 (full) hostile frames from clients into the mock server, over the WebSocket and by REST:
 * the server answers each bad one with an error that says where, stores none of them, and keeps serving.
 */
export async function fuzzMockServer(scale: CampaignScale, seed = 3): Promise<CampaignRow> {
  const frames = scale === 'full' ? 100_000 : 2_000;
  const random = rng(seed);
  const crashes = new CrashCounter();
  const peak = new Peak(() => rssMb());
  const server = await createMockServer({ agent: demoAgent(), seed: 5 });
  const { id } = await server.admin.createSession({ surface: 'v2' });
  const socket = new WebSocket(`${server.wsUrl}/v1/sessions/ws/${id}/subscribe`);
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let errorLines = 0;
  socket.on('message', (data) => {
    for (const line of String(data).split('\n')) {
      if (line.startsWith('{"type":"error"') || (line.startsWith('{"type":"control_response"') && line.includes('"subtype":"error"'))) errorLines++;
    }
  });
  let badSent = 0;
  const wsFrames = Math.floor(frames / 2);
  for (let i = 0; i < wsFrames; i += 50) {
    const lines: string[] = [];
    for (let j = 0; j < 50; j++) {
      const line = hostileLine(random);
      // Every hostile line here is refused: not a frame, or a frame a client may not send (a
      // keep-alive is a frame a client may send, so it is swapped for a bad one).
      // A line that is not JSON at all ends the socket (close 1007, as the decoder cannot resync
      // meaning): those go by REST below, where each request stands alone.
      lines.push(line.text === '{"type":"keep_alive"}' || !parses(line.text) ? 'null' : line.text);
      badSent++;
    }
    socket.send(`${lines.join('\n')}\n`);
    if (i % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  let rest400 = 0;
  const restFrames = frames - wsFrames;
  for (let i = 0; i < restFrames; i += 10) {
    const lines: string[] = [];
    for (let j = 0; j < 10; j++) lines.push(`{"payload":${hostileLine(random).text}}`);
    const res = await fetch(`${server.url}/v1/code/sessions/${id}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"events":[${lines.join(',')}]}` });
    await res.arrayBuffer();
    if (res.status === 400) rest400++;
  }
  await waitUntil(() => errorLines >= badSent, 30_000);
  const health = await fetch(`${server.url}/v1/sessions/${id}`);
  const stored = (await (await fetch(`${server.url}/v1/code/sessions/${id}/events`)).json()) as { data: unknown[] };
  socket.terminate();
  await server.close();
  const restBatches = Math.ceil(restFrames / 10);
  return {
    campaign: 'fuzz: hostile clients into the mock server (WebSocket + REST)',
    cases: frames,
    faults: frames,
    lost: 0,
    duplicated: 0,
    outOfOrder: 0,
    leaked: stored.data.length,
    crashes: crashes.stop() + (health.status === 200 ? 0 : 1) + Math.max(0, badSent - errorLines) + (restBatches - rest400),
    peakRssMb: peak.stop(),
    notes: `${errorLines} error lines for ${badSent} bad WebSocket lines; ${rest400} of ${restBatches} bad REST batches refused with 400; ${stored.data.length} of them stored`,
  };
}
