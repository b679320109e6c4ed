import type { MockServer } from '../options';

/** What the banner shows. */
export interface BannerInfo {
  readonly server: MockServer;
  readonly agent: string;
  readonly auth: 'off' | 'strict';
  /** The session created at startup, so the examples are ready to paste. */
  readonly v1Session: string;
  readonly v2Session: string;
  /** What to say to the agent, one line (default: the demo agent's hint). */
  readonly hint?: string | undefined;
}

/** The headers a request needs in strict mode, as curl `-H` flags. */
function curlAuth(info: BannerInfo): string {
  if (info.auth === 'off') return '';
  const c = info.server.credentials;
  return ` -H 'cookie: sessionKey=${c.sessionKey}' -H 'x-organization-uuid: ${c.organizationUuid}' -H 'anthropic-version: 2023-06-01' -H 'anthropic-beta: ccr-byoc-2025-07-29'`;
}

/** The `headers` the official client needs in strict mode, as an object-literal member. */
function sdkHeaders(info: BannerInfo): string {
  if (info.auth === 'off') return '';
  return `, headers: { authorization: 'Bearer ${info.server.credentials.accessToken}', 'anthropic-version': '2023-06-01' }`;
}

/** The text `ccr-mock` prints once it listens: URLs, a curl session and a client snippet. */
export function banner(info: BannerInfo): string {
  const { url, wsUrl } = info.server;
  const auth = curlAuth(info);
  const wsQuery = info.auth === 'strict' ? `?organization_uuid=${info.server.credentials.organizationUuid}` : '';
  const lines = [
    `ccr-mock is listening on ${url} (agent: ${info.agent}, auth: ${info.auth})`,
    '',
    `  v1 REST       ${url}/v1/sessions`,
    `  v1 WebSocket  ${wsUrl}/v1/sessions/ws/${info.v1Session}/subscribe${wsQuery}`,
    `  v2 REST       ${url}/v1/code/sessions`,
    `  v2 SSE        ${url}/v1/code/sessions/${info.v2Session}/events/stream`,
    `  admin         ${url}/__admin/sessions`,
    '',
    'Try it (watch the stream in one terminal, talk in another):',
    `  curl -N${auth} ${url}/v1/code/sessions/${info.v2Session}/events/stream`,
    `  curl${auth} -H 'content-type: application/json' ${url}/v1/code/sessions/${info.v2Session}/events \\`,
    `    -d '{"events":[{"payload":{"type":"user","message":{"role":"user","content":"hello"},"parent_tool_use_id":null,"session_id":""}}]}'`,
    '',
    'Or with the official client (Node 20+, ESM):',
    `  import { query } from '@anthropic-ai/claude-agent-sdk/browser';`,
    `  async function* prompt() { yield { type: 'user', message: { role: 'user', content: 'ask me a question' }, parent_tool_use_id: null, session_id: '' }; }`,
    `  const sse = { streamUrl: '${url}/v1/code/sessions/${info.v2Session}/events/stream', sendUrl: '${url}/v1/code/sessions/${info.v2Session}/events', sessionId: '${info.v2Session}'${sdkHeaders(info)} };`,
    `  for await (const m of query({ prompt: prompt(), sse })) console.log(m.type);`,
    '',
    `${info.hint ?? 'Say "help" to the demo agent for the flows it can show.'} Ctrl+C stops the server.`,
  ];
  if (info.auth === 'strict') {
    const c = info.server.credentials;
    lines.push('', `Credentials: sessionKey=${c.sessionKey}, x-organization-uuid=${c.organizationUuid}, Bearer ${c.accessToken}`);
  }
  return `${lines.join('\n')}\n`;
}
