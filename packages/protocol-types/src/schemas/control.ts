// STUB: replaced by the full control-frame schemas.
import { z } from 'zod';
import { frameSchema } from './common';

/** `keep_alive` (PROTOCOL.md#keep-alive). Either direction. */
export const KeepAliveSchema = frameSchema('both', { type: z.literal('keep_alive') });
export type KeepAlive = z.infer<typeof KeepAliveSchema>;

/** `control_request` / `initialize` (PROTOCOL.md#initialize). Outbound from hosts: strict. */
export const InitializeRequestFrameSchema = frameSchema('to-agent', {
  type: z.literal('control_request'),
  request_id: z.string(),
  request: z.object({ subtype: z.literal('initialize') }),
});

export const CONTROL_FRAME_SCHEMAS = [KeepAliveSchema, InitializeRequestFrameSchema] as const;
