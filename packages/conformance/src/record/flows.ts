import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CliHost, PermissionPrompt } from './host';

/** One flow of the corpus: how a host drives the real CLI, and what the fake model answers (`./scenarios.ts`). */
export interface CorpusFlow {
  readonly id: string;
  /** Extra CLI flags. */
  readonly args?: readonly string[];
  /** `CLAUDE_CODE_MAX_RETRIES` for the run. */
  readonly maxRetries?: number;
  /** Why a client cannot replay the flow's tape, for flows only a test host drives (see `CorpusEntry.replayable`). */
  readonly notReplayable?: string;
  drive(host: CliHost, workdir: string): Promise<void>;
}

const allow = (prompt: PermissionPrompt): Record<string, unknown> => ({
  behavior: 'allow',
  updatedInput: prompt.input,
  toolUseID: prompt.toolUseId,
});

/** A flow that sends one prompt and waits for the turn's result. */
const oneTurn = (id: string, prompt: string, options: Omit<CorpusFlow, 'id' | 'drive'> = {}): CorpusFlow => ({
  id,
  ...options,
  async drive(host) {
    host.prompt(prompt);
    await host.result();
  },
});

/**
 * A flow that sends one prompt, answers the CLI's first `can_use_tool` for `tool` with `answer`, and
 * waits for the turn's result.
 */
const answerOnce = (
  id: string,
  prompt: string,
  tool: string,
  answer: (request: PermissionPrompt) => Record<string, unknown>,
  options: Omit<CorpusFlow, 'id' | 'drive'> & { check?: (workdir: string) => void } = {},
): CorpusFlow => ({
  id,
  ...options,
  async drive(host, workdir) {
    host.prompt(prompt);
    const request = await host.permission(tool);
    host.reply(request.requestId, answer(request));
    await host.result();
    options.check?.(workdir);
  },
});

const MCP_TOOL = {
  name: 'add_note',
  description: 'Saves a note.',
  inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
};

/** The in-process `notes` MCP server's answer to one JSON-RPC message (notifications get the SDKs' ack). */
function notesAnswer(message: Record<string, unknown>): Record<string, unknown> {
  if (message.id === undefined) return { jsonrpc: '2.0', result: {}, id: 0 };
  const params = (message.params ?? {}) as { protocolVersion?: string };
  const results: Record<string, unknown> = {
    initialize: {
      protocolVersion: params.protocolVersion ?? '2025-06-18',
      capabilities: { tools: {} },
      serverInfo: { name: 'notes', version: '1.0.0' },
    },
    'tools/list': { tools: [MCP_TOOL] },
    'tools/call': { content: [{ type: 'text', text: 'Saved the note.' }] },
  };
  return { jsonrpc: '2.0', id: message.id, result: results[String(message.method)] ?? {} };
}

/** Answers the CLI's control requests (hooks, permissions, MCP) until the turn's result arrives. */
async function serveUntilResult(host: CliHost): Promise<void> {
  for (;;) {
    const frame = await host.next(
      'a control request or the result',
      (f) => f.type === 'result' || f.type === 'control_request',
    );
    if (frame.type === 'result') return;
    const id = frame.request_id ?? '';
    const request = frame.request ?? {};
    if (request.subtype === 'can_use_tool')
      host.reply(id, {
        behavior: 'allow',
        updatedInput: request.input ?? {},
        toolUseID: request.tool_use_id,
      });
    else if (request.subtype === 'mcp_message')
      host.reply(id, { mcp_response: notesAnswer(request.message ?? {}) });
    else if (request.subtype === 'hook_callback') host.reply(id, {});
  }
}

/** Every flow, in corpus order. Flows 15+ are the ones the first corpus (2.1.197) did not have. */
export const CORPUS_FLOWS: readonly CorpusFlow[] = [
  oneTurn('01-plain-text', 'Say hello'),
  oneTurn('02-thinking-partial', 'Is 7 prime?', { args: ['--include-partial-messages'] }),
  answerOnce('03-bash-touch-allowed', 'Create created.txt', 'Bash', allow, {
    check: (workdir) => {
      if (!existsSync(join(workdir, 'created.txt')))
        throw new Error('the allowed touch did not create created.txt');
    },
  }),
  answerOnce('04-bash-touch-denied', 'Create denied.txt', 'Bash', (r) => ({
    behavior: 'deny',
    message: 'The host said no.',
    toolUseID: r.toolUseId,
  })),
  answerOnce('05-deny-interrupt', 'Create never.txt', 'Bash', (r) => ({
    behavior: 'deny',
    message: 'Stop here.',
    interrupt: true,
    toolUseID: r.toolUseId,
  })),
  answerOnce('06-ask-user-question', 'Set up the project', 'AskUserQuestion', (r) => ({
    behavior: 'allow',
    updatedInput: {
      ...r.input,
      answers: {
        'Which package manager should we use?': 'pnpm',
        'Which checks should CI run?': 'Linting, Tests',
      },
    },
    toolUseID: r.toolUseId,
  })),
  answerOnce('07-plan-mode', 'Plan how to add notes.txt', 'ExitPlanMode', allow),
  {
    id: '08-interrupt-slow-stream',
    args: ['--include-partial-messages'],
    async drive(host) {
      host.prompt('Tell me a long story');
      await host.next(
        'the first text_delta',
        (f) => f.type === 'stream_event' && f.event?.delta?.type === 'text_delta',
      );
      await host.ask({ subtype: 'interrupt' });
      await host.result();
    },
  },
  {
    id: '09-two-turns',
    async drive(host) {
      host.prompt('Here is the first question');
      await host.result();
      host.prompt('Here is the second question');
      await host.result();
    },
  },
  oneTurn('10-api-500-retry', 'Try this', { maxRetries: 2 }),
  oneTurn('11-api-400', 'Break please'),
  {
    id: '12-control-requests',
    async drive(host) {
      await host.ask({ subtype: 'initialize' });
      host.prompt('Are you ready?');
      await host.result();
      await host.ask({ subtype: 'set_model', model: 'sonnet' });
      await host.ask({ subtype: 'set_permission_mode', mode: 'acceptEdits' });
      await host.ask({ subtype: 'mcp_status' });
    },
  },
  oneTurn('13-mid-stream-error', 'Go', { maxRetries: 2 }),
  oneTurn('14-api-429-retry-after', 'Hurry up', { maxRetries: 2 }),
  {
    id: '15-permission-updates',
    async drive(host) {
      host.prompt('Create two files');
      const asked = await host.permission('Bash');
      host.reply(asked.requestId, {
        behavior: 'allow',
        updatedInput: { command: 'touch first-renamed-by-host.txt', description: 'Create first.txt' },
        updatedPermissions: [
          {
            type: 'addRules',
            rules: [{ toolName: 'Bash', ruleContent: 'touch:*' }],
            behavior: 'allow',
            destination: 'session',
          },
        ],
        toolUseID: asked.toolUseId,
      });
      // Versions that ignore the added rule ask again for the second touch; that is allowed too.
      await serveUntilResult(host);
    },
  },
  {
    id: '16-interrupt-pending-prompt',
    async drive(host) {
      host.prompt('Create later.txt');
      await host.permission('Bash');
      host.control({ subtype: 'interrupt' });
      await host.result();
    },
  },
  {
    id: '17-hooks-pre-tool-use',
    async drive(host) {
      await host.ask({
        subtype: 'initialize',
        hooks: { PreToolUse: [{ matcher: 'Bash', hookCallbackIds: ['hook_0'] }] },
      });
      host.prompt('Create hooked.txt');
      const hook = await host.request('hook_callback');
      host.reply(hook.request_id ?? '', {
        hookSpecificOutput: {
          hookEventName: 'PreToolUse',
          permissionDecision: 'allow',
          permissionDecisionReason: 'allowed by the host hook',
        },
      });
      await host.result();
    },
  },
  {
    id: '18-mcp-forwarding',
    async drive(host) {
      // CLI 2.1.3xx starts the MCP handshake before it answers initialize: serve it while waiting.
      const id = host.control({ subtype: 'initialize', sdkMcpServers: ['notes'] });
      for (;;) {
        const frame = await host.next(
          'the initialize answer or an MCP message',
          (f) =>
            (f.type === 'control_response' && f.response?.request_id === id) ||
            (f.type === 'control_request' && f.request?.subtype === 'mcp_message'),
        );
        if (frame.type === 'control_response') break;
        host.reply(frame.request_id ?? '', { mcp_response: notesAnswer(frame.request?.message ?? {}) });
      }
      host.prompt('Add a note: buy milk');
      await serveUntilResult(host);
    },
  },
  {
    id: '19-command-lifecycle',
    async drive(host) {
      host.prompt('First, a question with a uuid', '00000000-0000-4000-8000-000000000019');
      await host.settle(300);
      host.prompt('Second, queued behind the first', '00000000-0000-4000-8000-000000000020');
      await host.result();
      await host.result();
      await host.settle(1000);
    },
  },
  {
    id: '20-interrupt-queued',
    args: ['--include-partial-messages'],
    // Timed rather than driven by frames: versions differ in whether a queued prompt survives an interrupt.
    async drive(host) {
      host.prompt('The first prompt streams slowly', '00000000-0000-4000-8000-000000000101');
      await host.next(
        'the first text_delta',
        (f) => f.type === 'stream_event' && f.event?.delta?.type === 'text_delta',
      );
      host.prompt('The second prompt waits in the queue', '00000000-0000-4000-8000-000000000102');
      await host.settle(500);
      await host.ask({ subtype: 'interrupt' });
      await host.settle(3000);
      host.prompt('The third prompt streams slowly', '00000000-0000-4000-8000-000000000103');
      await host.settle(1500);
      host.prompt('The fourth prompt is cancelled', '00000000-0000-4000-8000-000000000104');
      await host.settle(500);
      await host.ask({ subtype: 'interrupt', cancel_queued: true });
      await host.settle(3000);
    },
  },
  {
    id: '21-initialize-twice',
    notReplayable:
      'A client sends one initialize per connection; a second one with other hooks tests the CLI, not a client. Validate, coverage and the history read this tape; replay skips it.',
    async drive(host) {
      await host.ask({
        subtype: 'initialize',
        hooks: { PreToolUse: [{ matcher: 'Bash', hookCallbackIds: ['hook_0'] }] },
      });
      await host.ask({
        subtype: 'initialize',
        hooks: { PostToolUse: [{ matcher: 'Bash', hookCallbackIds: ['hook_1'] }] },
      });
      await host.settle(500);
      host.prompt('Create twice.txt');
      await serveUntilResult(host);
    },
  },
  {
    id: '22-control-edge-cases',
    notReplayable:
      'The host sends requests the newest CLI refuses (unknown, empty, wrong-case, null and numeric modes, a numeric model, an unknown subtype); a conforming client refuses to send them. Validate calls them critical; replay skips this tape.',
    async drive(host) {
      await host.ask({ subtype: 'initialize' });
      host.prompt('Are you ready?');
      await host.result();
      // A version that cannot handle a request may never answer it (2.1.197 stops answering after
      // a numeric model): wait 5 s, then go on. The read-only subtypes go first for that reason.
      const ask = (request: Record<string, unknown>): Promise<unknown> => host.tryAsk(request, 5000);
      for (const subtype of [
        'get_context_usage',
        'get_session_cost',
        'get_binary_version',
        'background_tasks',
        'get_settings',
        'get_hooks_listing',
        'list_permission_rules',
        'mcp_status',
        'no_such_subtype',
      ]) {
        await ask({ subtype });
      }
      await ask({ subtype: 'set_max_thinking_tokens', max_thinking_tokens: 2048 });
      for (const mode of ['bogus', '', 'DEFAULT', null, 5, 'manual', 'plan', 'default'])
        await ask({ subtype: 'set_permission_mode', mode });
      await ask({ subtype: 'set_model', model: 'opus', only_if_model_is_current: 'sonnet' });
      await ask({ subtype: 'set_model', model: 'opus', only_if_model_is_current: true });
      await ask({ subtype: 'set_model', model: 'haiku', only_if_model_is_current: false });
      for (const model of ['', 'sonnet', 5]) await ask({ subtype: 'set_model', model });
    },
  },
  {
    id: '23-tool-progress',
    async drive(host) {
      host.prompt('Wait seven seconds');
      await serveUntilResult(host);
    },
  },
  answerOnce('24-bash-partial', 'Create partial.txt', 'Bash', allow, {
    args: ['--include-partial-messages'],
  }),
];
