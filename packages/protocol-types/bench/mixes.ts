import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
/**
 * Realistic frame mixes for the decode benchmark, generated from a seeded PRNG so every run
 * measures the same bytes. Shapes follow recorded stream-json traffic (CLI 2.x).
 */

import { prng } from '../src/testing/index';

export { prng };

const WORDS = (
  'the of and to in is that for it with as was on be by this are from or have an which not but ' +
  'function const return await import export interface type test build error value file change ' +
  'résumé naïve café → ✓ 日本語 テスト 🚀 données über'
).split(' ');

type Rand = () => number;
const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
const int = (rand: Rand, min: number, max: number): number => min + Math.floor(rand() * (max - min + 1));
const words = (rand: Rand, n: number): string => Array.from({ length: n }, () => pick(rand, WORDS)).join(' ');
const hex = (rand: Rand, n: number): string => Array.from({ length: n }, () => int(rand, 0, 15).toString(16)).join('');
const uuid = (rand: Rand): string => `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-a${hex(rand, 3)}-${hex(rand, 12)}`;
const SESSION = '3f0c2a8e-5b1d-4c7e-9a2f-6d8b1e4c0a7f';

function usage(rand: Rand): Record<string, unknown> {
  return {
    input_tokens: int(rand, 1, 20),
    cache_creation_input_tokens: int(rand, 0, 4000),
    cache_read_input_tokens: int(rand, 10000, 60000),
    cache_creation: { ephemeral_5m_input_tokens: int(rand, 0, 4000), ephemeral_1h_input_tokens: 0 },
    output_tokens: int(rand, 1, 900),
    service_tier: 'standard',
  };
}

function streamEvent(rand: Rand): unknown {
  return {
    type: 'stream_event',
    event: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: words(rand, int(rand, 1, 12)) } },
    parent_tool_use_id: null,
    uuid: uuid(rand),
    session_id: SESSION,
  };
}

function assistant(rand: Rand, withTool: boolean): unknown {
  const content: unknown[] = [{ type: 'text', text: words(rand, int(rand, 20, 200)) }];
  if (withTool) {
    content.push({
      type: 'tool_use',
      id: `toolu_01${hex(rand, 22)}`,
      name: pick(rand, ['Bash', 'Read', 'Edit', 'Grep']),
      input: { command: `pnpm exec vitest run ${words(rand, 3)}`, description: words(rand, 6) },
    });
  }
  return {
    type: 'assistant',
    message: {
      model: 'claude-sonnet-4-5-20250929',
      id: `msg_01${hex(rand, 22)}`,
      type: 'message',
      role: 'assistant',
      content,
      stop_reason: withTool ? 'tool_use' : null,
      stop_sequence: null,
      usage: usage(rand),
      context_management: null,
    },
    parent_tool_use_id: null,
    session_id: SESSION,
    uuid: uuid(rand),
  };
}

function toolResult(rand: Rand): unknown {
  const output = Array.from({ length: int(rand, 5, 60) }, () => words(rand, int(rand, 4, 14))).join('\n');
  return {
    type: 'user',
    message: {
      role: 'user',
      content: [{ tool_use_id: `toolu_01${hex(rand, 22)}`, type: 'tool_result', content: output, is_error: false }],
    },
    parent_tool_use_id: null,
    session_id: SESSION,
    uuid: uuid(rand),
    tool_use_result: { stdout: output, stderr: '', interrupted: false, isImage: false },
  };
}

function result(rand: Rand): unknown {
  return {
    type: 'result',
    subtype: 'success',
    is_error: false,
    duration_ms: int(rand, 2000, 90000),
    duration_api_ms: int(rand, 2000, 80000),
    num_turns: int(rand, 1, 20),
    result: words(rand, int(rand, 10, 80)),
    stop_reason: 'end_turn',
    session_id: SESSION,
    total_cost_usd: rand() / 10,
    usage: usage(rand),
    modelUsage: {
      'claude-sonnet-4-5-20250929': {
        inputTokens: int(rand, 10, 900),
        outputTokens: int(rand, 100, 9000),
        cacheReadInputTokens: int(rand, 10000, 900000),
        cacheCreationInputTokens: int(rand, 0, 40000),
        webSearchRequests: 0,
        costUSD: rand() / 10,
        contextWindow: 200000,
        maxOutputTokens: 64000,
      },
    },
    permission_denials: [],
    uuid: uuid(rand),
  };
}

function canUseTool(rand: Rand): unknown {
  const command = `git ${pick(rand, ['status', 'diff', 'push', 'log'])} ${words(rand, 2)}`;
  return {
    type: 'control_request',
    request_id: uuid(rand),
    request: {
      subtype: 'can_use_tool',
      tool_name: 'Bash',
      input: { command, description: words(rand, 5) },
      permission_suggestions: [
        { type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: `${command.split(' ').slice(0, 2).join(' ')}:*` }], behavior: 'allow', destination: 'localSettings' },
      ],
      tool_use_id: `toolu_01${hex(rand, 22)}`,
    },
  };
}

/** A named mix: how to make its next frame. */
export interface Mix {
  readonly name: string;
  next(rand: Rand): unknown;
}

/** ~95 % text-delta `stream_event`s with an assistant snapshot now and then. */
export const STREAMING_MIX: Mix = {
  name: 'stream_event-heavy',
  next: (rand) => (rand() < 0.95 ? streamEvent(rand) : assistant(rand, false)),
};

/** Assistant messages, tool results, results with usage and can_use_tool requests. */
export const CONVERSATION_MIX: Mix = {
  name: 'assistant/result/control',
  next(rand) {
    const r = rand();
    if (r < 0.4) return assistant(rand, rand() < 0.5);
    if (r < 0.75) return toolResult(rand);
    if (r < 0.9) return canUseTool(rand);
    return result(rand);
  },
};

/** Encodes frames of a mix until about `bytes` bytes of NDJSON; returns the bytes and the line count. */
export function buildNdjson(mix: Mix, bytes: number, seed: number): { data: Uint8Array; lines: number } {
  const rand = prng(seed);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = `${JSON.stringify(mix.next(rand))}\n`;
    parts.push(line);
    size += line.length;
  }
  return { data: new TextEncoder().encode(parts.join('')), lines: parts.length };
}

/** Views of `data` cut into chunks of `size` bytes. */
export function chunk(data: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < data.length; i += size) out.push(data.subarray(i, Math.min(i + size, data.length)));
  return out;
}

/**
 * NDJSON of every frame in the conformance corpus tapes of one CLI version
 * (`packages/conformance/corpus/cli-<version>/`), in recorded order, repeated up to `bytes`: the
 * real mix of kinds and sizes that CLI sends and receives.
 */
export function corpusNdjson(version: string, bytes: number): { data: Uint8Array; lines: number } {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '../../conformance/corpus', `cli-${version}`);
  const frames: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.tape.ndjson')).sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n').slice(1)) {
      if (line === '') continue;
      const event = JSON.parse(line) as { kind?: string; text?: string };
      if (event.kind === 'stdio.line' && typeof event.text === 'string') frames.push(event.text);
    }
  }
  if (frames.length === 0) throw new Error(`No frames in ${dir}: record the corpus first.`);
  const out: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i = (i + 1) % frames.length) {
    out.push(frames[i]!);
    size += Buffer.byteLength(frames[i]!) + 1;
  }
  return { data: new TextEncoder().encode(`${out.join('\n')}\n`), lines: out.length };
}
