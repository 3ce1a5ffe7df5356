import { ACTIVATION, activationDigest, activationExpiry, activationUnusable, newActivationCode, normaliseActivationCode } from './activation-code.js';

describe('activation codes', () => {
  const now = new Date('2026-11-30T08:00:00Z');

  it('are 12 characters of the unambiguous alphabet, grouped by four', () => {
    const code = newActivationCode();
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4}){2}$/);
    expect(ACTIVATION.alphabet).not.toMatch(/[01OILUV]/);
  });

  it('differ from one another', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newActivationCode()));
    expect(codes.size).toBe(200);
  });

  it('use every position of the alphabet the picker chooses', () => {
    expect(newActivationCode(() => 0)).toBe('2222-2222-2222');
    expect(newActivationCode((max) => max - 1)).toBe('ZZZZ-ZZZZ-ZZZZ');
  });

  it('are typed back without regard to case, spaces or dashes', () => {
    expect(normaliseActivationCode(' abcd-efgh jkmn ')).toBe('ABCDEFGHJKMN');
    expect(activationDigest('a1', 'abcd efgh-jkmn')).toBe(activationDigest('a1', 'ABCD-EFGH-JKMN'));
  });

  it('are stored as a digest bound to the account', () => {
    expect(activationDigest('a1', 'ABCD-EFGH-JKMN')).not.toBe(activationDigest('a2', 'ABCD-EFGH-JKMN'));
    expect(activationDigest('a1', 'ABCD-EFGH-JKMN')).not.toContain('ABCD');
  });

  it.each([
    ['a usable code', { digest: 'd', expiresAt: activationExpiry(now), attempts: 0 }, null],
    ['four attempts used', { digest: 'd', expiresAt: activationExpiry(now), attempts: 4 }, null],
    ['no code issued', { digest: null, expiresAt: null, attempts: 0 }, 'NO_CODE'],
    ['expired at this instant', { digest: 'd', expiresAt: now, attempts: 0 }, 'EXPIRED'],
    ['five attempts used', { digest: 'd', expiresAt: activationExpiry(now), attempts: 5 }, 'TOO_MANY_ATTEMPTS'],
  ])('%s: %s', (_, pending, problem) => {
    expect(activationUnusable(pending, now)).toBe(problem);
  });

  it('expire 72 hours after they are issued', () => {
    expect(activationExpiry(now).toISOString()).toBe('2026-12-03T08:00:00.000Z');
  });
});
