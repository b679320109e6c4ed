import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { splitText } from '../../src/fake-model/index';

describe('splitText', () => {
  test.prop([fc.string({ unit: 'grapheme' }), fc.integer({ min: 1, max: 50 })])(
    'pieces join back to the text and never exceed the count',
    (value, count) => {
      const pieces = splitText(value, count);
      expect(pieces.join('')).toBe(value);
      expect(pieces.length).toBeLessThanOrEqual(count);
      expect(pieces.every((piece) => piece.length > 0)).toBe(true);
    },
  );
});
