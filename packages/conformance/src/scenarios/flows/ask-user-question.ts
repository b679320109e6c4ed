import { assistant, canUseTool, freshId, resultSuccess, systemInit, toolUse } from '../frames';
import { answerTo, prompt, successPayload } from '../helpers';
import { expectEqual, type Scenario } from '../types';

const QUESTIONS = [
  { question: 'Which package manager should we use?', header: 'Manager', options: [{ label: 'pnpm', description: 'Fast, strict node_modules' }, { label: 'npm', description: 'Ships with Node' }], multiSelect: false },
  { question: 'Which checks should CI run?', header: 'CI checks', options: [{ label: 'Linting', description: 'ESLint' }, { label: 'Tests', description: 'Vitest' }], multiSelect: true },
];

/** AskUserQuestion answered through updatedInput.answers, multi-select joined with ", " (PROTOCOL.md#askuserquestion). */
export const askUserQuestionScenario: Scenario = {
  id: 'askuserquestion',
  title: 'AskUserQuestion: the answers go back in updatedInput.answers',
  section: 'PROTOCOL.md#askuserquestion',
  async run(ctx) {
    const client = await ctx.connect();
    await prompt(ctx, client, 'Set up the project');
    const toolUseId = freshId('toolu_');
    const requestId = freshId('perm-');
    const answers = { 'Which package manager should we use?': 'pnpm', 'Which checks should CI run?': 'Linting, Tests' };
    client.instruct((request) => ({ behavior: 'allow', updatedInput: { ...(request.request.input as object), answers } }));
    ctx.stage.emit(systemInit(), assistant(freshId('msg_'), toolUse(toolUseId, 'AskUserQuestion', { questions: QUESTIONS })), canUseTool(requestId, toolUseId, 'AskUserQuestion', { questions: QUESTIONS }));
    await ctx.check('questions-shown', 'the handler gets every question with its options', async () => {
      const seen = await client.request('can_use_tool');
      expectEqual(seen.request.input, { questions: QUESTIONS }, 'the AskUserQuestion input');
    });
    await ctx.check('answers-returned', 'allow returns the questions unchanged plus the answers keyed by question text', async () => {
      const payload = successPayload(await answerTo(ctx, requestId), 'the AskUserQuestion answer');
      expectEqual(payload, { behavior: 'allow', updatedInput: { questions: QUESTIONS, answers }, toolUseID: toolUseId }, 'the answer');
    });
    await ctx.check('turn-ends', 'the result of the turn reaches the application', async () => {
      const from = client.frames.length;
      ctx.stage.emit(resultSuccess('Using pnpm with Linting and Tests.', 2));
      await client.frame('the result', (f) => f.type === 'result', from);
    });
  },
};
