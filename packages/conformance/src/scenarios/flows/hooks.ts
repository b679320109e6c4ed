import { isRecord } from '../../internal/json';
import { freshId, systemInit } from '../frames';
import { answerTo, prompt, successPayload } from '../helpers';
import { expectEqual, type Scenario } from '../types';

/** Hooks registered through initialize, called back with hook_callback (PROTOCOL.md#hooks). */
export const hooksScenario: Scenario = {
  id: 'hooks',
  title: 'Hooks: registered in initialize, answered on hook_callback',
  section: 'PROTOCOL.md#hooks',
  async run(ctx) {
    const client = await ctx.connect({ hooks: { PreToolUse: [{ matcher: 'Bash', callbacks: 1 }] }, mcpServers: [] });
    await ctx.check('registered', 'initialize.hooks lists the PreToolUse matcher with callback id hook_0', async () => {
      const request = await ctx.stage.initialized();
      expectEqual(request.hooks, { PreToolUse: [{ matcher: 'Bash', hookCallbackIds: ['hook_0'] }] }, 'initialize.hooks');
    });
    await prompt(ctx, client, 'Create hooked.txt');
    const toolUseId = freshId('toolu_');
    const requestId = freshId('hook-');
    const input = { session_id: 'recorded', cwd: '/work/project', permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: { command: 'touch hooked.txt' }, tool_use_id: toolUseId };
    const output = { hookSpecificOutput: { hookEventName: 'PreToolUse', permissionDecision: 'allow', permissionDecisionReason: 'allowed by the host hook' } };
    client.instruct(() => output);
    ctx.stage.emit(systemInit(), { type: 'control_request', request_id: requestId, request: { subtype: 'hook_callback', callback_id: 'hook_0', input, tool_use_id: toolUseId } });
    await ctx.check('callback-input', 'the hook callback gets the hook input and the tool_use_id', async () => {
      const seen = await client.request('hook_callback');
      expectEqual(isRecord(seen.request.input) ? seen.request.input.hook_event_name : undefined, 'PreToolUse', 'hook_event_name');
      expectEqual(seen.request.tool_use_id, toolUseId, 'tool_use_id');
    });
    await ctx.check('callback-answered', 'the hook output goes back as the success payload', async () => {
      expectEqual(successPayload(await answerTo(ctx, requestId), 'the hook answer'), output, 'the hook answer');
    });
  },
};
