import { describe, expect, it } from 'vitest';
import { RecorderError, compileJsonPath, matchJsonPath } from '../../src/index';

describe('compileJsonPath / matchJsonPath', () => {
  it.each([
    ['$.account.email', ['account', 'email'], true],
    ['$.account.email', ['x', 'account', 'email'], false],
    ['$..email', ['response', 'response', 'account', 'email'], true],
    ['$..account.email', ['a', 'account', 'email'], true],
    ['$..account.email', ['account', 'x', 'email'], false],
    ['$.events[*].payload.uuid', ['events', 3, 'payload', 'uuid'], true],
    ['$.events[0].payload', ['events', 1, 'payload'], false],
    ["$['x-key'].*", ['x-key', 'anything'], true],
    ['$.*', ['a', 'b'], false],
  ] as const)('%s matches %j: %s', (path, at, expected) => {
    expect(matchJsonPath(compileJsonPath(path), at)).toBe(expected);
  });

  it('rejects malformed paths with the position of the problem', () => {
    expect(() => compileJsonPath('account.email')).toThrow(/at character 1: expected '\$' at the start/);
    expect(() => compileJsonPath('$.a[b]')).toThrow(/at character 5: expected an index, '\*' or a quoted key/);
    expect(() => compileJsonPath('$')).toThrow(RecorderError);
  });
});
