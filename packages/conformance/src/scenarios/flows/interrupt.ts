import { assistant, controlSuccess, freshId, interruptedMarker, resultAborted, systemInit, text } from '../frames';
import { hostRequest, prompt } from '../helpers';
import { expectEqual, type Scenario } from '../types';

/** Interrupt mid-stream: the request, a success without payload (CLI 2.1.197), an aborted turn (PROTOCOL.md#flow-interrupt). */
export const interruptScenario: Scenario = {
  id: 'flow-interrupt',
  title: 'Interrupt mid-stream: answered without a payload, the turn ends aborted_streaming',
  section: 'PROTOCOL.md#flow-interrupt',
  async run(ctx) {
    const client = await ctx.connect();
    await prompt(ctx, client, 'Tell me a long story');
    const messageId = freshId('msg_');
    ctx.stage.emit(systemInit());
    let settled: 'resolved' | 'rejected' | undefined;
    await ctx.check('interrupt-sent', 'interrupt reaches the agent as a control_request with subtype interrupt', async () => {
      const pending = client.connection.control('interrupt', {});
      pending.then(
        () => (settled = 'resolved'),
        () => (settled = 'rejected'),
      );
      const frame = await hostRequest(ctx, 'interrupt');
      const { subtype } = frame.request as { subtype: string };
      expectEqual(subtype, 'interrupt', 'the request subtype');
      ctx.stage.emit(controlSuccess(String(frame.request_id)));
      await pending;
    });
    await ctx.check('resolves-without-response', 'a success answer without a response field completes the interrupt call', async () => {
      await ctx.until('the interrupt call to settle', () => settled);
      expectEqual(settled, 'resolved', 'the interrupt call');
    });
    await ctx.check('turn-ends-aborted', 'the partial text, the interrupted marker and the aborted result reach the application', async () => {
      const from = client.frames.length;
      ctx.stage.emit(assistant(messageId, text('Once upon a ti')), interruptedMarker(false), resultAborted('aborted_streaming'));
      const result = await client.frame('the aborted result', (f) => f.type === 'result', from);
      expectEqual({ subtype: result.subtype, reason: result.terminal_reason }, { subtype: 'error_during_execution', reason: 'aborted_streaming' }, 'the result');
    });
  },
};
