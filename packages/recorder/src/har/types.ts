/** A HAR name/value pair (headers, query parameters, cookies). */
export interface HarNameValue {
  name: string;
  value: string;
}

/** One WebSocket message as Chrome DevTools and Playwright write it in `_webSocketMessages`. */
export interface HarWebSocketMessage {
  type: 'send' | 'receive';
  /** Seconds since the epoch (Chrome DevTools) or milliseconds since the epoch (Playwright). */
  time: number;
  /** 1 = text, 2 = binary (base64 `data`). */
  opcode: number;
  data: string;
}

/** ccr-kit extension: how a WebSocket closed (HAR has no field for it). */
export interface HarWebSocketClose {
  time: number;
  code: number;
  reason: string;
}

/** ccr-kit extension: one server-sent event with its arrival time (HAR keeps only the whole body). */
export interface HarSseEvent {
  time: number;
  event?: string;
  data: string;
  id?: string;
}

/** One HAR 1.2 entry, with the fields this package reads and writes. */
export interface HarEntry {
  startedDateTime: string;
  /** Total milliseconds until the response ended. */
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: HarNameValue[];
    queryString: HarNameValue[];
    cookies: HarNameValue[];
    headersSize: number;
    bodySize: number;
    postData?: { mimeType: string; text: string };
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: HarNameValue[];
    cookies: HarNameValue[];
    content: { size: number; mimeType: string; text?: string; encoding?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number };
  _resourceType?: string;
  _webSocketMessages?: HarWebSocketMessage[];
  _webSocketClose?: HarWebSocketClose;
  _sseEvents?: HarSseEvent[];
}

/** A HAR 1.2 document. */
export interface Har {
  log: {
    version: string;
    creator: { name: string; version: string };
    entries: HarEntry[];
  };
}
