import type { Clock } from '@ccr-kit/protocol-types';
import type { WebSocketConstructor } from './transport/websocket';

/**
 * Credentials and endpoints, given once (the `claude-remote-protocol` options plus OAuth, extra
 * headers and injectable `fetch`, `WebSocket` and clock).
 */
export interface ClaudeRemoteOptions {
  /** The organization uuid (`lastActiveOrg` cookie, `x-organization-uuid` header). */
  organizationUuid?: string | undefined;
  /** The claude.ai `sessionKey` cookie (`sk-ant-sid02-…`). */
  sessionKey?: string | undefined;
  /** The Cloudflare `cf_clearance` cookie. */
  cfClearance?: string | undefined;
  /** The user agent of the browser that obtained `cf_clearance`. */
  userAgent?: string | undefined;
  /** A full `Cookie` header; when set, `sessionKey` and `cfClearance` are ignored. */
  cookie?: string | undefined;
  /** An OAuth access token, sent as `Authorization: Bearer …` instead of cookies. */
  accessToken?: string | undefined;
  /** Extra headers for every request and socket (they win over the defaults). */
  headers?: Record<string, string> | undefined;
  /** @default 'https://claude.ai' */
  baseUrl?: string | undefined;
  /** WebSocket host (`host:port` or a `ws(s)://` origin); derived from `baseUrl` by default. */
  wsHost?: string | undefined;
  /** The `fetch` to use; the global one by default. */
  fetch?: typeof fetch | undefined;
  /** The WebSocket constructor; the `ws` package on Node, the global `WebSocket` in browsers. */
  WebSocket?: WebSocketConstructor | undefined;
  /** The clock for timeouts, keep-alives and backoff. */
  clock?: Clock | undefined;
}

/** The base URL without a trailing slash. */
export function baseUrlOf(options: ClaudeRemoteOptions): string {
  return (options.baseUrl ?? 'https://claude.ai').replace(/\/+$/, '');
}

/** The `Cookie` header value: `cookie` as given, else `sessionKey` and `cf_clearance`. */
export function buildCookie(options: ClaudeRemoteOptions): string | undefined {
  if (options.cookie !== undefined && options.cookie !== '') return options.cookie;
  const parts: string[] = [];
  if (options.sessionKey) parts.push(`sessionKey=${options.sessionKey}`);
  if (options.cfClearance) parts.push(`cf_clearance=${options.cfClearance}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/**
 * Headers of every request claude.ai's web client makes to the CCR API (PROTOCOL.md#v1-rest):
 * version, beta and client feature flags, organization, user agent, and cookies or a bearer token
 * (never both), then the caller's extra headers.
 */
export function buildHeaders(options: ClaudeRemoteOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'anthropic-version': '2023-06-01',
    'anthropic-beta': 'ccr-byoc-2025-07-29',
    'anthropic-client-feature': 'ccr',
    'anthropic-client-platform': 'web_claude_ai',
    'anthropic-client-version': '1.0.0',
  };
  if (options.organizationUuid) headers['x-organization-uuid'] = options.organizationUuid;
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  if (options.accessToken) {
    headers.authorization = `Bearer ${options.accessToken}`;
  } else {
    const cookie = buildCookie(options);
    if (cookie !== undefined) headers.cookie = cookie;
  }
  return { ...headers, ...options.headers };
}

/** The v1 subscribe socket URL of a session (PROTOCOL.md#v1-websocket). */
export function subscribeUrl(options: ClaudeRemoteOptions, sessionId: string, replay: boolean): string {
  const path = `/v1/sessions/ws/${encodeURIComponent(sessionId)}/subscribe`;
  const query = new URLSearchParams();
  if (options.organizationUuid) query.set('organization_uuid', options.organizationUuid);
  if (replay) query.set('replay', 'true');
  const qs = query.toString();
  const suffix = qs ? `${path}?${qs}` : path;
  if (options.wsHost) {
    const host = /^wss?:\/\//.test(options.wsHost) ? options.wsHost.replace(/\/+$/, '') : `ws://${options.wsHost}`;
    return `${host}${suffix}`;
  }
  const base = new URL(baseUrlOf(options));
  return `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}${suffix}`;
}
