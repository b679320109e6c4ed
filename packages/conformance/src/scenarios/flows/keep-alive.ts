import { WS_KEEP_ALIVE_MS } from '@ccr-kit/mock-server';
import { assistant, freshId, resultSuccess, systemInit, text } from '../frames';
import { prompt } from '../helpers';
import { expectEqual, type Scenario } from '../types';

/** keep_alive frames are ignored on receipt and the session goes on (PROTOCOL.md#keep-alive). */
export const keepAliveScenario: Scenario = {
  id: 'keep-alive',
  title: 'keep_alive from the service is ignored and the session goes on',
  section: 'PROTOCOL.md#keep-alive',
  needs: { virtualClock: true },
  async run(ctx) {
    const client = await ctx.connect();
    await ctx.check('server-keep-alive-ignored', 'three service keep-alives (50 s apart on the server clock) are not handed to the application', async () => {
      for (let i = 0; i < 3; i++) await ctx.server.admin.advanceClock(WS_KEEP_ALIVE_MS);
      await prompt(ctx, client, 'Still there?');
      const from = client.frames.length;
      ctx.stage.emit(systemInit(), assistant(freshId('msg_'), text('Yes.')), resultSuccess('Yes.'));
      await client.frame('the result', (f) => f.type === 'result', from);
      const keepAlives = client.frames.filter((f) => (f as { type?: unknown }).type === 'keep_alive');
      expectEqual(keepAlives.length, 0, 'keep_alive frames handed to the application');
    });
    await ctx.check('no-error', 'the client reports no error', () => {
      expectEqual(client.errors.map((e) => e.message), [], 'errors');
    });
  },
};
