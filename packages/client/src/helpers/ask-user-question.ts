import { ClientError } from '../errors';
import type { PermissionResult } from '../session/types';

/** One option of an AskUserQuestion question (PROTOCOL.md#askuserquestion). */
export interface QuestionOption {
  label: string;
  description: string;
  preview?: string | undefined;
}

/** One question of an AskUserQuestion call. */
export interface Question {
  question: string;
  header: string;
  options: QuestionOption[];
  multiSelect: boolean;
}

/** The input of the AskUserQuestion tool as `can_use_tool` carries it. */
export interface AskUserQuestionInput {
  questions: Question[];
  [key: string]: unknown;
}

/** The tool name of AskUserQuestion. */
export const ASK_USER_QUESTION_TOOL = 'AskUserQuestion';

/** Whether a `can_use_tool` prompt is an AskUserQuestion with a usable `questions` list. */
export function isAskUserQuestion(toolName: string, input: Record<string, unknown>): input is AskUserQuestionInput {
  return toolName === ASK_USER_QUESTION_TOOL && Array.isArray(input.questions);
}

/**
 * Builds the permission result that answers an AskUserQuestion prompt: `updatedInput.answers`
 * keyed by question text, several selections joined with ", " as the CLI expects.
 * @throws {ClientError} `INVALID_ARGUMENT` when an answer names no question, a question is left
 * unanswered, or a single-select question gets several selections.
 */
export function answerQuestions(
  input: Record<string, unknown>,
  answers: Record<string, string | readonly string[]>,
  options: { annotations?: Record<string, { preview?: string; notes?: string }> | undefined } = {},
): PermissionResult {
  if (!Array.isArray(input.questions)) {
    throw new ClientError('INVALID_ARGUMENT', 'answerQuestions: input.questions is missing; pass the input of an AskUserQuestion prompt.');
  }
  const questions = input.questions as Question[];
  const texts = questions.map((q) => q.question);
  for (const key of Object.keys(answers)) {
    if (!texts.includes(key)) {
      throw new ClientError('INVALID_ARGUMENT', `answerQuestions: no question ${JSON.stringify(key)} in this prompt; its questions are ${JSON.stringify(texts)}.`);
    }
  }
  const out: Record<string, string> = {};
  questions.forEach((q, i) => {
    const answer = answers[q.question];
    if (answer === undefined) {
      throw new ClientError('INVALID_ARGUMENT', `answerQuestions: question ${i + 1} (${JSON.stringify(q.question)}) has no answer.`);
    }
    if (typeof answer !== 'string' && answer.length > 1 && !q.multiSelect) {
      throw new ClientError('INVALID_ARGUMENT', `answerQuestions: question ${JSON.stringify(q.question)} is single-select but got ${answer.length} selections.`);
    }
    out[q.question] = typeof answer === 'string' ? answer : answer.join(', ');
  });
  const updatedInput: Record<string, unknown> = { ...input, answers: out };
  if (options.annotations !== undefined) updatedInput.annotations = options.annotations;
  return { behavior: 'allow', updatedInput };
}
