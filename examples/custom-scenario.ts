// A mock CCR server that plays your own scenario: the scripted agent answers "deploy" with a Bash
// call that needs permission and says something different after allow and after deny. The same
// scenario drives the fake Messages API when the real Claude Code CLI is the agent.
//   pnpm exec tsx --conditions=@ccr-kit/source examples/custom-scenario.ts
import { pathToFileURL } from 'node:url';
import { ClaudeClient } from '@ccr-kit/client';
import { createMockServer, scenario, scriptedAgent, text, toolUse } from '@ccr-kit/mock-server';

/** The scenario: one turn, one permission prompt, two endings. */
export const deploy = scenario('deploy', 'asks before running the deploy script')
  .turn('deploy')
  .reply([
    text('I will run the deploy script.'),
    toolUse(
      'Bash',
      { command: './deploy.sh', description: 'Deploy' },
      { result: 'deployed', permission: 'ask', onDeny: (branch) => branch.reply(text('Deploy cancelled.')) },
    ),
  ])
  .reply(text('Deployed.'))
  .build();

/** Runs one turn against the scenario and returns the texts the client saw. */
export async function main(allow: boolean): Promise<string[]> {
  const server = await createMockServer({ agent: scriptedAgent({ scenarios: [deploy] }) });
  const client = new ClaudeClient({ baseUrl: server.url, organizationUuid: 'org-example', sessionKey: 'sk-ant-sid02-example' });
  const texts: string[] = [];
  try {
    const done = new Promise<void>((resolve, reject) => {
      client
        .create({
          title: 'deploy',
          onAssistantMessage(msg) {
            for (const block of msg.message.content) if (block.type === 'text' && block.text !== undefined) texts.push(block.text);
          },
          onToolPermission: async (_tool, input) =>
            allow ? { behavior: 'allow', updatedInput: input } : { behavior: 'deny', message: 'not today' },
          onResult: () => resolve(),
        })
        .then((session) => session.sendMessage('deploy'))
        .catch(reject);
    });
    await done;
    return texts;
  } finally {
    client.disconnectAll();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await main(true));
  console.log(await main(false));
}
