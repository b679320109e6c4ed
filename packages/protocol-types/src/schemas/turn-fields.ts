import { z } from 'zod';
import { openEnum } from './common';

/**
 * Fields shared by the frames of one turn: who a prompt came from (`origin`) and the uuids that bind
 * a reply to the user message it answers.
 */

/** Where a user message came from (`SDKMessageOrigin`), by `kind`. */
export const KnownMessageOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('human') }),
  z.object({ kind: z.literal('channel'), server: z.string() }),
  z.object({
    kind: z.literal('peer'),
    from: z.string(),
    fromMode: openEnum(['bypass', 'prompting']).optional(),
    name: z.string().optional(),
    fromSession: z.string().optional(),
    senderTaskId: z.string().optional(),
    body: z.string().optional(),
    verifiedPeerPid: z.number().optional(),
  }),
  z.object({
    kind: z.literal('task-notification'),
    subkind: openEnum([
      'scheduled-trigger',
      'peer-send-message',
      'projects-relay',
      'session-inbox',
      'external-event',
    ]).optional(),
    fireReason: z.string().optional(),
    runId: z.string().optional(),
  }),
  z.object({ kind: z.literal('coordinator') }),
  z.object({ kind: z.literal('unclassified') }),
  z.object({ kind: z.literal('observer'), from: z.string(), senderTaskId: z.string() }),
  z.object({ kind: z.literal('auto-continuation') }),
  z.object({ kind: z.literal('observer-activity') }),
]);
export type KnownMessageOrigin = z.infer<typeof KnownMessageOriginSchema>;

/** Origin of a user message; hosts relaying keyboard input stamp `{kind:'human'}`. Unknown kinds are kept (PROTOCOL.md#user). */
export const MessageOriginSchema: z.ZodType<MessageOrigin> = z.union([
  KnownMessageOriginSchema,
  z.object({ kind: z.string() }),
]);
export type MessageOrigin = KnownMessageOrigin | { kind: string };

/**
 * Reply-binding fields stamped on the first reply frames of a turn: the client uuid(s) of the user
 * message(s) it answers, and why a resumed turn continues (PROTOCOL.md#assistant).
 */
export const TurnBindingFields = {
  user_message_uuid: z.string().optional(),
  user_message_uuids: z.array(z.string()).optional(),
  resume_reason: z.string().optional(),
} as const;
