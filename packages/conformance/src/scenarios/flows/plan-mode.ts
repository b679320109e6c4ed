import { assistant, canUseTool, freshId, resultSuccess, statusMode, systemInit, toolUse } from '../frames';
import { answerTo, prompt, successPayload } from '../helpers';
import { expectEqual, type Scenario } from '../types';

/** Plan mode: status frames report the mode; ExitPlanMode asks and an edited plan goes back (PROTOCOL.md#plan-mode). */
export const planModeScenario: Scenario = {
  id: 'plan-mode',
  title: 'Plan mode: permissionMode status frames, ExitPlanMode approved with an edited plan',
  section: 'PROTOCOL.md#plan-mode',
  async run(ctx) {
    const client = await ctx.connect();
    await prompt(ctx, client, 'Plan how to add notes.txt');
    await ctx.check('status-plan', 'system/status with permissionMode "plan" reaches the application', async () => {
      const from = client.frames.length;
      ctx.stage.emit(systemInit(), statusMode('plan'));
      await client.frame('system/status plan', (f) => f.type === 'system' && f.subtype === 'status' && f.permissionMode === 'plan', from);
    });
    const toolUseId = freshId('toolu_');
    const requestId = freshId('perm-');
    const plan = '1. Create notes.txt\n2. Write a heading into it';
    const edited = `${plan}\n3. Commit it`;
    client.instruct(() => ({ behavior: 'allow', updatedInput: { plan: edited } }));
    ctx.stage.emit(assistant(freshId('msg_'), toolUse(toolUseId, 'ExitPlanMode', { plan })), canUseTool(requestId, toolUseId, 'ExitPlanMode', { plan }));
    await ctx.check('plan-approved', 'ExitPlanMode is approved with the edited plan in updatedInput', async () => {
      const payload = successPayload(await answerTo(ctx, requestId), 'the ExitPlanMode answer');
      expectEqual(payload, { behavior: 'allow', updatedInput: { plan: edited }, toolUseID: toolUseId }, 'the answer');
    });
    await ctx.check('status-default', 'the status back to "default" and the result reach the application', async () => {
      const from = client.frames.length;
      ctx.stage.emit(statusMode('default'), resultSuccess('Planned.', 2));
      await client.frame('the result', (f) => f.type === 'result', from);
      const modes = client.frames.slice(from).filter((f) => (f as { subtype?: unknown }).subtype === 'status').map((f) => (f as { permissionMode?: unknown }).permissionMode);
      expectEqual(modes, ['default'], 'permission modes reported after the approval');
    });
  },
};
