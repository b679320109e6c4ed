import { z } from 'zod';
import { BaseFields, frameSchema, openEnum } from './common';
import { HookEventSchema } from './enums';

/**
 * Hook run frames. CLI 2.1.197 sends them for command hooks from settings (with
 * `--include-hook-events`), not for SDK callback hooks, which go through `hook_callback` instead.
 */

/** Fields naming the hook run a frame belongs to. */
const HookRunFields = {
  ...BaseFields,
  hook_id: z.string(),
  hook_name: z.string(),
  hook_event: HookEventSchema,
} as const;

/** A hook began (PROTOCOL.md#hooks). Inbound: tolerant. */
export const SystemHookStartedSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('hook_started'),
  ...HookRunFields,
});
export type SystemHookStarted = z.infer<typeof SystemHookStartedSchema>;

/** Output a running hook produced so far (PROTOCOL.md#hooks). Inbound: tolerant. */
export const SystemHookProgressSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('hook_progress'),
  ...HookRunFields,
  stdout: z.string(),
  stderr: z.string(),
  output: z.string(),
});
export type SystemHookProgress = z.infer<typeof SystemHookProgressSchema>;

/** A hook finished, with its output, exit code and outcome (PROTOCOL.md#hooks). Inbound: tolerant. */
export const SystemHookResponseSchema = frameSchema('to-client', {
  type: z.literal('system'),
  subtype: z.literal('hook_response'),
  ...HookRunFields,
  output: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  exit_code: z.number().optional(),
  outcome: openEnum(['success', 'error', 'cancelled']),
});
export type SystemHookResponse = z.infer<typeof SystemHookResponseSchema>;

/** The hook frame schemas, for the frame registry. */
export const SYSTEM_HOOK_FRAME_SCHEMAS = [
  SystemHookStartedSchema,
  SystemHookProgressSchema,
  SystemHookResponseSchema,
] as const;
