import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { MemoryTapeSink, TapeRecorder, createRecordingProxy, importHar, recordTransport, tapProcess, type RedactionOptions, type RecordableTransport, type RecordableTransportMessage } from '@ccr-kit/recorder';
import { WebSocket, WebSocketServer } from 'ws';
import { CrashCounter, Peak, rng, rssMb, type CampaignRow } from './common';

/** One kind of secret: how it looks, and how the recorder can know it (configured, environment, or its shape alone). */
interface Shape {
  readonly name: string;
  readonly value: string;
  /** How the secret is put into text (e.g. `AWS_SECRET_ACCESS_KEY=<value>`); the value alone by default. */
  readonly inText?: (value: string) => string;
  readonly redaction: RedactionOptions;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function chars(random: () => number, n: number, alphabet = ALPHABET): string {
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(random() * alphabet.length)];
  return out;
}

const j = (...parts: string[]): string => parts.join('');

/** At least 40 secret shapes, built at run time so no tracked file holds anything credential-shaped. */
export function secretShapes(seed = 7): Shape[] {
  const r = rng(seed);
  const none: RedactionOptions = { env: false };
  const known = (value: string): RedactionOptions => ({ env: false, secrets: [value] });
  const b64 = (text: string, url = false) => Buffer.from(text).toString(url ? 'base64url' : 'base64');
  const jwt = j(b64('{"alg":"HS256","typ":"JWT"}', true), '.', b64(`{"sub":"${chars(r, 12)}","exp":1900000000}`, true), '.', chars(r, 43, `${ALPHABET}-_`));
  const pem = j('-----BEGIN ', 'RSA PRIVATE KEY-----\n', chars(r, 64), '\n', chars(r, 64), '\n-----END ', 'RSA PRIVATE KEY-----');
  const shapes: Shape[] = [
    { name: 'Anthropic API key', value: j('sk-', 'ant-', 'api03-', chars(r, 40)), redaction: none },
    { name: 'Anthropic session key', value: j('sk-', 'ant-', 'sid01-', chars(r, 40)), redaction: none },
    { name: 'Anthropic OAuth token', value: j('sk-', 'ant-', 'oat01-', chars(r, 40)), redaction: none },
    { name: 'Anthropic admin key', value: j('sk-', 'ant-', 'admin01-', chars(r, 40)), redaction: none },
    { name: 'JWT', value: jwt, redaction: none },
    { name: 'GitHub personal token', value: j('gh', 'p_', chars(r, 36)), redaction: none },
    { name: 'GitHub OAuth token', value: j('gh', 'o_', chars(r, 36)), redaction: none },
    { name: 'GitHub fine-grained token', value: j('github', '_pat_', chars(r, 40)), redaction: none },
    { name: 'AWS access key id', value: j('AK', 'IA', chars(r, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')), redaction: none },
    { name: 'AWS secret access key', value: chars(r, 40, `${ALPHABET}+/`), inText: (v) => `AWS_SECRET_ACCESS_KEY=${v}`, redaction: none },
    { name: 'Slack bot token', value: j('xo', 'xb-', chars(r, 12, '0123456789'), '-', chars(r, 24)), redaction: none },
    { name: 'Slack user token', value: j('xo', 'xp-', chars(r, 12, '0123456789'), '-', chars(r, 24)), redaction: none },
    { name: 'Slack webhook path', value: j(chars(r, 9), '/', chars(r, 11), '/', chars(r, 24)), inText: (v) => `https://hooks.slack.com/services/${v}`, redaction: none },
    { name: 'Google API key', value: j('AI', 'za', chars(r, 35, `${ALPHABET}_-`)), redaction: none },
    { name: 'sk-proj key', value: j('sk-', 'proj-', chars(r, 48)), redaction: none },
    { name: 'Stripe live key', value: j('sk', '_live_', chars(r, 24)), redaction: none },
    { name: 'npm token', value: j('np', 'm_', chars(r, 36)), redaction: none },
    { name: 'PEM private key', value: pem, redaction: none },
    { name: 'Cloudflare clearance (text)', value: chars(r, 43, `${ALPHABET}-_.`), inText: (v) => `cf_clearance=${v}`, redaction: none },
    { name: 'sessionKey cookie (text)', value: chars(r, 40), inText: (v) => `sessionKey=${v}`, redaction: none },
    { name: 'password= in text', value: chars(r, 20), inText: (v) => `password=${v}`, redaction: none },
    { name: 'client_secret: in YAML', value: chars(r, 32), inText: (v) => `client_secret: "${v}"`, redaction: none },
    { name: 'api_key = in code', value: chars(r, 32), inText: (v) => `const api_key = '${v}';`, redaction: none },
    { name: 'DB URL password', value: chars(r, 18), inText: (v) => `postgres://app:${v}@db.internal:5432/main`, redaction: none },
    { name: 'Bearer opaque token', value: chars(r, 40), inText: (v) => `Authorization: Bearer ${v}`, redaction: none },
    { name: 'Basic credentials', value: b64(`user:${chars(r, 16)}`), inText: (v) => `Authorization: Basic ${v}`, redaction: none },
    { name: 'auth_key: in JSON text', value: chars(r, 30), inText: (v) => `"auth_key": "${v}"`, redaction: none },
    { name: 'private_key= in env file', value: chars(r, 44), inText: (v) => `MY_PRIVATE_KEY=${v}`, redaction: none },
    { name: 'configured secret', value: j('cfg', chars(r, 32)), redaction: {} },
    { name: 'configured secret with symbols', value: j('p@ss w0rd/', chars(r, 24), '&"x'), redaction: {} },
    { name: 'configured short-alphabet secret', value: chars(r, 32, 'abcdef0123456789'), redaction: {} },
    { name: 'configured secret, base64 in text', value: j('b64', chars(r, 30)), inText: (v) => `blob ${b64(`x${v}y`)} end`, redaction: {} },
    { name: 'configured secret, base64url in text', value: j('b6u', chars(r, 30)), inText: (v) => `blob ${b64(`xy${v}`, true)} end`, redaction: {} },
    { name: 'configured secret, URL-encoded', value: j('u r/l?', chars(r, 26)), inText: (v) => `next=${encodeURIComponent(v)}`, redaction: {} },
    { name: 'configured secret, JSON-escaped', value: j('q"uo\\te', chars(r, 26)), inText: (v) => JSON.stringify(v), redaction: {} },
    { name: 'environment secret (CLAUDE_CODE_OAUTH_TOKEN)', value: j('env', chars(r, 36)), redaction: {} },
    { name: 'environment secret (custom *_TOKEN)', value: j('tok', chars(r, 36)), redaction: {} },
    { name: 'environment secret (AWS_SESSION_TOKEN)', value: chars(r, 60, `${ALPHABET}+/`), redaction: {} },
    { name: 'worker JWT field', value: jwt.replace(/.{6}$/, chars(r, 6)), inText: (v) => `"worker_jwt":"${v}"`, redaction: none },
    { name: 'session_ingress_token field', value: chars(r, 40), inText: (v) => `"session_ingress_token":"${v}"`, redaction: none },
    { name: 'access_token field', value: chars(r, 40), inText: (v) => `"access_token":"${v}"`, redaction: none },
    { name: 'refresh_token field', value: chars(r, 40), inText: (v) => `"refresh_token":"${v}"`, redaction: none },
  ];
  // Configured and environment secrets are told to the recorder.
  return shapes.map((s) => {
    if (s.name.startsWith('configured')) return { ...s, redaction: { env: false, secrets: [s.value] } };
    if (s.name.startsWith('environment')) {
      const name = /\(([^)]+)\)/.exec(s.name)?.[1] === 'custom *_TOKEN' ? 'MY_SERVICE_TOKEN' : (/\(([^)]+)\)/.exec(s.name)?.[1] as string);
      return { ...s, redaction: { env: { [name]: s.value } } };
    }
    return s.redaction === none ? s : { ...s, redaction: known(s.value) };
  });
}

/** The placements every capture point carries: text in a message, a frame, streamed deltas, a cut line. */
function textOf(shape: Shape): string {
  return (shape.inText ?? ((v: string) => v))(shape.value);
}

function deltaLines(text: string, dir: 'ws' | 'sse' | 'stdio'): string[] {
  const out: string[] = [];
  const sizes = [3, 5, 2, 7, 4];
  let at = 0;
  for (let i = 0; at < text.length; i++) {
    const piece = text.slice(at, at + (sizes[i % sizes.length] as number));
    at += piece.length;
    const frame = { type: 'stream_event', event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece } }, parent_tool_use_id: null, session_id: 's' };
    out.push(dir === 'sse' ? JSON.stringify({ event_type: 'stream_event', payload: frame }) : JSON.stringify(frame));
  }
  return out;
}

function toolOutputFrame(text: string): string {
  return JSON.stringify({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: `$ env\nHOME=/home/u\n${text}\nPATH=/usr/bin` }] }, parent_tool_use_id: null, session_id: 's' });
}

/** Whether a written tape holds any 12-character piece of the secret, raw, JSON-unescaped, or in streamed deltas put back together. */
export function leakedPiece(written: string, secret: string, size = 12): boolean {
  const strings: string[] = [written];
  let deltas = '';
  for (const line of written.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const walk = (value: unknown): void => {
        if (typeof value === 'string') {
          strings.push(value);
          if (value.startsWith('{')) {
            try {
              walk(JSON.parse(value));
            } catch {
              // not JSON
            }
          }
        } else if (value !== null && typeof value === 'object') {
          const record = value as Record<string, unknown>;
          const delta = (record.delta as { text?: unknown } | undefined)?.text;
          if (record.type === 'content_block_delta' && typeof delta === 'string') deltas += delta;
          for (const v of Object.values(record)) walk(v);
        }
      };
      walk(JSON.parse(line));
    } catch {
      // not JSON
    }
  }
  strings.push(deltas);
  const haystack = strings.join('\n');
  for (let i = 0; i + size <= secret.length; i++) if (haystack.includes(secret.slice(i, i + size))) return true;
  return false;
}

async function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** An upstream for the proxy: answers REST with the secret in its body, streams SSE, and talks NDJSON over a WebSocket. */
async function upstream(text: string): Promise<{ url: string; close(): Promise<void> }> {
  const http = createServer((req, res) => {
    req.resume();
    if ((req.url ?? '').includes('/stream')) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: client_event\nid: 1\ndata: ${JSON.stringify({ sequence_num: 1, payload: JSON.parse(toolOutputFrame(text)) })}\n\n`);
      for (const line of deltaLines(text, 'sse')) res.write(`event: ephemeral_event\ndata: ${line}\n\n`);
      res.end();
      return;
    }
    if ((req.url ?? '').includes('/big')) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ padding: 'x'.repeat(3000), note: text }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'x-upstream-token': text.slice(-40).replace(/[\r\n]/g, ' ') });
    res.end(JSON.stringify({ ok: true, echo: text }));
  });
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket) => {
    const line = `${toolOutputFrame(text)}\n`;
    const cut = Math.floor(line.length / 2) + 7;
    socket.send(line.slice(0, cut));
    socket.send(line.slice(cut));
    for (const delta of deltaLines(text, 'ws')) socket.send(`${delta}\n`);
    socket.send('{"type":"keep_alive"}\n');
  });
  const port = await listen(http);
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const c of wss.clients) c.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

async function readAll(dir: string): Promise<string> {
  let out = '';
  for (const name of await readdir(dir)) out += `${await readFile(join(dir, name), 'utf8')}\n`;
  return out;
}

/** Proxy REST, WebSocket and SSE in one recording: headers, query, cookies, JSON/malformed/oversized bodies, frames cut across messages, deltas. */
export async function viaProxy(shape: Shape): Promise<string> {
  const text = textOf(shape);
  const up = await upstream(text);
  const dir = await mkdtemp(join(tmpdir(), 'ccr-campaign-proxy-'));
  try {
    const proxy = await createRecordingProxy({ target: up.url, out: dir, redaction: shape.redaction, maxBodyBytes: 1024 });
    const q = encodeURIComponent(shape.value);
    // Header values cannot hold line breaks: a multi-line secret (a PEM block) goes there on one line.
    const flat = shape.value.replace(/\n/g, ' ');
    const headers = { 'content-type': 'application/json', 'x-auth-token': flat, cookie: `theme=dark; sessionKey=${flat}; cf_clearance=${flat}` };
    await (await fetch(`${proxy.url}/v1/sessions?secret=${q}&cf_clearance=${q}&token=${q}&limit=2`, { method: 'POST', headers, body: JSON.stringify({ note: `see ${text}`, events: [{ payload: JSON.parse(toolOutputFrame(text)) }] }) })).text();
    await (await fetch(`${proxy.url}/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"user":"me","password":"${shape.value}","note":${JSON.stringify(text)}` })).text();
    await (await fetch(`${proxy.url}/v1/big`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ padding: 'y'.repeat(3000), access_token: shape.value, note: text }) })).text();
    await (await fetch(`${proxy.url}/v1/code/sessions/s/events/stream`, { headers: { accept: 'text/event-stream' } })).text();
    await new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`${proxy.wsUrl}/v1/sessions/ws/s/subscribe`, { headers: { cookie: `sessionKey=${flat}` } });
      let seen = 0;
      socket.on('message', (data) => {
        if (String(data).includes('keep_alive') && ++seen === 1) {
          socket.send(`${toolOutputFrame(text)}\n`);
          setTimeout(() => socket.close(1000), 20);
        }
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    await proxy.close();
    return await readAll(dir);
  } finally {
    await up.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The same traffic as a HAR file, imported. */
export function viaHar(shape: Shape): string {
  const text = textOf(shape);
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
  const entry = (i: number, url: string, request: Record<string, unknown>, response: Record<string, unknown>) => ({
    startedDateTime: at(i * 10),
    time: 5,
    request: { method: 'POST', url, httpVersion: 'HTTP/1.1', cookies: [], headersSize: -1, bodySize: -1, queryString: [], headers: [], ...request },
    response: { status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headersSize: -1, bodySize: -1, redirectURL: '', headers: [], content: { size: 0, mimeType: 'application/json' }, ...response },
    cache: {},
    timings: { send: 0, wait: 5, receive: 0 },
  });
  const q = encodeURIComponent(shape.value);
  const line = `${toolOutputFrame(text)}\n`;
  const cut = Math.floor(line.length / 2) + 7;
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'campaign', version: '0' },
      entries: [
        entry(0, `https://claude.ai/v1/sessions?secret=${q}&token=${q}`, { headers: [{ name: 'x-auth-token', value: shape.value }, { name: 'cookie', value: `sessionKey=${shape.value}` }], postData: { mimeType: 'application/json', text: JSON.stringify({ note: text }) } }, { content: { size: 1, mimeType: 'application/json', text: JSON.stringify({ echo: text }) } }),
        entry(1, 'https://claude.ai/v1/login', { postData: { mimeType: 'application/json', text: `{"password":"${shape.value}"` } }, { content: { size: 1, mimeType: 'application/octet-stream', encoding: 'base64', text: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text)]).toString('base64') } }),
        entry(2, 'https://claude.ai/v1/code/sessions/s/events/stream', { method: 'GET' }, { content: { size: 1, mimeType: 'text/event-stream', text: deltaLines(text, 'sse').map((l) => `event: ephemeral_event\ndata: ${l}\n\n`).join('') } }),
        {
          ...entry(3, 'wss://claude.ai/v1/sessions/ws/s/subscribe', { method: 'GET' }, { status: 101 }),
          _resourceType: 'websocket',
          _webSocketMessages: [line.slice(0, cut), line.slice(cut), ...deltaLines(text, 'ws').map((l) => `${l}\n`)].map((data, i) => ({ type: 'receive', time: Date.UTC(2026, 0, 1) / 1000 + 0.03 + i / 1000, opcode: 1, data })),
        },
      ],
    },
  };
  const result = importHar(har, { redaction: shape.redaction });
  const sink = result.sink as MemoryTapeSink;
  return `${sink.text()}\n${sink.summary ?? ''}`;
}

/** Browser capture: the events CdpNetworkRecorder writes for a page's REST, SSE and WebSocket traffic. */
export function viaBrowserEvents(shape: Shape): string {
  const text = textOf(shape);
  const sink = new MemoryTapeSink();
  const recorder = new TapeRecorder({ capture: 'browser', sink, redaction: shape.redaction });
  recorder.record({ kind: 'http.request', id: 'r1', method: 'POST', url: `https://claude.ai/v1/sessions?token=${encodeURIComponent(shape.value)}`, headers: { 'x-auth-token': shape.value, cookie: `sessionKey=${shape.value}` }, body: JSON.stringify({ note: text }) });
  recorder.record({ kind: 'http.response', id: 'r1', status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ echo: text }) });
  recorder.record({ kind: 'ws.open', id: 'w1', url: 'wss://claude.ai/v1/sessions/ws/s/subscribe', headers: { cookie: `sessionKey=${shape.value}` } });
  const line = `${toolOutputFrame(text)}\n`;
  const cut = Math.floor(line.length / 2) + 7;
  recorder.record({ kind: 'ws.frame', id: 'w1', dir: 'to-client', text: line.slice(0, cut) });
  recorder.record({ kind: 'ws.frame', id: 'w1', dir: 'to-client', text: line.slice(cut) });
  for (const delta of deltaLines(text, 'ws')) recorder.record({ kind: 'ws.frame', id: 'w1', dir: 'to-client', text: `${delta}\n` });
  for (const delta of deltaLines(text, 'sse')) recorder.record({ kind: 'sse.event', id: 'r2', event: 'ephemeral_event', data: delta });
  recorder.finish();
  return `${sink.text()}\n${sink.summary ?? ''}`;
}

/** A real child process whose stdout is tapped: the secret in a line, in tool output, in deltas. */
export async function viaStdio(shape: Shape): Promise<string> {
  const text = textOf(shape);
  const lines = [JSON.stringify({ type: 'system', note: text }), toolOutputFrame(text), ...deltaLines(text, 'stdio'), `plain log: ${text}`];
  const sink = new MemoryTapeSink();
  const recorder = new TapeRecorder({ capture: 'stdio', sink, redaction: shape.redaction });
  const script = `process.stdout.write(${JSON.stringify(`${lines.join('\n')}\n`)})`;
  const tap = tapProcess({ command: process.execPath, args: ['-e', script], recorder, input: null, output: new Writable({ write: (_c, _e, cb) => cb() }), errorOutput: new PassThrough() });
  await tap.exited;
  recorder.finish();
  return `${sink.text()}\n${sink.summary ?? ''}`;
}

/** `recordTransport` around a transport that receives the secret (frames and SSE envelopes) and sends it. */
export async function viaRecordTransport(shape: Shape): Promise<string> {
  const text = textOf(shape);
  let out = '';
  for (const as of ['ws', 'sse'] as const) {
    const sink = new MemoryTapeSink();
    const recorder = new TapeRecorder({ capture: 'proxy', sink, redaction: shape.redaction });
    const inner: RecordableTransport = {
      start: async () => undefined,
      send: async () => undefined,
      close: async () => undefined,
    };
    const wrapped = recordTransport(inner, recorder, { as, url: 'https://claude.ai/v1/code/sessions/s/events/stream' });
    await wrapped.start();
    await wrapped.send(JSON.parse(toolOutputFrame(text)) as Record<string, unknown>);
    const deliver = (message: RecordableTransportMessage) => inner.onmessage?.(message);
    deliver({ kind: 'frame', frame: JSON.parse(toolOutputFrame(text)), sequenceNum: 1, eventId: 'e1' });
    for (const delta of deltaLines(text, 'ws')) deliver({ kind: 'frame', frame: JSON.parse(delta) });
    await wrapped.close();
    recorder.finish();
    out += `${sink.text()}\n${sink.summary ?? ''}\n`;
  }
  return out;
}

const CAPTURE_POINTS = [
  { name: 'proxy (REST + WebSocket + SSE)', run: viaProxy },
  { name: 'HAR import', run: async (s: Shape) => viaHar(s) },
  { name: 'browser capture events', run: async (s: Shape) => viaBrowserEvents(s) },
  { name: 'stdio tap', run: viaStdio },
  { name: 'recordTransport (ws + sse)', run: viaRecordTransport },
] as const;

/**
 * Every secret shape × every capture point, placed in headers, query strings, cookies, JSON,
 * malformed and oversized bodies, tool output, WebSocket messages that cut a line, and streamed
 * deltas: 0 leaked, counting any 12-character piece of a secret (also in deltas put back together).
 */
export async function redactionCampaign(): Promise<{ row: CampaignRow; leaks: string[] }> {
  const crashes = new CrashCounter();
  const peak = new Peak(() => rssMb());
  const shapes = secretShapes();
  const leaks: string[] = [];
  let cases = 0;
  let failures = 0;
  for (const shape of shapes) {
    for (const point of CAPTURE_POINTS) {
      cases++;
      try {
        // A capture that hangs is a failure of this case, not of the whole campaign.
        const written = await Promise.race([
          point.run(shape),
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no result within 30 s')), 30_000).unref()),
        ]);
        if (leakedPiece(written, shape.value)) leaks.push(`${shape.name} via ${point.name}`);
      } catch (error) {
        failures++;
        leaks.push(`${shape.name} via ${point.name}: the capture failed (${(error as Error).message})`);
      }
    }
  }
  return {
    row: {
      campaign: `redaction: ${shapes.length} secret shapes × ${CAPTURE_POINTS.length} capture points`,
      cases,
      faults: cases * 8,
      lost: 0,
      duplicated: 0,
      outOfOrder: 0,
      leaked: leaks.length - failures,
      crashes: crashes.stop() + failures,
      peakRssMb: peak.stop(),
      notes: 'placements: header, query, cookie, JSON, malformed and oversized body, tool output, line cut across WebSocket messages, streamed deltas; a leak is any 12-character piece',
    },
    leaks,
  };
}
