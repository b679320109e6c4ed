import { parseTape } from '@ccr-kit/protocol-types';
import { TapeFrameExtractor } from '../frames/extract';
import { isRecord, type JsonObject } from '../internal/json';
import { normalizeFrame } from '../normalize';

/** What a client must do about an agent frame: show it, handle it as a request, or nothing visible. */
export type Observation = 'frame' | 'request' | 'internal';

/** A frame the tape's agent side sends. */
export interface AgentStep {
  readonly side: 'agent';
  readonly frame: JsonObject;
  readonly line: number;
  readonly observe: Observation;
}

/** What the client under test has to do for a client frame of the tape. */
export type ClientAction = 'user' | 'control' | 'answer' | 'cancel' | 'other';

/** A frame the tape's client side sent. */
export interface ClientStep {
  readonly side: 'client';
  readonly frame: JsonObject;
  readonly line: number;
  readonly action: ClientAction;
}

/** Hook registrations and in-process MCP servers a client must declare in `initialize` to replay a tape. */
export interface ClientSetup {
  /** By hook event: matchers with the number of callbacks each (ids are `hook_0`, `hook_1`, … in order). */
  readonly hooks: Readonly<Record<string, readonly { matcher?: string | undefined; callbacks: number; timeout?: number | undefined }[]>>;
  readonly mcpServers: readonly string[];
}

/** A tape split into the steps of a replay. */
export interface ReplayScript {
  readonly steps: readonly (AgentStep | ClientStep)[];
  /** The recorded `initialize` request (its `request` object), if the client sent one. */
  readonly initialize: JsonObject | undefined;
  readonly setup: ClientSetup;
}

/** A tape that cannot be replayed; the message names the problem. */
export class ReplayScriptError extends Error {
  override readonly name = 'ReplayScriptError';
}

function requestIdOf(frame: JsonObject): string | undefined {
  const id = frame.type === 'control_response' && isRecord(frame.response) ? frame.response.request_id : frame.request_id;
  return typeof id === 'string' ? id : undefined;
}

function subtypeOf(frame: JsonObject): unknown {
  return isRecord(frame.request) ? frame.request.subtype : undefined;
}

function observationOf(frame: JsonObject): Observation {
  if (frame.type === 'control_request') return 'request';
  if (frame.type === 'control_response' || frame.type === 'control_cancel_request' || frame.type === 'keep_alive') return 'internal';
  return 'frame';
}

function actionOf(frame: JsonObject): ClientAction {
  switch (frame.type) {
    case 'user':
      return 'user';
    case 'control_request':
      return 'control';
    case 'control_response':
      return 'answer';
    case 'control_cancel_request':
      return 'cancel';
    default:
      return 'other';
  }
}

function setupOf(initialize: JsonObject | undefined): ClientSetup {
  const hooks: Record<string, { matcher?: string | undefined; callbacks: number; timeout?: number | undefined }[]> = {};
  if (initialize !== undefined && isRecord(initialize.hooks)) {
    for (const [event, matchers] of Object.entries(initialize.hooks)) {
      if (!Array.isArray(matchers)) continue;
      hooks[event] = matchers.filter(isRecord).map((m) => ({
        matcher: typeof m.matcher === 'string' ? m.matcher : undefined,
        callbacks: Array.isArray(m.hookCallbackIds) ? m.hookCallbackIds.length : 0,
        timeout: typeof m.timeout === 'number' ? m.timeout : undefined,
      }));
    }
  }
  const servers = initialize?.sdkMcpServers;
  return { hooks, mcpServers: Array.isArray(servers) ? servers.filter((s): s is string => typeof s === 'string') : [] };
}

/**
 * Reads a tape into replay steps, in the order the tape holds them. Like the mock server's tape
 * agent, it leaves out keep-alives, the `initialize` exchange (kept apart: the client sends its
 * own on connect), echoes of the client's frames and frames repeated with the same uuid.
 * @throws {ReplayScriptError} when the tape has bad lines or no agent frames.
 */
export function replayScript(text: string, source = '<tape>'): ReplayScript {
  const parsed = parseTape(text);
  if (parsed.errors.length > 0) {
    throw new ReplayScriptError(`Cannot replay ${source}: ${parsed.errors.map((e) => e.message).slice(0, 3).join('; ')}. Fix or re-record the tape.`);
  }
  const extractor = new TapeFrameExtractor();
  const steps: (AgentStep | ClientStep)[] = [];
  const seenUuids = new Set<string>();
  const clientRequests = new Set<string>();
  const agentRequests = new Set<string>();
  const unechoedPrompts: string[] = [];
  let initialize: JsonObject | undefined;
  let initializeId: string | undefined;
  parsed.events.forEach((event, index) => {
    for (const located of extractor.framesOf(event, index + 2)) {
      const frame = located.value;
      if (!isRecord(frame) || frame.type === 'keep_alive') continue;
      if (located.via === 'sse' && located.direction === 'to-agent') continue;
      const requestId = requestIdOf(frame);
      const uuid = typeof frame.uuid === 'string' ? frame.uuid : undefined;
      if (located.direction === 'to-agent') {
        if (uuid !== undefined) seenUuids.add(uuid);
        if (frame.type === 'control_request' && requestId !== undefined) {
          clientRequests.add(requestId);
          if (subtypeOf(frame) === 'initialize') {
            initialize ??= frame.request as JsonObject;
            initializeId = requestId;
            continue;
          }
        }
        if (frame.type === 'user') unechoedPrompts.push(JSON.stringify(normalizeFrame({ message: frame.message })));
        steps.push({ side: 'client', frame, line: located.line, action: actionOf(frame) });
        continue;
      }
      if (uuid !== undefined && seenUuids.has(uuid)) continue;
      if (uuid !== undefined) seenUuids.add(uuid);
      if (frame.type === 'control_response' && requestId !== undefined && (requestId === initializeId || agentRequests.has(requestId))) continue;
      if (frame.type === 'control_request' && requestId !== undefined) {
        if (clientRequests.has(requestId)) continue;
        agentRequests.add(requestId);
      }
      if (frame.type === 'user' && frame.tool_use_result === undefined) {
        const echo = unechoedPrompts.indexOf(JSON.stringify(normalizeFrame({ message: frame.message })));
        if (echo >= 0) {
          unechoedPrompts.splice(echo, 1);
          continue;
        }
      }
      steps.push({ side: 'agent', frame, line: located.line, observe: observationOf(frame) });
    }
  });
  if (!steps.some((s) => s.side === 'agent')) throw new ReplayScriptError(`Cannot replay ${source}: it holds no frames from the agent side.`);
  return { steps, initialize, setup: setupOf(initialize) };
}
