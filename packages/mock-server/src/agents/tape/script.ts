import { connectionSide, type ConnectionSide, type TapeEvent } from '@ccr-kit/protocol-types';
import { frameContent } from './normalize';

/** One step of a replay: a frame the agent sends, or a frame the client is expected to send. */
export interface TapeStep {
  readonly kind: 'emit' | 'expect';
  readonly frame: Record<string, unknown>;
  /** Milliseconds since the tape started. */
  readonly t: number;
  /** 1-based line of the tape event the frame came from (line 1 is the header). */
  readonly line: number;
}

/** The agent's side of a tape: the steps to replay and the recorded `initialize` answer. */
export interface TapeScript {
  readonly steps: readonly TapeStep[];
  readonly initializeResponse: Record<string, unknown> | undefined;
  /**
   * Whether the steps hold an `expect` of the client's `initialize`: set when the agent sent a
   * control request between that initialize and its answer (CLI 2.1.337 starts the MCP handshake
   * of `sdkMcpServers` before it answers), so the replay must not send it before the client asks.
   */
  readonly initializeExpected: boolean;
}

type Side = 'agent' | 'client';

interface Raw {
  readonly side: Side;
  readonly frame: Record<string, unknown>;
  readonly t: number;
  readonly line: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isFrame(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as Record<string, unknown>).type === 'string';
}

/** Frames carried by a client's POST body: v2 `{events: [{payload}]}` or v1 `{events: [frame]}`. */
function postedFrames(body: unknown): Record<string, unknown>[] {
  if (body === null || typeof body !== 'object') return [];
  const events = (body as Record<string, unknown>).events;
  if (!Array.isArray(events)) return isFrame(body) ? [body] : [];
  return events.map((item: unknown) => (isFrame((item as Record<string, unknown>)?.payload) ? (item as Record<string, Record<string, unknown>>).payload : item)).filter(isFrame);
}

/**
 * The frames of one tape event and whose they are. On a client's connection the agent's frames
 * come down (`ws.frame` to-client, SSE events) and the client's go up; on a worker's connection
 * the seats are swapped: the agent uploads (`ws.frame` to-server, POSTs to `/worker/events`) and
 * receives the clients' frames. `surfaces` remembers each connection's surface from its opening
 * `ws.open` or `http.request`.
 */
function framesOf(event: TapeEvent, line: number, surfaces: Map<string, ConnectionSide>): Raw[] {
  switch (event.kind) {
    case 'ws.open':
      surfaces.set(event.id, connectionSide(event.url));
      return [];
    case 'ws.frame': {
      const worker = surfaces.get(event.id) === 'worker';
      const side: Side = (event.dir === 'to-server') === worker ? 'agent' : 'client';
      return event.text
        .split('\n')
        .map((text) => parseJson(text))
        .filter(isFrame)
        .map((frame) => ({ side, frame, t: event.t, line }));
    }
    case 'stdio.line': {
      const frame = parseJson(event.text);
      if (!isFrame(frame) || event.dir === 'stderr') return [];
      return [{ side: event.dir === 'stdout' ? 'agent' : 'client', frame, t: event.t, line }];
    }
    case 'sse.event': {
      const data = parseJson(event.data) as Record<string, unknown> | undefined;
      const payload = data?.payload;
      if (!isFrame(payload)) return [];
      // A worker's stream carries the clients' frames to the agent.
      if (surfaces.get(event.id) === 'worker') return [{ side: 'client', frame: payload, t: event.t, line }];
      // Client frames are taken from the POSTs; their durable echoes on the stream are skipped.
      if (event.event === 'client_event' && data?.source !== undefined && data.source !== 'worker') return [];
      return [{ side: 'agent', frame: payload, t: event.t, line }];
    }
    case 'http.request': {
      const surface = connectionSide(event.url);
      surfaces.set(event.id, surface);
      if (event.method.toUpperCase() !== 'POST' || !/\/events\/?(\?|$)/.test(event.url) || event.body === undefined || event.bodyEncoding === 'base64') return [];
      const side: Side = surface === 'worker' ? 'agent' : 'client';
      return postedFrames(parseJson(event.body)).map((frame) => ({ side, frame, t: event.t, line }));
    }
    default:
      return [];
  }
}

function requestIdOf(frame: Record<string, unknown>): string | undefined {
  if (frame.type === 'control_response') {
    const id = (frame.response as Record<string, unknown> | undefined)?.request_id;
    return typeof id === 'string' ? id : undefined;
  }
  return typeof frame.request_id === 'string' ? frame.request_id : undefined;
}

function subtypeOf(frame: Record<string, unknown>): unknown {
  return (frame.request as Record<string, unknown> | undefined)?.subtype;
}

/**
 * Splits a tape's events into replay steps. A tape may be recorded on a client's connections, on a
 * worker's (the CLI's `--sdk-url` socket, `/worker` endpoints) or on stdio; see {@link framesOf}.
 * Dropped: keep-alives, the client's WebSocket `auth` frame (the server consumes it; agents never
 * see it), the `initialize` exchange (the server answers it), echoes of the client's own frames,
 * and frames repeated with the same uuid (replays or re-sends after a reconnect).
 */
export function scriptFromTape(events: readonly TapeEvent[]): TapeScript {
  const steps: TapeStep[] = [];
  const initializeIds = new Set<string>();
  const clientRequestIds = new Set<string>();
  const agentRequestIds = new Set<string>();
  const seenUuids = new Set<string>();
  const clientUuids = new Set<string>();
  const surfaces = new Map<string, ConnectionSide>();
  const unechoedPrompts: string[] = [];
  let initializeResponse: Record<string, unknown> | undefined;
  /** The client's first initialize, still unanswered, and where its expect step would go. */
  let openInitialize: { readonly step: TapeStep; readonly at: number } | undefined;
  let initializeExpected = false;
  events.forEach((event, index) => {
    for (const raw of framesOf(event, index + 2, surfaces)) {
      const { frame, side } = raw;
      if (frame.type === 'keep_alive') continue;
      if (side === 'client' && frame.type === 'auth') continue;
      const requestId = requestIdOf(frame);
      const uuid = typeof frame.uuid === 'string' ? frame.uuid : undefined;
      if (side === 'client') {
        // The same client frame seen twice (sent by a client, then delivered to a worker) is expected once.
        if (uuid !== undefined && clientUuids.has(uuid)) continue;
        if (uuid !== undefined) {
          seenUuids.add(uuid);
          clientUuids.add(uuid);
        }
        if (frame.type === 'control_request' && requestId !== undefined) {
          clientRequestIds.add(requestId);
          if (subtypeOf(frame) === 'initialize') {
            if (initializeIds.size === 0) openInitialize = { step: { kind: 'expect', frame, t: raw.t, line: raw.line }, at: steps.length };
            initializeIds.add(requestId);
            continue;
          }
        }
        if (frame.type === 'user') unechoedPrompts.push(JSON.stringify(frameContent(frame)));
        steps.push({ kind: 'expect', frame, t: raw.t, line: raw.line });
        continue;
      }
      if (uuid !== undefined && seenUuids.has(uuid)) continue;
      if (uuid !== undefined) seenUuids.add(uuid);
      if (frame.type === 'control_response' && requestId !== undefined) {
        if (initializeIds.has(requestId)) {
          initializeResponse ??= ((frame.response as Record<string, unknown>).response as Record<string, unknown> | undefined) ?? {};
          openInitialize = undefined;
          continue;
        }
        if (agentRequestIds.has(requestId)) continue;
      }
      if (frame.type === 'control_request' && requestId !== undefined) {
        if (clientRequestIds.has(requestId)) continue;
        agentRequestIds.add(requestId);
        if (openInitialize !== undefined && !initializeExpected) {
          steps.splice(openInitialize.at, 0, openInitialize.step);
          initializeExpected = true;
        }
      }
      if (frame.type === 'user' && frame.tool_use_result === undefined) {
        const echo = unechoedPrompts.indexOf(JSON.stringify(frameContent(frame)));
        if (echo >= 0) {
          unechoedPrompts.splice(echo, 1);
          continue;
        }
      }
      steps.push({ kind: 'emit', frame, t: raw.t, line: raw.line });
    }
  });
  return { steps, initializeResponse, initializeExpected };
}
