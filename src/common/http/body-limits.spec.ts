import { describe, expect, it } from '@jest/globals';
import { depthExceeds, valuesExceed, verifyLimitBroken } from './body-limits.js';

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

describe('body depth', () => {
  it('lets a body of the limit pass and refuses one level more', () => {
    expect(depthExceeds(nested(64), 64)).toBe(false);
    expect(depthExceeds(nested(65), 64)).toBe(true);
    expect(depthExceeds({ a: 1, b: [1, 2, { c: 'x' }] }, 64)).toBe(false);
    expect(depthExceeds(undefined, 64)).toBe(false);
  });

  it('counts values up to a limit, objects, arrays and scalars alike', () => {
    expect(valuesExceed({ a: [1, 2], b: { c: 'x' } }, 6)).toBe(false); // root, a, 1, 2, b, c
    expect(valuesExceed({ a: [1, 2], b: { c: 'x' } }, 5)).toBe(true);
    expect(valuesExceed({ subject: Array.from({ length: 16_000 }, () => ({ n: 1 })) }, 2_000)).toBe(true);
    expect(valuesExceed(Array.from({ length: 1_999 }, () => 0), 2_000)).toBe(false);
    expect(valuesExceed(Array.from({ length: 2_000 }, () => 0), 2_000)).toBe(true);
  });

  it('counts an array of 500,000 values (a 1 MB body) without overflowing the stack', () => {
    expect(valuesExceed({ verifiableCredential: new Array(500_000).fill(0) }, 2_000)).toBe(true);
  });

  it('names the verification limit a document breaks', () => {
    expect(verifyLimitBroken({ a: [1, 2] })).toBeNull();
    expect(verifyLimitBroken(nested(65))).toBe('depth');
    expect(verifyLimitBroken({ items: Array.from({ length: 6_000 }, (_, i) => `i${i}`) })).toBe('values');
  });

  it('walks a 200,000-deep body without overflowing the stack', () => {
    expect(depthExceeds(nested(200_000), 64)).toBe(true);
  });
});
