import { isRecord } from '../../internal/json';
import { assistant, canUseTool, controlSuccess, freshId, systemInit, toolUse } from '../frames';
import { hostRequest } from '../helpers';
import { expectEqual, type Scenario } from '../types';

const INPUT = { command: 'rm -rf build', description: 'Remove the build folder' };

/** A prompt opened before the client connects is re-armed by initialize's pending arrays and answered once (PROTOCOL.md#flow-initialize). */
export const initializeScenario: Scenario = {
  id: 'flow-initialize',
  title: 'Initialize on connect re-arms a prompt that was already open',
  section: 'PROTOCOL.md#flow-initialize',
  async run(ctx) {
    const toolUseId = freshId('toolu_');
    const requestId = freshId('perm-');
    ctx.stage.emit(systemInit(), assistant(freshId('msg_'), toolUse(toolUseId, 'Bash', INPUT)), canUseTool(requestId, toolUseId, 'Bash', INPUT));
    ctx.instruct(() => ({ behavior: 'allow', updatedInput: INPUT }));
    const client = await ctx.connect();
    await ctx.check('initialize-sent', 'the client sends initialize when it connects', async () => {
      const request = await ctx.stage.initialized();
      expectEqual(request.subtype, 'initialize', 'the request subtype');
    });
    await ctx.check('pending-rearmed', 'the prompt listed in pending_permission_requests reaches the handler', async () => {
      const seen = await client.request('can_use_tool');
      expectEqual(seen.request.tool_use_id, toolUseId, 'the re-armed prompt');
    });
    await ctx.check('answered-once', 'the re-armed prompt is answered exactly once', async () => {
      await ctx.stage.received(`the answer to ${requestId}`, (f) => f.type === 'control_response' && isRecord(f.response) && f.response.request_id === requestId);
      const fenced = client.connection.control('interrupt', {});
      const fence = await hostRequest(ctx, 'interrupt');
      ctx.stage.emit(controlSuccess(String(fence.request_id)));
      await fenced;
      const answers = ctx.stage.delivered.filter((f) => f.type === 'control_response' && isRecord(f.response) && f.response.request_id === requestId);
      expectEqual(answers.length, 1, `answers to ${requestId}`);
    });
  },
};
