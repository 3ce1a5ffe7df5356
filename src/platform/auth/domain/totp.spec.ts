import { acceptedStep, base32, hotp, otpauthUri, totpStep } from './totp.js';

// RFC 6238 appendix B (SHA-1 seed), last six digits of the eight-digit values.
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('matches the RFC 6238 vector at T=%i', (seconds, expected) => {
    expect(hotp(RFC_SECRET, totpStep(new Date(seconds * 1000)), 8)).toBe(expected);
    expect(hotp(RFC_SECRET, totpStep(new Date(seconds * 1000)))).toBe(expected.slice(2));
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    expect([0, 1, 2, 9].map((c) => hotp(RFC_SECRET, c))).toEqual(['755224', '287082', '359152', '520489']);
  });

  const now = new Date(1234567890 * 1000);
  const step = totpStep(now);
  const codeAt = (s: number) => hotp(RFC_SECRET, s);

  it.each([
    ['the current step', codeAt(step), null, step],
    ['one step behind (clock drift)', codeAt(step - 1), null, step - 1],
    ['one step ahead', codeAt(step + 1), null, step + 1],
    ['two steps behind', codeAt(step - 2), null, null],
    ['a replay of the step last used', codeAt(step), step, null],
    ['an older step than the last used', codeAt(step - 1), step, null],
    ['a newer step than the last used', codeAt(step + 1), step, step + 1],
    ['not six digits', '12345', null, null],
    ['letters', 'abcdef', null, null],
  ])('accepts %s: %s', (_, code, lastStep, expected) => {
    expect(acceptedStep(RFC_SECRET, code, now, lastStep)).toBe(expected);
  });

  it('encodes secrets in RFC 4648 base32', () => {
    expect(base32(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32(RFC_SECRET)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('builds an otpauth URI with issuer and username only', () => {
    expect(otpauthUri(RFC_SECRET, 'xihu.school')).toBe(
      // the Key URI Format's defaults (SHA1, 6 digits, 30 s) are left out, as authenticator apps expect
      'otpauth://totp/Xueji:xihu.school?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Xueji',
    );
  });
});
