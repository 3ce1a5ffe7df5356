import { describe, expect, it } from '@jest/globals';
import { depthExceeds, valuesExceed } from './body-depth.interceptor.js';

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
  });

  it('walks a 200,000-deep body without overflowing the stack', () => {
    expect(depthExceeds(nested(200_000), 64)).toBe(true);
  });
});
