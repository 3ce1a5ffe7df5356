/**
 * The standing of an account at login (第二十二、二十四条), decided once the password was right:
 * sealed for disuse, second factor missing, password expired. These answers are distinct
 * because only the holder (who knows the password) ever sees them; a wrong password or an
 * unknown username never gets past the one generic refusal.
 */
export interface AccountPolicy {
  /** A password older than this must be changed before the account is used again. */
  passwordMaxAgeDays: number;
  /** An account not used for this long is sealed; only the authority above can unseal it. */
  sealAfterDays: number;
  /** How many earlier passwords (besides the current one) may not be chosen again. */
  passwordHistory: number;
}

export const DEFAULT_ACCOUNT_POLICY: AccountPolicy = { passwordMaxAgeDays: 90, sealAfterDays: 183, passwordHistory: 5 };

const DAY_MS = 86_400_000;

export function passwordExpired(changedAt: Date | null, now: Date, policy: AccountPolicy): boolean {
  if (!changedAt) return true;
  return now.getTime() - changedAt.getTime() >= policy.passwordMaxAgeDays * DAY_MS;
}

/** The last time the account was used: its last login, or when its holder last set a password, or its creation. */
export function lastUsed(account: { lastLoginAt: Date | null; passwordChangedAt: Date | null; createdAt: Date }): Date {
  const times = [account.lastLoginAt, account.passwordChangedAt, account.createdAt].filter((t): t is Date => t !== null);
  return new Date(Math.max(...times.map((t) => t.getTime())));
}

export function dormant(lastUsedAt: Date, now: Date, policy: AccountPolicy): boolean {
  return now.getTime() - lastUsedAt.getTime() >= policy.sealAfterDays * DAY_MS;
}

/** The cut-off for a sweep: accounts last used before it are sealed. */
export function dormancyCutoff(now: Date, policy: AccountPolicy): Date {
  return new Date(now.getTime() - policy.sealAfterDays * DAY_MS);
}

export type LoginStanding = 'SEAL_NOW' | 'ACCOUNT_SEALED' | 'NOT_ACTIVE' | 'TOTP_REQUIRED' | 'TOTP_CHECK' | 'PASSWORD_EXPIRED' | 'OK';

export interface LoginFacts {
  status: 'pending_activation' | 'active' | 'sealed';
  lastUsedAt: Date;
  passwordChangedAt: Date | null;
  totpEnabled: boolean;
  totpCodeGiven: boolean;
}

/**
 * What a login with the right password leads to, in order: disuse is judged before anything
 * else (an unused account that tries to log in finds itself sealed), the second factor before
 * the password's age (a change-only token is not handed out on a password alone).
 */
export function loginStanding(facts: LoginFacts, now: Date, policy: AccountPolicy): LoginStanding {
  if (facts.status === 'sealed') return 'ACCOUNT_SEALED';
  if (facts.status !== 'active') return 'NOT_ACTIVE';
  if (dormant(facts.lastUsedAt, now, policy)) return 'SEAL_NOW';
  if (facts.totpEnabled) return facts.totpCodeGiven ? 'TOTP_CHECK' : 'TOTP_REQUIRED';
  return afterSecondFactor(facts.passwordChangedAt, now, policy);
}

/** After a correct second factor (or without one): the password's age decides. */
export function afterSecondFactor(passwordChangedAt: Date | null, now: Date, policy: AccountPolicy): 'PASSWORD_EXPIRED' | 'OK' {
  return passwordExpired(passwordChangedAt, now, policy) ? 'PASSWORD_EXPIRED' : 'OK';
}

/** The stored hashes a new password is compared with: the current one and the last N before it. */
export function historyAfterChange(history: readonly string[], previousHash: string | null, policy: AccountPolicy): string[] {
  const all = previousHash ? [previousHash, ...history] : [...history];
  return all.slice(0, policy.passwordHistory);
}
