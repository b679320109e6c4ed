import { z } from 'zod';
import { openEnum } from './common';

/**
 * Tool inputs a host answers through `can_use_tool` rather than by running a tool:
 * AskUserQuestion (answers go back in `updatedInput`) and ExitPlanMode (the plan to approve).
 */

/** One choice offered for a question (PROTOCOL.md#askuserquestion). */
export const AskUserQuestionOptionSchema = z.object({
  label: z.string(),
  description: z.string(),
  preview: z.string().optional(),
});
export type AskUserQuestionOption = z.infer<typeof AskUserQuestionOptionSchema>;

/** One question with 2–4 options; `header` is a short chip label (PROTOCOL.md#askuserquestion). */
export const AskUserQuestionItemSchema = z.object({
  question: z.string(),
  header: z.string(),
  options: z.array(AskUserQuestionOptionSchema).min(2).max(4),
  multiSelect: z.boolean(),
});
export type AskUserQuestionItem = z.infer<typeof AskUserQuestionItemSchema>;

/** The AskUserQuestion tool input, as received in `can_use_tool.input` (PROTOCOL.md#askuserquestion). */
export const AskUserQuestionInputSchema = z.object({
  questions: z.array(AskUserQuestionItemSchema).min(1).max(4),
});
export type AskUserQuestionInput = z.infer<typeof AskUserQuestionInputSchema>;

/** Separator between the labels of a multi-select answer, e.g. `"Linting, CI"` (PROTOCOL.md#askuserquestion). */
export const MULTI_SELECT_SEPARATOR = ', ';

/** Why a question has no answer; needs the `ask_user_question_unanswered_v1` capability (PROTOCOL.md#askuserquestion). */
export const UnansweredReasonSchema = z.enum(['skipped', 'replied_in_chat', 'dismissed']);
export type UnansweredReason = z.infer<typeof UnansweredReasonSchema>;

/** Notes on one answer, keyed like `answers` (PROTOCOL.md#askuserquestion). */
export const AskUserQuestionAnnotationSchema = z.object({
  preview: z.string().optional(),
  notes: z.string().optional(),
  unanswered: UnansweredReasonSchema.optional(),
});
export type AskUserQuestionAnnotation = z.infer<typeof AskUserQuestionAnnotationSchema>;

/**
 * The answer fields a host adds to the tool input in `updatedInput` (PROTOCOL.md#askuserquestion):
 * `answers` maps each question's text to the chosen label, multi-select labels joined with
 * {@link MULTI_SELECT_SEPARATOR}. Outbound: strict.
 */
export const AskUserQuestionAnswersSchema = z.object({
  answers: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), AskUserQuestionAnnotationSchema).optional(),
  metadata: z.object({ source: z.string().optional() }).optional(),
});
export type AskUserQuestionAnswers = z.infer<typeof AskUserQuestionAnswersSchema>;

/** The whole `updatedInput` of an answered AskUserQuestion: the questions plus the answers (PROTOCOL.md#askuserquestion). */
export const AskUserQuestionUpdatedInputSchema = AskUserQuestionInputSchema.extend(
  AskUserQuestionAnswersSchema.shape,
);
export type AskUserQuestionUpdatedInput = z.infer<typeof AskUserQuestionUpdatedInputSchema>;

/** A prompt pre-approved for after the plan, e.g. `{tool: 'Bash', prompt: 'run tests'}` (PROTOCOL.md#plan-mode). */
export const AllowedPromptSchema = z.object({ tool: openEnum(['Bash']), prompt: z.string() });
export type AllowedPrompt = z.infer<typeof AllowedPromptSchema>;

/**
 * The ExitPlanMode tool input, as received in `can_use_tool.input` (PROTOCOL.md#plan-mode).
 * Sending a changed `plan` back in `updatedInput` makes the CLI report `planWasEdited: true`.
 */
export const ExitPlanModeInputSchema = z.object({
  plan: z.string().optional(),
  allowedPrompts: z.array(AllowedPromptSchema).optional(),
});
export type ExitPlanModeInput = z.infer<typeof ExitPlanModeInputSchema>;
