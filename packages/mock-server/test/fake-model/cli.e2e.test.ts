import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeModelServer, type FakeModelServer } from '../../src/fake-model/index';
import { scenario, text, toolUse } from '../../src/scenario/index';
import { allowAll, startCli, type CliHost } from './cli-host';

let server: FakeModelServer | undefined;
let cli: CliHost | undefined;

afterEach(async () => {
  await cli?.close();
  cli = undefined;
  await server?.close();
  server = undefined;
});

describe('the real Claude Code CLI against the fake model', () => {
  it('runs an allowed Bash touch: the file exists and the turn succeeds', { timeout: 90_000 }, async () => {
    server = await createFakeModelServer({
      scenarios: [
        scenario('touch')
          .turn('Create e2e.txt')
          .reply([
            text("I'll create it."),
            toolUse('Bash', { command: 'touch e2e.txt', description: 'Create e2e.txt' }),
          ])
          .reply(text('Created e2e.txt.'))
          .build(),
      ],
    });
    cli = await startCli(server.url);
    const final = await cli.turn('Create e2e.txt');
    expect(final).toMatchObject({
      subtype: 'success',
      is_error: false,
      result: 'Created e2e.txt.',
      num_turns: 2,
    });
    expect(existsSync(join(cli.cwd, 'e2e.txt'))).toBe(true);
    const permission = cli.frames.find((f) => f.type === 'control_request');
    expect(permission?.request).toMatchObject({ tool_name: 'Bash', input: { command: 'touch e2e.txt' } });
    const calls = server.requests.filter((r) => r.method === 'POST');
    expect(calls.map((r) => r.served?.responseIndex)).toEqual([0, 1]);
  });

  it(
    'plays the onDeny branch after a denied Bash call, but not after a Bash call that ran and failed',
    { timeout: 90_000 },
    async () => {
      server = await createFakeModelServer({
        scenarios: [
          scenario('deny-or-fail')
            .turn('Create denied.txt')
            .reply([
              text("I'll create it."),
              toolUse(
                'Bash',
                { command: 'touch denied.txt', description: 'Create denied.txt' },
                { onDeny: (branch) => branch.reply(text('Understood: I did not create denied.txt.')) },
              ),
            ])
            .reply(text('Created denied.txt.'))
            .turn('Run the failing command')
            .reply(
              toolUse(
                'Bash',
                { command: 'exit 3', description: 'Fail on purpose' },
                { onDeny: [{ blocks: [text('You denied the command.')] }] },
              ),
            )
            .reply(text('The command ran and failed with exit code 3.'))
            .build(),
        ],
      });
      cli = await startCli(server.url, (request) =>
        request.input?.command === 'touch denied.txt'
          ? { behavior: 'deny', message: 'The host said no.', toolUseID: request.tool_use_id }
          : allowAll(request),
      );

      const denied = await cli.turn('Create denied.txt');
      expect(denied).toMatchObject({
        subtype: 'success',
        is_error: false,
        result: 'Understood: I did not create denied.txt.',
      });
      expect(existsSync(join(cli.cwd, 'denied.txt'))).toBe(false);

      const failed = await cli.turn('Run the failing command');
      expect(failed).toMatchObject({
        subtype: 'success',
        result: 'The command ran and failed with exit code 3.',
      });
      const toolResults = cli.frames
        .flatMap((f) =>
          f.type === 'user'
            ? ((f.message as { content: unknown[] }).content as Record<string, unknown>[])
            : [],
        )
        .filter((b) => b.type === 'tool_result');
      expect(toolResults.map((b) => [b.is_error, b.content])).toEqual([
        [true, 'The host said no.'],
        [true, 'Exit code 3'],
      ]);
      const paths = server.requests.filter((r) => r.served !== undefined).map((r) => r.served!.path);
      expect(paths).toEqual([
        '$.turns[0].responses[0]',
        '$.turns[0].responses[0].blocks[1].onDeny[0]',
        '$.turns[1].responses[0]',
        '$.turns[1].responses[1]',
      ]);
    },
  );
});
