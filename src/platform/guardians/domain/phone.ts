/**
 * Mainland mobile numbers (guardian accounts): eleven digits starting 1, second digit 3–9. A
 * leading +86 / 0086 / 86 and spaces or dashes are accepted and dropped. Messages never repeat
 * the number (they reach API answers and logs).
 */
export type PhoneResult = { ok: true; normalised: string } | { ok: false; message: string };

const MOBILE = /^1[3-9]\d{9}$/;

export function parseMobile(input: string): PhoneResult {
  let digits = input.replace(/[\s-]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  if (!/^\d+$/.test(digits)) return { ok: false, message: 'a mobile number has digits only (with an optional +86)' };
  if (digits.length !== 11) return { ok: false, message: 'a mainland mobile number has eleven digits' };
  if (!MOBILE.test(digits)) return { ok: false, message: 'a mainland mobile number starts with 13 to 19' };
  return { ok: true, normalised: digits };
}
