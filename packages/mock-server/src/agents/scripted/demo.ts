import type { AgentBackend } from '../../agent';
import { scenario, text, thinking, toolUse } from '../../scenario/builder';
import type { Scenario } from '../../scenario/schema';
import { scriptedAgent, type ScriptedAgentOptions } from './agent';

/** Pacing that makes the demo look alive without slowing tests much: small chunks, 20 ms apart. */
const LIVELY = { chunkDelayMs: 20 } as const;

function word(...words: string[]): { regex: string; flags: string } {
  return { regex: `\\b(?:${words.join('|')})\\b`, flags: 'i' };
}

const SURVEY_QUESTIONS = [
  {
    question: 'Which checks should run on every push?',
    header: 'Checks',
    multiSelect: true,
    options: [
      { label: 'Linting', description: 'ESLint over the sources' },
      { label: 'Tests', description: 'The unit test suite' },
      { label: 'CI', description: 'The full pipeline' },
    ],
  },
  {
    question: 'Which package manager should the project use?',
    header: 'Packages',
    multiSelect: false,
    options: [
      { label: 'pnpm', description: 'Fast, strict, workspace-aware' },
      { label: 'npm', description: 'Ships with Node' },
    ],
  },
];

/** What the Bash demo says after its command was allowed. */
export const BASH_ALLOWED = 'The command ran without errors.';
/** What the Bash demo says after its command was denied. */
export const BASH_DENIED = 'Understood: I did not run the command, so nothing was created.';

/** The built-in demo scenarios: one per protocol flow, each started by a keyword in the prompt. */
export function demoScenarios(): Scenario[] {
  return [
    scenario('hello', 'a plain text answer').turn(word('hello', 'hi', 'hey')).reply(text('Hello! I am the scripted demo agent of the ccr-kit mock server. Ask me for "help" to see what I can show.', LIVELY)).build(),
    scenario('think', 'extended thinking, then an answer')
      .turn(word('think', 'thinking'))
      .reply([
        thinking('The user wants to see a thinking block. I will reason briefly, then answer with a short summary.', LIVELY),
        text('After thinking it over: thinking blocks stream as thinking_delta events and end with a signature.', LIVELY),
      ])
      .build(),
    scenario('bash', 'a Bash command that asks for permission; the answer differs after allow and deny (PreToolUse hooks fire first)')
      .turn(word('bash', 'shell', 'command'))
      .reply([
        text('I will create a file with a shell command.', LIVELY),
        toolUse('Bash', { command: 'touch demo-output.txt', description: 'Create an empty demo file' }, { result: '', onDeny: (branch) => branch.reply(text(BASH_DENIED, LIVELY)) }),
      ])
      .reply(text(BASH_ALLOWED, LIVELY))
      .build(),
    scenario('write', 'a file write that asks for permission; updatedInput changes what is written')
      .turn(word('write'))
      .reply([
        text('I will write a short notes file.', LIVELY),
        toolUse('Write', { file_path: '/workspace/notes.md', content: '# Notes\n\nWritten by the demo agent.\n' }, { onDeny: (branch) => branch.reply(text('Understood: I did not write the notes file.', LIVELY)) }),
      ])
      .reply(text('The notes are written; the tool result names the file.', LIVELY))
      .build(),
    scenario('read', 'a Read call that runs without a prompt')
      .turn(word('read'))
      .reply(toolUse('Read', { file_path: '/workspace/README.md' }, { result: '# Demo workspace\n\nNothing to see here.' }))
      .reply(text('The README only has a title and one sentence.', LIVELY))
      .build(),
    scenario('question', 'AskUserQuestion with one question')
      .turn(word('question', 'ask'))
      .reply(
        toolUse('AskUserQuestion', {
          questions: [
            {
              question: 'Which color theme should the demo use?',
              header: 'Theme',
              multiSelect: false,
              options: [
                { label: 'Light', description: 'Dark text on a light background' },
                { label: 'Dark', description: 'Light text on a dark background' },
              ],
            },
          ],
        }),
      )
      .reply(text('Thanks, I will use the theme you picked.', LIVELY))
      .build(),
    scenario('survey', 'AskUserQuestion with two questions, one multi-select')
      .turn(word('survey', 'questions'))
      .reply(toolUse('AskUserQuestion', { questions: SURVEY_QUESTIONS }))
      .reply(text('Noted: I will set the project up with your answers.', LIVELY))
      .build(),
    scenario('plan', 'plan mode: EnterPlanMode, then ExitPlanMode asking to approve a plan')
      .turn(word('plan'))
      .reply([text('Let me plan this first.', LIVELY), toolUse('EnterPlanMode', {})])
      .reply([
        text('Here is my plan.', LIVELY),
        toolUse('ExitPlanMode', { plan: '1. Add a greeting module\n2. Test it\n3. Wire it into the CLI' }, { onDeny: (branch) => branch.reply(text('Understood: I will keep planning before I change anything.', LIVELY)) }),
      ])
      .reply(text('Plan approved: I will follow it step by step.', LIVELY))
      .build(),
    scenario('mcp', 'a call to the tool "echo" of an SDK MCP server named "demo" that the client declared in initialize')
      .turn(word('mcp'))
      .reply([text('I will call the echo tool of your "demo" MCP server.', LIVELY), toolUse('mcp__demo__echo', { text: 'hello from the mock server' })])
      .reply(text('The MCP step is over; the tool result above shows what your server answered.', LIVELY))
      .build(),
    scenario('slow', 'a slow ten-second stream to interrupt')
      .turn(word('slow', 'long', 'story'))
      .reply(
        text(
          'Once upon a time, a mock server streamed a very long answer, one small piece every quarter of a second, so that ' +
            'anyone testing a client had plenty of time to press the stop button. The story went on and on about ' +
            'sockets, sequence numbers and keep-alives, and it only ended when it had said everything it had to say.',
          { chunks: 40, chunkDelayMs: 250 },
        ),
      )
      .build(),
    scenario('retry', 'two overloaded (529) errors retried with api_retry frames, then an answer')
      .turn(word('retry', 'overloaded'))
      .fail(529, 'Overloaded', { times: 2 })
      .reply(text('Sorry for the wait: the model was overloaded twice before this answer got through.', LIVELY))
      .build(),
    scenario('error', 'an API error (400) that ends the turn')
      .turn(word('error', 'fail'))
      .fail(400, 'messages: the prompt is not valid for this demo')
      .build(),
  ];
}

/** Options of {@link demoAgent}: the scripted agent's options other than its scenarios. */
export type DemoAgentOptions = Omit<ScriptedAgentOptions, 'scenarios'>;

/** The scripted agent with the built-in demo scenarios: the default agent of the server and of `ccr-mock`. */
export function demoAgent(options: DemoAgentOptions = {}): AgentBackend {
  return scriptedAgent({ name: 'demo', ...options, scenarios: demoScenarios() });
}
