import { isLockedOut } from './lockout.js';

describe('login lock-out', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  it.each([
    [null, false],
    [new Date('2026-11-29T12:10:00Z'), true],
    [new Date('2026-11-29T12:00:00Z'), false],
    [new Date('2026-11-29T11:59:59Z'), false],
  ])('locked until %s: %s', (lockedUntil, locked) => {
    expect(isLockedOut(lockedUntil, now)).toBe(locked);
  });
});
