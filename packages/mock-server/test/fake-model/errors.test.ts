import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeModelServer, type FakeModelServer } from '../../src/fake-model/index';
import { scenario, text } from '../../src/scenario/index';

let server: FakeModelServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const api = (url: string): Anthropic => new Anthropic({ apiKey: 'sk-test', baseURL: url, maxRetries: 0 });

async function post(url: string, body: unknown, path = '/v1/messages'): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const prompt = (
  value: string,
): { model: string; max_tokens: number; messages: { role: 'user'; content: string }[] } => ({
  model: 'claude-test-1',
  max_tokens: 10,
  messages: [{ role: 'user', content: value }],
});

describe('fake model errors', () => {
  it('answers 429 with a retry-after header and the Anthropic error body', async () => {
    server = await createFakeModelServer({
      scenarios: [scenario('limited').turn().fail(429, 'Slow down', { retryAfter: 3 }).build()],
    });
    const error = await api(server.url)
      .messages.create(prompt('hi'))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    const rate = error as InstanceType<typeof Anthropic.RateLimitError>;
    expect(rate.status).toBe(429);
    expect(rate.headers.get('retry-after')).toBe('3');
    expect(rate.error).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'Slow down' },
    });
  });

  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [500, 'api_error'],
    [529, 'overloaded_error'],
  ] as const)('answers %i with error type %s by default', async (status, type) => {
    server = await createFakeModelServer({
      scenarios: [scenario('fails').turn().fail(status, `failed with ${status}`).build()],
    });
    const response = await post(server.url, prompt('hi'));
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(await response.json()).toMatchObject({
      type: 'error',
      error: { type, message: `failed with ${status}` },
    });
  });

  it('serves an error `times` requests in a row, retries included, then the next answer', async () => {
    server = await createFakeModelServer({
      scenarios: [
        scenario('flaky').turn().fail(529, 'Overloaded', { times: 2 }).reply(text('Finally.')).build(),
      ],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(server.url, prompt('same prompt'))).status);
    expect(statuses).toEqual([529, 529, 200]);
  });

  it('lets the SDK retry on its own until the scripted answer arrives', async () => {
    server = await createFakeModelServer({
      scenarios: [
        scenario('retry').turn().fail(500, 'Boom', { retryAfter: 0.01 }).reply(text('Recovered.')).build(),
      ],
    });
    const message = await new Anthropic({
      apiKey: 'sk-test',
      baseURL: server.url,
      maxRetries: 1,
    }).messages.create(prompt('go'));
    expect(message.content).toEqual([{ type: 'text', text: 'Recovered.' }]);
    expect(server.requests.filter((r) => r.path.startsWith('/v1/messages')).map((r) => r.status)).toEqual([
      500, 200,
    ]);
  });

  it('sends an `error` event mid-stream that the SDK raises after the first block', async () => {
    server = await createFakeModelServer({
      scenarios: [
        scenario('mid')
          .turn()
          .reply([text('Partial answer'), text('never sent')], {
            midStreamError: { message: 'Overloaded', afterBlocks: 1 },
          })
          .build(),
      ],
    });
    const seen: string[] = [];
    const stream = api(server.url).messages.stream(prompt('go'));
    stream.on('text', (delta) => seen.push(delta));
    const error = await stream.finalMessage().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(String(error)).toContain('Overloaded');
    expect(seen.join('')).toBe('Partial answer');
    expect(server.requests.at(-1)?.answer).toBe('mid_stream_error');
  });

  it('says which prompt matched no turn', async () => {
    server = await createFakeModelServer({
      scenarios: [scenario('only-hello').turn('hello').reply(text('Hi!')).build()],
    });
    const response = await post(server.url, prompt('goodbye'));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('no turn of the 1 scenario(s) matches the prompt "goodbye"');
  });

  it('says when a turn has run out of scripted answers', async () => {
    server = await createFakeModelServer({
      scenarios: [scenario('short').turn().reply(text('One.')).build()],
    });
    await post(server.url, prompt('first'));
    const response = await post(server.url, {
      ...prompt('first'),
      messages: [
        ...prompt('first').messages,
        { role: 'assistant', content: 'One.' },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x', content: '' }] },
      ],
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain(
      'turn 0 of scenario "short" has 1 response(s) and all were served',
    );
  });
});

describe('fake model endpoints', () => {
  it('answers the HEAD probe, count_tokens and models, and 404s unknown routes with a hint', async () => {
    server = await createFakeModelServer({
      scenarios: [scenario('any').turn().reply(text('x')).build()],
      models: ['claude-a', 'claude-b'],
    });
    expect((await fetch(`${server.url}/`, { method: 'HEAD' })).status).toBe(200);
    const count = await post(server.url, prompt('count me'), '/v1/messages/count_tokens');
    expect(((await count.json()) as { input_tokens: number }).input_tokens).toBeGreaterThan(0);
    const models = (await api(server.url).models.list()).data.map((m) => m.id);
    expect(models).toEqual(['claude-a', 'claude-b']);
    const missing = await fetch(`${server.url}/v1/complete`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain(
      'no route for POST /v1/complete',
    );
  });

  it('answers the CLI\'s model probe (max_tokens 1, as set_model sends for a model it does not know) without using up a turn', async () => {
    server = await createFakeModelServer({
      scenarios: [scenario('matched').turn('only this prompt').reply(text('the turn')).build()],
    });
    const probe = await api(server.url).messages.create({ model: 'claude-fake-9', max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] });
    expect(probe).toMatchObject({ type: 'message', role: 'assistant', model: 'claude-fake-9', stop_reason: 'max_tokens', usage: { output_tokens: 1 } });
    expect(server.requests.at(-1)).toMatchObject({ status: 200, answer: 'probe' });
    const turn = await api(server.url).messages.create(prompt('only this prompt'));
    expect(turn.content).toEqual([{ type: 'text', text: 'the turn' }]);
  });

  it('answers a prompt no turn matches with the fallback turn, and the scripted turns keep their place', async () => {
    server = await createFakeModelServer({
      scenarios: [scenario('two').turn('first').reply(text('one')).turn('second').reply(text('two')).build()],
      fallback: (prompt) => ({ responses: [{ blocks: [{ type: 'text', text: `no script for ${prompt}` }] }] }),
    });
    const ask = async (value: string, history: { role: 'user' | 'assistant'; content: string }[]) => {
      const message = await api(server!.url).messages.create({ model: 'claude-test-1', max_tokens: 10, messages: [...history, { role: 'user', content: value }] });
      return (message.content[0] as { text: string }).text;
    };
    expect(await ask('the first', [])).toBe('one');
    expect(await ask('something else', [{ role: 'user', content: 'the first' }, { role: 'assistant', content: 'one' }])).toBe('no script for something else');
    expect(await ask('the second', [{ role: 'user', content: 'the first' }, { role: 'assistant', content: 'one' }, { role: 'user', content: 'something else' }, { role: 'assistant', content: 'x' }])).toBe('two');
  });

  it('plays only the scenario named in the URL from urlFor', async () => {
    server = await createFakeModelServer({
      scenarios: [
        scenario('a').turn().reply(text('from a')).build(),
        scenario('b').turn().reply(text('from b')).build(),
      ],
    });
    const message = await api(server.urlFor('b')).messages.create(prompt('hi'));
    expect(message.content).toEqual([{ type: 'text', text: 'from b' }]);
    const unknown = await post(server.urlFor('c'), prompt('hi'));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toContain(
      'no scenario is named "c"; known: a, b',
    );
  });

  it('rejects two scenarios with the same name', async () => {
    const twin = scenario('twin').turn().reply(text('x')).build();
    await expect(createFakeModelServer({ scenarios: [twin, twin] })).rejects.toThrow(
      'Two scenarios are named "twin"',
    );
  });
});
