import { assistant, canUseTool, freshId, resultSuccess, systemInit, toolResult, toolUse } from '../frames';
import { answerTo, prompt, successPayload } from '../helpers';
import { expectEqual, type ClientUnderTest, type Scenario, type ScenarioContext } from '../types';

const INPUT = { command: 'touch created.txt', description: 'Create created.txt' };

async function ask(ctx: ScenarioContext, client: ClientUnderTest, answer: Record<string, unknown>): Promise<{ payload: Record<string, unknown>; toolUseId: string }> {
  const toolUseId = freshId('toolu_');
  const requestId = freshId('perm-');
  client.instruct(() => answer);
  ctx.stage.emit(assistant(freshId('msg_'), toolUse(toolUseId, 'Bash', INPUT)), canUseTool(requestId, toolUseId, 'Bash', INPUT));
  const payload = successPayload(await answerTo(ctx, requestId), 'the permission answer');
  return { payload, toolUseId };
}

/** Permission prompts answered allow (with updatedInput and updatedPermissions), deny, and deny with interrupt (PROTOCOL.md#flow-permissions). */
export const permissionsScenario: Scenario = {
  id: 'flow-permissions',
  title: 'Permissions: allow with updatedInput and updatedPermissions, deny, deny with interrupt',
  section: 'PROTOCOL.md#flow-permissions',
  async run(ctx) {
    const client = await ctx.connect();
    await prompt(ctx, client, 'Create created.txt');
    ctx.stage.emit(systemInit());
    const updatedPermissions = [{ type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 'touch:*' }], behavior: 'allow', destination: 'session' }];
    const renamed = { ...INPUT, command: 'touch renamed-by-host.txt' };
    await ctx.check('handler-sees-prompt', 'the permission handler gets the tool name and input of can_use_tool', async () => {
      const { toolUseId } = await ask(ctx, client, { behavior: 'allow', updatedInput: renamed, updatedPermissions });
      const seen = await client.request('can_use_tool');
      expectEqual({ tool: seen.request.tool_name, input: seen.request.input, id: seen.request.tool_use_id }, { tool: 'Bash', input: INPUT, id: toolUseId }, 'what the handler saw');
    });
    await ctx.check('allow-updated-input', 'allow carries the rewritten input, the permission updates and the toolUseID', async () => {
      const { payload, toolUseId } = await ask(ctx, client, { behavior: 'allow', updatedInput: renamed, updatedPermissions });
      expectEqual(payload, { behavior: 'allow', updatedInput: renamed, updatedPermissions, toolUseID: toolUseId }, 'the allow answer');
    });
    await ctx.check('deny-message', 'deny carries the message and the toolUseID', async () => {
      const { payload, toolUseId } = await ask(ctx, client, { behavior: 'deny', message: 'The host said no.' });
      expectEqual(payload, { behavior: 'deny', message: 'The host said no.', toolUseID: toolUseId }, 'the deny answer');
    });
    await ctx.check('deny-interrupt', 'deny with interrupt keeps interrupt: true', async () => {
      const { payload, toolUseId } = await ask(ctx, client, { behavior: 'deny', message: 'Stop here.', interrupt: true });
      expectEqual(payload, { behavior: 'deny', message: 'Stop here.', interrupt: true, toolUseID: toolUseId }, 'the deny-with-interrupt answer');
    });
    await ctx.check('turn-continues', 'the tool result and the result of the turn still reach the application', async () => {
      const from = client.frames.length;
      ctx.stage.emit(toolResult(freshId('toolu_'), '(Bash completed with no output)'), resultSuccess('Done.', 2));
      await client.frame('the result', (f) => f.type === 'result', from);
    });
  },
};
