/** `system` subtypes that are display-only: shown live, never stored or replayed. */
const DISPLAY_ONLY_SYSTEM = new Set(['thinking_tokens', 'post_turn_summary', 'task_summary', 'commands_changed']);

/** Frame types that are live-only: no sequence number, not stored, not replayed. */
const EPHEMERAL_TYPES = new Set(['stream_event', 'sources_changed']);

/** Whether a frame is ephemeral (fanned out live, not appended to the event log). */
export function isEphemeralFrame(frame: Record<string, unknown>): boolean {
  const type = frame.type;
  if (typeof type !== 'string') return false;
  if (EPHEMERAL_TYPES.has(type)) return true;
  return type === 'system' && typeof frame.subtype === 'string' && DISPLAY_ONLY_SYSTEM.has(frame.subtype);
}

/** The `request.subtype` of a control request frame, if any. */
export function controlSubtype(frame: Record<string, unknown>): string | undefined {
  const request = frame.request;
  if (request === null || typeof request !== 'object') return undefined;
  const subtype = (request as Record<string, unknown>).subtype;
  return typeof subtype === 'string' ? subtype : undefined;
}

/** The `request_id` a control_response answers, if any. */
export function answeredRequestId(frame: Record<string, unknown>): string | undefined {
  const response = frame.response;
  if (response === null || typeof response !== 'object') return undefined;
  const id = (response as Record<string, unknown>).request_id;
  return typeof id === 'string' ? id : undefined;
}
