/** What the fake Messages API answers in each corpus flow (one scenario per flow id; see `./flows.ts`). */
export const FLOW_SCENARIOS: Readonly<Record<string, unknown>> = {
  '01-plain-text': {
    name: '01-plain-text',
    description: 'one prompt answered with plain text; system/init, assistant, result/success',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'Hello! How can I help you today?',
              },
            ],
          },
        ],
      },
    ],
  },
  '02-thinking-partial': {
    name: '02-thinking-partial',
    description:
      'thinking + text with --include-partial-messages: stream_event frames (thinking_delta, signature_delta, text_delta)',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'thinking',
                text: 'The user wants a short answer about primes. 7 is prime.',
                chunks: 3,
              },
              {
                type: 'text',
                text: 'Yes, 7 is a prime number.',
                chunks: 3,
              },
            ],
          },
        ],
      },
    ],
  },
  '03-bash-touch-allowed': {
    name: '03-bash-touch-allowed',
    description:
      'Bash `touch` asks can_use_tool, host allows, tool_result, second model call, result/success',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: "I'll create the file.",
              },
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'touch created.txt',
                  description: 'Create created.txt',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Created created.txt.',
              },
            ],
          },
        ],
      },
    ],
  },
  '04-bash-touch-denied': {
    name: '04-bash-touch-denied',
    description:
      'Bash `touch` denied with a message: is_error tool_result with that message, the turn continues to result/success',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'touch denied.txt',
                  description: 'Create denied.txt',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Understood, I will not create the file.',
              },
            ],
          },
        ],
      },
    ],
  },
  '05-deny-interrupt': {
    name: '05-deny-interrupt',
    description:
      'Bash denied with interrupt:true: canned tool_result, "[Request interrupted by user for tool use]", result/error_during_execution',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'touch never.txt',
                  description: 'Create never.txt',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'This answer is never requested.',
              },
            ],
          },
        ],
      },
    ],
  },
  '06-ask-user-question': {
    name: '06-ask-user-question',
    description:
      'AskUserQuestion with a single-select and a multi-select question answered through updatedInput.answers',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'AskUserQuestion',
                input: {
                  questions: [
                    {
                      question: 'Which package manager should we use?',
                      header: 'Manager',
                      multiSelect: false,
                      options: [
                        {
                          label: 'pnpm',
                          description: 'Fast, strict node_modules',
                        },
                        {
                          label: 'npm',
                          description: 'Ships with Node',
                        },
                      ],
                    },
                    {
                      question: 'Which checks should CI run?',
                      header: 'CI checks',
                      multiSelect: true,
                      options: [
                        {
                          label: 'Linting',
                          description: 'ESLint',
                        },
                        {
                          label: 'Tests',
                          description: 'Vitest',
                        },
                        {
                          label: 'Typecheck',
                          description: 'tsc --noEmit',
                        },
                      ],
                    },
                  ],
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Great: pnpm, with linting and tests in CI.',
              },
            ],
          },
        ],
      },
    ],
  },
  '07-plan-mode': {
    name: '07-plan-mode',
    description:
      'EnterPlanMode (no prompt, system/status plan), ExitPlanMode asks and is approved (system/status default)',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'EnterPlanMode',
                input: {},
              },
            ],
          },
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'ExitPlanMode',
                input: {
                  plan: '1. Create notes.txt\n2. Write a heading into it',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'The plan is approved; I will start with notes.txt.',
              },
            ],
          },
        ],
      },
    ],
  },
  '08-interrupt-slow-stream': {
    name: '08-interrupt-slow-stream',
    description:
      'interrupt while a slow text stream is in flight (partial messages): result/error_during_execution, aborted_streaming',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'This answer streams very slowly so that the host can interrupt it halfway through the sentence.',
                chunks: 40,
                chunkDelayMs: 250,
              },
            ],
          },
        ],
      },
    ],
  },
  '09-two-turns': {
    name: '09-two-turns',
    description: 'two prompts in one session: system/init and result once per turn',
    turns: [
      {
        match: {
          text: 'first',
        },
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'This is the answer to the first question.',
              },
            ],
          },
        ],
      },
      {
        match: {
          text: 'second',
        },
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'And this answers the second one.',
              },
            ],
          },
        ],
      },
    ],
  },
  '10-api-500-retry': {
    name: '10-api-500-retry',
    description: 'API answers 500 once (system/api_retry), then succeeds',
    turns: [
      {
        responses: [
          {
            error: {
              status: 500,
              message: 'Internal server error',
            },
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Recovered after a retry.',
              },
            ],
          },
        ],
      },
    ],
  },
  '11-api-400': {
    name: '11-api-400',
    description:
      'API answers 400 to every attempt: synthetic assistant "API Error", result/success with is_error:true (2.1.197 does not retry a 400; 2.1.337 does)',
    turns: [
      {
        responses: [
          {
            error: {
              status: 400,
              message: 'messages: text content blocks must be non-empty',
              times: 20,
            },
          },
        ],
      },
    ],
  },
  '12-control-requests': {
    name: '12-control-requests',
    description:
      'initialize, a text turn, then set_model, set_permission_mode and mcp_status control requests',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'Ready.',
              },
            ],
          },
        ],
      },
    ],
  },
  '13-mid-stream-error': {
    name: '13-mid-stream-error',
    description:
      'an `error` SSE event after the first text block (overloaded_error mid-stream), then a whole answer for a retry: 2.1.197 does not retry and ends is_error; 2.1.337 retries and recovers',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'Starting the answer',
              },
              {
                type: 'text',
                text: 'never sent',
              },
            ],
            midStreamError: {
              message: 'Overloaded',
              afterBlocks: 1,
            },
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Recovered after the stream broke.',
              },
            ],
          },
        ],
      },
    ],
  },
  '14-api-429-retry-after': {
    name: '14-api-429-retry-after',
    description:
      'API answers 429 with `retry-after: 1` once (system/api_retry with error rate_limit), then succeeds',
    turns: [
      {
        responses: [
          {
            error: {
              status: 429,
              message: 'Rate limited',
              retryAfter: 1,
            },
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Made it after waiting.',
              },
            ],
          },
        ],
      },
    ],
  },
  '15-permission-updates': {
    name: '15-permission-updates',
    description:
      'allow with updatedInput and updatedPermissions (addRules Bash(touch:*) to session): the first touch runs renamed, the second runs without a prompt',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'touch first.txt',
                  description: 'Create first.txt',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'touch second.txt',
                  description: 'Create second.txt',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Both files exist.',
              },
            ],
          },
        ],
      },
    ],
  },
  '16-interrupt-pending-prompt': {
    name: '16-interrupt-pending-prompt',
    description:
      'interrupt while can_use_tool is pending: control_cancel_request for the prompt before the interrupt answer, result/error_during_execution with aborted_tools',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'touch later.txt',
                  description: 'Create later.txt',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Not reached.',
              },
            ],
          },
        ],
      },
    ],
  },
  '17-hooks-pre-tool-use': {
    name: '17-hooks-pre-tool-use',
    description:
      'initialize registers a PreToolUse hook (hook_0, matcher Bash); the CLI calls it back with hook_callback and its permissionDecision allow skips can_use_tool',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'touch hooked.txt',
                  description: 'Create hooked.txt',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'The hook allowed it.',
              },
            ],
          },
        ],
      },
    ],
  },
  '18-mcp-forwarding': {
    name: '18-mcp-forwarding',
    description:
      'initialize declares the in-process MCP server "notes"; the CLI speaks JSON-RPC to it through mcp_message (initialize, notifications/initialized, tools/list, tools/call) and asks can_use_tool for the MCP tool',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'mcp__notes__add_note',
                input: {
                  text: 'buy milk',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Noted.',
              },
            ],
          },
        ],
      },
    ],
  },
  '19-command-lifecycle': {
    name: '19-command-lifecycle',
    description:
      'two prompts that carry a uuid, the second sent while the first turn runs: command_lifecycle (queued, started, completed) for each where the CLI reports it',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'The first answer takes a little while to stream.',
                chunks: 8,
                chunkDelayMs: 150,
              },
            ],
          },
        ],
      },
      {
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'The second answer.',
              },
            ],
          },
        ],
      },
    ],
  },
  '20-interrupt-queued': {
    name: '20-interrupt-queued',
    description:
      'interrupt while a second prompt waits in the queue, then interrupt with cancel_queued:true while a fourth prompt waits: the interrupt replies (still_queued, cancelled), command_lifecycle and results where the CLI reports them',
    turns: [
      {
        match: { text: 'first' },
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'The first answer streams slowly so that the host can interrupt it while another prompt waits.',
                chunks: 30,
                chunkDelayMs: 200,
              },
            ],
          },
        ],
      },
      { match: { text: 'second' }, responses: [{ blocks: [{ type: 'text', text: 'The second answer.' }] }] },
      {
        match: { text: 'third' },
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'The third answer streams slowly too, so that a fourth prompt queues behind it and is cancelled.',
                chunks: 30,
                chunkDelayMs: 200,
              },
            ],
          },
        ],
      },
      { match: { text: 'fourth' }, responses: [{ blocks: [{ type: 'text', text: 'The fourth answer.' }] }] },
    ],
  },
  '21-initialize-twice': {
    name: '21-initialize-twice',
    description:
      'initialize with a PreToolUse hook, then initialize again with a PostToolUse hook (the second hook set replaces the first where the CLI allows it), then a Bash turn',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'touch twice.txt',
                  description: 'Create twice.txt',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Done.',
              },
            ],
          },
        ],
      },
    ],
  },
  '22-control-edge-cases': {
    name: '22-control-edge-cases',
    description:
      'set_permission_mode with unknown, empty, wrong-case, null, numeric and legacy modes; set_model with a number, an empty name and only_if_model_is_current; the read-only control requests of the Agent SDK',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'Ready.',
              },
            ],
          },
        ],
      },
    ],
  },
  '23-tool-progress': {
    name: '23-tool-progress',
    description:
      'a Bash command that runs for seconds: tool_progress heartbeats while it runs (where the CLI sends them)',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'sleep 7',
                  description: 'Wait seven seconds',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Waited.',
              },
            ],
          },
        ],
      },
    ],
  },
  '24-bash-partial': {
    name: '24-bash-partial',
    description:
      'Bash touch with --include-partial-messages: where can_use_tool comes relative to message_stop',
    turns: [
      {
        responses: [
          {
            blocks: [
              {
                type: 'text',
                text: 'I will create the file.',
              },
              {
                type: 'tool_use',
                name: 'Bash',
                input: {
                  command: 'touch partial.txt',
                  description: 'Create partial.txt',
                },
              },
            ],
          },
          {
            blocks: [
              {
                type: 'text',
                text: 'Created.',
              },
            ],
          },
        ],
      },
    ],
  },
};
