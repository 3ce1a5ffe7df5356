/**
 * Online verification codes for certificates (as 学信网 offers for its reports): the graduate makes
 * a code for one certificate, valid for a period they choose (30 days to 6 months), extends or
 * closes it; anyone with the code sees the certificate's verification report. The code is 16
 * characters from an alphabet without look-alikes (80 bits), shown once in groups of four; the
 * store keeps its SHA-256 and the last four characters as a hint.
 */
import { createHash, randomInt } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const MIN_VALID_DAYS = 30;
export const MAX_VALID_DAYS = 183;

export function newVerificationCode(): string {
  const chars = Array.from({ length: 16 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** What people type: case, spaces and dashes do not matter (the alphabet has no 0/O or 1/I to confuse). */
export function normaliseCode(input: string): string | null {
  const plain = input.toUpperCase().replace(/[\s-]/g, '');
  if (!/^[2-9A-HJ-NP-Z]{16}$/.test(plain)) return null;
  return plain;
}

export function codeDigest(input: string): string | null {
  const plain = normaliseCode(input);
  return plain ? createHash('sha256').update(`xueji-verification-code\n${plain}`).digest('hex') : null;
}

/** The new end of a code's validity: `days` from `now`, within the allowed range. */
export function validUntil(now: Date, days: number): Date {
  if (!Number.isInteger(days) || days < MIN_VALID_DAYS || days > MAX_VALID_DAYS) throw new RangeError(`a code is valid for ${MIN_VALID_DAYS} to ${MAX_VALID_DAYS} days`);
  return new Date(now.getTime() + days * 86_400_000);
}
