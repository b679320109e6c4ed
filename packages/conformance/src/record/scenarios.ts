/** What the fake Messages API answers in each corpus flow (one scenario per flow id; see `./flows.ts`). */

type Json = Record<string, unknown>;
const text = (value: string, extra: Json = {}): Json => ({ type: 'text', text: value, ...extra });
const thinking = (value: string, extra: Json = {}): Json => ({ type: 'thinking', text: value, ...extra });
const tool = (name: string, input: Json, extra: Json = {}): Json => ({
  type: 'tool_use',
  name,
  input,
  ...extra,
});
const bash = (command: string, description: string): Json => tool('Bash', { command, description });
const reply = (...blocks: Json[]): Json => ({ blocks });
/** One prompt's answers; `match` picks the prompt by a substring when a flow sends several. */
const turn = (match: string | undefined, ...responses: Json[]): Json => ({
  ...(match === undefined ? {} : { match: { text: match } }),
  responses,
});
const scenario = (name: string, description: string, turns: Json[]): Json => ({ name, description, turns });

export const FLOW_SCENARIOS: Readonly<Record<string, unknown>> = {
  '01-plain-text': scenario(
    '01-plain-text',
    'one prompt answered with plain text; system/init, assistant, result/success',
    [turn(undefined, reply(text('Hello! How can I help you today?')))],
  ),
  '02-thinking-partial': scenario(
    '02-thinking-partial',
    'thinking + text with --include-partial-messages: stream_event frames (thinking_delta, signature_delta, text_delta)',
    [
      turn(
        undefined,
        reply(
          thinking('The user wants a short answer about primes. 7 is prime.', { chunks: 3 }),
          text('Yes, 7 is a prime number.', { chunks: 3 }),
        ),
      ),
    ],
  ),
  '03-bash-touch-allowed': scenario(
    '03-bash-touch-allowed',
    'Bash `touch` asks can_use_tool, host allows, tool_result, second model call, result/success',
    [
      turn(
        undefined,
        reply(text("I'll create the file."), bash('touch created.txt', 'Create created.txt')),
        reply(text('Created created.txt.')),
      ),
    ],
  ),
  '04-bash-touch-denied': scenario(
    '04-bash-touch-denied',
    'Bash `touch` denied with a message: is_error tool_result with that message, the turn continues to result/success',
    [
      turn(
        undefined,
        reply(bash('touch denied.txt', 'Create denied.txt')),
        reply(text('Understood, I will not create the file.')),
      ),
    ],
  ),
  '05-deny-interrupt': scenario(
    '05-deny-interrupt',
    'Bash denied with interrupt:true: canned tool_result, "[Request interrupted by user for tool use]", result/error_during_execution',
    [
      turn(
        undefined,
        reply(bash('touch never.txt', 'Create never.txt')),
        reply(text('This answer is never requested.')),
      ),
    ],
  ),
  '06-ask-user-question': scenario(
    '06-ask-user-question',
    'AskUserQuestion with a single-select and a multi-select question answered through updatedInput.answers',
    [
      turn(
        undefined,
        reply(
          tool('AskUserQuestion', {
            questions: [
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
            ],
          }),
        ),
        reply(text('Great: pnpm, with linting and tests in CI.')),
      ),
    ],
  ),
  '07-plan-mode': scenario(
    '07-plan-mode',
    'EnterPlanMode (no prompt, system/status plan), ExitPlanMode asks and is approved (system/status default)',
    [
      turn(
        undefined,
        reply(tool('EnterPlanMode', {})),
        reply(tool('ExitPlanMode', { plan: '1. Create notes.txt\n2. Write a heading into it' })),
        reply(text('The plan is approved; I will start with notes.txt.')),
      ),
    ],
  ),
  '08-interrupt-slow-stream': scenario(
    '08-interrupt-slow-stream',
    'interrupt while a slow text stream is in flight (partial messages): result/error_during_execution, aborted_streaming',
    [
      turn(
        undefined,
        reply(
          text(
            'This answer streams very slowly so that the host can interrupt it halfway through the sentence.',
            { chunks: 40, chunkDelayMs: 250 },
          ),
        ),
      ),
    ],
  ),
  '09-two-turns': scenario(
    '09-two-turns',
    'two prompts in one session: system/init and result once per turn',
    [
      turn('first', reply(text('This is the answer to the first question.'))),
      turn('second', reply(text('And this answers the second one.'))),
    ],
  ),
  '10-api-500-retry': scenario('10-api-500-retry', 'API answers 500 once (system/api_retry), then succeeds', [
    turn(
      undefined,
      { error: { status: 500, message: 'Internal server error' } },
      reply(text('Recovered after a retry.')),
    ),
  ]),
  '11-api-400': scenario(
    '11-api-400',
    'API answers 400 to every attempt: synthetic assistant "API Error", result/success with is_error:true (2.1.197 does not retry a 400; 2.1.337 does)',
    [
      turn(undefined, {
        error: { status: 400, message: 'messages: text content blocks must be non-empty', times: 20 },
      }),
    ],
  ),
  '12-control-requests': scenario(
    '12-control-requests',
    'initialize, a text turn, then set_model, set_permission_mode and mcp_status control requests',
    [turn(undefined, reply(text('Ready.')))],
  ),
  '13-mid-stream-error': scenario(
    '13-mid-stream-error',
    'an `error` SSE event after the first text block (overloaded_error mid-stream), then a whole answer for a retry: 2.1.197 does not retry and ends is_error; 2.1.337 retries and recovers',
    [
      turn(
        undefined,
        {
          blocks: [text('Starting the answer'), text('never sent')],
          midStreamError: { message: 'Overloaded', afterBlocks: 1 },
        },
        reply(text('Recovered after the stream broke.')),
      ),
    ],
  ),
  '14-api-429-retry-after': scenario(
    '14-api-429-retry-after',
    'API answers 429 with `retry-after: 1` once (system/api_retry with error rate_limit), then succeeds',
    [
      turn(
        undefined,
        { error: { status: 429, message: 'Rate limited', retryAfter: 1 } },
        reply(text('Made it after waiting.')),
      ),
    ],
  ),
  '15-permission-updates': scenario(
    '15-permission-updates',
    'allow with updatedInput and updatedPermissions (addRules Bash(touch:*) to session): the first touch runs renamed, the second runs without a prompt',
    [
      turn(
        undefined,
        reply(bash('touch first.txt', 'Create first.txt')),
        reply(bash('touch second.txt', 'Create second.txt')),
        reply(text('Both files exist.')),
      ),
    ],
  ),
  '16-interrupt-pending-prompt': scenario(
    '16-interrupt-pending-prompt',
    'interrupt while can_use_tool is pending: control_cancel_request for the prompt before the interrupt answer, result/error_during_execution with aborted_tools',
    [turn(undefined, reply(bash('touch later.txt', 'Create later.txt')), reply(text('Not reached.')))],
  ),
  '17-hooks-pre-tool-use': scenario(
    '17-hooks-pre-tool-use',
    'initialize registers a PreToolUse hook (hook_0, matcher Bash); the CLI calls it back with hook_callback and its permissionDecision allow skips can_use_tool',
    [
      turn(
        undefined,
        reply(bash('touch hooked.txt', 'Create hooked.txt')),
        reply(text('The hook allowed it.')),
      ),
    ],
  ),
  '18-mcp-forwarding': scenario(
    '18-mcp-forwarding',
    'initialize declares the in-process MCP server "notes"; the CLI speaks JSON-RPC to it through mcp_message (initialize, notifications/initialized, tools/list, tools/call) and asks can_use_tool for the MCP tool',
    [turn(undefined, reply(tool('mcp__notes__add_note', { text: 'buy milk' })), reply(text('Noted.')))],
  ),
  '19-command-lifecycle': scenario(
    '19-command-lifecycle',
    'two prompts that carry a uuid, the second sent while the first turn runs: command_lifecycle (queued, started, completed) for each where the CLI reports it',
    [
      turn(
        undefined,
        reply(text('The first answer takes a little while to stream.', { chunks: 8, chunkDelayMs: 150 })),
      ),
      turn(undefined, reply(text('The second answer.'))),
    ],
  ),
  '20-interrupt-queued': scenario(
    '20-interrupt-queued',
    'interrupt while a second prompt waits in the queue, then interrupt with cancel_queued:true while a fourth prompt waits: the interrupt replies (still_queued, cancelled), command_lifecycle and results where the CLI reports them',
    [
      turn(
        'first',
        reply(
          text(
            'The first answer streams slowly so that the host can interrupt it while another prompt waits.',
            { chunks: 30, chunkDelayMs: 200 },
          ),
        ),
      ),
      turn('second', reply(text('The second answer.'))),
      turn(
        'third',
        reply(
          text(
            'The third answer streams slowly too, so that a fourth prompt queues behind it and is cancelled.',
            { chunks: 30, chunkDelayMs: 200 },
          ),
        ),
      ),
      turn('fourth', reply(text('The fourth answer.'))),
    ],
  ),
  '21-initialize-twice': scenario(
    '21-initialize-twice',
    'initialize with a PreToolUse hook, then initialize again with a PostToolUse hook (the second hook set replaces the first where the CLI allows it), then a Bash turn',
    [turn(undefined, reply(bash('touch twice.txt', 'Create twice.txt')), reply(text('Done.')))],
  ),
  '22-control-edge-cases': scenario(
    '22-control-edge-cases',
    'set_permission_mode with unknown, empty, wrong-case, null, numeric and legacy modes; set_model with a number, an empty name and only_if_model_is_current; the read-only control requests of the Agent SDK',
    [turn(undefined, reply(text('Ready.')))],
  ),
  '23-tool-progress': scenario(
    '23-tool-progress',
    'a Bash command that runs for seconds: tool_progress heartbeats while it runs (where the CLI sends them)',
    [turn(undefined, reply(bash('sleep 7', 'Wait seven seconds')), reply(text('Waited.')))],
  ),
  '24-bash-partial': scenario(
    '24-bash-partial',
    'Bash touch with --include-partial-messages: where can_use_tool comes relative to message_stop',
    [
      turn(
        undefined,
        reply(text('I will create the file.'), bash('touch partial.txt', 'Create partial.txt')),
        reply(text('Created.')),
      ),
    ],
  ),
};
