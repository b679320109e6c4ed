// The quickstart of the root README as a module you can run against `pnpm start`:
//   pnpm exec tsx --conditions=@ccr-kit/source examples/quickstart.ts [http://127.0.0.1:8787]
// It creates a session, asks the agent to run a shell command, allows the Bash permission prompt
// and resolves with what the user saw once the turn's result arrives.
import { pathToFileURL } from 'node:url';
import { ClaudeClient, type WsResultMessage } from '@ccr-kit/client';

/** What the quickstart saw: the assistant's text blocks, the tools it was asked about, and the result. */
export interface QuickstartOutcome {
  sessionId: string;
  texts: string[];
  permissions: string[];
  result: WsResultMessage;
}

/** Runs one turn with a permission prompt against the CCR service at `baseUrl`. */
export async function main(baseUrl: string, print: (line: string) => void = console.log): Promise<QuickstartOutcome> {
  const client = new ClaudeClient({
    organizationUuid: '00000000-0000-4000-8000-000000000000',
    sessionKey: 'sk-ant-sid01-placeholder',
    cfClearance: 'placeholder',
    userAgent: 'ccr-kit-quickstart',
    baseUrl,
  });
  const texts: string[] = [];
  const permissions: string[] = [];
  let finish: (result: WsResultMessage) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const turn = new Promise<WsResultMessage>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  try {
    const session = await client.create({
      title: 'hello',
      onAssistantMessage(msg) {
        for (const block of msg.message.content) {
          if (block.type !== 'text' || block.text === undefined) continue;
          texts.push(block.text);
          print(block.text);
        }
      },
      onToolPermission: async (toolName, input) => {
        permissions.push(toolName);
        print(`[${toolName} asks to run ${JSON.stringify(input)}: ${toolName === 'Bash' ? 'allowed' : 'denied'}]`);
        return toolName === 'Bash' ? { behavior: 'allow', updatedInput: input } : { behavior: 'deny', message: `not ${toolName}` };
      },
      onResult: (result) => finish(result),
      onStateChange: (state) => {
        if (state === 'error') fail(new Error('The session could not stay connected; see the errors above.'));
      },
      onError: (error) => print(`error: ${error.message}`),
    });
    await session.sendMessage('Please run a shell command.');
    const result = await turn;
    print(`done: ${result.subtype}`);
    return { sessionId: session.sessionId, texts, permissions, result };
  } finally {
    client.disconnectAll();
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main(process.argv[2] ?? 'http://127.0.0.1:8787').catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
