import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { MessageAssembler } from '../../src/assembler/assembler';
import { assistantFrames, expectedMessage, streamFrames, type BlockSpec } from './frames';

const pieces = fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 5 });
const jsonSplit = (text: string, cuts: number[]): string[] => {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const out: string[] = [];
  let last = 0;
  for (const p of points) {
    out.push(text.slice(last, p));
    last = p;
  }
  out.push(text.slice(last));
  return out.filter((s) => s.length > 0);
};

const block: fc.Arbitrary<BlockSpec> = fc.oneof(
  pieces.map((p): BlockSpec => ({ type: 'text', pieces: p })),
  fc.tuple(pieces, fc.string({ minLength: 1, maxLength: 8 })).map(([p, signature]): BlockSpec => ({ type: 'thinking', pieces: p, signature })),
  fc
    .tuple(fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), fc.array(fc.nat(), { maxLength: 4 }), fc.nat())
    .map(([input, cuts, n]): BlockSpec => {
      const clean = JSON.parse(JSON.stringify(input)) as Record<string, unknown>;
      return { type: 'tool_use', id: `toolu_${n}`, name: 'Tool', input: clean, pieces: jsonSplit(JSON.stringify(clean), cuts) };
    }),
);

/** A message's blocks; tool_use ids are unique within a message, as the Messages API makes them. */
const blocks = fc
  .array(block, { minLength: 1, maxLength: 4 })
  .map((list) => list.map((b, i): BlockSpec => (b.type === 'tool_use' ? { ...b, id: `toolu_${i}` } : b)));

/** Merges two sequences at the given choices, keeping each one's own order. */
function interleave<T>(a: T[], b: T[], choices: boolean[]): T[] {
  const out: T[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && (choices[k++ % Math.max(1, choices.length)] ?? true));
    out.push(takeA ? a[i++]! : b[j++]!);
  }
  return out;
}

function withDuplicates<T>(frames: T[], dups: [number, number][]): T[] {
  const out = [...frames];
  for (const [from, offset] of dups) {
    if (out.length === 0) break;
    const index = from % out.length;
    out.splice(Math.min(out.length, index + 1 + (offset % 5)), 0, out[index]!);
  }
  return out;
}

function finalOf(assembler: MessageAssembler, id: string): unknown {
  return JSON.parse(JSON.stringify(assembler.get(id)));
}

describe('MessageAssembler laws', () => {
  test.prop([blocks, fc.array(fc.boolean(), { maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 })])(
    'any interleaving and duplication of a message’s frames gives the same final message',
    (specs, choices, dups) => {
      const stream = streamFrames('msg_p', specs);
      const finals = assistantFrames('msg_p', specs);
      const frames = withDuplicates(interleave(stream, finals, choices), dups);
      const assembler = new MessageAssembler();
      for (const frame of frames) assembler.push(frame);
      expect(finalOf(assembler, 'msg_p')).toEqual(expectedMessage('msg_p', specs));
    },
  );

  test.prop([blocks, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 })])(
    're-sent assistant frames alone (no partial messages) give the same content',
    (specs, dups) => {
      const assembler = new MessageAssembler();
      for (const frame of withDuplicates(assistantFrames('msg_q', specs), dups)) assembler.push(frame);
      expect(JSON.parse(JSON.stringify(assembler.get('msg_q')!.content))).toEqual(expectedMessage('msg_q', specs).content);
    },
  );
});
