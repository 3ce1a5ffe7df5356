import { codeDigest, newVerificationCode, normaliseCode, validUntil } from './verification-codes.js';

describe('verification codes', () => {
  it('are 16 unambiguous characters in groups of four, different each time', () => {
    const codes = Array.from({ length: 200 }, newVerificationCode);
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    expect(new Set(codes).size).toBe(200);
  });

  it('read what people type: case, spaces and dashes do not matter', () => {
    const code = newVerificationCode();
    expect(codeDigest(code.toLowerCase().replaceAll('-', ' '))).toBe(codeDigest(code));
    expect(normaliseCode('ABCD-EFGH-JKMN-PQR')).toBeNull();
    expect(codeDigest('not a code')).toBeNull();
  });

  it('last 30 days to six months', () => {
    const now = new Date('2026-11-30T00:00:00Z');
    expect(validUntil(now, 30).toISOString()).toBe('2026-12-30T00:00:00.000Z');
    expect(() => validUntil(now, 29)).toThrow(RangeError);
    expect(() => validUntil(now, 184)).toThrow(RangeError);
  });
});
