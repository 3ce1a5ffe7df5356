/**
 * Guessing passwords is slowed by a temporary lock: after THRESHOLD consecutive failures the
 * account refuses every login, right or wrong, for LOCK_MINUTES. The counter starts again
 * afterwards. The lock is temporary so that an attacker cannot shut a registrar out for good.
 */
export const LOCKOUT = { threshold: 5, lockMinutes: 15 };
export function isLockedOut(lockedUntil, now) {
    return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}
//# sourceMappingURL=lockout.js.map