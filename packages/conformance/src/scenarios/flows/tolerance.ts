import { assistant, freshId, resultSuccess, systemInit, text } from '../frames';
import { prompt } from '../helpers';
import { expectEqual, expectThat, type Scenario } from '../types';

/** Unknown frame types, subtypes, keys and blocks are data: the client keeps going (PROTOCOL.md#drift). */
export const toleranceScenario: Scenario = {
  id: 'tolerance',
  title: 'Tolerance: unknown types, subtypes, keys and blocks do not stop the client',
  section: 'PROTOCOL.md#drift',
  async run(ctx) {
    const client = await ctx.connect();
    await prompt(ctx, client, 'Show me something new');
    const messageId = freshId('msg_');
    const grown = assistant(messageId, { type: 'future_block', data: { shape: 'unknown' } });
    grown.future_field = { added: 'in a later CLI' };
    const from = client.frames.length;
    ctx.stage.emit(
      systemInit(),
      { type: 'brand_new_frame', payload: { x: 1 } },
      { type: 'system', subtype: 'brand_new_notice', message: 'from the future' },
      grown,
      assistant(messageId, text('Still here.')),
      resultSuccess('Still here.'),
    );
    await ctx.check('continues', 'the frames after unknown ones still arrive, up to the result', async () => {
      await client.frame('the result after unknown frames', (f) => f.type === 'result', from);
    });
    await ctx.check('unknown-key-kept', 'a known frame with an unknown key and an unknown block is handed over with both intact', () => {
      const frame = client.frames.find((f) => (f as { future_field?: unknown }).future_field !== undefined) as Record<string, unknown> | undefined;
      expectThat(frame !== undefined, 'the assistant frame with future_field was not handed over (or lost the key)');
      expectEqual(frame?.future_field, { added: 'in a later CLI' }, 'future_field');
      expectEqual((frame?.message as { content?: unknown }).content, [{ type: 'future_block', data: { shape: 'unknown' } }], 'the unknown block');
    });
    await ctx.check('no-error', 'unknown frames are not reported as errors', () => {
      expectEqual(client.errors.map((e) => e.message), [], 'errors');
    });
  },
};
