import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SdkUrlLink } from '../../src/agents/claude-cli/sdk-url';

let link: SdkUrlLink | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await link?.close();
  link = undefined;
});

interface Probe {
  readonly frames: Record<string, unknown>[];
  readonly notes: string[];
}

async function open(): Promise<{ link: SdkUrlLink; probe: Probe }> {
  const probe: Probe = { frames: [], notes: [] };
  link = await SdkUrlLink.listen('sess_1', { onFrame: (f) => probe.frames.push(f), journal: (m) => probe.notes.push(m) });
  return { link, probe };
}

/** Connects like the CLI does and collects what the service sends it. */
async function connectCli(url: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket; received: string[] }> {
  const socket = new WebSocket(url, { headers });
  sockets.push(socket);
  const received: string[] = [];
  socket.on('message', (data) => received.push(String(data)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, received };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('SdkUrlLink (the service side of --sdk-url)', () => {
  it('keeps frames sent before the CLI connects and delivers them, one NDJSON line per message, on connect', async () => {
    const { link } = await open();
    link.send({ type: 'control_request', request_id: 'r1', request: { subtype: 'initialize' } });
    link.send({ type: 'user', message: { role: 'user', content: 'hi' } });
    expect(link.connected).toBe(false);
    const cli = await connectCli(link.url);
    await until(() => cli.received.length === 2);
    expect(cli.received[0]).toBe('{"type":"control_request","request_id":"r1","request":{"subtype":"initialize"}}\n');
    expect(JSON.parse(cli.received[1]!)).toMatchObject({ type: 'user' });
  });

  it('drops the frames the CLI re-sends after a reconnect, by uuid', async () => {
    const { link, probe } = await open();
    const first = await connectCli(link.url);
    const turn = [
      { type: 'system', subtype: 'init', uuid: 'u-1' },
      { type: 'assistant', uuid: 'u-2' },
      { type: 'control_response', response: { subtype: 'success', request_id: 'r1' } },
      { type: 'result', uuid: 'u-3' },
    ];
    for (const frame of turn) first.socket.send(`${JSON.stringify(frame)}\n`);
    await until(() => probe.frames.length === 4);
    expect(link.dropConnection()).toBe(true);
    const second = await connectCli(link.url, { 'x-last-request-id': 'u-3' });
    for (const frame of [turn[0], turn[1], turn[3], { type: 'system', subtype: 'init', uuid: 'u-4' }]) second.socket.send(`${JSON.stringify(frame)}\n`);
    await until(() => probe.frames.length === 5);
    expect(probe.frames.map((f) => f.uuid ?? f.type)).toEqual(['u-1', 'u-2', 'control_response', 'u-3', 'u-4']);
    expect(link.duplicatesDropped).toBe(3);
    expect(link.connections).toBe(2);
    expect(probe.notes.some((n) => n.includes('connection 2 (reconnect; x-last-request-id u-3)'))).toBe(true);
  });

  it('answers 404 to other paths and reports lines that are not JSON', async () => {
    const { link, probe } = await open();
    const wrong = new WebSocket(link.url.replace('sess_1', 'other'));
    wrong.on('error', () => undefined);
    const status = await new Promise<number | undefined>((resolve) => wrong.once('unexpected-response', (_req, res) => resolve(res.statusCode)));
    expect(status).toBe(404);
    const cli = await connectCli(link.url);
    cli.socket.send('not json\n');
    await until(() => probe.notes.some((n) => n.includes('not JSON')));
    expect(probe.frames).toEqual([]);
  });

  it('forgets frames waiting for a CLI that died', async () => {
    const { link } = await open();
    link.send({ type: 'user' });
    expect(link.discardPending()).toBe(1);
    const cli = await connectCli(link.url);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cli.received).toEqual([]);
  });
});
