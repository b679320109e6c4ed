import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable, Writable } from 'node:stream';
import { SseDecoder } from '@ccr-kit/protocol-types';
import { BodyCollector, contentDecoder } from './body';
import type { ProxyContext } from './context';
import { downstreamResponseHeaders, tapeHeaders, upstreamRequestHeaders } from './headers';

const SSE = /^\s*text\/event-stream/i;

/** Writes chunks as they come, pausing the source while the destination is full. */
function relay(source: Readable, destination: Writable, onChunk: (chunk: Buffer) => void, onEnd: () => void): void {
  source.on('data', (chunk: Buffer) => {
    if (!destination.write(chunk)) {
      source.pause();
      destination.once('drain', () => source.resume());
    }
    onChunk(chunk);
  });
  source.on('end', onEnd);
}

function recordSse(ctx: ProxyContext, id: string, upstream: IncomingMessage): (chunk: Buffer) => void {
  const decoder = new SseDecoder();
  const emit = (items: ReturnType<SseDecoder['push']>): void => {
    for (const item of items) {
      if (item.kind !== 'event') continue;
      ctx.record({
        kind: 'sse.event',
        id,
        ...(item.event !== 'message' ? { event: item.event } : {}),
        data: item.data,
        ...(item.id !== undefined ? { lastEventId: item.id } : {}),
      });
    }
  };
  const unzip = contentDecoder(upstream.headers['content-encoding']);
  if (unzip === undefined) {
    upstream.on('end', () => emit(decoder.end()));
    return (chunk) => emit(decoder.push(chunk));
  }
  unzip.on('data', (chunk: Buffer) => emit(decoder.push(chunk)));
  unzip.on('end', () => emit(decoder.end()));
  unzip.on('error', (error) => ctx.warn(`Cannot decode the ${upstream.headers['content-encoding']} SSE stream of ${id}: ${error.message}`));
  upstream.on('end', () => unzip.end());
  return (chunk) => unzip.write(chunk);
}

/**
 * Forwards one HTTP request to the target and its response back, chunk by chunk as it arrives,
 * recording `http.request`, then `http.response` (with the body once it ends) or, for
 * `text/event-stream`, the response head at once and one `sse.event` per event as it completes.
 */
export function relayHttp(req: IncomingMessage, res: ServerResponse, ctx: ProxyContext): void {
  const id = ctx.nextId('req');
  const target = ctx.upstreamUrl(req.url ?? '/', false);
  const requestBody = new BodyCollector(ctx.maxBodyBytes);
  let requestRecorded = false;
  const recordRequest = (): void => {
    if (requestRecorded) return;
    requestRecorded = true;
    const fields = requestBody.fields(req.headers['content-encoding']);
    ctx.record({ kind: 'http.request', id, method: req.method ?? 'GET', url: target.href, headers: tapeHeaders(req.rawHeaders), ...fields });
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const upstream = send(target, { method: req.method, headers: upstreamRequestHeaders(req.headers, target, false) });
  req.on('data', (chunk: Buffer) => requestBody.push(chunk));
  req.on('end', recordRequest);
  req.pipe(upstream);

  let finished = false;
  upstream.on('response', (response) => {
    recordRequest();
    response.on('error', (error) => {
      if (!finished && !res.destroyed) ctx.warn(`The response to ${req.method ?? 'GET'} ${target.href} broke off: ${error.message}`);
      res.destroy();
    });
    const status = response.statusCode ?? 502;
    const headers = tapeHeaders(response.rawHeaders);
    res.writeHead(status, response.statusMessage, downstreamResponseHeaders(response.headers));
    if (SSE.test(response.headers['content-type'] ?? '')) {
      res.flushHeaders();
      ctx.record({ kind: 'http.response', id, status, headers });
      const onChunk = recordSse(ctx, id, response);
      relay(response, res, onChunk, () => {
        finished = true;
        res.end();
      });
      return;
    }
    const body = new BodyCollector(ctx.maxBodyBytes);
    relay(
      response,
      res,
      (chunk) => body.push(chunk),
      () => {
        finished = true;
        res.end();
        ctx.record({ kind: 'http.response', id, status, headers, ...body.fields(response.headers['content-encoding']) });
      },
    );
  });
  upstream.on('error', (error) => {
    if (res.destroyed) return;
    recordRequest();
    ctx.warn(`${req.method ?? 'GET'} ${target.href} failed upstream: ${error.message}`);
    if (res.headersSent) {
      res.destroy(error);
      return;
    }
    const message = `ccr-record proxy could not complete ${req.method ?? 'GET'} ${target.pathname} at ${target.origin}: ${error.message}`;
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ type: 'error', error: { type: 'proxy_error', message } }));
  });
  res.on('close', () => {
    if (!finished) upstream.destroy();
  });
}
