import { findDrift } from '@ccr-kit/protocol-types';
import { isRecord, type JsonObject } from '../internal/json';
import type { ClientUnderTest, ScenarioContext } from './types';
import { CheckFailure } from './types';

/** Sends a text prompt through the client under test and resolves with the `user` frame the agent received. */
export async function prompt(ctx: ScenarioContext, client: ClientUnderTest, value: string): Promise<JsonObject> {
  const from = ctx.stage.delivered.length;
  await client.connection.sendUser({ role: 'user', content: [{ type: 'text', text: value }] }, null);
  return ctx.stage.received(`the prompt "${value}"`, (f) => f.type === 'user', from);
}

/** Resolves with the `response` object of the client's `control_response` to `requestId`. */
export async function answerTo(ctx: ScenarioContext, requestId: string): Promise<JsonObject> {
  const frame = await ctx.stage.received(`an answer to ${requestId}`, (f) => f.type === 'control_response' && isRecord(f.response) && f.response.request_id === requestId);
  return frame.response as JsonObject;
}

/** Resolves with the n-th (1-based) host `control_request` of a subtype the agent received. */
export async function hostRequest(ctx: ScenarioContext, subtype: string, count = 1): Promise<JsonObject> {
  let seen = 0;
  return ctx.stage.received(`a ${subtype} control request`, (f) => f.type === 'control_request' && isRecord(f.request) && f.request.subtype === subtype && ++seen === count);
}

/** The success payload of a `control_response` envelope, or a failure naming the error the client sent. */
export function successPayload(response: JsonObject, what: string): JsonObject {
  if (response.subtype !== 'success') throw new CheckFailure(`${what}: the client answered with ${String(response.subtype)} ${JSON.stringify(response.error ?? '')}`);
  return isRecord(response.response) ? response.response : {};
}

/** Fails when a frame the client sent has critical drift towards the agent. */
export function expectNoCriticalDrift(frame: JsonObject, what: string): void {
  const critical = findDrift(frame, 'to-agent').filter((f) => f.severity === 'critical');
  if (critical.length > 0) throw new CheckFailure(`${what} does not match the protocol: ${critical.map((f) => `${f.path}: ${f.message}`).join('; ')}`);
}

/** Labels of the frames a client surfaced, skipping echoes of its own user messages. */
export function surfacedLabels(client: ClientUnderTest, from = 0): string[] {
  return client.frames.slice(from).flatMap((f) => {
    if (!isRecord(f) || typeof f.type !== 'string') return [];
    const subtype = typeof f.subtype === 'string' ? `/${f.subtype}` : '';
    return [`${f.type}${subtype}`];
  });
}

/** Fails unless `wanted` appears in `labels` in order (other labels may come between). */
export function expectInOrder(labels: readonly string[], wanted: readonly string[], what: string): void {
  let i = 0;
  for (const label of labels) if (label === wanted[i]) i++;
  if (i < wanted.length) throw new CheckFailure(`${what}: expected ${wanted.join(' → ')} in order; got ${labels.join(', ') || 'nothing'}`);
}

/** The text of a user frame's first text block (or its string content). */
export function userText(frame: JsonObject): string | undefined {
  const message = isRecord(frame.message) ? frame.message : {};
  if (typeof message.content === 'string') return message.content;
  if (!Array.isArray(message.content)) return undefined;
  const block = message.content.find((b: unknown) => isRecord(b) && b.type === 'text');
  return isRecord(block) && typeof block.text === 'string' ? block.text : undefined;
}
