import { scenario, text, toolUse, type Scenario } from '../../src/scenario/index';

/** The two questions of the AskUserQuestion case, as the model asks them. */
export const QUESTIONS = [
  {
    question: 'Which package manager should we use?',
    header: 'Manager',
    multiSelect: false,
    options: [
      { label: 'pnpm', description: 'Fast, strict node_modules' },
      { label: 'npm', description: 'Ships with Node' },
    ],
  },
  {
    question: 'Which checks should CI run?',
    header: 'CI checks',
    multiSelect: true,
    options: [
      { label: 'Linting', description: 'ESLint' },
      { label: 'Tests', description: 'Vitest' },
      { label: 'Typecheck', description: 'tsc --noEmit' },
    ],
  },
] as const;

/** The prompt of each case; every scenario turn matches exactly one of them. */
export const PROMPTS = {
  touchAllowed: 'Create allowed.txt please',
  touchDenied: 'Create denied.txt please',
  question: 'Set up the project with me',
  plan: 'Plan how to add notes.txt',
  slow: 'Tell me a long story',
  first: 'Here is the first question',
  second: 'Here is the second question',
  flaky: 'Try the flaky API',
  broken: 'Send a broken request',
  hooked: 'Run the hooked command',
  mcp: 'Call the echo tool',
  afterCrash: 'Are you back?',
} as const;

/** The answer of the slow-stream turn (40 deltas, 250 ms apart). */
export const SLOW_TEXT = 'This answer streams very slowly so that the host can interrupt it halfway through the sentence.';

/** Every scripted model turn the end-to-end tests use; each session gets its own fake model playing them. */
export const CLI_SCENARIOS: readonly Scenario[] = [
  scenario('touch', 'Bash `touch` that asks for permission, allowed or denied')
    .turn(PROMPTS.touchAllowed)
    .reply([text("I'll create the file."), toolUse('Bash', { command: 'touch allowed.txt', description: 'Create allowed.txt' })])
    .reply(text('Created allowed.txt.'))
    .turn(PROMPTS.touchDenied)
    .reply(toolUse('Bash', { command: 'touch denied.txt', description: 'Create denied.txt' }))
    .reply(text('Understood, I will not create the file.'))
    .turn(PROMPTS.hooked)
    .reply(toolUse('Bash', { command: 'touch hooked.txt', description: 'Create hooked.txt' }))
    .reply(text('Done.'))
    .build(),
  scenario('ask-user-question', 'AskUserQuestion with one single-select and one multi-select question')
    .turn(PROMPTS.question)
    .reply(toolUse('AskUserQuestion', { questions: QUESTIONS }))
    .reply(text('Great: pnpm, with linting and tests in CI.'))
    .build(),
  scenario('plan-mode', 'EnterPlanMode, then ExitPlanMode asks for approval')
    .turn(PROMPTS.plan)
    .reply(toolUse('EnterPlanMode', {}))
    .reply(toolUse('ExitPlanMode', { plan: '1. Create notes.txt\n2. Write a heading into it' }))
    .reply(text('The plan is approved; I will start with notes.txt.'))
    .build(),
  scenario('slow-stream', 'a text answer that streams slowly, to be interrupted or cut short')
    .turn(PROMPTS.slow)
    .reply(text(SLOW_TEXT, { chunks: 40, chunkDelayMs: 250 }))
    .turn(PROMPTS.afterCrash)
    .reply(text('Yes, a new process answers now.'))
    .build(),
  scenario('two-turns', 'two prompts in one session')
    .turn(PROMPTS.first)
    .reply(text('This is the answer to the first question.'))
    .turn(PROMPTS.second)
    .reply(text('And this answers the second one.'))
    .build(),
  scenario('api-errors', 'a 500 retried once, and a 400 that ends the turn')
    .turn(PROMPTS.flaky)
    .fail(500, 'Internal server error')
    .reply(text('Recovered after a retry.'))
    .turn(PROMPTS.broken)
    .fail(400, 'messages: text content blocks must be non-empty')
    .build(),
  scenario('sdk-mcp', 'a call to a tool of an SDK MCP server the client declared')
    .turn(PROMPTS.mcp)
    .reply(toolUse('mcp__demo__echo', { text: 'hello from the real CLI' }))
    .reply(text('The echo tool answered.'))
    .build(),
];
