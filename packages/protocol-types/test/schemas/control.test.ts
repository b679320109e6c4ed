import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFrameKinds, literalValues } from '../../src/frames';
import { CONTROL_FRAME_SCHEMAS, controlRequestDirection } from '../../src/schemas/control';
import {
  AGENT_TO_HOST_SUBTYPES,
  CONTROL_REQUEST_SCHEMAS,
  CONTROL_RESPONSE_SCHEMAS,
  HOST_TO_AGENT_SUBTYPES,
  type ControlRequestPayload,
  type ControlRequestSubtype,
  type HostToAgentSubtype,
} from '../../src/schemas/control-requests';
import { HookInputSchema } from '../../src/schemas/hooks';
import { PermissionResultSchema, PermissionUpdateSchema } from '../../src/schemas/permissions';
import {
  AskUserQuestionInputSchema,
  AskUserQuestionUpdatedInputSchema,
  ExitPlanModeInputSchema,
} from '../../src/schemas/questions';
import { expectKnown, expectUnknown, issuePaths } from './frame-helpers';

/** One realistic payload per host→agent subtype; the type forces a sample for every subtype. */
const HOST_REQUESTS: { [S in HostToAgentSubtype]: ControlRequestPayload<S> } = {
  initialize: {
    subtype: 'initialize',
    hooks: { PreToolUse: [{ matcher: 'Bash', hookCallbackIds: ['hook-0'], timeout: 30 }] },
    sdkMcpServers: ['calc'],
    agents: {
      reviewer: { description: 'Reviews diffs', prompt: 'Review.', effort: 'high', permissionMode: 'plan' },
    },
    mcpServers: {
      fs: { command: 'mcp-fs', args: ['--root', '/tmp'] },
      web: { type: 'http', url: 'https://x.test/mcp' },
    },
    supportedDialogKinds: ['plugin_install'],
  },
  interrupt: { subtype: 'interrupt', cancel_queued: true },
  set_permission_mode: { subtype: 'set_permission_mode', mode: 'acceptEdits' },
  set_model: { subtype: 'set_model', model: 'sonnet' },
  set_max_thinking_tokens: {
    subtype: 'set_max_thinking_tokens',
    max_thinking_tokens: null,
    thinking_display: 'omitted',
  },
  rename_session: { subtype: 'rename_session', title: 'Fix the build', source: 'remote' },
  set_color: { subtype: 'set_color', color: 'purple' },
  mcp_status: { subtype: 'mcp_status', liveReply: true },
  get_context_usage: { subtype: 'get_context_usage', detail: 'summary' },
  get_session_cost: { subtype: 'get_session_cost' },
  list_models: { subtype: 'list_models' },
  get_usage: { subtype: 'get_usage', skip_behaviors: true },
  get_binary_version: { subtype: 'get_binary_version' },
  mcp_call: { subtype: 'mcp_call', tool: 'mcp__calc__add', arguments: { a: 1, b: 2 }, timeout_ms: 5000 },
  file_suggestions: { subtype: 'file_suggestions', query: 'src/ind' },
  mcp_message: {
    subtype: 'mcp_message',
    server_name: 'calc',
    message: { jsonrpc: '2.0', id: 7, result: { tools: [] } },
  },
  rewind_files: { subtype: 'rewind_files', user_message_id: 'u-1', dry_run: true },
  cancel_async_message: { subtype: 'cancel_async_message', message_uuid: 'u-2' },
  read_file: { subtype: 'read_file', path: 'README.md', max_bytes: 4096, encoding: 'utf-8' },
  seed_read_state: { subtype: 'seed_read_state', path: 'README.md', mtime: 1_700_000_000_000 },
  mcp_set_servers: { subtype: 'mcp_set_servers', servers: { calc: { type: 'sdk', name: 'calc' } } },
  register_repo_root: { subtype: 'register_repo_root', directory: '/work/repo', reload_skills: true },
  reload_plugins: { subtype: 'reload_plugins', add_plugins: [{ type: 'local', path: './plugin' }] },
  reload_skills: { subtype: 'reload_skills' },
  reload_output_styles: { subtype: 'reload_output_styles' },
  mcp_reconnect: { subtype: 'mcp_reconnect', serverName: 'calc' },
  mcp_toggle: { subtype: 'mcp_toggle', serverName: 'calc', enabled: false },
  set_has_subscribers: { subtype: 'set_has_subscribers', has_subscribers: true },
  stop_task: { subtype: 'stop_task', task_id: 'task-1' },
  background_tasks: { subtype: 'background_tasks' },
  get_task_output: { subtype: 'get_task_output', task_id: 'task-1' },
  apply_flag_settings: { subtype: 'apply_flag_settings', settings: { effortLevel: 'high' } },
  get_settings: { subtype: 'get_settings' },
  get_hooks_listing: { subtype: 'get_hooks_listing' },
  update_settings: { subtype: 'update_settings', source: 'localSettings', settings: { model: 'opus' } },
  list_permission_rules: { subtype: 'list_permission_rules' },
  mcp_read_resource: { subtype: 'mcp_read_resource', serverName: 'calc', uri: 'ui://calc/panel' },
  side_question: {
    subtype: 'side_question',
    question: 'Why?',
    history: [{ question: 'What?', response: 'This.' }],
  },
  set_mcp_permission_mode_override: {
    subtype: 'set_mcp_permission_mode_override',
    serverName: 'calc',
    mode: null,
  },
  select_chrome_browser: { subtype: 'select_chrome_browser', device_id: 'dev-1' },
  set_prompt_suggestions_paused: { subtype: 'set_prompt_suggestions_paused', paused: true },
  ultrareview_launch: { subtype: 'ultrareview_launch', args: '--fast', confirm: false },
  message_rated: {
    subtype: 'message_rated',
    messageUuid: 'm-1',
    sentiment: 'positive',
    surface: 'assistant_text',
  },
  submit_feedback: { subtype: 'submit_feedback', description: 'Great', surface: 'ccr' },
  generate_session_title: { subtype: 'generate_session_title', description: 'Fixing CI', persist: true },
  set_cwd: { subtype: 'set_cwd', path: '/work/other', trust_accepted: true },
  claim_session: { subtype: 'claim_session', include_initialize: true },
  remote_control: { subtype: 'remote_control', enabled: true, name: 'laptop' },
  channel_enable: { subtype: 'channel_enable', serverName: 'slack' },
  mcp_authenticate: { subtype: 'mcp_authenticate', serverName: 'gh', redirectUri: 'https://x.test/cb' },
  mcp_clear_auth: { subtype: 'mcp_clear_auth', serverName: 'gh' },
  mcp_oauth_callback_url: {
    subtype: 'mcp_oauth_callback_url',
    serverName: 'gh',
    callbackUrl: 'https://x.test/cb?code=1',
  },
  claude_authenticate: { subtype: 'claude_authenticate', loginWithClaudeAi: true },
  claude_oauth_callback: { subtype: 'claude_oauth_callback', authorizationCode: 'code', state: 'st' },
  end_session: { subtype: 'end_session', reason: 'archived' },
  rewind_conversation: {
    subtype: 'rewind_conversation',
    target_message_uuid: 'u-3',
    interrupt_if_running: true,
  },
  set_chrome_browser_hints: { subtype: 'set_chrome_browser_hints' },
  get_chrome_browsers: { subtype: 'get_chrome_browsers' },
  get_chrome_dialog: { subtype: 'get_chrome_dialog' },
  get_sandbox_dialog: { subtype: 'get_sandbox_dialog' },
  prompt_draft_activity: { subtype: 'prompt_draft_activity' },
  submit_survey_feedback: { subtype: 'submit_survey_feedback' },
  claude_oauth_wait_for_completion: { subtype: 'claude_oauth_wait_for_completion' },
  get_status: { subtype: 'get_status' },
  get_plan: { subtype: 'get_plan' },
  get_memory_dialog: { subtype: 'get_memory_dialog' },
  get_skills_dialog: { subtype: 'get_skills_dialog' },
  export_conversation: { subtype: 'export_conversation' },
  get_workspace_diff: { subtype: 'get_workspace_diff' },
  fork_conversation: { subtype: 'fork_conversation' },
  stage_file: { subtype: 'stage_file' },
  prefetch_attachments: { subtype: 'prefetch_attachments' },
  comparison_fork: { subtype: 'comparison_fork' },
  add_directory: { subtype: 'add_directory' },
};

const CORPUS = join(import.meta.dirname, '../corpus/cli-2.1.197');

function readLines(file: string): Record<string, unknown>[] {
  return readFileSync(join(CORPUS, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

type Wire = {
  type: string;
  request_id?: string;
  request?: { subtype: string };
  response?: Record<string, unknown>;
};

describe('control_request frames', () => {
  it.each(HOST_TO_AGENT_SUBTYPES.map((s) => [s]))(
    'host→agent %s round-trips through parseFrame',
    (subtype) => {
      const frame = {
        type: 'control_request',
        request_id: `req-${subtype}`,
        request: HOST_REQUESTS[subtype],
      };
      const wire = JSON.parse(JSON.stringify(frame)) as unknown;
      const parsed = expectKnown(wire);
      expect(parsed).toEqual(frame);
    },
  );

  it('has one registry entry per subtype, flowing the documented way', () => {
    const kinds = new Map(listFrameKinds().map((k) => [k.key, k.direction]));
    for (const subtype of Object.keys(CONTROL_REQUEST_SCHEMAS) as ControlRequestSubtype[]) {
      expect(literalValues(CONTROL_REQUEST_SCHEMAS[subtype].shape.subtype)).toEqual([subtype]);
      expect(kinds.get(`control_request/${subtype}`)).toBe(controlRequestDirection(subtype));
    }
    expect(kinds.get('control_request/can_use_tool')).toBe('to-client');
    expect(kinds.get('control_request/set_model')).toBe('to-agent');
    expect(kinds.get('control_request/mcp_message')).toBe('both');
    expect(CONTROL_FRAME_SCHEMAS.length).toBe(Object.keys(CONTROL_REQUEST_SCHEMAS).length + 7);
  });

  it('splits every subtype between the two directions, sharing only mcp_message', () => {
    const all = Object.keys(CONTROL_REQUEST_SCHEMAS).sort();
    const union = [...new Set<string>([...HOST_TO_AGENT_SUBTYPES, ...AGENT_TO_HOST_SUBTYPES])].sort();
    expect(union).toEqual(all);
    expect(
      HOST_TO_AGENT_SUBTYPES.filter((s) => (AGENT_TO_HOST_SUBTYPES as readonly string[]).includes(s)),
    ).toEqual(['mcp_message']);
  });

  it('keeps CCR envelope fields and unknown request fields', () => {
    const frame = {
      type: 'control_request',
      request_id: 'r1',
      session_id: 'cse_1',
      uuid: 'b6f0c3c1-0000-4000-8000-000000000001',
      request: { subtype: 'interrupt', future_flag: true },
    };
    expect(expectKnown(frame)).toBe(frame);
  });

  it('gives an unknown subtype back as data, not an exception', () => {
    const frame = expectUnknown({
      type: 'control_request',
      request_id: 'r',
      request: { subtype: 'teleport' },
    });
    expect(frame.reason).toBe('unknown_subtype');
    expect([frame.type, frame.subtype]).toEqual(['control_request', 'teleport']);
  });

  it('says where a host request is malformed', () => {
    const frame = expectUnknown({
      type: 'control_request',
      request_id: 'r',
      request: { subtype: 'set_permission_mode' },
    });
    expect(frame.reason).toBe('invalid');
    expect(issuePaths(frame)).toEqual(['$.request.mode']);
    const badMode = expectUnknown({
      type: 'control_request',
      request_id: 'r',
      request: { subtype: 'set_model', model: 5 },
    });
    expect(issuePaths(badMode)).toEqual(['$.request.model']);
  });

  it('accepts a permission prompt from a newer CLI with unknown reasons and suggestion types', () => {
    expectKnown({
      type: 'control_request',
      request_id: 'p1',
      request: {
        subtype: 'can_use_tool',
        tool_name: 'Write',
        input: { file_path: '/tmp/x' },
        tool_use_id: 'toolu_1',
        decision_reason_type: 'quantumPolicy',
        permission_suggestions: [
          { type: 'grantCapability', capability: 'net' },
          { type: 'addRules', rules: [{ toolName: 'Write' }], behavior: 'allow', destination: 'orgSettings' },
        ],
      },
    });
  });

  it('accepts hook callbacks for known and not-yet-known events', () => {
    const base = { session_id: 's', transcript_path: '/t.jsonl', cwd: '/w' };
    const known = {
      ...base,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: {},
      tool_use_id: 't',
    };
    const future = { ...base, hook_event_name: 'LunarEclipse', phase: 'full' };
    for (const input of [known, future]) {
      expectKnown({
        type: 'control_request',
        request_id: 'h',
        request: { subtype: 'hook_callback', callback_id: 'hook-0', input },
      });
    }
    expect(HookInputSchema.safeParse({ ...base, hook_event_name: 'PreToolUse' }).success).toBe(true);
  });
});

describe('control_response and other envelopes', () => {
  it('parses the real CLI 2.1.197 initialize reply, pid included', () => {
    const reply = readLines('12-control-requests.stdout.ndjson').find(
      (f) => f.type === 'control_response' && (f as Wire).response?.request_id === 'host-req-1',
    ) as Wire;
    expectKnown(reply);
    const payload = CONTROL_RESPONSE_SCHEMAS.initialize.parse(reply.response?.response);
    expect(payload.pid).toBeTypeOf('number');
    expect(payload.commands.length).toBeGreaterThan(0);
    expect(payload.hooks_applied).toBeUndefined();
  });

  it('parses the minimal initialize reply shape from the brief', () => {
    expectKnown({
      type: 'control_response',
      response: { subtype: 'success', request_id: 'x', response: { pid: 123, commands: [], agents: [] } },
    });
  });

  it('accepts an interrupt acknowledged without any payload, as CLI 2.1.197 does', () => {
    const interrupt = readLines('08-interrupt-slow-stream.stdin.ndjson').find(
      (f) => (f as Wire).request?.subtype === 'interrupt',
    ) as Wire;
    const ack = readLines('08-interrupt-slow-stream.stdout.ndjson').find(
      (f) => f.type === 'control_response' && (f as Wire).response?.request_id === interrupt.request_id,
    ) as Wire;
    expectKnown(ack);
    expect(ack.response).not.toHaveProperty('response');
    expect(CONTROL_RESPONSE_SCHEMAS.interrupt.safeParse({}).success).toBe(true);
  });

  it('accepts error replies with unlisted error codes and pending requests', () => {
    const pending = {
      type: 'control_request',
      request_id: 'p',
      request: { subtype: 'can_use_tool', tool_name: 'Bash' },
    };
    expectKnown({
      type: 'control_response',
      live_only: true,
      response: {
        subtype: 'error',
        request_id: 'x',
        error: 'nope',
        error_code: 'brand_new_code',
        pending_permission_requests: [pending],
      },
    });
    const missingError = expectUnknown({
      type: 'control_response',
      response: { subtype: 'error', request_id: 'x' },
    });
    expect(issuePaths(missingError)).toEqual(['$.response.error']);
  });

  it.each([
    { type: 'control_cancel_request', request_id: 'r1' },
    { type: 'keep_alive' },
    { type: 'keep_alive', startup_mark: 'prewarm' },
    { type: 'update_environment_variables', variables: { FOO: 'bar' }, request_id: 'env-1' },
    { type: 'bash_command', command: 'ls', cwd: '/w' },
    { type: 'session_notice' },
    { type: 'workflow_launch' },
  ])('parses %o', (frame) => {
    expectKnown(frame);
  });
});

describe('replies recorded from CLI 2.1.197', () => {
  const cases = [
    '03-bash-touch-allowed',
    '04-bash-touch-denied',
    '05-deny-interrupt',
    '06-ask-user-question',
    '07-plan-mode',
    '12-control-requests',
  ];

  it.each(cases)('%s: every control reply matches the schema of the request it answers', (name) => {
    const stdin = readLines(`${name}.stdin.ndjson`) as Wire[];
    const stdout = readLines(`${name}.stdout.ndjson`) as Wire[];
    const subtypeOf = new Map<string, string>();
    for (const f of [...stdin, ...stdout])
      if (f.type === 'control_request') subtypeOf.set(f.request_id!, f.request!.subtype);
    let checked = 0;
    for (const f of [...stdin, ...stdout]) {
      if (f.type !== 'control_response') continue;
      const subtype = subtypeOf.get(f.response!.request_id as string);
      const schema = CONTROL_RESPONSE_SCHEMAS[subtype as keyof typeof CONTROL_RESPONSE_SCHEMAS];
      const payload = f.response!.response;
      if (schema === undefined || payload === undefined) continue;
      const result = schema.safeParse(payload);
      expect(result.error?.issues ?? [], `${subtype} reply`).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('reads AskUserQuestion and ExitPlanMode prompts and answers with the question schemas', () => {
    const ask = readLines('06-ask-user-question.stdout.ndjson').find(
      (f) => (f as Wire).request?.subtype === 'can_use_tool',
    ) as {
      request: { input: unknown };
    };
    const questions = AskUserQuestionInputSchema.parse(ask.request.input).questions;
    expect(questions.map((q) => q.multiSelect)).toEqual([false, true]);
    const answer = readLines('06-ask-user-question.stdin.ndjson').find(
      (f) => f.type === 'control_response',
    ) as {
      response: { response: { updatedInput: unknown } };
    };
    const answers = AskUserQuestionUpdatedInputSchema.parse(answer.response.response.updatedInput).answers;
    expect(Object.values(answers).some((a) => a.includes(', '))).toBe(true);
    const plan = readLines('07-plan-mode.stdout.ndjson').find(
      (f) => (f as Wire).request?.subtype === 'can_use_tool',
    ) as {
      request: { input: unknown };
    };
    expect(ExitPlanModeInputSchema.parse(plan.request.input).plan).toContain('notes.txt');
  });
});

describe('host answers', () => {
  it('accepts the six permission updates and refuses an unknown destination', () => {
    const result = PermissionResultSchema.safeParse({
      behavior: 'allow',
      updatedPermissions: [
        {
          type: 'addRules',
          rules: [{ toolName: 'Bash', ruleContent: 'touch:*' }],
          behavior: 'allow',
          destination: 'session',
        },
        { type: 'replaceRules', rules: [], behavior: 'deny', destination: 'localSettings' },
        { type: 'removeRules', rules: [{ toolName: 'Bash' }], behavior: 'ask', destination: 'userSettings' },
        { type: 'setMode', mode: 'plan', destination: 'session' },
        { type: 'addDirectories', directories: ['/a'], destination: 'projectSettings' },
        { type: 'removeDirectories', directories: ['/a'], destination: 'cliArg' },
      ],
    });
    expect(result.success).toBe(true);
    const bad = PermissionUpdateSchema.safeParse({
      type: 'setMode',
      mode: 'plan',
      destination: 'orgSettings',
    });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['destination']);
  });

  it('requires a message on a deny', () => {
    const bad = PermissionResultSchema.safeParse({ behavior: 'deny', interrupt: true });
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['message']);
  });
});
