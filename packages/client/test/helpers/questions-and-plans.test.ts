import { describe, expect, it } from 'vitest';
import { answerQuestions, isAskUserQuestion } from '../../src/helpers/ask-user-question';
import { approvePlan, isPlanApproval, rejectPlan } from '../../src/helpers/plan-mode';

const input = {
  questions: [
    { question: 'Which language?', header: 'Language', multiSelect: false, options: [{ label: 'TypeScript', description: 'typed' }, { label: 'Python', description: 'dynamic' }] },
    { question: 'Which checks?', header: 'Checks', multiSelect: true, options: [{ label: 'Linting', description: '' }, { label: 'CI', description: '' }] },
  ],
};

describe('answerQuestions (AskUserQuestion)', () => {
  it('answers keyed by question text, multi-select joined with ", "', () => {
    expect(isAskUserQuestion('AskUserQuestion', input)).toBe(true);
    expect(isAskUserQuestion('Bash', input)).toBe(false);
    const result = answerQuestions(input, { 'Which language?': 'TypeScript', 'Which checks?': ['Linting', 'CI'] });
    expect(result).toEqual({
      behavior: 'allow',
      updatedInput: { ...input, answers: { 'Which language?': 'TypeScript', 'Which checks?': 'Linting, CI' } },
    });
  });

  it('accepts free text and annotations', () => {
    const result = answerQuestions(input, { 'Which language?': 'Rust, actually', 'Which checks?': [] }, { annotations: { 'Which language?': { notes: 'user typed it' } } });
    expect(result.behavior === 'allow' && result.updatedInput).toMatchObject({
      answers: { 'Which language?': 'Rust, actually', 'Which checks?': '' },
      annotations: { 'Which language?': { notes: 'user typed it' } },
    });
  });

  it('says which question is wrong', () => {
    expect(() => answerQuestions(input, { 'Which colour?': 'red' })).toThrow(/no question "Which colour\?" in this prompt; its questions are \["Which language\?","Which checks\?"\]/);
    expect(() => answerQuestions(input, { 'Which language?': 'TypeScript' })).toThrow(/question 2 \("Which checks\?"\) has no answer/);
    expect(() => answerQuestions(input, { 'Which language?': ['TypeScript', 'Python'], 'Which checks?': 'CI' })).toThrow(/single-select but got 2 selections/);
    expect(() => answerQuestions({}, {})).toThrow(/input.questions is missing/);
  });
});

describe('plan approval (ExitPlanMode)', () => {
  const plan = { plan: '1. read\n2. write' };

  it('approves as proposed, edited, or with a mode switch', () => {
    expect(isPlanApproval('ExitPlanMode')).toBe(true);
    expect(approvePlan(plan)).toEqual({ behavior: 'allow', updatedInput: plan });
    expect(approvePlan(plan, { plan: '1. write only' })).toEqual({ behavior: 'allow', updatedInput: { plan: '1. write only' } });
    expect(approvePlan(plan, { mode: 'acceptEdits' })).toEqual({
      behavior: 'allow',
      updatedInput: plan,
      updatedPermissions: [{ type: 'setMode', mode: 'acceptEdits', destination: 'session' }],
    });
  });

  it('rejects with feedback, optionally interrupting', () => {
    expect(rejectPlan('Use smaller steps')).toEqual({ behavior: 'deny', message: 'Use smaller steps' });
    expect(rejectPlan('', { interrupt: true })).toEqual({ behavior: 'deny', message: 'The user rejected the plan.', interrupt: true });
  });
});
