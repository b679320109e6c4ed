import type {
  SDKActiveGoalMessage,
  SDKAssistantMessage,
  SDKAuthStatusMessage,
  SDKConversationResetMessage,
  SDKMessage,
  SDKPartialAssistantMessage,
  SDKPromptSuggestionMessage,
  SDKRateLimitEvent,
  SDKResultError,
  SDKResultMessage,
  SDKResultSuccess,
  SDKToolProgressMessage,
  SDKToolUseSummaryMessage,
  SDKUserMessage,
  SDKUserMessageReplay,
} from '@anthropic-ai/claude-agent-sdk';
import type {
  BetaContentBlock,
  BetaMessage as OfficialBetaMessage,
  BetaRawContentBlockDelta,
  BetaRawMessageStreamEvent,
  BetaTextCitation,
  BetaUsage,
} from '@anthropic-ai/sdk/resources/beta/messages/messages';
import type {
  ContentBlockParam,
  MessageParam as OfficialMessageParam,
  ToolResultBlockParam,
} from '@anthropic-ai/sdk/resources';
import { describe, expectTypeOf, test } from 'vitest';
import type { Frame } from '../../src/frames';
import type { BetaMessage, MessageParam, NonNullableUsage, Usage } from '../../src/schemas/anthropic';
import type { KnownAssistantContentBlock } from '../../src/schemas/content';
import type { KnownToolResultContentBlock, KnownUserContentBlock } from '../../src/schemas/content-params';
import type { KnownCitation } from '../../src/schemas/content-shared';
import type { AssistantMessage, PartialAssistantMessage, UserMessage } from '../../src/schemas/messages';
import type {
  ActiveGoal,
  AuthStatus,
  ConversationReset,
  PromptSuggestion,
  RateLimitEvent,
  ToolProgress,
  ToolUseSummary,
} from '../../src/schemas/misc-frames';
import type { ResultError, ResultMessage, ResultSuccess } from '../../src/schemas/results';
import type { KnownContentBlockDelta, KnownStreamEvent } from '../../src/schemas/stream';

// What the official SDK produces, we accept: every official type must be assignable to ours.

describe('conversation frames accept the official SDK types', () => {
  test('assistant, user and replay', () => {
    expectTypeOf<SDKAssistantMessage>().toExtend<AssistantMessage>();
    expectTypeOf<SDKUserMessage>().toExtend<UserMessage>();
    expectTypeOf<SDKUserMessageReplay>().toExtend<UserMessage>();
  });

  test('result success and error', () => {
    expectTypeOf<SDKResultSuccess>().toExtend<ResultSuccess>();
    expectTypeOf<SDKResultError>().toExtend<ResultError>();
    expectTypeOf<SDKResultMessage>().toExtend<ResultMessage>();
  });

  test('stream_event', () => {
    expectTypeOf<SDKPartialAssistantMessage>().toExtend<PartialAssistantMessage>();
  });

  test('misc status frames and active_goal', () => {
    expectTypeOf<SDKConversationResetMessage>().toExtend<ConversationReset>();
    expectTypeOf<SDKPromptSuggestionMessage>().toExtend<PromptSuggestion>();
    expectTypeOf<SDKToolUseSummaryMessage>().toExtend<ToolUseSummary>();
    expectTypeOf<SDKToolProgressMessage>().toExtend<ToolProgress>();
    expectTypeOf<SDKAuthStatusMessage>().toExtend<AuthStatus>();
    expectTypeOf<SDKRateLimitEvent>().toExtend<RateLimitEvent>();
    expectTypeOf<SDKActiveGoalMessage>().toExtend<ActiveGoal>();
  });

  test('every member of the SDKMessage union is a known frame', () => {
    expectTypeOf<SDKMessage>().toExtend<Frame>();
    expectTypeOf<SDKActiveGoalMessage>().toExtend<Frame>();
  });

  test('a user frame we build is a Frame', () => {
    expectTypeOf<UserMessage>().toExtend<Frame>();
  });
});

// The unknown-block fallback would accept any `{type: string}`, so these compare against the
// known unions only: each official block must fit the schema for its own `type`.
describe('Messages API objects accept the @anthropic-ai/sdk types', () => {
  test('assistant message, usage and content blocks', () => {
    expectTypeOf<OfficialBetaMessage>().toExtend<BetaMessage>();
    expectTypeOf<BetaUsage>().toExtend<Usage>();
    expectTypeOf<BetaContentBlock>().toExtend<KnownAssistantContentBlock>();
    expectTypeOf<BetaTextCitation>().toExtend<KnownCitation>();
  });

  test('result usage drops the nulls of BetaUsage', () => {
    expectTypeOf<SDKResultSuccess['usage']>().toExtend<NonNullableUsage>();
    expectTypeOf<BetaUsage>().not.toExtend<NonNullableUsage>();
  });

  test('user message param and its 16 block types', () => {
    expectTypeOf<OfficialMessageParam>().toExtend<MessageParam>();
    expectTypeOf<ContentBlockParam>().toExtend<KnownUserContentBlock>();
    expectTypeOf<
      Exclude<ToolResultBlockParam['content'], string | undefined>[number]
    >().toExtend<KnownToolResultContentBlock>();
  });

  test('stream events and deltas', () => {
    expectTypeOf<BetaRawMessageStreamEvent>().toExtend<KnownStreamEvent>();
    expectTypeOf<BetaRawContentBlockDelta>().toExtend<KnownContentBlockDelta>();
  });
});
