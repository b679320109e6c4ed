import { describe, expectTypeOf, it } from 'vitest';
import type {
  ClaudeApi,
  ConnectOptions,
  HookCallbackHandler,
  SessionResource,
  ToolPermissionHandler,
  ToolPermissionResponse,
  WsAssistantMessage,
  WsResultMessage,
} from '../../src/index';

describe('types a claude-remote-protocol user relies on', () => {
  it('lets text blocks be read as the seed README does', () => {
    type Block = WsAssistantMessage['message']['content'][number];
    expectTypeOf<Extract<Block, { type: 'text' }>['text']>().toEqualTypeOf<string>();
    expectTypeOf<Block['text']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<NonNullable<ConnectOptions['onAssistantMessage']>>().parameter(0).toEqualTypeOf<WsAssistantMessage>();
  });

  it('gives results the seed fields', () => {
    expectTypeOf<WsResultMessage['num_turns']>().toEqualTypeOf<number>();
    expectTypeOf<WsResultMessage['total_cost_usd']>().toEqualTypeOf<number>();
    expectTypeOf<NonNullable<ConnectOptions['onResult']>>().parameter(0).toEqualTypeOf<WsResultMessage>();
  });

  it('accepts seed-style permission handlers, including a deny without a message', () => {
    const seedStyle = async (): Promise<ToolPermissionResponse> => ({ behavior: 'deny' });
    expectTypeOf(seedStyle).toExtend<ToolPermissionHandler>();
    expectTypeOf<Parameters<ToolPermissionHandler>[2]>().toHaveProperty('toolUseID').toEqualTypeOf<string>();
    expectTypeOf<Parameters<ToolPermissionHandler>[2]>().toHaveProperty('signal').toEqualTypeOf<AbortSignal>();
    expectTypeOf<Parameters<HookCallbackHandler>[3]>().toEqualTypeOf<AbortSignal>();
  });

  it('keeps the REST shapes of the seed', () => {
    expectTypeOf({ sessionId: 's', uuid: 'u', message: { role: 'user' as const, content: 'hi' } }).toExtend<Parameters<ClaudeApi['sendMessage']>[0]>();
    expectTypeOf({ sessionId: 's', requestId: 'r', toolName: 'Bash', decision: 'allow' as const }).toExtend<Parameters<ClaudeApi['respondToolPermission']>[0]>();
    expectTypeOf<Awaited<ReturnType<ClaudeApi['getSession']>>>().toEqualTypeOf<SessionResource>();
  });
});
