/**
 * The identity documents a record is created from (第六、十条): the mainland resident ID, and for
 * students from Hong Kong, Macau, Taiwan and abroad their own documents, each checked by its own
 * rule. Messages name the rule, never the number (they reach API answers and logs).
 */
import { isNationality, nationalityByNumeric } from './codes/nationalities.js';
import { birthDateProblem, mod11_2CheckCharacter, normaliseResidentId, parseResidentId } from './resident-id.js';

export const ID_DOCUMENT_TYPES = [
  'resident_id', // 居民身份证
  'hkmt_residence_permit', // 港澳台居民居住证 (18 digits, region 810000 / 820000 / 830000)
  'hkmo_permit', // 港澳居民来往内地通行证 (H or M, then 8 digits, optionally 2 more for the issue)
  'taiwan_permit', // 台湾居民来往大陆通行证 (8 digits, optionally 2 more for the issue)
  'passport', // a foreign passport, with its nationality
  'foreign_permanent_residence', // 外国人永久居留身份证 (2023: 18 digits from 9; 2017 and before: 3 letters and 12 digits)
] as const;

export type IdDocumentType = (typeof ID_DOCUMENT_TYPES)[number];

export interface IdDocument {
  type: IdDocumentType;
  /** The form to store and compare (duplicates are refused on it, 第九条). */
  normalised: string;
  /** When the document carries them. */
  birthDate?: string;
  gender?: 'male' | 'female';
  /** ISO 3166-1 alpha-3 (GB/T 2659), where the document says or needs it. */
  nationality?: string;
}

export type IdDocumentResult = { ok: true; value: IdDocument } | { ok: false; message: string };

const RESIDENCE_PERMIT_REGIONS: Record<string, string> = { '810000': 'HKG', '820000': 'MAC', '830000': 'TWN' };

/** Checks a document number of a type; `nationality` is required for a passport. */
export function parseIdDocument(type: IdDocumentType, input: string, today: string, nationality?: string): IdDocumentResult {
  const number = normaliseResidentId(input).toUpperCase();
  switch (type) {
    case 'resident_id': {
      const r = parseResidentId(input, today);
      return r.ok ? ok({ type, normalised: r.value.normalised, birthDate: r.value.birthDate, gender: r.value.gender, nationality: 'CHN' }) : fail(r.message);
    }
    case 'hkmt_residence_permit':
      return residencePermit(number, today);
    case 'hkmo_permit':
      if (!/^[HM]\d{8}(\d{2})?$/.test(number)) return fail('a Hong Kong or Macau permit number is H or M followed by eight digits (and two more for the issue, if printed)');
      return ok({ type, normalised: number.slice(0, 9), nationality: number[0] === 'H' ? 'HKG' : 'MAC' });
    case 'taiwan_permit':
      if (!/^\d{8}(\d{2})?$/.test(number)) return fail('a Taiwan permit number is eight digits (and two more for the issue, if printed)');
      return ok({ type, normalised: number.slice(0, 8), nationality: 'TWN' });
    case 'passport':
      if (!nationality || !isNationality(nationality)) return fail('a passport needs its nationality as an ISO 3166-1 alpha-3 code (GB/T 2659)');
      if (nationality === 'CHN') return fail('a Chinese citizen is recorded by the resident ID');
      if (!/^[A-Z0-9]{5,20}$/.test(number)) return fail('a passport number is five to twenty letters and digits');
      return ok({ type, normalised: `${nationality}:${number}`, nationality });
    case 'foreign_permanent_residence':
      return permanentResidence(number, today);
  }
}

function residencePermit(number: string, today: string): IdDocumentResult {
  if (!/^\d{17}[\dX]$/.test(number)) return fail('a residence permit number is eighteen characters: seventeen digits followed by a digit or X');
  const region = RESIDENCE_PERMIT_REGIONS[number.slice(0, 6)];
  if (!region) return fail('a residence permit for Hong Kong, Macau or Taiwan residents starts with its region code');
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  const problem = birthDateProblem(birthDate, today);
  if (problem) return fail(problem);
  if (mod11_2CheckCharacter(number.slice(0, 17)) !== number[17]) return fail('the check character does not match');
  return ok({ type: 'hkmt_residence_permit', normalised: number, birthDate, gender: Number(number[16]) % 2 === 1 ? 'male' : 'female', nationality: region });
}

/**
 * 2023 card: 9, province (2), nationality (3, ISO numeric), birth date (8), sequence (3), check
 * (MOD 11-2). Cards of 2017 and before: nationality (3 letters), then 12 digits — checked for
 * shape and nationality only (their check rule was never published).
 */
function permanentResidence(number: string, today: string): IdDocumentResult {
  if (/^[A-Z]{3}\d{12}$/.test(number)) {
    const nationality = number.slice(0, 3);
    if (!isNationality(nationality)) return fail('the card does not start with a known nationality code');
    return ok({ type: 'foreign_permanent_residence', normalised: number, nationality });
  }
  if (!/^9\d{16}[\dX]$/.test(number)) return fail('a permanent residence card number is eighteen characters starting with nine, or three letters and twelve digits');
  const nationality = nationalityByNumeric(number.slice(3, 6));
  if (!nationality) return fail('the nationality code on the card is not known');
  const birthDate = `${number.slice(6, 10)}-${number.slice(10, 12)}-${number.slice(12, 14)}`;
  const problem = birthDateProblem(birthDate, today);
  if (problem) return fail(problem);
  if (mod11_2CheckCharacter(number.slice(0, 17)) !== number[17]) return fail('the check character does not match');
  return ok({ type: 'foreign_permanent_residence', normalised: number, birthDate, gender: Number(number[16]) % 2 === 1 ? 'male' : 'female', nationality: nationality.alpha3 });
}

function ok(value: IdDocument): IdDocumentResult {
  return { ok: true, value };
}

function fail(message: string): IdDocumentResult {
  return { ok: false, message };
}
