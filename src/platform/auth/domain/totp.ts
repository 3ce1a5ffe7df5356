import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226: HMAC-SHA1, 30-second steps, 6 digits),
 * the parameters every authenticator app uses by default. A code is accepted for the step
 * before or after the current one (clock drift), and a step once used is never accepted again
 * for the same account (`lastStep`), so a code seen over someone's shoulder cannot be replayed.
 */
export const TOTP = { stepSeconds: 30, digits: 6, driftSteps: 1, secretBytes: 20, issuer: 'Xueji' } as const;

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP.stepSeconds);
}

/** RFC 4226 HOTP value for a counter, as a zero-padded string of `digits` digits. */
export function hotp(secret: Buffer, counter: number, digits: number = TOTP.digits): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', secret).update(message).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** digits).padStart(digits, '0');
}

/**
 * The step a code was made for, if it is valid now and newer than `lastStep` (the step of the
 * last code accepted for the account); null otherwise.
 */
export function acceptedStep(secret: Buffer, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(now);
  for (let step = current - TOTP.driftSteps; step <= current + TOTP.driftSteps; step++) {
    if (lastStep !== null && step <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(secret, step)), Buffer.from(code))) return step;
  }
  return null;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding: how authenticator apps take a secret. */
export function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** The otpauth:// URI an authenticator app reads from a QR code. The label is the username, never a name. */
export function otpauthUri(secret: Buffer, username: string): string {
  const label = encodeURIComponent(`${TOTP.issuer}:${username}`);
  const params = new URLSearchParams({ secret: base32(secret), issuer: TOTP.issuer, algorithm: 'SHA1', digits: String(TOTP.digits), period: String(TOTP.stepSeconds) });
  return `otpauth://totp/${label}?${params}`;
}
