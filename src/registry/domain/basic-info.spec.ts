import { divisionCodeProblem, ethnicityProblem, householdProblem, maskPhone, normalisePhone, resolveIdentity, type IdentityClaim } from './basic-info.js';
import { mod11_2CheckCharacter } from './resident-id.js';

const TODAY = '2026-11-30';
const withCheck = (first17: string) => first17 + mod11_2CheckCharacter(first17);
const RESIDENT = withCheck('33010620150301002'); // a girl born 2015-03-01
const PERMIT = withCheck('81000020140605003'); // Hong Kong, a boy born 2014-06-05
const outcome = (claim: IdentityClaim) => {
  const r = resolveIdentity(claim, TODAY);
  return r.ok ? r.value : `${r.problem.code}@${r.problem.field}`;
};

describe('the identity a record is created with (第六、十条)', () => {
  it.each<[string, IdentityClaim, object | string]>([
    ['a resident ID gives everything; nationality CHN', { idDocumentType: 'resident_id', idNumber: RESIDENT }, { nationality: 'CHN', birthDate: '2015-03-01', gender: 'female' }],
    ['a resident ID with matching facts given', { idDocumentType: 'resident_id', idNumber: RESIDENT, nationality: 'CHN', birthDate: '2015-03-01', gender: 'female' }, { normalised: RESIDENT }],
    ['a resident ID with another nationality', { idDocumentType: 'resident_id', idNumber: RESIDENT, nationality: 'USA' }, 'DOES_NOT_MATCH_DOCUMENT@nationality'],
    ['a resident ID with another birth date', { idDocumentType: 'resident_id', idNumber: RESIDENT, birthDate: '2015-03-02' }, 'DOES_NOT_MATCH_DOCUMENT@birthDate'],
    ['a resident ID with the other gender', { idDocumentType: 'resident_id', idNumber: RESIDENT, gender: 'male' }, 'DOES_NOT_MATCH_DOCUMENT@gender'],
    ['a bad resident ID', { idDocumentType: 'resident_id', idNumber: RESIDENT.slice(0, 17) }, 'INVALID_ID_NUMBER@idNumber'],
    ['a residence permit carries birth date, gender and region', { idDocumentType: 'hkmt_residence_permit', idNumber: PERMIT }, { nationality: 'HKG', birthDate: '2014-06-05', gender: 'male' }],
    ['a Hong Kong permit needs birth date and gender', { idDocumentType: 'hkmo_permit', idNumber: 'H12345678' }, 'REQUIRED@birthDate'],
    ['a Hong Kong permit without gender', { idDocumentType: 'hkmo_permit', idNumber: 'H12345678', birthDate: '2014-01-02' }, 'REQUIRED@gender'],
    ['a Hong Kong permit with both', { idDocumentType: 'hkmo_permit', idNumber: 'H12345678', birthDate: '2014-01-02', gender: 'male' }, { nationality: 'HKG', normalised: 'H12345678' }],
    ['a Macau permit claimed as Hong Kong', { idDocumentType: 'hkmo_permit', idNumber: 'M12345678', nationality: 'HKG', birthDate: '2014-01-02', gender: 'male' }, 'DOES_NOT_MATCH_DOCUMENT@nationality'],
    ['a Taiwan permit', { idDocumentType: 'taiwan_permit', idNumber: '12345678', birthDate: '2013-05-06', gender: 'female' }, { nationality: 'TWN' }],
    ['a passport with its nationality', { idDocumentType: 'passport', idNumber: 'M1234567', nationality: 'KOR', birthDate: '2014-01-02', gender: 'female' }, { nationality: 'KOR', normalised: 'KOR:M1234567' }],
    ['a passport without nationality', { idDocumentType: 'passport', idNumber: 'M1234567', birthDate: '2014-01-02', gender: 'female' }, 'REQUIRED@nationality'],
    ['a passport of an unknown country', { idDocumentType: 'passport', idNumber: 'M1234567', nationality: 'XXX' }, 'INVALID_CODE@nationality'],
    ['a Chinese passport', { idDocumentType: 'passport', idNumber: 'E12345678', nationality: 'CHN' }, 'INVALID_DOCUMENT@idDocumentType'],
    ['a passport with a birth date in the future', { idDocumentType: 'passport', idNumber: 'M1234567', nationality: 'KOR', birthDate: '2027-01-02', gender: 'female' }, 'INVALID_DATE@birthDate'],
    ['a 2023 permanent residence card carries its facts', { idDocumentType: 'foreign_permanent_residence', idNumber: withCheck('93184020120704001') }, { nationality: 'USA', birthDate: '2012-07-04', gender: 'male' }],
    ['an older permanent residence card needs birth date and gender', { idDocumentType: 'foreign_permanent_residence', idNumber: 'USA110012071234' }, 'REQUIRED@birthDate'],
  ])('%s', (_case, claim, expected) => {
    const answer = outcome(claim);
    if (typeof expected === 'string') expect(answer).toBe(expected);
    else expect(answer).toMatchObject(expected);
  });

  it('never names the number in a refusal', () => {
    const r = resolveIdentity({ idDocumentType: 'resident_id', idNumber: RESIDENT.slice(0, 17) + 'Y' }, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).not.toMatch(/\d{4}/);
  });
});

describe('ethnicity and household registration', () => {
  it.each<[string | undefined, string, string | null]>([
    [undefined, 'USA', null],
    ['01', 'CHN', null],
    ['98', 'CHN', null],
    ['01', 'TWN', null],
    ['57', 'CHN', 'INVALID_CODE'],
    ['1', 'CHN', 'INVALID_CODE'],
    ['constructor', 'CHN', 'INVALID_CODE'],
    ['01', 'USA', 'NOT_APPLICABLE'],
  ])('ethnicity %s for nationality %s', (ethnicity, nationality, code) => {
    expect(ethnicityProblem(ethnicity, nationality)?.code ?? null).toBe(code);
  });

  it('takes household registration for resident ID holders only', () => {
    expect(householdProblem({ divisionCode: '330106' }, 'resident_id')).toBeNull();
    expect(householdProblem(undefined, 'passport')).toBeNull();
    expect(householdProblem({ divisionCode: '330106' }, 'hkmt_residence_permit')).toMatchObject({ field: 'householdRegistration', code: 'NOT_APPLICABLE' });
  });

  it.each([
    ['330106', null],
    ['441900', null],
    ['330100', 'county-level'],
    ['330000', 'county-level'],
    ['810000', 'mainland province'],
    ['990101', 'mainland province'],
    ['33010', 'six-digit'],
  ])('division code %s', (code, problem) => {
    const answer = divisionCodeProblem(code);
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toContain(problem);
  });
});

describe('guardian phone numbers', () => {
  it.each([
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['0571-88886666', '057188886666'],
    ['010 6666 8888', '01066668888'],
    ['+852 9123 4567', '+85291234567'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['12800138000', null],
    ['1380013800', null],
    ['+86 12345', null],
    ['88886666', null],
    ['phone', null],
    ['+0123456789', null],
  ])('%s → %s', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it('masks all but the first three and last four digits', () => {
    expect(maskPhone('13800138000')).toBe('138****8000');
    expect(maskPhone('+85291234567')).toBe('+85*****4567');
  });
});
