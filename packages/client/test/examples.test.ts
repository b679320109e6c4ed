import { createMockServer, type MockServer } from '@ccr-kit/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main as customScenario } from '../../../examples/custom-scenario';
import { main as scriptedServer } from '../../../examples/mock-server';
import { main } from '../../../examples/quickstart';
import { until } from './e2e/helpers';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(async () => {
  await server.close();
});

describe('examples/quickstart.ts against the mock server and its demo agent', () => {
  it('creates a session, allows the Bash prompt and resolves with the text and result the user saw', async () => {
    const printed: string[] = [];
    const outcome = await main(server.url, (line) => printed.push(line));

    expect(outcome.permissions).toEqual(['Bash']);
    expect(outcome.texts).toEqual(['I will create a file with a shell command.', 'The command ran without errors.']);
    expect(outcome.result).toMatchObject({ type: 'result', subtype: 'success', is_error: false });
    expect(printed).toEqual([
      'I will create a file with a shell command.',
      '[Bash asks to run {"command":"touch demo-output.txt","description":"Create an empty demo file"}: allowed]',
      'The command ran without errors.',
      'done: success',
    ]);
    const info = server.admin.session(outcome.sessionId);
    expect(info.title).toBe('hello');
    expect(info.pending).toEqual([]);
    // main() disconnects before it returns: the socket's close handshake ends shortly after.
    await until(() => server.admin.subscribers(outcome.sessionId).length === 0, 5_000, 'the quickstart socket to close');
  });
});

describe('examples/mock-server.ts', () => {
  it('plays its admin-scripted turn: the client sees the text, answers the prompt and survives the dropped connection', async () => {
    const printed: string[] = [];
    const outcome = await scriptedServer((line) => printed.push(line));
    expect(outcome).toEqual({ texts: ['Let me look around.'], prompts: ['Bash'], result: 'success', reconnects: 1 });
    expect(printed.at(-1)).toBe('saw 1 text block(s), Bash prompt(s), result success, 1 reconnect(s)');
  });
});

describe('examples/custom-scenario.ts', () => {
  it('answers differently after allow and after deny, as its scenario says', async () => {
    expect(await customScenario(true)).toEqual(['I will run the deploy script.', 'Deployed.']);
    expect(await customScenario(false)).toEqual(['I will run the deploy script.', 'Deploy cancelled.']);
  });
});
