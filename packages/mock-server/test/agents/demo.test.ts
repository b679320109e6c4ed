import { findDrift } from '@ccr-kit/protocol-types';
import { describe, expect, it } from 'vitest';
import { demoAgent, demoScenarios } from '../../src/agents';
import { attach, type Harness } from './fake-context';

/** Allows every prompt the agent opens (answering AskUserQuestion with each question's first option). */
function allowAll(h: Harness, answered: Set<unknown>): void {
  for (const frame of h.frames) {
    if (frame.type !== 'control_request' || answered.has(frame.request_id)) continue;
    answered.add(frame.request_id);
    const request = frame.request as { subtype: string; input?: { questions?: { question: string; options: { label: string }[] }[] } };
    if (request.subtype !== 'can_use_tool') {
      h.answer(frame, {});
      continue;
    }
    const input = request.input ?? {};
    const answers = Object.fromEntries((input.questions ?? []).map((q) => [q.question, q.options[0]!.label]));
    h.answer(frame, { behavior: 'allow', updatedInput: input.questions === undefined ? input : { ...input, answers } });
  }
}

const PROMPTS = ['hello', 'think about it', 'run a bash command', 'write notes', 'read the readme', 'ask me a question', 'run the survey', 'make a plan', 'call mcp', 'retry', 'show an error', 'tell me a slow story', 'help'];

describe('demo agent', () => {
  it('answers every demo prompt with a turn that ends in exactly one result, and every frame matches the vocabulary exactly', async () => {
    const h = await attach(demoAgent());
    const answered = new Set<unknown>();
    await h.session.initialize!({ subtype: 'initialize', hooks: { PreToolUse: [{ hookCallbackIds: ['pre'] }] } });
    for (const prompt of PROMPTS) {
      h.prompt(prompt);
      for (let i = 0; i < 6; i++) {
        await h.advance(3_000);
        allowAll(h, answered);
      }
    }
    h.send({ type: 'control_request', request_id: 'm', request: { subtype: 'set_model', model: 'haiku' } });
    const results = h.frames.filter((f) => f.type === 'result');
    expect(results).toHaveLength(PROMPTS.length);
    expect(results.map((r) => r.is_error)).toEqual(PROMPTS.map((p) => p === 'show an error'));
    const drift = h.frames.flatMap((frame) =>
      findDrift({ uuid: '00000000-0000-4000-8000-000000000000', session_id: 'cse_test', ...frame }, 'to-client').map((d) => `${String(frame.type)}: ${d.path} ${d.message}`),
    );
    expect(drift).toEqual([]);
  });

  it('the fallback names every demo prompt', async () => {
    const h = await attach(demoAgent());
    h.prompt('help');
    await h.advance(5_000);
    const text = String(h.frames.find((f) => f.type === 'result')!.result);
    for (const scenario of demoScenarios()) expect(text).toContain(scenario.description!);
  });
});
