import { describe, expect, test } from 'vitest';
import {
  AssistantContentBlockSchema,
  ASSISTANT_BLOCK_TYPES,
  KnownAssistantContentBlockSchema,
} from '../../src/schemas/content';
import {
  KnownToolResultContentBlockSchema,
  KnownUserContentBlockSchema,
  USER_BLOCK_TYPES,
} from '../../src/schemas/content-params';
import {
  KnownContentBlockDeltaSchema,
  KnownStreamEventSchema,
  StreamEventSchema,
} from '../../src/schemas/stream';
import { base, expectKnown } from './frame-helpers';

const tooluse = 'toolu_01U89fgSk68eg7yFV1JcXPqA';

/** One realistic example of each of the 18 assistant block types. */
const ASSISTANT_BLOCKS = [
  { type: 'text', text: 'Hello there.', citations: null },
  { type: 'thinking', thinking: 'The user wants a file.', signature: 'EqQBCkYIBxgCKkCz' },
  { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix' },
  {
    type: 'tool_use',
    id: tooluse,
    name: 'Bash',
    input: { command: 'touch a.txt' },
    caller: { type: 'direct' },
  },
  { type: 'server_tool_use', id: 'srvtoolu_01', name: 'web_search', input: { query: 'zod 4' } },
  {
    type: 'web_search_tool_result',
    tool_use_id: 'srvtoolu_01',
    content: [
      {
        type: 'web_search_result',
        url: 'https://zod.dev',
        title: 'Zod',
        encrypted_content: 'Eq',
        page_age: null,
      },
    ],
  },
  {
    type: 'web_fetch_tool_result',
    tool_use_id: 'srvtoolu_02',
    content: { type: 'web_fetch_tool_result_error', error_code: 'url_not_accessible' },
  },
  {
    type: 'advisor_tool_result',
    tool_use_id: 'srvtoolu_03',
    content: { type: 'advisor_result', text: 'ok', stop_reason: null },
  },
  {
    type: 'code_execution_tool_result',
    tool_use_id: 'srvtoolu_04',
    content: { type: 'code_execution_result', stdout: '2\n', stderr: '', return_code: 0, content: [] },
  },
  {
    type: 'bash_code_execution_tool_result',
    tool_use_id: 'srvtoolu_05',
    content: { type: 'bash_code_execution_result', stdout: '', stderr: '', return_code: 0, content: [] },
  },
  {
    type: 'text_editor_code_execution_tool_result',
    tool_use_id: 'srvtoolu_06',
    content: { type: 'text_editor_code_execution_create_result', is_file_update: false },
  },
  {
    type: 'tool_search_tool_result',
    tool_use_id: 'srvtoolu_07',
    content: {
      type: 'tool_search_tool_search_result',
      tool_references: [{ type: 'tool_reference', tool_name: 'Read' }],
    },
  },
  { type: 'mcp_tool_use', id: 'mcptoolu_01', name: 'search', server_name: 'docs', input: { q: 'x' } },
  {
    type: 'mcp_tool_result',
    tool_use_id: 'mcptoolu_01',
    is_error: false,
    content: [{ type: 'text', text: 'found' }],
  },
  { type: 'container_upload', file_id: 'file_011' },
  { type: 'compaction', content: 'Summary of the conversation so far.', encrypted_content: null },
  {
    type: 'fallback',
    from: { model: 'claude-opus-4-8' },
    to: { model: 'claude-sonnet-5' },
    trigger: { type: 'refusal', category: null },
  },
  {
    type: 'mcp_tool_listing',
    mcp_server_name: 'docs',
    tools: [{ name: 'search', input_schema: { type: 'object' } }],
  },
];

/** One realistic example of each of the 16 user block types. */
const USER_BLOCKS = [
  { type: 'text', text: 'Create a.txt', cache_control: { type: 'ephemeral', ttl: '5m' } },
  { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
  { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'notes' }, title: 'notes.txt' },
  {
    type: 'search_result',
    source: 'https://zod.dev',
    title: 'Zod',
    content: [{ type: 'text', text: 'Zod 4' }],
  },
  ASSISTANT_BLOCKS[1]!,
  ASSISTANT_BLOCKS[2]!,
  ASSISTANT_BLOCKS[3]!,
  { type: 'tool_result', tool_use_id: tooluse, content: '(Bash completed with no output)', is_error: false },
  ASSISTANT_BLOCKS[4]!,
  ASSISTANT_BLOCKS[5]!,
  ASSISTANT_BLOCKS[6]!,
  ASSISTANT_BLOCKS[8]!,
  ASSISTANT_BLOCKS[9]!,
  ASSISTANT_BLOCKS[10]!,
  ASSISTANT_BLOCKS[11]!,
  { type: 'container_upload', file_id: 'file_011' },
];

function assistantFrame(content: unknown[]) {
  return {
    type: 'assistant',
    message: {
      id: 'msg_01pPWsRiMKpkVdjQbcVeHPPv',
      type: 'message',
      role: 'assistant',
      model: 'claude-opus-4-8',
      content,
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 1 },
    },
    parent_tool_use_id: null,
    ...base(),
  };
}

describe('assistant content blocks', () => {
  test('all 18 known types are covered and each example parses as its known type', () => {
    expect(ASSISTANT_BLOCK_TYPES).toHaveLength(18);
    expect(ASSISTANT_BLOCKS.map((b) => b.type)).toEqual(ASSISTANT_BLOCK_TYPES);
    for (const block of ASSISTANT_BLOCKS) {
      expect(KnownAssistantContentBlockSchema.safeParse(block).error?.issues).toBeUndefined();
    }
  });

  test('an assistant frame with every block type is a known frame', () => {
    expectKnown(assistantFrame(ASSISTANT_BLOCKS));
  });

  test('an unknown block type inside an assistant message still parses and is kept as received', () => {
    const block = { type: 'hologram', frames: 3, payload: { x: 1 } };
    const frame = expectKnown(assistantFrame([{ type: 'text', text: 'before' }, block]));
    expect(frame.type === 'assistant' && frame.message.content[1]).toBe(block);
  });

  test('a known block missing a required field is not a valid known block, and the error says where', () => {
    const result = KnownAssistantContentBlockSchema.safeParse({ type: 'tool_use', id: tooluse, input: {} });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['name']]);
    // Inside a frame it survives as an unknown block rather than losing the whole message.
    expect(AssistantContentBlockSchema.safeParse({ type: 'tool_use', id: tooluse, input: {} }).success).toBe(
      true,
    );
  });

  test('a block without a string type is rejected', () => {
    expect(AssistantContentBlockSchema.safeParse({ text: 'no type' }).success).toBe(false);
  });
});

describe('user content blocks', () => {
  test('all 16 known types are covered and each example parses as its known type', () => {
    expect(USER_BLOCK_TYPES).toHaveLength(16);
    expect(new Set(USER_BLOCKS.map((b) => b.type))).toEqual(new Set(USER_BLOCK_TYPES));
    for (const block of USER_BLOCKS) {
      expect(KnownUserContentBlockSchema.safeParse(block).error?.issues).toBeUndefined();
    }
  });

  test('tool_result content nests text, image, search_result, document, tool_reference and browser_state', () => {
    const nested = [
      { type: 'text', text: 'listing:' },
      { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
      { type: 'search_result', source: 's', title: 't', content: [{ type: 'text', text: 'x' }] },
      { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' } },
      { type: 'tool_reference', tool_name: 'Read' },
      { type: 'browser_state', tabs: [{ tab_id: '1', title: 'Docs', url: 'https://zod.dev', active: true }] },
    ];
    for (const block of nested) {
      expect(KnownToolResultContentBlockSchema.safeParse(block).error?.issues).toBeUndefined();
    }
    const result = { type: 'tool_result', tool_use_id: tooluse, content: nested };
    expect(KnownUserContentBlockSchema.safeParse(result).success).toBe(true);
  });

  test('tool_reference is only known inside tool_result content', () => {
    expect(KnownUserContentBlockSchema.safeParse({ type: 'tool_reference', tool_name: 'Read' }).success).toBe(
      false,
    );
  });

  test('every document source kind parses; an image with an unknown media type is still accepted (open enum)', () => {
    const sources = [
      { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' },
      { type: 'text', media_type: 'text/plain', data: 'hi' },
      { type: 'content', content: [{ type: 'text', text: 'hi' }] },
      { type: 'url', url: 'https://example.com/a.pdf' },
      { type: 'file', file_id: 'file_1' },
    ];
    for (const source of sources) {
      expect(KnownUserContentBlockSchema.safeParse({ type: 'document', source }).success).toBe(true);
    }
    const avif = { type: 'image', source: { type: 'base64', media_type: 'image/avif', data: 'AAAA' } };
    expect(KnownUserContentBlockSchema.safeParse(avif).success).toBe(true);
  });
});

describe('stream events', () => {
  const events = [
    { type: 'message_start', message: assistantFrame([]).message },
    {
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'thinking', thinking: '', signature: '' },
    },
    { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me think' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQB' } },
    { type: 'content_block_stop', index: 0 },
    {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 12 },
      context_management: null,
    },
    { type: 'message_stop' },
    { type: 'ping' },
    { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
  ];

  test('the six event types plus ping and error are known', () => {
    for (const event of events) {
      expect(KnownStreamEventSchema.safeParse(event).error?.issues).toBeUndefined();
    }
  });

  test('all six delta types are known', () => {
    const deltas = [
      { type: 'text_delta', text: 'Hel' },
      { type: 'input_json_delta', partial_json: '{"command": "to' },
      {
        type: 'citations_delta',
        citation: {
          type: 'web_search_result_location',
          cited_text: 'x',
          url: 'u',
          title: null,
          encrypted_index: 'e',
        },
      },
      { type: 'thinking_delta', thinking: 'hmm', estimated_tokens: null },
      { type: 'signature_delta', signature: 'EqQB' },
      { type: 'compaction_delta', content: 'Summary', encrypted_content: null },
    ];
    for (const delta of deltas) {
      expect(KnownContentBlockDeltaSchema.safeParse(delta).error?.issues).toBeUndefined();
    }
  });

  test('unknown event and delta types are tolerated', () => {
    expect(StreamEventSchema.safeParse({ type: 'message_pause', reason: 'x' }).success).toBe(true);
    const delta = { type: 'content_block_delta', index: 2, delta: { type: 'audio_delta', pcm: 'AAAA' } };
    expect(KnownStreamEventSchema.safeParse(delta).success).toBe(true);
  });

  test('a content_block_delta without an index is rejected at $.index', () => {
    const result = KnownStreamEventSchema.safeParse({
      type: 'content_block_delta',
      delta: { type: 'text_delta', text: 'x' },
    });
    expect(result.error?.issues.map((i) => i.path)).toEqual([['index']]);
  });
});
