// A mock CCR server for your own tests, driven from the outside: the test decides what the agent
// does (open a permission prompt, inject a frame, end the turn, break the connection) through the
// admin API, and the client under test sees it over real sockets.
//   pnpm exec tsx --conditions=@ccr-kit/source examples/mock-server.ts
import { pathToFileURL } from 'node:url';
import { ClaudeClient, type ToolPermissionHandler } from '@ccr-kit/client';
import { createMockServer } from '@ccr-kit/mock-server';

/** What the scripted session showed the client. */
export interface ScriptedOutcome {
  texts: string[];
  prompts: string[];
  result: string;
  /** Reconnects the client made after the server cut the connection. */
  reconnects: number;
}

/** Starts a server, plays a short scripted turn with a permission prompt and a dropped connection, and stops it. */
export async function main(print: (line: string) => void = console.log): Promise<ScriptedOutcome> {
  const server = await createMockServer({ seed: 1 });
  const client = new ClaudeClient({ baseUrl: server.url, organizationUuid: 'org-example', sessionKey: 'sk-ant-sid02-example' });
  const outcome: ScriptedOutcome = { texts: [], prompts: [], result: '', reconnects: 0 };
  try {
    const { id } = await server.admin.createSession({ title: 'scripted' });
    print(`mock server on ${server.url}, session ${id}`);
    let answered: () => void = () => undefined;
    const promptAnswered = new Promise<void>((resolve) => (answered = resolve));
    let ended: () => void = () => undefined;
    const turnEnded = new Promise<void>((resolve) => (ended = resolve));
    const onToolPermission: ToolPermissionHandler = (toolName, input) => {
      outcome.prompts.push(toolName);
      answered();
      return { behavior: 'allow', updatedInput: input };
    };
    await client.connect(id, {
      onAssistantMessage(msg) {
        for (const block of msg.message.content) if (block.type === 'text' && block.text !== undefined) outcome.texts.push(block.text);
      },
      onToolPermission,
      onResult(result) {
        outcome.result = result.subtype;
        ended();
      },
      onStateChange(state) {
        if (state === 'reconnecting') outcome.reconnects++;
      },
      backoff: { initialDelay: 50, maxDelay: 200 },
    });

    await server.admin.inject(id, {
      type: 'assistant',
      message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-mock-1', content: [{ type: 'text', text: 'Let me look around.' }], stop_reason: null, stop_sequence: null, usage: { input_tokens: 5, output_tokens: 4 } },
      parent_tool_use_id: null,
    });
    server.admin.askPermission(id, { toolName: 'Bash', input: { command: 'ls -la', description: 'List files' } });
    await promptAnswered;
    // Cut the connection: the client reconnects and resumes without losing or repeating anything.
    server.admin.disconnect(id, { code: 1011, reason: 'example outage' });
    server.admin.endTurn(id, { result: 'Listed the files.' });
    await turnEnded;
    print(`saw ${outcome.texts.length} text block(s), ${outcome.prompts.join(', ')} prompt(s), result ${outcome.result}, ${outcome.reconnects} reconnect(s)`);
    return outcome;
  } finally {
    client.disconnectAll();
    await server.close();
  }
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
