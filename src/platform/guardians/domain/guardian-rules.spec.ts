import { bindingDigest, bindingExpiry, bindingRefusal, newBindingCode } from './binding-code.js';
import { parseMobile } from './phone.js';

describe('mainland mobile numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0086 19912345678', '19912345678'],
    ['8613812345678', '13812345678'],
  ])('accepts %s', (input, normalised) => {
    expect(parseMobile(input)).toEqual({ ok: true, normalised });
  });

  it.each([
    ['1381234567', 'eleven digits'],
    ['12812345678', 'starts with 13 to 19'],
    ['1381234567a', 'digits only'],
    ['', 'digits only'],
  ])('refuses %s without repeating it', (input, message) => {
    const r = parseMobile(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toContain(message);
      if (input) expect(r.message).not.toContain(input);
    }
  });
});

describe('binding codes', () => {
  const now = new Date('2026-11-30T08:00:00Z');

  it('are grouped for reading aloud and digested whatever the case and dashes', () => {
    const code = newBindingCode();
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(bindingDigest(code.toLowerCase().replace(/-/g, ' '))).toBe(bindingDigest(code));
  });

  it('expire after 14 days', () => {
    expect(bindingExpiry(now).toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });

  it.each([
    ['unknown', null, 'BINDING_CODE_UNKNOWN'],
    ['used', { expiresAt: bindingExpiry(now), usedAt: now }, 'BINDING_CODE_USED'],
    ['expired', { expiresAt: now, usedAt: null }, 'BINDING_CODE_EXPIRED'],
    ['fresh', { expiresAt: bindingExpiry(now), usedAt: null }, null],
  ])('a %s code: %s', (_case, code, refusal) => {
    expect(bindingRefusal(code, now)).toBe(refusal);
  });
});
