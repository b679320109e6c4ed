import { VirtualClock, isUnknownFrame } from '@ccr-kit/protocol-types';
import { afterEach, describe, expect, it } from 'vitest';
import { WsTransport } from '../../src/compat/ws-transport';
import type { WsServerMessage } from '../../src/compat/types';
import { FakeWebSocket } from '../fixtures/fake-websocket';

afterEach(() => {
  FakeWebSocket.instances = [];
});

function open(options: { clock?: VirtualClock; signal?: AbortSignal } = {}) {
  const transport = new WsTransport({
    url: 'wss://claude.ai/v1/sessions/ws/session_1/subscribe?organization_uuid=org',
    headers: { cookie: 'sessionKey=sk' },
    authMessage: { type: 'auth', credential: { type: 'oauth', token: 't' } },
    WebSocket: FakeWebSocket.ctor,
    ...options,
  });
  const socket = FakeWebSocket.instances.at(-1)!;
  return { transport, socket };
}

async function collect(transport: WsTransport): Promise<WsServerMessage[]> {
  const out: WsServerMessage[] = [];
  for await (const message of transport.readMessages()) out.push(message);
  return out;
}

describe('WsTransport (the seed’s raw socket API)', () => {
  it('connects on construction, sends the auth frame, yields parsed frames and ends on close', async () => {
    const { transport, socket } = open();
    expect(transport.state).toBe('connecting');
    expect(socket.options?.headers).toEqual({ cookie: 'sessionKey=sk' });
    socket.open();
    await transport.waitReady();
    expect(transport.isOpen).toBe(true);
    expect(socket.sent).toEqual(['{"type":"auth","credential":{"type":"oauth","token":"t"}}\n']);
    const read = collect(transport);
    socket.receive('{"type":"keep_alive"}\n{"type":"future_frame","x":1}\n');
    socket.serverClose(1000, 'bye');
    const messages = await read;
    expect(messages.map((m) => (isUnknownFrame(m) ? `unknown:${m.type}` : m.type))).toEqual(['keep_alive', 'unknown:future_frame']);
    expect(transport.state).toBe('disconnected');
    expect(transport.exitError).toBeNull();
  });

  it('writes NDJSON text as frames, rejects lines that are not JSON, and drops writes while closed', async () => {
    const { transport, socket } = open();
    transport.write('{"type":"keep_alive"}\n');
    socket.open();
    await transport.waitReady();
    socket.sent.length = 0;
    transport.write('{"type":"keep_alive"}\n{"type":"control_request","request_id":"r1","request":{"subtype":"interrupt"}}\n');
    await Promise.resolve();
    expect(socket.sent).toEqual(['{"type":"keep_alive"}\n', '{"type":"control_request","request_id":"r1","request":{"subtype":"interrupt"}}\n']);
    expect(() => transport.write('{"type":"keep_alive"}\nnot json\n')).toThrow(/WsTransport.write: line 2 is not JSON: not json/);
    transport.close();
    transport.write('{"type":"keep_alive"}\n');
    expect(socket.sent).toHaveLength(2);
    expect(socket.closedWith).toEqual({ code: 1000, reason: 'Normal closure' });
  });

  it('sends keep_alive every 50 s on the injected clock', async () => {
    const clock = new VirtualClock(0);
    const { transport, socket } = open({ clock });
    socket.open();
    await transport.waitReady();
    socket.sent.length = 0;
    clock.advance(49_999);
    expect(socket.sent).toEqual([]);
    clock.advance(1);
    clock.advance(50_000);
    await Promise.resolve();
    expect(socket.sent).toEqual(['{"type":"keep_alive"}\n', '{"type":"keep_alive"}\n']);
    transport.close();
    clock.advance(100_000);
    expect(socket.sent).toHaveLength(2);
  });

  it('reports an abnormal close, a connect timeout and an abort in exitError', async () => {
    const first = open();
    first.socket.open();
    await first.transport.waitReady();
    first.socket.serverClose(1011, 'server error');
    expect(first.transport.exitError?.message).toBe('WebSocket closed abnormally with code 1011: server error.');

    const clock = new VirtualClock(0);
    const second = open({ clock });
    clock.advance(15_000);
    await expect(second.transport.waitReady()).rejects.toThrow(/did not open within 15000 ms/);
    expect(second.transport.state).toBe('error');

    const controller = new AbortController();
    const third = open({ signal: controller.signal });
    third.socket.open();
    await third.transport.waitReady();
    controller.abort();
    expect(third.transport.state).toBe('disconnected');
    expect(third.transport.exitError).toMatchObject({ code: 'ABORTED' });
  });

  it('refuses a URL that is not ws:// or wss://', () => {
    expect(() => new WsTransport({ url: 'https://claude.ai/v1/sessions/ws/x/subscribe' })).toThrow(/url must start with ws:\/\/ or wss:\/\//);
  });
});
