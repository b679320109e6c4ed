import { assistant, freshId, resultSuccess, systemInit, text } from '../frames';
import { expectInOrder, expectNoCriticalDrift, prompt, surfacedLabels, userText } from '../helpers';
import { expectEqual, expectThat, type Scenario } from '../types';

/** A turn: prompt, system/init, one assistant frame per block, exactly one result (PROTOCOL.md#flow-turn). */
export const turnScenario: Scenario = {
  id: 'flow-turn',
  title: 'A turn: prompt, system/init, per-block assistant frames, one result',
  section: 'PROTOCOL.md#flow-turn',
  async run(ctx) {
    const client = await ctx.connect();
    await ctx.check('prompt-delivered', 'a prompt reaches the agent as a valid user frame with its text', async () => {
      const frame = await prompt(ctx, client, 'Say hello');
      expectNoCriticalDrift(frame, 'the user frame');
      expectEqual(userText(frame), 'Say hello', 'the prompt text');
      expectThat(frame.parent_tool_use_id === null, `parent_tool_use_id must be null for a prompt, got ${JSON.stringify(frame.parent_tool_use_id)}`);
    });
    const messageId = freshId('msg_');
    await ctx.check('turn-frames', 'system/init, the assistant frames and the result reach the application in order', async () => {
      const from = client.frames.length;
      ctx.stage.emit(systemInit(), assistant(messageId, text('Hello!')), assistant(messageId, text('How can I help?')), resultSuccess('Hello! How can I help?'));
      await client.frame('the result', (f) => f.type === 'result', from);
      expectInOrder(surfacedLabels(client, from), ['system/init', 'assistant', 'assistant', 'result/success'], 'the turn');
    });
    await ctx.check('assistant-per-block', 'both assistant frames of one message arrive, each with its own block (no merging)', () => {
      const frames = client.frames.filter((f) => (f as { type?: unknown }).type === 'assistant') as { message: { id: string; content: { text: string }[] } }[];
      const ofMessage = frames.filter((f) => f.message.id === messageId);
      expectEqual(ofMessage.map((f) => f.message.content.map((b) => b.text)), [['Hello!'], ['How can I help?']], 'the blocks of message ' + messageId);
    });
    await ctx.check('second-turn', 'a second prompt after the result starts a new turn with its own result', async () => {
      await prompt(ctx, client, 'And again');
      const from = client.frames.length;
      ctx.stage.emit(systemInit(), assistant(freshId('msg_'), text('Again!')), resultSuccess('Again!'));
      await client.frame('the second result', (f) => f.type === 'result' && f.result === 'Again!', from);
    });
  },
};
