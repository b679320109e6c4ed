import { describe, expect, it } from 'vitest';
import { HttpError } from '../../src/errors';
import { WebSocketTransport } from '../../src/transport/websocket';
import type { TransportCloseInfo, TransportMessage } from '../../src/transport/types';
import { FakeWebSocket } from '../fixtures/fake-websocket';

function make(extra: Partial<ConstructorParameters<typeof WebSocketTransport>[0]> = {}) {
  FakeWebSocket.instances = [];
  const transport = new WebSocketTransport({ url: 'ws://h/v1/sessions/ws/s/subscribe', headers: { cookie: 'k=v' }, WebSocket: FakeWebSocket.ctor, ...extra });
  const messages: TransportMessage[] = [];
  const errors: Error[] = [];
  const closes: TransportCloseInfo[] = [];
  transport.onmessage = (m) => messages.push(m);
  transport.onerror = (e) => errors.push(e);
  transport.onclose = (i) => closes.push(i);
  const started = transport.start();
  const socket = FakeWebSocket.instances[0]!;
  return { transport, socket, started, messages, errors, closes };
}

const frames = (messages: TransportMessage[]) => messages.map((m) => (m.kind === 'frame' ? m.frame : m));

describe('WebSocketTransport (NDJSON over a socket)', () => {
  it('opens with the headers, sends one NDJSON line per frame and a first frame if asked', async () => {
    const { transport, socket, started } = make({ firstFrame: { type: 'auth', credential: { type: 'oauth', token: 't' } } });
    expect(socket.options).toEqual({ headers: { cookie: 'k=v' } });
    socket.open();
    await started;
    await transport.send({ type: 'keep_alive' });
    expect(socket.sent).toEqual(['{"type":"auth","credential":{"type":"oauth","token":"t"}}\n', '{"type":"keep_alive"}\n']);
  });

  it('decodes several lines per message and lines split across messages (text and bytes)', async () => {
    const { socket, started, messages } = make();
    socket.open();
    await started;
    socket.receive('{"type":"keep_alive"}\n{"type":"result","n":1}\n{"type":"ass');
    socket.receive('istant","text":"héllo"}\n');
    const bytes = new TextEncoder().encode('{"type":"user","t":"€"}\n');
    socket.receive(bytes.slice(0, 20).buffer);
    socket.receive(bytes.slice(20).buffer);
    expect(frames(messages)).toEqual([{ type: 'keep_alive' }, { type: 'result', n: 1 }, { type: 'assistant', text: 'héllo' }, { type: 'user', t: '€' }]);
  });

  it('reports a malformed line with its line number and keeps reading', async () => {
    const { socket, started, messages, errors } = make();
    socket.open();
    await started;
    socket.receive('{"type":"a"}\n{not json\n{"type":"b"}\n');
    expect(frames(messages)).toEqual([{ type: 'a' }, { type: 'b' }]);
    expect(errors[0]).toMatchObject({ code: 'INVALID_FRAME' });
    expect(errors[0]!.message).toMatch(/line 2/);
  });

  it('refuses to send an invalid frame (strict out) and when closed', async () => {
    const { transport, socket, started } = make();
    socket.open();
    await started;
    await expect(transport.send({ type: 'control_request' })).rejects.toThrow(/Refusing to send an invalid control_request frame/);
    socket.serverClose(1006);
    await expect(transport.send({ type: 'keep_alive' })).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
  });

  it('rejects start with an HttpError when the upgrade is refused', async () => {
    const { socket, started } = make();
    socket.fail('Unexpected server response: 401');
    socket.serverClose(1006);
    const error = await started.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 401 });
  });

  it('reports closes: 4003 is permanent, 1006 is not, a local close is normal', async () => {
    const first = make();
    first.socket.open();
    await first.started;
    first.socket.serverClose(4003, 'forbidden');
    expect(first.closes).toEqual([{ code: 4003, reason: 'forbidden', error: undefined, permanent: true }]);

    const second = make();
    second.socket.open();
    await second.started;
    second.socket.serverClose(1006);
    expect(second.closes[0]).toMatchObject({ code: 1006, permanent: false });

    const third = make();
    third.socket.open();
    await third.started;
    await third.transport.close();
    await Promise.resolve();
    expect(third.socket.closedWith).toEqual({ code: 1000, reason: 'Normal closure' });
    expect(third.closes).toEqual([{ code: 1000, reason: 'Normal closure' }]);
  });

  it('explains a missing WebSocket implementation', async () => {
    const transport = new WebSocketTransport({ url: 'ws://h', WebSocket: undefined as never });
    await expect(transport.start()).rejects.toThrow(/No WebSocket implementation is available; pass the WebSocket option/);
  });
});
