import { DEFAULT_ACCOUNT_POLICY as POLICY, dormancyCutoff, dormant, historyAfterChange, lastUsed, loginStanding, passwordExpired, type LoginFacts } from './account-standing.js';

const now = new Date('2026-11-30T08:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

describe('password expiry', () => {
  it.each([
    [daysAgo(0), false],
    [daysAgo(89), false],
    [new Date(daysAgo(90).getTime() + 1), false],
    [daysAgo(90), true],
    [daysAgo(400), true],
    [null, true],
  ])('changed %s: expired=%s', (changedAt, expired) => {
    expect(passwordExpired(changedAt, now, POLICY)).toBe(expired);
  });

  it('follows the configured age', () => {
    expect(passwordExpired(daysAgo(31), now, { ...POLICY, passwordMaxAgeDays: 30 })).toBe(true);
  });
});

describe('disuse', () => {
  it('counts from the latest of last login, password change and creation', () => {
    expect(lastUsed({ lastLoginAt: daysAgo(10), passwordChangedAt: daysAgo(5), createdAt: daysAgo(300) })).toEqual(daysAgo(5));
    expect(lastUsed({ lastLoginAt: null, passwordChangedAt: null, createdAt: daysAgo(300) })).toEqual(daysAgo(300));
    expect(lastUsed({ lastLoginAt: daysAgo(1), passwordChangedAt: null, createdAt: daysAgo(300) })).toEqual(daysAgo(1));
  });

  it.each([
    [182, false],
    [183, true],
    [365, true],
  ])('unused for %i days: dormant=%s', (days, expected) => {
    expect(dormant(daysAgo(days), now, POLICY)).toBe(expected);
  });

  it('seals in a sweep what was last used before the cut-off', () => {
    expect(dormancyCutoff(now, POLICY)).toEqual(daysAgo(183));
  });
});

describe('login standing once the password was right', () => {
  const fresh: LoginFacts = { status: 'active', lastUsedAt: daysAgo(1), passwordChangedAt: daysAgo(1), totpEnabled: false, totpCodeGiven: false };
  it.each<[string, Partial<LoginFacts>, string]>([
    ['a fresh active account', {}, 'OK'],
    ['a sealed account', { status: 'sealed' }, 'ACCOUNT_SEALED'],
    ['an account awaiting activation', { status: 'pending_activation' }, 'NOT_ACTIVE'],
    ['an account unused for half a year', { lastUsedAt: daysAgo(200) }, 'SEAL_NOW'],
    ['disuse before an expired password', { lastUsedAt: daysAgo(200), passwordChangedAt: daysAgo(200) }, 'SEAL_NOW'],
    ['an expired password', { passwordChangedAt: daysAgo(91) }, 'PASSWORD_EXPIRED'],
    ['TOTP on, no code', { totpEnabled: true }, 'TOTP_REQUIRED'],
    ['TOTP on, no code, expired password: the second factor first', { totpEnabled: true, passwordChangedAt: daysAgo(91) }, 'TOTP_REQUIRED'],
    ['TOTP on, a code given', { totpEnabled: true, totpCodeGiven: true }, 'TOTP_CHECK'],
  ])('%s → %s', (_, facts, standing) => {
    expect(loginStanding({ ...fresh, ...facts }, now, POLICY)).toBe(standing);
  });
});

describe('password history', () => {
  it('keeps the replaced hash first and at most N', () => {
    expect(historyAfterChange(['h4', 'h3', 'h2', 'h1', 'h0'], 'h5', POLICY)).toEqual(['h5', 'h4', 'h3', 'h2', 'h1']);
    expect(historyAfterChange([], 'h1', POLICY)).toEqual(['h1']);
    expect(historyAfterChange(['h1'], null, POLICY)).toEqual(['h1']);
  });
});
