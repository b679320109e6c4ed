/**
 * Which frames the service stores (durable: sequence numbers, replay, REST listing) and which it
 * only fans out live (ephemeral). PROTOCOL.md#v2-sse. One rule for the client's de-duplication
 * and resume cursor and for the mock server's event log.
 */

/** `system` subtypes that are display-only: shown live, never stored or replayed. */
export const DISPLAY_ONLY_SYSTEM_SUBTYPES: ReadonlySet<string> = new Set(['thinking_tokens', 'post_turn_summary', 'task_summary', 'commands_changed']);

/** Frame types that are live-only: no sequence number, not stored, not replayed. */
export const EPHEMERAL_FRAME_TYPES: ReadonlySet<string> = new Set(['stream_event', 'sources_changed', 'keep_alive']);

/**
 * Whether a frame is ephemeral: fanned out live, never stored, never replayed, so it can never
 * be a resume cursor and never needs de-duplication against replayed history. Non-objects and
 * frames without a string `type` are not ephemeral.
 */
export function isEphemeralFrame(frame: unknown): boolean {
  if (frame === null || typeof frame !== 'object') return false;
  const { type, subtype } = frame as { type?: unknown; subtype?: unknown };
  if (typeof type !== 'string') return false;
  if (EPHEMERAL_FRAME_TYPES.has(type)) return true;
  return type === 'system' && typeof subtype === 'string' && DISPLAY_ONLY_SYSTEM_SUBTYPES.has(subtype);
}
