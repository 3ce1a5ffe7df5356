/**
 * Password guessing is slowed without letting anyone shut the owner out (第二十二条 accounts must
 * stay usable by their holders):
 *
 * - per account **and client address**: after `perAddress` consecutive failures from one address,
 *   logins to that account from that address are refused for `lockMinutes` — right or wrong
 *   password alike. Failures during the lock neither count nor extend it. Other addresses are
 *   not affected, so an attacker locks only themselves.
 * - per account, across addresses: after `accountWide` failures without a success the account is
 *   locked for everyone except the addresses it has logged in from before (where its owner
 *   usually works), and its open sessions end. A distributed attacker is slowed; the owner at
 *   their usual desk still gets in.
 */
export const LOCKOUT = { perAddress: 5, accountWide: 25, lockMinutes: 15 } as const;

export function isLockedOut(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** Whether a login attempt from this address is refused before its password is even looked at. */
export function loginRefused(state: { addressLockedUntil: Date | null; accountLockedUntil: Date | null; knownAddress: boolean }, now: Date): boolean {
  if (isLockedOut(state.addressLockedUntil, now)) return true;
  return isLockedOut(state.accountLockedUntil, now) && !state.knownAddress;
}
