import { isRecord, type JsonObject } from '../internal/json';
import type { ClientSetup } from '../replay/script';
import type { ClientTarget } from './types';

/**
 * The subprocess adapter protocol: the harness runs the client under test as a child process and
 * talks to it with one JSON object per line — commands on the child's stdin, events on its stdout.
 * The child's stderr is kept for error messages. Version 1.
 *
 * Harness → child:
 * - `{"type":"start","version":1,"target":{baseUrl,wsUrl,sessionId,transport},"setup":{hooks,mcpServers}}`:
 *   connect to the session (v1 WebSocket or v2 SSE), send `initialize` declaring the hooks (callback
 *   ids `hook_0`, `hook_1`, … in the order given) and in-process MCP servers, then report `ready`.
 * - `{"type":"send_user","message":{role,content},"parent_tool_use_id":null}`: send a user message.
 * - `{"type":"control","id":"c1","subtype":"interrupt","payload":{…}}`: send a host control request;
 *   report `control_result` with the same id.
 * - `{"type":"answer","id":"q1","response":{…}}` or `{"type":"answer","id":"q1","error":"…"}`: answer
 *   the agent request reported as `q1` with this success payload (or an error response).
 * - `{"type":"stop"}`: close the connection and exit.
 *
 * Child → harness:
 * - `{"type":"ready"}` once connected and initialized.
 * - `{"type":"frame","frame":{…}}` for every frame handed to the application (not control frames).
 * - `{"type":"unknown_frame","frame":…,"reason":"…"}` for frames it could not parse.
 * - `{"type":"request","id":"q1","subtype":"can_use_tool","request_id":"…","request":{…}}` when the
 *   agent asks something (`can_use_tool`, `hook_callback` with `callback_id`, `mcp_message`, …); the
 *   child waits for the matching `answer` and answers the agent with it, as its own API would.
 * - `{"type":"withdrawn","id":"q1"}` when the agent cancelled that request (`control_cancel_request`).
 * - `{"type":"control_result","id":"c1","ok":true,"response":{…}}`, or `"ok":false` with `error`, or
 *   `"unsupported":true` when the client has no way to send that subtype.
 * - `{"type":"error","message":"…"}` for anything that went wrong; `{"type":"log","message":"…"}` is ignored.
 */
export const COMMAND_PROTOCOL_VERSION = 1;

/** A command the harness writes to the child's stdin. */
export type HarnessCommand =
  | { readonly type: 'start'; readonly version: number; readonly target: ClientTarget; readonly setup: ClientSetup }
  | { readonly type: 'send_user'; readonly message: JsonObject; readonly parent_tool_use_id: string | null }
  | { readonly type: 'control'; readonly id: string; readonly subtype: string; readonly payload: JsonObject }
  | { readonly type: 'answer'; readonly id: string; readonly response?: JsonObject | undefined; readonly error?: string | undefined }
  | { readonly type: 'stop' };

/** An event the child writes to its stdout. */
export type ChildEvent =
  | { readonly type: 'ready' }
  | { readonly type: 'frame'; readonly frame: unknown }
  | { readonly type: 'unknown_frame'; readonly frame: unknown; readonly reason: string }
  | { readonly type: 'request'; readonly id: string; readonly subtype: string; readonly request_id?: string | undefined; readonly request: JsonObject }
  | { readonly type: 'withdrawn'; readonly id: string }
  | { readonly type: 'control_result'; readonly id: string; readonly ok: boolean; readonly response?: JsonObject | undefined; readonly error?: string | undefined; readonly unsupported?: boolean | undefined }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'log'; readonly message: string };

/**
 * Checks one stdout line of the child.
 * @returns the event, or a message saying what is wrong with the line.
 */
export function readChildEvent(line: string): ChildEvent | { readonly problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { problem: `not JSON: ${line.slice(0, 120)}` };
  }
  if (!isRecord(value) || typeof value.type !== 'string') return { problem: `not an event object with a string "type": ${line.slice(0, 120)}` };
  switch (value.type) {
    case 'ready':
    case 'frame':
    case 'log':
      return value as ChildEvent;
    case 'unknown_frame':
      return { type: 'unknown_frame', frame: value.frame, reason: typeof value.reason === 'string' ? value.reason : 'unknown' };
    case 'request':
      if (typeof value.id !== 'string' || typeof value.subtype !== 'string' || !isRecord(value.request)) return { problem: '"request" needs a string id, a string subtype and a request object' };
      return value as ChildEvent;
    case 'withdrawn':
      return typeof value.id === 'string' ? (value as ChildEvent) : { problem: '"withdrawn" needs a string id' };
    case 'control_result':
      return typeof value.id === 'string' && typeof value.ok === 'boolean' ? (value as ChildEvent) : { problem: '"control_result" needs a string id and a boolean ok' };
    case 'error':
      return { type: 'error', message: typeof value.message === 'string' ? value.message : JSON.stringify(value) };
    default:
      return { problem: `unknown event type ${JSON.stringify(value.type)}` };
  }
}
