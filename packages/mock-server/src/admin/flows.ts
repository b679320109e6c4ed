import type { IdFactory } from '../internal/ids';

/** Options of the "ask permission" flow. */
export interface PermissionFlowOptions {
  readonly toolName?: string | undefined;
  readonly input?: Record<string, unknown> | undefined;
  readonly description?: string | undefined;
}

/** One question of the "ask a question" flow (AskUserQuestion input). */
export interface QuestionSpec {
  readonly question: string;
  readonly header?: string | undefined;
  readonly multiSelect?: boolean | undefined;
  readonly options: readonly { readonly label: string; readonly description?: string | undefined }[];
}

/** Options of the "end the turn" flow. */
export interface EndTurnOptions {
  readonly result?: string | undefined;
  readonly isError?: boolean | undefined;
}

const MODEL = 'claude-mock-1';

function usage(output: number): Record<string, unknown> {
  return { input_tokens: 12, output_tokens: output, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, service_tier: 'standard' };
}

/** Frames that put a tool call in front of the client: the assistant tool_use block, then the `can_use_tool` prompt. */
export function toolPromptFrames(
  ids: IdFactory,
  toolName: string,
  input: Record<string, unknown>,
  description: string | undefined,
): { frames: Record<string, unknown>[]; requestId: string; toolUseId: string } {
  const toolUseId = ids.prefixed('toolu_');
  const requestId = ids.uuid();
  const assistant = {
    type: 'assistant',
    message: {
      id: ids.prefixed('msg_'),
      type: 'message',
      role: 'assistant',
      model: MODEL,
      content: [{ type: 'tool_use', id: toolUseId, name: toolName, input }],
      stop_reason: null,
      stop_sequence: null,
      usage: usage(1),
    },
    parent_tool_use_id: null,
  };
  const prompt = {
    type: 'control_request',
    request_id: requestId,
    request: {
      subtype: 'can_use_tool',
      tool_name: toolName,
      input,
      tool_use_id: toolUseId,
      ...(description === undefined ? {} : { description }),
    },
  };
  return { frames: [assistant, prompt], requestId, toolUseId };
}

/** The default question of the "ask a question" flow. */
export const DEFAULT_QUESTIONS: readonly QuestionSpec[] = [
  {
    question: 'Which approach should I take?',
    header: 'Approach',
    multiSelect: false,
    options: [
      { label: 'Small change', description: 'Touch as little code as possible.' },
      { label: 'Refactor', description: 'Clean up the surrounding code first.' },
    ],
  },
];

/** The `result` frame that ends a turn. */
export function resultFrame(options: EndTurnOptions): Record<string, unknown> {
  const isError = options.isError === true;
  return {
    type: 'result',
    subtype: 'success',
    is_error: isError,
    duration_ms: 0,
    duration_api_ms: 0,
    num_turns: 1,
    result: options.result ?? (isError ? 'The turn failed.' : 'Done.'),
    stop_reason: isError ? null : 'end_turn',
    total_cost_usd: 0,
    usage: usage(0),
    modelUsage: {},
    permission_denials: [],
  };
}
