import { describe, expect, it } from 'vitest';
import { listTurns, scenario, selectTurn, text, textMatches } from '../../src/scenario/index';

describe('turn matching', () => {
  it('matches strings as substrings and regexes with their flags', () => {
    expect(textMatches('file', 'make a file please')).toBe(true);
    expect(textMatches('File', 'make a file please')).toBe(false);
    expect(textMatches({ regex: '^make', flags: 'i' }, 'Make it')).toBe(true);
    expect(textMatches({ regex: '^make' }, 'please make it')).toBe(false);
  });

  it('walks turns in order across scenarios and wraps around', () => {
    const turns = listTurns([
      scenario('a').turn('hello').reply(text('1')).turn().reply(text('2')).build(),
      scenario('b').turn('bye').reply(text('3')).build(),
    ]);
    expect(selectTurn(turns, 'hello there', 0)).toBe(0);
    expect(selectTurn(turns, 'anything', 1)).toBe(1);
    expect(selectTurn(turns, 'bye now', 2)).toBe(2);
    expect(selectTurn(turns, 'hello again', 3)).toBe(0);
    expect(
      selectTurn(listTurns([scenario('c').turn('only').reply(text('x')).build()]), 'nope'),
    ).toBeUndefined();
  });
});
