// STUB: replaced by the full system-frame schemas.
import { z } from 'zod';
import { BaseFields, frameSchema } from './common';

/** `system/init` (PROTOCOL.md#system-init). Inbound: tolerant. */
export const SystemInitSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('init'),
  model: z.string(),
  ...BaseFields,
});
export type SystemInit = z.infer<typeof SystemInitSchema>;

export const SYSTEM_FRAME_SCHEMAS = [SystemInitSchema] as const;
