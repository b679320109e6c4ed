// STUB: replaced by the full task-frame schemas.
import { z } from 'zod';
import { BaseFields, frameSchema } from './common';

/** `system/task_started` (PROTOCOL.md#tasks). Inbound: tolerant. */
export const TaskStartedSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('task_started'),
  task_id: z.string(),
  description: z.string(),
  ...BaseFields,
});
export type TaskStarted = z.infer<typeof TaskStartedSchema>;

export const TASK_FRAME_SCHEMAS = [TaskStartedSchema] as const;
