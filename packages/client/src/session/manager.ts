import { DefaultWebSocket } from '#ws';
import { baseUrlOf, buildHeaders, subscribeUrl, type ClaudeRemoteOptions } from '../auth';
import { ClaudeApi } from '../rest/api';
import { SseTransport } from '../transport/sse';
import type { TransportFactory } from '../transport/types';
import { WebSocketTransport } from '../transport/websocket';
import type { HistorySource, SequencedEvent } from './delivery';
import { Session } from './session';
import type { SessionCallbacks, SessionOptions, SessionTuning } from './types';

/** How a session connects: v1 NDJSON WebSocket, or v2 SSE + POST. */
export type TransportKind = 'websocket' | 'sse';

/** Options of a session opened with credentials (`claude-remote-protocol`'s `SessionManagerOptions` and more). */
export interface SessionManagerOptions extends ClaudeRemoteOptions, SessionCallbacks, SessionTuning {
  sessionId: string;
  /** @default 'websocket' */
  transport?: TransportKind | undefined;
  /**
   * How user messages travel: by REST (`POST …/events`, as claude.ai does) or over the transport
   * (as the official SDK's WebSocket mode does). @default 'rest' for websocket; SSE always posts.
   */
  userMessagesVia?: 'rest' | 'transport' | undefined;
  /** A REST client to share (e.g. `ClaudeClient.api`); made from the credentials otherwise. */
  api?: ClaudeApi | undefined;
  /** Where to resume from (a cursor saved from `session.cursor`). */
  resumeFrom?: SessionOptions['resumeFrom'];
  /** A frame sent first on each WebSocket (e.g. `{type:'auth', credential:{type:'oauth', token}}`). */
  authFrame?: Record<string, unknown> | undefined;
  /**
   * SSE only: reconnect (resuming with `Last-Event-ID`) after this long without a byte on the
   * event stream, keep-alive comments included, in ms; 0 disables. @default 45000
   */
  silenceTimeout?: number | undefined;
}

function v1Parts(options: SessionManagerOptions, api: ClaudeApi): Pick<SessionOptions, 'transport' | 'history' | 'postEvents'> {
  const { sessionId } = options;
  const transport: TransportFactory = (context) =>
    new WebSocketTransport({
      url: subscribeUrl(options, sessionId, context.replay),
      headers: { ...buildHeaders(options), origin: baseUrlOf(options) },
      WebSocket: options.WebSocket ?? (DefaultWebSocket as NonNullable<typeof DefaultWebSocket>),
      firstFrame: options.authFrame,
    });
  const history: HistorySource = { eventsAfterUuid: (uuid, signal) => api.eventsAfter(sessionId, uuid, signal) };
  const viaRest = (options.userMessagesVia ?? 'rest') === 'rest';
  return { transport, history, postEvents: viaRest ? (frames) => api.postEvents(sessionId, frames) : undefined };
}

function v2Parts(options: SessionManagerOptions, api: ClaudeApi): Pick<SessionOptions, 'transport' | 'history'> {
  const { sessionId } = options;
  const url = `${baseUrlOf(options)}/v1/code/sessions/${encodeURIComponent(sessionId)}/events/stream`;
  const transport: TransportFactory = (context) =>
    new SseTransport({
      url,
      headers: buildHeaders(options),
      lastEventId: context.lastSequenceNum,
      post: (frame) => api.postClientEvents(sessionId, [frame]),
      fetch: options.fetch,
      clock: options.clock,
      silenceTimeout: options.silenceTimeout,
    });
  const history: HistorySource = {
    async *eventsAfterSequence(after, signal): AsyncGenerator<SequencedEvent> {
      for await (const event of api.clientEventsAfter(sessionId, after, signal)) {
        yield { sequenceNum: event.sequence_num, frame: event.payload, eventId: event.event_id, source: event.source };
      }
    },
  };
  return { transport, history };
}

/**
 * A session opened with credentials: `claude-remote-protocol`'s `SessionManager` (same options,
 * methods and callbacks) on top of {@link Session}, over the v1 WebSocket or v2 SSE.
 */
export class SessionManager extends Session {
  /** The REST client this session uses. */
  readonly api: ClaudeApi;
  /** The options it was made with. */
  readonly options: SessionManagerOptions;

  constructor(options: SessionManagerOptions) {
    // Every REST call of the session (posting events, backfills) honours its requestTimeout too.
    const api = options.api ? options.api.withRequestTimeout(options.requestTimeout) : new ClaudeApi(options);
    const parts = options.transport === 'sse' ? v2Parts(options, api) : v1Parts(options, api);
    super({ ...options, ...parts });
    this.api = api;
    this.options = options;
  }
}
