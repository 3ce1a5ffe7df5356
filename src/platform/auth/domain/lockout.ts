/**
 * Password guessing is slowed without letting anyone shut the owner out (第二十二条 accounts must
 * stay usable by their holders):
 *
 * - per account **and client address**: after `perAddress` consecutive failures from one address,
 *   logins to that account from that address are refused for a while — right or wrong password
 *   alike. Failures during the lock neither count nor extend it. Other addresses are not
 *   affected, so an attacker locks only themselves.
 * - the lock grows with each lock of the same address (15, 30, 60 … minutes, at most a day), but
 *   only at addresses the account never logged in from: an address where the owner works stays
 *   at the first step, so someone sharing it cannot keep the owner out for longer and longer.
 *   A success from an address starts its count afresh.
 * - per account, across addresses: after `accountWide` failures without a success the account is
 *   locked for everyone except the addresses it has logged in from before (where its owner
 *   usually works), and its open sessions end. A distributed attacker is slowed; the owner at
 *   their usual desk still gets in.
 *
 * A locked attempt from an address the account never used gets the generic refusal whatever the
 * password, so a lock tells a guesser nothing. At an address it did use (the owner's desk) the
 * answer says the account is locked and until when — again whatever the password, so the answer
 * is no oracle for guesses made during the lock (`lockRefusal`).
 */
export const LOCKOUT = { perAddress: 5, accountWide: 25, lockMinutes: 15, maxLockMinutes: 24 * 60 } as const;

export function isLockedOut(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

export interface LoginLockState {
  addressLockedUntil: Date | null;
  accountLockedUntil: Date | null;
  knownAddress: boolean;
}

/** Whether a login attempt from this address is refused before its password is even looked at. */
export function loginRefused(state: LoginLockState, now: Date): boolean {
  return lockRefusal(state, now) !== null;
}

/**
 * How a refused attempt is answered: `generic` (the same 401 as a wrong password) or `locked`
 * with the end of the lock; null when the attempt is not refused.
 */
export function lockRefusal(state: LoginLockState, now: Date): { kind: 'generic' } | { kind: 'locked'; until: Date } | null {
  if (isLockedOut(state.addressLockedUntil, now)) {
    return state.knownAddress ? { kind: 'locked', until: state.addressLockedUntil! } : { kind: 'generic' };
  }
  if (isLockedOut(state.accountLockedUntil, now) && !state.knownAddress) return { kind: 'generic' };
  return null;
}

/** How long the `lockNumber`th lock (1, 2, …) of an address lasts. */
export function addressLockMinutes(lockNumber: number, knownAddress: boolean): number {
  if (knownAddress || lockNumber <= 1) return LOCKOUT.lockMinutes;
  return Math.min(LOCKOUT.lockMinutes * 2 ** Math.min(lockNumber - 1, 20), LOCKOUT.maxLockMinutes);
}

/**
 * A burst of failures (第二十三条 early warning): many failed logins across the accounts of one
 * organisation, or from one address against several accounts, within one window. One warning per
 * organisation or address per window (the window's start is in the dedupe key).
 */
export const BURST = { windowMinutes: 10, perOrganisation: 20, perAddressAccounts: 5 } as const;

export function burstWindowStart(now: Date): Date {
  const ms = BURST.windowMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

export function burstsSeen(counts: { organisationFailures: number; addressAccounts: number }): Array<'organisation' | 'address'> {
  const seen: Array<'organisation' | 'address'> = [];
  if (counts.organisationFailures >= BURST.perOrganisation) seen.push('organisation');
  if (counts.addressAccounts >= BURST.perAddressAccounts) seen.push('address');
  return seen;
}
