import { isRecord } from '../../internal/json';
import { assistant, canUseTool, controlSuccess, freshId, systemInit, toolUse } from '../frames';
import { hostRequest, prompt } from '../helpers';
import { CheckWarning, type Scenario } from '../types';

const INPUT = { command: 'touch later.txt', description: 'Create later.txt' };

/** The agent withdraws an open prompt: the handler is aborted and no answer is due (PROTOCOL.md#control-cancel). */
export const controlCancelScenario: Scenario = {
  id: 'control-cancel',
  title: 'control_cancel_request withdraws an open permission prompt',
  section: 'PROTOCOL.md#control-cancel',
  async run(ctx) {
    const client = await ctx.connect();
    await prompt(ctx, client, 'Create later.txt');
    const toolUseId = freshId('toolu_');
    const requestId = freshId('perm-');
    let aborted = false;
    client.instruct((_request, signal) => new Promise((_resolve, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(new Error('withdrawn'))), { once: true })));
    ctx.stage.emit(systemInit(), assistant(freshId('msg_'), toolUse(toolUseId, 'Bash', INPUT)), canUseTool(requestId, toolUseId, 'Bash', INPUT));
    await ctx.check('prompt-shown', 'the permission handler is asked', async () => {
      await client.request('can_use_tool');
    });
    ctx.stage.emit({ type: 'control_cancel_request', request_id: requestId });
    await ctx.check('handler-aborted', "the handler's abort signal fires when the agent withdraws the prompt", async () => {
      await ctx.until('the handler signal to abort', () => aborted);
    });
    await ctx.check('no-answer', 'no answer to the withdrawn prompt reaches the agent before the next request', async () => {
      // The interrupt is a fence: a late answer, sent on abort, would arrive before it.
      const interrupted = client.connection.control('interrupt', {});
      const fence = await hostRequest(ctx, 'interrupt');
      ctx.stage.emit(controlSuccess(String(fence.request_id)));
      await interrupted;
      const late = ctx.stage.delivered.filter((f) => f.type === 'control_response' && isRecord(f.response) && f.response.request_id === requestId);
      if (late.length > 0) throw new CheckWarning(`the client still answered ${requestId} (${JSON.stringify(late[0]?.response)}); the agent ignores late answers, but it should not send them`);
    });
  },
};
