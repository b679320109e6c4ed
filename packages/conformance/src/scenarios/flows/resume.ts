import { assistant, freshId, resultSuccess, systemInit, text } from '../frames';
import { prompt } from '../helpers';
import { expectEqual, type Scenario } from '../types';

/** A dropped connection: the client reconnects, re-sends initialize and sees every durable event once (PROTOCOL.md#flow-resume). */
export const resumeScenario: Scenario = {
  id: 'flow-resume',
  title: 'Reconnect and resume: reconnect, no gap, no duplicate, initialize again',
  section: 'PROTOCOL.md#flow-resume',
  async run(ctx) {
    const client = await ctx.connect();
    await prompt(ctx, client, 'Before the drop');
    const before = freshId('msg_');
    const after = freshId('msg_');
    ctx.stage.emit(systemInit(), assistant(before, text('Said before the drop.')), resultSuccess('Said before the drop.'));
    await client.frame('the first result', (f) => f.type === 'result');
    await ctx.stage.initialized(1);
    ctx.server.admin.disconnect(ctx.sessionId, { code: 1011, reason: 'conformance: dropped on purpose' });
    ctx.stage.emit(systemInit(), assistant(after, text('Said while you were away.')), resultSuccess('Said while you were away.'));
    await ctx.check('reconnects', 'the client subscribes again after the service drops the connection (close 1011)', async () => {
      await ctx.until('a second subscription to the session', () => ctx.subscriptions() >= 2);
    });
    await ctx.check('no-gap', 'the frames sent while disconnected reach the application', async () => {
      await client.frame('the assistant frame sent while disconnected', (f) => f.type === 'assistant' && (f.message as { id?: unknown }).id === after);
      await client.frame('the result sent while disconnected', (f) => f.type === 'result' && f.result === 'Said while you were away.');
    });
    await ctx.check('no-duplicates', 'frames seen before the drop are not handed over twice', () => {
      const seen = client.frames.filter((f) => (f as { type?: unknown }).type === 'assistant' && (f as { message: { id?: unknown } }).message.id === before);
      expectEqual(seen.length, 1, `assistant frames of ${before}`);
    });
    await ctx.check('reinitialize', 'after reconnecting, the client sends initialize again to re-arm pending prompts', async () => {
      await ctx.stage.initialized(2);
    });
  },
};
