/**
 * Basic information of the record (第三条) beyond what the document says: the rules that tie
 * its parts together. Pure; messages name rules and fields, never the person's data.
 */
import { isEthnicity } from './codes/ethnicities.js';
import { isNationality } from './codes/nationalities.js';
import { parseIdDocument, type IdDocumentType } from './identity-documents.js';
import { birthDateProblem, CITIES_WITHOUT_COUNTIES, isKnownProvinceCode } from './resident-id.js';

/** A refusal naming the request field it concerns. */
export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

/** What the caller says about the student's identity. */
export interface IdentityClaim {
  idDocumentType: IdDocumentType;
  idNumber: string;
  nationality?: string;
  birthDate?: string;
  gender?: 'male' | 'female';
}

/** The identity the record is created with: from the document where it carries a fact, else from the caller. */
export interface ResolvedIdentity {
  normalised: string;
  nationality: string;
  birthDate: string;
  gender: 'male' | 'female';
}

export type IdentityResult = { ok: true; value: ResolvedIdentity } | { ok: false; problem: FieldProblem };

/** Nationalities of Chinese citizens: the mainland and the residents of Hong Kong, Macau and Taiwan. */
const CHINESE = new Set(['CHN', 'HKG', 'MAC', 'TWN']);

const DOCUMENT_NAMES: Record<IdDocumentType, string> = {
  resident_id: 'resident ID',
  hkmt_residence_permit: 'residence permit for Hong Kong, Macau and Taiwan residents',
  hkmo_permit: 'Hong Kong and Macau residents’ permit',
  taiwan_permit: 'Taiwan residents’ permit',
  passport: 'passport',
  foreign_permanent_residence: 'foreign permanent residence ID card',
};

/**
 * 第六、十条: checks the document by its own rule, then the nationality, birth date and gender the
 * caller gave against it. A fact the document carries wins and a contradicting one is refused; a
 * fact it does not carry (a passport's birth date) must be given.
 */
export function resolveIdentity(claim: IdentityClaim, today: string): IdentityResult {
  const name = DOCUMENT_NAMES[claim.idDocumentType];
  if (claim.nationality !== undefined && !isNationality(claim.nationality)) {
    return refuse('nationality', 'INVALID_CODE', 'is not a nationality code of GB/T 2659 (ISO 3166-1 alpha-3)');
  }
  if (claim.idDocumentType === 'passport') {
    if (!claim.nationality) return refuse('nationality', 'REQUIRED', 'is required with a passport');
    if (claim.nationality === 'CHN') return refuse('idDocumentType', 'INVALID_DOCUMENT', 'a Chinese citizen is recorded by the resident ID');
  }
  const parsed = parseIdDocument(claim.idDocumentType, claim.idNumber, today, claim.nationality);
  if (!parsed.ok) return refuse('idNumber', 'INVALID_ID_NUMBER', parsed.message);
  const doc = parsed.value;

  const nationality = doc.nationality ?? claim.nationality;
  if (!nationality) return refuse('nationality', 'REQUIRED', `is required with a ${name} that does not state it`);
  if (claim.nationality !== undefined && claim.nationality !== nationality) {
    return refuse('nationality', 'DOES_NOT_MATCH_DOCUMENT', `does not match the ${name}`);
  }
  if (claim.birthDate !== undefined && doc.birthDate !== undefined && claim.birthDate !== doc.birthDate) {
    return refuse('birthDate', 'DOES_NOT_MATCH_DOCUMENT', `does not match the ${name}`);
  }
  if (claim.gender !== undefined && doc.gender !== undefined && claim.gender !== doc.gender) {
    return refuse('gender', 'DOES_NOT_MATCH_DOCUMENT', `gender does not match the ${name}`);
  }
  const birthDate = doc.birthDate ?? claim.birthDate;
  if (!birthDate) return refuse('birthDate', 'REQUIRED', `is required with a ${name}, which does not carry it`);
  const birthProblem = birthDateProblem(birthDate, today);
  if (birthProblem) return refuse('birthDate', 'INVALID_DATE', birthProblem);
  const gender = doc.gender ?? claim.gender;
  if (!gender) return refuse('gender', 'REQUIRED', `is required with a ${name}, which does not carry it`);
  return { ok: true, value: { normalised: doc.normalised, nationality, birthDate, gender } };
}

/** Ethnicity (民族, GB/T 3304) is recorded for Chinese citizens; a foreign national has none. */
export function ethnicityProblem(ethnicity: string | undefined, nationality: string): FieldProblem | null {
  if (ethnicity === undefined) return null;
  if (!isEthnicity(ethnicity)) return { field: 'ethnicity', code: 'INVALID_CODE', message: 'is not an ethnic group code of GB/T 3304' };
  if (!CHINESE.has(nationality)) return { field: 'ethnicity', code: 'NOT_APPLICABLE', message: 'is recorded for Chinese citizens only' };
  return null;
}

/** Household registration (户籍) is the mainland's: a holder of the resident ID has one, nobody else. */
export function householdProblem(household: { divisionCode: string } | undefined, documentType: IdDocumentType): FieldProblem | null {
  if (household === undefined) return null;
  if (documentType !== 'resident_id') {
    return { field: 'householdRegistration', code: 'NOT_APPLICABLE', message: 'household registration (户籍) is recorded for holders of a resident ID only' };
  }
  return null;
}

/** A county-level division code of the mainland (GB/T 2260), shape and province checked; null when fine. */
export function divisionCodeProblem(code: string): string | null {
  if (!/^\d{6}$/.test(code)) return 'must be a six-digit administrative division code (GB/T 2260)';
  const province = code.slice(0, 2);
  if (!isKnownProvinceCode(province) || ['71', '81', '82'].includes(province)) return 'does not start with a mainland province code';
  if (CITIES_WITHOUT_COUNTIES.has(code)) return null;
  if (code.slice(2, 4) === '00' || code.slice(4, 6) === '00') return 'must be a county-level division, not a province or city';
  return null;
}

/**
 * A guardian's phone number, normalised (spaces, dashes and brackets dropped) or null when it is
 * none: a mainland mobile (11 digits from 13–19), a mainland landline with its area code
 * (0 + 9–11 digits), or an international number in E.164 form (+ country code, 7–15 digits).
 * +86 numbers are kept in the mainland form, so one phone has one spelling.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s\-()]/g, '');
  const mainland = compact.startsWith('+86') ? compact.slice(3) : compact.startsWith('0086') ? compact.slice(4) : compact;
  if (/^1[3-9]\d{9}$/.test(mainland)) return mainland;
  if (/^0[1-9]\d{8,10}$/.test(mainland)) return mainland;
  if (compact.startsWith('+86')) return null;
  if (/^\+[1-9]\d{6,14}$/.test(compact)) return compact;
  return null;
}

/** A guardian's phone as shown beyond the school: the first three and last four digits. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

function refuse(field: string, code: string, message: string): IdentityResult {
  return { ok: false, problem: { field, code, message } };
}
