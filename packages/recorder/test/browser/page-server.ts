import { createServer, request, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { PAGE_SCRIPT } from './page';

/** What the page reported: the frames it received on each channel. */
export interface PageReport {
  readonly ws: unknown[];
  readonly sse: unknown[];
  readonly es: unknown[];
  readonly error?: string;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });
}

/**
 * Serves the test page (with a session cookie) on one origin and passes every other request and
 * WebSocket upgrade to the mock server, so the page's fetch, EventSource and WebSocket need no CORS.
 */
export async function startPageServer(mockUrl: string, cookie: string) {
  const mock = new URL(mockUrl);
  const sockets = new Set<Socket>();
  let reported: (report: PageReport) => void = () => undefined;
  const report = new Promise<PageReport>((resolve) => (reported = resolve));
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/page')) {
      res.writeHead(200, { 'content-type': 'text/html', 'set-cookie': `${cookie}; Path=/` });
      res.end(`<!doctype html><title>recorder test</title><script type="module">${PAGE_SCRIPT}</script>`);
      return;
    }
    if (req.url === '/__done') {
      void readBody(req).then((body) => {
        res.end('ok');
        reported(JSON.parse(body) as PageReport);
      });
      return;
    }
    const upstream = request({ host: mock.hostname, port: mock.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.flushHeaders();
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const upstream = connect(Number(mock.port), mock.hostname, () => {
      const headers = Object.entries(req.headers).map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : (value ?? '')}`);
      upstream.write([`GET ${req.url ?? '/'} HTTP/1.1`, ...headers, '', ''].join('\r\n'));
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    report,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
