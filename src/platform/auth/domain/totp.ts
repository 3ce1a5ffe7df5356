import { generateSync, generateURI, ScureBase32Plugin, verifySync } from 'otplib';

/**
 * Time-based one-time passwords on `otplib` (RFC 6238 over RFC 4226: HMAC-SHA1, 30-second steps,
 * 6 digits), the parameters every authenticator app uses by default. A code is accepted for the
 * step before or after the current one (clock drift), and a step once used is never accepted
 * again for the same account (`lastStep`, otplib's `afterTimeStep`), so a code seen over
 * someone's shoulder cannot be replayed.
 */
export const TOTP = { stepSeconds: 30, digits: 6, driftSteps: 1, secretBytes: 20, issuer: 'Xueji' } as const;

const base32Codec = new ScureBase32Plugin();

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP.stepSeconds);
}

/** RFC 4226 HOTP value for a counter, as a zero-padded string of `digits` digits. */
export function hotp(secret: Buffer, counter: number, digits: 6 | 7 | 8 = TOTP.digits): string {
  return generateSync({ secret: new Uint8Array(secret), strategy: 'hotp', counter, digits });
}

/**
 * The step a code was made for, if it is valid now and newer than `lastStep` (the step of the
 * last code accepted for the account); null otherwise.
 */
export function acceptedStep(secret: Buffer, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const result = verifySync({
    secret: new Uint8Array(secret),
    token: code,
    epoch: Math.floor(now.getTime() / 1000),
    period: TOTP.stepSeconds,
    epochTolerance: TOTP.driftSteps * TOTP.stepSeconds,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid ? totpStep(now) + result.delta : null;
}

/** RFC 4648 base32 without padding: how authenticator apps take a secret. */
export function base32(bytes: Buffer): string {
  return base32Codec.encode(new Uint8Array(bytes));
}

/** The otpauth:// URI an authenticator app reads from a QR code. The label is the username, never a name. */
export function otpauthUri(secret: Buffer, username: string): string {
  return generateURI({ issuer: TOTP.issuer, label: username, secret: base32(secret), algorithm: 'sha1', digits: TOTP.digits, period: TOTP.stepSeconds });
}
