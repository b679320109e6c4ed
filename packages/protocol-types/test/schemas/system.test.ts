import { describe, expect, test } from 'vitest';
import { listFrameKinds } from '../../src/frames';
import { base, expectKnown, expectUnknown, issuePaths, SESSION_ID, without } from './frame-helpers';

/** `system/init` exactly as CLI 2.1.197 printed it (no capabilities, betas or effort; three extra keys). */
const init = {
  type: 'system',
  subtype: 'init',
  cwd: '/tmp/ccr-corpus-cwd-tJrr9K',
  session_id: SESSION_ID,
  tools: ['Task', 'AskUserQuestion', 'Bash', 'Edit', 'Read', 'Write'],
  mcp_servers: [],
  model: 'claude-opus-4-8[1m]',
  permissionMode: 'default',
  slash_commands: ['clear', 'compact', 'context'],
  apiKeySource: 'ANTHROPIC_API_KEY',
  claude_code_version: '2.1.197',
  output_style: 'default',
  agents: ['claude', 'Explore', 'general-purpose', 'Plan'],
  skills: ['verify', 'debug'],
  plugins: [],
  analytics_disabled: true,
  product_feedback_disabled: true,
  uuid: 'eaa7f462-f3a4-4e13-968f-e49d050132f9',
  memory_paths: { auto: '/tmp/ccr-corpus-home/.claude/projects/p/memory/' },
  fast_mode_state: 'off',
};

const system = (subtype: string, fields: Record<string, unknown>) => ({
  type: 'system',
  subtype,
  ...fields,
  ...base(),
});

describe('system/init', () => {
  test('the frame real CLI 2.1.197 sends is known', () => {
    const frame = expectKnown(init);
    expect(frame.type === 'system' && frame.subtype).toBe('init');
  });

  test('newer fields (capabilities, effort, MCP server status) are accepted too', () => {
    expectKnown({
      ...init,
      capabilities: ['interrupt_receipt_v1', 'some_future_capability'],
      effort: 'high',
      betas: ['context-1m-2025-08-07'],
      mcp_servers: [{ name: 'docs', status: 'needs-auth' }],
      plugin_errors: [{ plugin: 'p', type: 'load', message: 'bad manifest' }],
    });
  });

  test('an init without model is invalid, and the issue points at $.model', () => {
    const frame = expectUnknown(without(init, 'model'));
    expect(frame.reason).toBe('invalid');
    expect(issuePaths(frame)).toEqual(['$.model']);
    expect(frame.describe()).toContain('system/init');
  });

  test('a wrongly typed nested field is reported with its full path', () => {
    const frame = expectUnknown({ ...init, plugins: [{ name: 'p', path: 7 }] });
    expect(issuePaths(frame)).toEqual(['$.plugins[0].path']);
  });
});

describe('status, retry, session state and compaction', () => {
  test.each([
    ['status', { status: 'requesting' }],
    ['status', { status: null, permissionMode: 'plan' }],
    ['status', { status: null, compact_result: 'success' }],
    [
      'api_retry',
      { attempt: 1, max_retries: 10, retry_delay_ms: 593.6, error_status: 500, error: 'server_error' },
    ],
    ['api_retry', { attempt: 1, max_retries: 1, retry_delay_ms: 0, error_status: null, error: 'overloaded' }],
    ['session_state_changed', { state: 'idle' }],
    ['session_state_changed', { state: 'requires_action' }],
    [
      'compact_boundary',
      {
        compact_metadata: {
          trigger: 'manual',
          pre_tokens: 41000,
          post_tokens: 3200,
          preserved_segment: { head_uuid: 'h', anchor_uuid: 'a', tail_uuid: 't' },
        },
      },
    ],
  ])('system/%s is known', (subtype, fields) => {
    expectKnown(system(subtype, fields));
  });

  test('status must be present, even when null', () => {
    expect(issuePaths(expectUnknown(system('status', {})))).toEqual(['$.status']);
  });
});

describe('notices', () => {
  test.each([
    ['informational', { content: 'Model set to sonnet', level: 'notice' }],
    ['local_command_output', { content: 'Total cost: $0.01' }],
    ['notification', { key: 'k', text: 'Update available', priority: 'low', timeout_ms: 5000 }],
    [
      'commands_changed',
      { commands: [{ name: 'review', description: 'Review a PR', argumentHint: '<pr>' }] },
    ],
    ['worker_shutting_down', { reason: 'host_exit' }],
    ['session_writes_lost', { error_code: 'ENOSPC', lost: ['transcript'] }],
    ['mirror_error', { error: 'timeout', key: { projectKey: 'p', sessionId: 's' } }],
    [
      'files_persisted',
      { files: [{ filename: 'a.png', file_id: 'file_1' }], failed: [], processed_at: '2026-11-25T00:00:00Z' },
    ],
    ['plugin_install', { status: 'installed', name: 'lint' }],
    ['memory_recall', { mode: 'select', memories: [{ path: 'm.md', scope: 'personal' }] }],
    ['thinking_tokens', { estimated_tokens: 5, estimated_tokens_delta: 5 }],
    ['control_request_progress', { request_id: 'ocg3n6ewj7k', status: 'api_retry', attempt: 1 }],
    ['elicitation_complete', { mcp_server_name: 'docs', elicitation_id: 'e1' }],
    ['permission_denied', { tool_name: 'Bash', tool_use_id: 'toolu_01', message: 'denied by rule' }],
    [
      'model_refusal_fallback',
      {
        trigger: 'refusal',
        direction: 'retry',
        original_model: 'claude-opus-4-8',
        fallback_model: 'claude-sonnet-5',
        request_id: 'req_1',
        content: 'Retrying on claude-sonnet-5',
      },
    ],
    [
      'model_refusal_no_fallback',
      { original_model: 'claude-opus-4-8', request_id: null, content: 'Refused' },
    ],
  ])('system/%s is known', (subtype, fields) => {
    expectKnown(system(subtype, fields));
  });

  test('a notice missing its required field names it', () => {
    expect(issuePaths(expectUnknown(system('notification', { key: 'k', priority: 'low' })))).toEqual([
      '$.text',
    ]);
  });
});

describe('hooks', () => {
  const run = { hook_id: 'h1', hook_name: 'lint-on-save', hook_event: 'PostToolUse' };

  test('started, progress and response of a command hook are known', () => {
    expectKnown(system('hook_started', run));
    expectKnown(system('hook_progress', { ...run, stdout: 'ok\n', stderr: '', output: 'ok\n' }));
    expectKnown(
      system('hook_response', {
        ...run,
        stdout: 'ok\n',
        stderr: '',
        output: 'ok\n',
        exit_code: 0,
        outcome: 'success',
      }),
    );
  });

  test('a hook event added by a newer CLI still parses', () => {
    expectKnown(system('hook_started', { ...run, hook_event: 'BeforeCoffee' }));
  });

  test('a hook_response without outcome is invalid', () => {
    const frame = expectUnknown(system('hook_response', { ...run, stdout: '', stderr: '', output: '' }));
    expect(issuePaths(frame)).toEqual(['$.outcome']);
  });
});

describe('tasks', () => {
  test('a subagent run from start to notification is known frame by frame', () => {
    const task = { task_id: 'a1b2c3', tool_use_id: 'toolu_01' };
    expectKnown(
      system('task_started', {
        ...task,
        description: 'Explore the repo',
        task_type: 'local_agent',
        subagent_type: 'Explore',
      }),
    );
    expectKnown(
      system('task_progress', {
        ...task,
        description: 'Explore',
        usage: { total_tokens: 900, tool_uses: 2, duration_ms: 1200 },
      }),
    );
    expectKnown(
      system('task_updated', { task_id: 'a1b2c3', patch: { status: 'completed', end_time: 1790000000000 } }),
    );
    expectKnown(
      system('task_notification', {
        ...task,
        status: 'completed',
        output_file: '/tmp/out.txt',
        summary: 'Found 3 files',
      }),
    );
    expectKnown(
      system('background_tasks_changed', {
        tasks: [{ task_id: 'b1', task_type: 'local_bash', description: 'npm run dev', ambient: false }],
      }),
    );
  });

  test('task_updated without a patch is invalid at $.patch', () => {
    expect(issuePaths(expectUnknown(system('task_updated', { task_id: 't' })))).toEqual(['$.patch']);
  });
});

describe('runtime-only system frames', () => {
  test.each([
    [
      'post_turn_summary',
      {
        summarizes_uuid: 'u1',
        status_category: 'need_input',
        status_detail: 'Waiting for approval',
        needs_action: 'approve',
      },
    ],
    ['task_summary', { detail: null }],
    ['permission_check_status', { status: 'done' }],
    ['session_metadata', {}],
    ['vcs_state_changed', { branch: 'main' }],
  ])('system/%s is known', (subtype, fields) => {
    expectKnown(system(subtype, fields));
  });

  test('a bridge live-only subtype is known even without uuid and session_id', () => {
    expectKnown({ type: 'system', subtype: 'session_title_changed', title: 'Fix the build' });
  });
});

describe('unknown system subtypes', () => {
  test('an unlisted subtype is data, reported as unknown_subtype', () => {
    const frame = expectUnknown(system('weather_report', { sky: 'clear' }));
    expect(frame.reason).toBe('unknown_subtype');
    expect(frame.subtype).toBe('weather_report');
  });
});

describe('registry', () => {
  const keys = new Set(listFrameKinds().map((k) => k.key));

  test('every system subtype of the official SDKMessage union is registered', () => {
    const official = [
      'init',
      'status',
      'api_retry',
      'session_state_changed',
      'compact_boundary',
      'informational',
      'local_command_output',
      'notification',
      'commands_changed',
      'worker_shutting_down',
      'session_writes_lost',
      'mirror_error',
      'files_persisted',
      'plugin_install',
      'memory_recall',
      'thinking_tokens',
      'control_request_progress',
      'elicitation_complete',
      'permission_denied',
      'model_refusal_fallback',
      'model_refusal_no_fallback',
      'hook_started',
      'hook_progress',
      'hook_response',
      'task_started',
      'task_progress',
      'task_updated',
      'task_notification',
      'background_tasks_changed',
    ];
    expect(official).toHaveLength(29);
    expect(official.filter((s) => !keys.has(`system/${s}`))).toEqual([]);
  });

  test('the runtime-only system subtypes are registered', () => {
    const runtime = [
      'post_turn_summary',
      'task_summary',
      'session_metadata',
      'task_list_statuses',
      'permission_check_status',
      'peer_message_hold',
      'session_title_changed',
      'per_turn_effort_changed',
      'instruction_size_warning',
      'slack_tag_title',
      'vcs_state_changed',
    ];
    expect(runtime.filter((s) => !keys.has(`system/${s}`))).toEqual([]);
  });
});
