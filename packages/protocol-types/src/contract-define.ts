import type { z } from 'zod';

/** Which API a route belongs to (PROTOCOL.md#contract). */
export type Surface = 'v1' | 'v2' | 'worker';

/** HTTP methods used by the contract. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How a stream channel carries frames: NDJSON over a WebSocket, or server-sent events. */
export type ChannelTransport = 'ndjson-ws' | 'sse';

/**
 * One REST endpoint of the contract (PROTOCOL.md#contract). `path` is a template whose `{name}`
 * segments are the keys of `params`. `query` schemas have string fields: they validate
 * `Object.fromEntries(url.searchParams)` as received, without coercion. `errors` maps an HTTP status
 * to the body schema of that error answer.
 */
export interface Endpoint {
  readonly name: string;
  readonly surface: Surface;
  readonly method: HttpMethod;
  readonly path: string;
  readonly params?: z.ZodObject | undefined;
  readonly query?: z.ZodObject | undefined;
  readonly body?: z.ZodType | undefined;
  readonly response: z.ZodType;
  readonly errors: Readonly<Record<number, z.ZodType>>;
  readonly summary: string;
}

/**
 * One stream channel of the contract (PROTOCOL.md#contract). `inbound` validates frames the
 * connecting peer receives and `outbound` frames it sends (`z.never()` on SSE, which is one-way:
 * writes go through the endpoint named by `sendEndpoint`). For SSE, `sseEvents` maps each event
 * name to the schema of its JSON `data`, and the frames travel inside those envelopes.
 */
export interface Channel {
  readonly name: string;
  readonly surface: Surface;
  readonly transport: ChannelTransport;
  readonly path: string;
  readonly params?: z.ZodObject | undefined;
  readonly query?: z.ZodObject | undefined;
  readonly inbound: z.ZodType;
  readonly outbound: z.ZodType;
  readonly sseEvents?: Readonly<Record<string, z.ZodType>> | undefined;
  readonly sendEndpoint?: string | undefined;
  readonly summary: string;
}

/** Declares an endpoint, keeping its literal method, path and exact schema types. */
export function defineEndpoint<const E extends Endpoint>(endpoint: E): E {
  return endpoint;
}

/** Declares a stream channel, keeping its literal path and exact schema types. */
export function defineChannel<const C extends Channel>(channel: C): C {
  return channel;
}
