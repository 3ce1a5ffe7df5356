import { checkEnrolment, type EnrolmentFacts } from './enrolment-check.js';
import { DEFAULT_ENTRY_AGE } from './entry-rules.js';
import { residentIdCheckCharacter } from './resident-id.js';

const id = (birth: string, seq = '101') => {
  const body = `330106${birth.replaceAll('-', '')}${seq}`;
  return body + residentIdCheckCharacter(body);
};
const TODAY = '2026-11-30';
const RULES = { fields: [], entryAge: DEFAULT_ENTRY_AGE };
const junior: EnrolmentFacts = { idDocumentType: 'resident_id', idNumber: id('2013-05-01'), enrolmentDate: '2026-10-08', educationStage: 'junior', grade: 7, extra: {} };

describe('checkEnrolment: the rules POST /students and an import share', () => {
  it('answers the identity the record is created with, and whether it is late (第六条)', () => {
    expect(checkEnrolment(junior, TODAY, RULES)).toEqual({
      ok: true,
      value: { identity: { normalised: junior.idNumber, nationality: 'CHN', birthDate: '2013-05-01', gender: 'male' }, lateRegistration: false },
    });
    const late = checkEnrolment({ ...junior, enrolmentDate: '2026-09-01' }, TODAY, RULES);
    expect(late.ok && late.value.lateRegistration).toBe(true);
  });

  it.each<[string, Partial<EnrolmentFacts>, string, string]>([
    ['a bad ID number', { idNumber: '330106201305011010' }, 'idNumber', 'INVALID_ID_NUMBER'],
    ['a gender the document contradicts', { gender: 'female' }, 'gender', 'DOES_NOT_MATCH_DOCUMENT'],
    ['an ethnicity for a foreign national', { idDocumentType: 'passport', idNumber: 'E12345678', nationality: 'USA', birthDate: '2013-05-01', gender: 'male', ethnicity: '01' }, 'ethnicity', 'NOT_APPLICABLE'],
    ['户籍 for a permit holder', { idDocumentType: 'passport', idNumber: 'E12345678', nationality: 'USA', birthDate: '2013-05-01', gender: 'male', householdRegistration: { divisionCode: '330106' } }, 'householdRegistration', 'NOT_APPLICABLE'],
    ['an enrolment in the future', { enrolmentDate: '2027-09-01' }, 'enrolmentDate', 'INVALID_DATE'],
    ['a grade outside the stage', { grade: 3 }, 'grade', 'INVALID_GRADE'],
    ['a field the province did not define', { extra: { hobby: 'chess' } }, 'extra.hobby', 'INVALID_EXTRA_FIELD'],
  ])('refuses %s, naming the field', (_case, change, field, code) => {
    const result = checkEnrolment({ ...junior, ...change }, TODAY, RULES);
    expect(result).toMatchObject({ ok: false, problems: [{ field, code }] });
  });

  it('refuses a grade-1 entrant below the entry age as unprocessable (第十一条), at the province’s age', () => {
    const pupil: EnrolmentFacts = { ...junior, idNumber: id('2020-10-01'), educationStage: 'primary', grade: 1, enrolmentDate: '2026-09-01' };
    expect(checkEnrolment(pupil, TODAY, RULES)).toMatchObject({ ok: false, problems: [{ field: 'birthDate', code: 'UNDER_ENTRY_AGE', unprocessable: true }] });
    const older = { ...pupil, idNumber: id('2020-08-01') };
    expect(checkEnrolment(older, TODAY, RULES).ok).toBe(true);
    expect(checkEnrolment(older, TODAY, { ...RULES, entryAge: { minimumAge: 7, cutoff: '08-31' } }).ok).toBe(false);
  });
});
