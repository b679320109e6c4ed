// STUB: replaced by the full conversation-frame schemas.
import { z } from 'zod';
import { BaseFields, frameSchema } from './common';

/** Assistant frame (PROTOCOL.md#assistant). Inbound: tolerant. */
export const AssistantMessageSchema = frameSchema('to-client', {
  type: z.literal('assistant'),
  message: z.object({ id: z.string(), content: z.array(z.object({ type: z.string() })) }),
  parent_tool_use_id: z.string().nullable(),
  ...BaseFields,
});
export type AssistantMessage = z.infer<typeof AssistantMessageSchema>;

export const MESSAGE_FRAME_SCHEMAS = [AssistantMessageSchema] as const;
