import { isEphemeralFrame as isEphemeral } from '@ccr-kit/protocol-types';

/** Whether a frame is ephemeral (fanned out live, not appended to the event log); the rule lives in protocol-types. */
export function isEphemeralFrame(frame: Record<string, unknown>): boolean {
  return isEphemeral(frame);
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
