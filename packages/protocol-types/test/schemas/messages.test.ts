import { describe, expect, test } from 'vitest';
import { listFrameKinds } from '../../src/frames';
import { parseFrameStrict } from '../../src/parse';
import { ProtocolError } from '../../src/errors';
import { base, expectKnown, expectUnknown, issuePaths, SESSION_ID, without } from './frame-helpers';

const usage = {
  input_tokens: 10,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
  output_tokens: 16,
  server_tool_use: { web_search_requests: 0, web_fetch_requests: 0 },
  service_tier: 'standard',
  cache_creation: { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 },
  inference_geo: '',
  iterations: [],
  speed: 'standard',
};

const modelUsage = {
  'claude-opus-4-8[1m]': {
    inputTokens: 10,
    outputTokens: 16,
    cacheReadInputTokens: 0,
    cacheCreationInputTokens: 0,
    webSearchRequests: 0,
    costUSD: 0.00045,
    contextWindow: 1000000,
    maxOutputTokens: 64000,
  },
};

/** A tool_use frame as CLI 2.1.197 prints it: one block, `stop_reason: null`, `message_start` usage. */
const assistantToolUse = {
  type: 'assistant',
  message: {
    id: 'msg_01pPWsRiMKpkVdjQbcVeHPPv',
    type: 'message',
    role: 'assistant',
    model: 'claude-opus-4-8',
    content: [{ type: 'tool_use', id: 'toolu_01', name: 'mcp__docs__search', input: { q: 'zod' } }],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    context_management: null,
  },
  parent_tool_use_id: null,
  tool_use_meta: [{ id: 'toolu_01', display_name: 'search', server_display_name: 'docs' }],
  ...base(),
};

/** The result of a turn that ended normally. */
const resultSuccess = {
  type: 'result',
  subtype: 'success',
  is_error: false,
  api_error_status: null,
  duration_ms: 683,
  duration_api_ms: 634,
  ttft_ms: 666,
  num_turns: 1,
  result: 'Recovered after a retry.',
  stop_reason: 'end_turn',
  total_cost_usd: 0.0002,
  usage,
  modelUsage,
  permission_denials: [],
  terminal_reason: 'completed',
  fast_mode_state: 'off',
  ...base('6be5b38b-604a-4e0f-aaa8-df75e7e5b3cf'),
};

/** The result of a turn a deny-with-interrupt stopped. */
const resultError = {
  type: 'result',
  subtype: 'error_during_execution',
  duration_ms: 85,
  duration_api_ms: 36,
  is_error: true,
  num_turns: 3,
  stop_reason: 'tool_use',
  total_cost_usd: 0.00045,
  usage,
  modelUsage,
  permission_denials: [
    { tool_name: 'Bash', tool_use_id: 'toolu_01', tool_input: { command: 'touch never.txt' } },
  ],
  terminal_reason: 'aborted_tools',
  errors: ['[ede_diagnostic] result_type=user last_content_type=n/a stop_reason=tool_use'],
  ...base('b2c4fcd3-ff17-403e-a5c1-880cfc409ec8'),
};

describe('assistant frames', () => {
  test('a per-block frame from the CLI, with the undeclared tool_use_meta, is known', () => {
    const frame = expectKnown(assistantToolUse);
    expect(frame.type).toBe('assistant');
  });

  test('a synthetic API-error message (nulls in usage, error: unknown) is known', () => {
    expectKnown({
      ...assistantToolUse,
      error: 'unknown',
      message: {
        ...assistantToolUse.message,
        model: '<synthetic>',
        stop_reason: 'stop_sequence',
        stop_sequence: '',
        container: null,
        stop_details: null,
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          service_tier: null,
          inference_geo: null,
          iterations: null,
          speed: null,
        },
        content: [{ type: 'text', text: 'API Error: 400 messages: text content blocks must be non-empty' }],
      },
    });
  });

  test('a missing message id makes the frame invalid, with the JSON path of the field', () => {
    const frame = expectUnknown(without(assistantToolUse, 'message.id'));
    expect(frame.reason).toBe('invalid');
    expect(issuePaths(frame)).toEqual(['$.message.id']);
  });

  test('parent_tool_use_id is required (null on the main thread)', () => {
    expect(issuePaths(expectUnknown(without(assistantToolUse, 'parent_tool_use_id')))).toEqual([
      '$.parent_tool_use_id',
    ]);
  });

  test('the strict parser throws a ProtocolError naming the frame and the path', () => {
    expect(() => parseFrameStrict(without(assistantToolUse, 'session_id'))).toThrow(ProtocolError);
    expect(() => parseFrameStrict(without(assistantToolUse, 'session_id'))).toThrow(
      /assistant.*\$\.session_id/,
    );
  });
});

describe('user frames', () => {
  test('a host prompt as the SDK writes it (no uuid, empty session id) is known', () => {
    expectKnown({
      type: 'user',
      session_id: '',
      message: { role: 'user', content: [{ type: 'text', text: 'Create a.txt' }] },
      parent_tool_use_id: null,
      origin: { kind: 'human' },
      client_composed: true,
    });
  });

  test('a plain string prompt is known', () => {
    expectKnown({ type: 'user', message: { role: 'user', content: 'hi' }, parent_tool_use_id: null });
  });

  test('a CLI tool_result frame with an object tool_use_result is known', () => {
    expectKnown({
      type: 'user',
      message: {
        role: 'user',
        content: [
          {
            tool_use_id: 'toolu_01',
            type: 'tool_result',
            content: '(Bash completed with no output)',
            is_error: false,
          },
        ],
      },
      parent_tool_use_id: null,
      timestamp: '2026-11-25T00:48:02.583Z',
      tool_use_result: { stdout: '', stderr: '', interrupted: false },
      ...base(),
    });
  });

  test('a replay echo with isReplay and a string tool_use_result is known', () => {
    expectKnown({
      type: 'user',
      message: { role: 'user', content: '<local-command-stdout>Compacted </local-command-stdout>' },
      parent_tool_use_id: null,
      isReplay: true,
      tool_use_result: 'User rejected tool use',
      ...base(),
    });
  });

  test('an unknown origin kind is kept; a missing message is invalid', () => {
    const prompt = { type: 'user', message: { role: 'user', content: 'x' }, parent_tool_use_id: null };
    expectKnown({ ...prompt, origin: { kind: 'satellite', dish: 3 } });
    expect(issuePaths(expectUnknown(without(prompt, 'message')))).toEqual(['$.message']);
  });
});

describe('result frames', () => {
  test('success and error results from the CLI are known', () => {
    expectKnown(resultSuccess);
    expectKnown(resultError);
  });

  test('an API error ends as success with is_error and api_error_status', () => {
    expectKnown({ ...resultSuccess, is_error: true, api_error_status: 400, result: 'API Error: 400 …' });
  });

  test('a success result needs its result text; an error result needs errors', () => {
    expect(issuePaths(expectUnknown(without(resultSuccess, 'result')))).toEqual(['$.result']);
    expect(issuePaths(expectUnknown(without(resultError, 'errors')))).toEqual(['$.errors']);
  });

  test('an error result missing usage is invalid at $.usage', () => {
    const frame = expectUnknown(without(resultError, 'usage'));
    expect(frame.reason).toBe('invalid');
    expect(issuePaths(frame)).toEqual(['$.usage']);
  });

  test('the made-up subtype "error" is an unknown subtype, not an error result', () => {
    expect(expectUnknown({ ...resultError, subtype: 'error' }).reason).toBe('unknown_subtype');
  });
});

describe('stream_event frames', () => {
  const frame = (event: unknown) => ({ type: 'stream_event', event, parent_tool_use_id: null, ...base() });

  test('text and input_json deltas are known', () => {
    expectKnown(frame({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hel' } }));
    expectKnown(
      frame({
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"a' },
      }),
    );
  });

  test('message_start with ttft_ms is known', () => {
    const start = { type: 'message_start', message: { ...assistantToolUse.message, content: [] } };
    expectKnown({ ...frame(start), ttft_ms: 10 });
  });

  test('an event of a future type is still a known stream_event', () => {
    expectKnown(frame({ type: 'message_checkpoint', at: 3 }));
  });

  test('an event without a type is invalid', () => {
    expect(expectUnknown(frame({ index: 0 })).reason).toBe('invalid');
  });
});

describe('misc frames', () => {
  test.each([
    ['conversation_reset', { new_conversation_id: 'c0ffee00-0000-4000-8000-000000000001', trigger: 'clear' }],
    ['prompt_suggestion', { suggestion: 'Run the tests' }],
    ['tool_use_summary', { summary: 'Read 3 files', preceding_tool_use_ids: ['toolu_01', 'toolu_02'] }],
    [
      'tool_progress',
      {
        tool_use_id: 'toolu_01',
        tool_name: 'Bash',
        parent_tool_use_id: null,
        elapsed_time_seconds: 12,
        heartbeat: true,
      },
    ],
    ['auth_status', { isAuthenticating: true, output: ['Opening browser…'] }],
    [
      'rate_limit_event',
      {
        rate_limit_info: {
          status: 'allowed_warning',
          rateLimitType: 'five_hour',
          utilization: 0.82,
          resetsAt: 1790000000,
        },
      },
    ],
    ['active_goal', { value: { condition: 'tests pass', iterations: 2, set_at: 1, tokens_at_start: 100 } }],
    ['active_goal', { value: null }],
  ])('%s is known', (type, fields) => {
    expectKnown({ type, ...fields, ...base() });
  });

  test('rate_limit_event with a new status value still parses (open enum)', () => {
    expectKnown({ type: 'rate_limit_event', rate_limit_info: { status: 'throttled' }, ...base() });
  });

  test('tool_progress without elapsed_time_seconds is invalid at that path', () => {
    const progress = {
      type: 'tool_progress',
      tool_use_id: 't',
      tool_name: 'Bash',
      parent_tool_use_id: null,
      ...base(),
    };
    expect(issuePaths(expectUnknown(progress))).toEqual(['$.elapsed_time_seconds']);
  });
});

describe('runtime-only frames', () => {
  test.each([
    ['queued_notification', { notification: { notification_id: 'n1', content: 'ping from peer' } }],
    [
      'command_lifecycle',
      { command_uuid: 'c0ffee00-0000-4000-8000-000000000002', state: 'completed', ...base() },
    ],
    ['autocompact_state', { value: { threshold: 0.8 } }],
    ['agent_metadata', { agentType: 'general-purpose', description: 'Explore the repo', spawnDepth: 1 }],
    ['sources_changed', {}],
    ['env_manager_log', { data: { content: 'pulling image\n' } }],
    ['transcript_mirror', { filePath: '/home/u/.claude/projects/p/s.jsonl', entries: [{ type: 'user' }] }],
  ])('%s is known', (type, fields) => {
    expectKnown({ type, ...fields });
  });

  test('command_lifecycle needs command_uuid', () => {
    const frame = { type: 'command_lifecycle', state: 'started', session_id: SESSION_ID, uuid: 'u' };
    expect(issuePaths(expectUnknown(frame))).toEqual(['$.command_uuid']);
  });
});

describe('registry', () => {
  test('user frames flow both ways; assistant, result and stream_event flow to clients', () => {
    const directions = new Map(listFrameKinds().map((k) => [k.key, k.direction]));
    expect(directions.get('user')).toBe('both');
    expect(directions.get('queued_notification')).toBe('both');
    for (const key of [
      'assistant',
      'result/success',
      'result/error_max_turns',
      'stream_event',
      'active_goal',
    ]) {
      expect(directions.get(key)).toBe('to-client');
    }
  });
});
