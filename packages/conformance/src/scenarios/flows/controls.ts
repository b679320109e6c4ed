import { controlSuccess, statusMode } from '../frames';
import { hostRequest } from '../helpers';
import { expectEqual, type Scenario } from '../types';

/** Host control requests: set_model, set_permission_mode and mcp_status with the CLI's answers (PROTOCOL.md#control-subtypes). */
export const controlsScenario: Scenario = {
  id: 'control-requests',
  title: 'Host control requests: set_model, set_permission_mode, mcp_status',
  section: 'PROTOCOL.md#control-subtypes',
  async run(ctx) {
    const client = await ctx.connect();
    await ctx.check('set-model', 'set_model carries the model and completes on a success without payload', async () => {
      const done = client.connection.control('set_model', { model: 'sonnet' });
      const frame = await hostRequest(ctx, 'set_model');
      expectEqual(frame.request, { subtype: 'set_model', model: 'sonnet' }, 'the set_model request');
      ctx.stage.emit(
        { type: 'user', message: { role: 'user', content: '<local-command-stdout>Set model to sonnet (claude-sonnet-5)</local-command-stdout>' }, parent_tool_use_id: null },
        controlSuccess(String(frame.request_id)),
      );
      await done;
    });
    await ctx.check('set-permission-mode', 'set_permission_mode carries the mode and completes', async () => {
      const done = client.connection.control('set_permission_mode', { mode: 'acceptEdits' });
      const frame = await hostRequest(ctx, 'set_permission_mode');
      expectEqual(frame.request, { subtype: 'set_permission_mode', mode: 'acceptEdits' }, 'the set_permission_mode request');
      ctx.stage.emit(controlSuccess(String(frame.request_id), { mode: 'acceptEdits' }), statusMode('acceptEdits'));
      await done;
    });
    await ctx.check('mcp-status', 'mcp_status returns the servers the agent reports', async () => {
      const done = client.connection.control('mcp_status', {});
      const frame = await hostRequest(ctx, 'mcp_status');
      ctx.stage.emit(controlSuccess(String(frame.request_id), { mcpServers: [{ name: 'notes', status: 'connected' }] }));
      expectEqual(await done, { mcpServers: [{ name: 'notes', status: 'connected' }] }, 'the mcp_status answer');
    });
  },
};
