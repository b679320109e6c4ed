import { isKnownFrameType, parseFrame, isUnknownFrame } from '@ccr-kit/protocol-types';
import { frameLabel, isRecord, preview, type JsonObject } from '../internal/json';
import { firstDifference, normalizeFrame } from '../normalize';
import type { CheckResult } from '../report/model';
import type { AnswerBook } from './answers';
import type { Observer } from './observer';
import type { ReplayScript } from './script';

/** What a replay run observed, for grading. */
export interface ReplayObservations {
  readonly script: ReplayScript;
  readonly observer: Observer;
  readonly answers: AnswerBook;
  readonly delivered: readonly JsonObject[];
  readonly initializes: readonly JsonObject[];
  readonly agentJournal: readonly string[];
  readonly finished: boolean;
  /** Why driving stopped early, if it did. */
  readonly stopped: string | undefined;
}

function pass(id: string, title: string): CheckResult {
  return { id, title, status: 'pass' };
}

function fail(id: string, title: string, message: string): CheckResult {
  return { id, title, status: 'fail', message };
}

/** `initialize`: sent on connect, declaring the hooks and MCP servers the recording declared. */
export function initializeCheck(o: ReplayObservations): CheckResult {
  const title = 'sends initialize on connect with the recorded hooks and MCP servers';
  const sent = o.initializes[0];
  if (sent === undefined) return fail('initialize', title, 'the client never sent an initialize control request');
  const recorded = o.script.initialize;
  for (const key of ['hooks', 'sdkMcpServers'] as const) {
    const want = recorded?.[key];
    if (want === undefined) continue;
    const difference = firstDifference(want, sent[key], `$.request.${key}`);
    if (difference !== undefined) return fail('initialize', title, difference);
  }
  return pass('initialize', title);
}

/** `parse`: no known frame flagged unknown, and no error reported by the client. */
export function parseCheck(o: ReplayObservations): CheckResult {
  const title = 'parses every frame and reports no error';
  const misread = o.observer.unknown.filter(({ frame }) => {
    if (!isRecord(frame) || typeof frame.type !== 'string' || !isKnownFrameType(frame.type)) return false;
    return !isUnknownFrame(parseFrame(frame));
  });
  const problems = [
    ...misread.map(({ frame, reason }) => `flagged a valid ${frameLabel(frame as JsonObject)} frame as unknown: ${reason}`),
    ...o.observer.errors.map((e) => `reported ${e.name}: ${e.message}`),
  ];
  if (problems.length > 0) return fail('parse', title, problems.slice(0, 5).join('\n'));
  const tolerated = o.observer.unknown.length;
  return tolerated > 0 ? { id: 'parse', title, status: 'warn', message: `${tolerated} frame(s) of unknown kinds were passed on as unknown (tolerated)` } : pass('parse', title);
}

/**
 * The uuids the client under test gave its user messages, by the uuid the recorded host gave the
 * same message (paired in order). The replaying agent refers to the live ones where the tape
 * referred to the recorded ones (`command_lifecycle.command_uuid`, `user_message_uuids`, …).
 */
function clientUuids(o: ReplayObservations): Map<string, string> {
  const recorded = o.script.steps.flatMap((s) => (s.side === 'client' && s.frame.type === 'user' && typeof s.frame.uuid === 'string' ? [s.frame.uuid] : []));
  const live = o.delivered.flatMap((f) => (f.type === 'user' && typeof f.uuid === 'string' ? [f.uuid] : []));
  return new Map(recorded.flatMap((uuid, i) => (live[i] === undefined ? [] : [[uuid, live[i]] as const])));
}

function relabel(value: unknown, uuids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return uuids.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => relabel(v, uuids));
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relabel(v, uuids)]));
}

/** `frames`: every agent frame reached the application, in order, unchanged once normalized. */
export function framesCheck(o: ReplayObservations): CheckResult {
  const title = 'hands every agent frame to the application, in order and unchanged';
  const expected = o.script.steps.filter((s) => s.side === 'agent' && s.observe === 'frame').length;
  const uuids = clientUuids(o);
  for (const pair of o.observer.pairs) {
    const difference = firstDifference(normalizeFrame(relabel(pair.expected.frame, uuids)), normalizeFrame(pair.actual));
    if (difference !== undefined) return fail('frames', title, `${frameLabel(pair.expected.frame)} (tape line ${pair.expected.line}) changed: ${difference}`);
  }
  if (o.observer.pairs.length < expected) {
    return fail('frames', title, `${o.observer.pairs.length} of ${expected} frames arrived; missing ${o.observer.nextMissing() ?? '?'}; last seen: ${o.observer.recent()}`);
  }
  return pass('frames', title);
}

/** `requests`: every request of the agent reached the client's handler. */
export function requestsCheck(o: ReplayObservations): CheckResult {
  const title = 'hands every agent request (can_use_tool, hook_callback, mcp_message, …) to its handler';
  if (o.answers.size === 0) return { id: 'requests', title, status: 'skip', message: 'the tape holds no agent requests' };
  const unasked = o.answers.unasked();
  if (unasked.length > 0) return fail('requests', title, `never handled: ${unasked.map((u) => `${u.subtype} ${u.requestId}`).join(', ')}`);
  return pass('requests', title);
}

function cancelledIds(o: ReplayObservations): Set<string> {
  const ids = new Set<string>();
  for (const step of o.script.steps) {
    if (step.side === 'agent' && step.frame.type === 'control_cancel_request' && typeof step.frame.request_id === 'string') ids.add(step.frame.request_id);
  }
  return ids;
}

/** `client-frames`: the client sent the recorded frames, in order, modulo ids and times. */
export function clientFramesCheck(o: ReplayObservations): CheckResult {
  const title = 'sends the same frames as the recorded client, modulo ids and times';
  const expected = o.script.steps.flatMap((s) => (s.side === 'client' ? [s] : []));
  const cancelled = cancelledIds(o);
  const actual = o.delivered.filter((f) => f.type !== 'keep_alive');
  const late: string[] = [];
  let i = 0;
  for (const frame of actual) {
    const want = expected[i];
    const answersCancelled = frame.type === 'control_response' && isRecord(frame.response) && cancelled.has(String(frame.response.request_id));
    if (want !== undefined && frameLabel(want.frame) === frameLabel(frame) && !answersCancelled) {
      const difference = firstDifference(normalizeFrame(want.frame), normalizeFrame(frame));
      if (difference !== undefined) return fail('client-frames', title, `${frameLabel(want.frame)} (tape line ${want.line}) differs: ${difference}`);
      i++;
      continue;
    }
    if (answersCancelled) {
      late.push(`answered the withdrawn request ${String((frame.response as JsonObject).request_id)}`);
      continue;
    }
    return fail('client-frames', title, `sent ${frameLabel(frame)} ${preview(normalizeFrame(frame))} where the recording has ${want === undefined ? 'nothing more' : `${frameLabel(want.frame)} (tape line ${want.line})`}`);
  }
  if (i < expected.length) return fail('client-frames', title, `${i} of ${expected.length} frames sent; missing ${frameLabel(expected[i]!.frame)} (tape line ${expected[i]!.line})`);
  if (late.length > 0) return { id: 'client-frames', title, status: 'warn', message: `${late.join('; ')} (PROTOCOL.md#control-cancel: ignored by the agent)` };
  return pass('client-frames', title);
}

/** `complete`: the tape played to its end without a stall. */
export function completeCheck(o: ReplayObservations): CheckResult {
  const title = 'replays the tape to its end';
  if (o.stopped !== undefined) return fail('complete', title, o.stopped);
  if (!o.finished) return fail('complete', title, `the tape agent did not reach the end of the tape; its journal: ${o.agentJournal.slice(-3).join(' | ') || 'empty'}`);
  return pass('complete', title);
}

/** Every check of a replay, in report order. */
export function replayChecks(o: ReplayObservations): CheckResult[] {
  return [initializeCheck(o), parseCheck(o), framesCheck(o), requestsCheck(o), clientFramesCheck(o), completeCheck(o)];
}
