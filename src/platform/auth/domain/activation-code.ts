import { createHash, randomInt } from 'node:crypto';

/**
 * One-time activation codes (第二十二条: the holder sets their own password, so whoever created
 * the account never knows it). A code is shown once to the authority that hands it over, kept
 * only as a digest, expires and allows a few attempts.
 *
 * The alphabet leaves out 0/O, 1/I/L and U/V, which are misread when a code is read aloud or
 * copied from paper; 12 characters from 30 give about 59 bits, and with five attempts a guess
 * succeeds with probability below 10⁻¹⁶.
 */
export const ACTIVATION = {
  alphabet: '23456789ABCDEFGHJKMNPQRSTWXYZ',
  length: 12,
  validHours: 72,
  maxAttempts: 5,
} as const;

/** A fresh code, grouped for reading aloud: `ABCD-EFGH-JKMN`. `pick` is injectable for tests. */
export function newActivationCode(pick: (max: number) => number = randomInt): string {
  const chars = Array.from({ length: ACTIVATION.length }, () => ACTIVATION.alphabet[pick(ACTIVATION.alphabet.length)]);
  return [0, 4, 8].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Case, spaces and dashes do not matter when the holder types the code back. */
export function normaliseActivationCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** What is stored: a digest bound to the account, so a stored digest says nothing about codes of other accounts. */
export function activationDigest(accountId: string, code: string): string {
  return createHash('sha256').update(`xueji-activation\n${accountId}\n${normaliseActivationCode(code)}`).digest('hex');
}

export interface PendingActivation {
  digest: string | null;
  expiresAt: Date | null;
  attempts: number;
}

/** Why a code cannot be used now, or null when it may be compared. */
export function activationUnusable(pending: PendingActivation, now: Date): 'NO_CODE' | 'EXPIRED' | 'TOO_MANY_ATTEMPTS' | null {
  if (!pending.digest || !pending.expiresAt) return 'NO_CODE';
  if (pending.expiresAt.getTime() <= now.getTime()) return 'EXPIRED';
  if (pending.attempts >= ACTIVATION.maxAttempts) return 'TOO_MANY_ATTEMPTS';
  return null;
}

export function activationExpiry(now: Date): Date {
  return new Date(now.getTime() + ACTIVATION.validHours * 3_600_000);
}
