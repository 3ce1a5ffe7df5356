import { addressLockMinutes, burstsSeen, burstWindowStart, isLockedOut, lockRefusal, loginRefused } from './lockout.js';

describe('login lock-out', () => {
  const now = new Date('2026-11-29T12:00:00Z');
  const later = new Date('2026-11-29T12:10:00Z');
  it.each([
    [null, false],
    [later, true],
    [new Date('2026-11-29T12:00:00Z'), false],
    [new Date('2026-11-29T11:59:59Z'), false],
  ])('locked until %s: %s', (lockedUntil, locked) => {
    expect(isLockedOut(lockedUntil, now)).toBe(locked);
  });

  it.each([
    ['nothing locked', { addressLockedUntil: null, accountLockedUntil: null, knownAddress: false }, null],
    ['address locked, never used from there: generic', { addressLockedUntil: later, accountLockedUntil: null, knownAddress: false }, { kind: 'generic' }],
    ['address locked, the owner’s address: says until when', { addressLockedUntil: later, accountLockedUntil: null, knownAddress: true }, { kind: 'locked', until: later }],
    ['account locked, unknown address: generic', { addressLockedUntil: null, accountLockedUntil: later, knownAddress: false }, { kind: 'generic' }],
    ['account locked, the owner’s address: let through', { addressLockedUntil: null, accountLockedUntil: later, knownAddress: true }, null],
    ['locks that have passed', { addressLockedUntil: now, accountLockedUntil: now, knownAddress: false }, null],
  ])('%s', (_, state, refusal) => {
    expect(lockRefusal(state, now)).toEqual(refusal);
    expect(loginRefused(state, now)).toBe(refusal !== null);
  });

  it.each([
    [1, false, 15],
    [2, false, 30],
    [3, false, 60],
    [4, false, 120],
    [7, false, 960],
    [8, false, 1440],
    [50, false, 1440],
    [1, true, 15],
    [5, true, 15],
  ])('lock number %i (known address: %s) lasts %i minutes', (n, known, minutes) => {
    expect(addressLockMinutes(n, known)).toBe(minutes);
  });
});

describe('failure bursts', () => {
  it.each([
    [{ organisationFailures: 19, addressAccounts: 4 }, []],
    [{ organisationFailures: 20, addressAccounts: 1 }, ['organisation']],
    [{ organisationFailures: 3, addressAccounts: 5 }, ['address']],
    [{ organisationFailures: 30, addressAccounts: 9 }, ['organisation', 'address']],
  ])('%o → %o', (counts, seen) => {
    expect(burstsSeen(counts)).toEqual(seen);
  });

  it('groups failures in ten-minute windows', () => {
    expect(burstWindowStart(new Date('2026-11-29T12:09:59Z')).toISOString()).toBe('2026-11-29T12:00:00.000Z');
    expect(burstWindowStart(new Date('2026-11-29T12:10:00Z')).toISOString()).toBe('2026-11-29T12:10:00.000Z');
  });
});
