import { residentIdCheckCharacter } from '../resident-id.js';
import { askedSteps } from './asked-steps.js';
import { checkCorrection, CORRECTABLE_KEYS, type CorrectionFacts } from './correction.js';
import { checkNewDocument, documentConflict } from './identity-document-change.js';

const TODAY = '2026-11-30';
const id = (birth: string, seq: string) => {
  const body = `330106${birth.replaceAll('-', '')}${seq}`;
  return body + residentIdCheckCharacter(body);
};

describe('who asks decides the steps', () => {
  it('the school: its supervising authority only', () => {
    expect(askedSteps('school', '/1/2/3/4/', '/1/2/3/', 10)).toEqual([{ name: 'supervising_authority', actorPath: '/1/2/3/', workingDays: 10 }]);
  });
  it('a guardian: the school confirms first, then the authority', () => {
    expect(askedSteps('guardian', '/1/2/3/4/', '/1/2/3/', 60).map((s) => [s.name, s.actorPath, s.workingDays])).toEqual([
      ['school_confirmation', '/1/2/3/4/', 10],
      ['supervising_authority', '/1/2/3/', 60],
    ]);
  });
});

describe('correction of basic information (第十三条)', () => {
  const residentRecord: CorrectionFacts = { status: 'enrolled', idDocumentType: 'resident_id', current: { name: '张三', gender: 'male', birthDate: '2013-03-01', ethnicity: '01', householdDivision: '330106', householdAddress: '杭州市西湖区某路1号' } };
  const passportRecord: CorrectionFacts = { ...residentRecord, idDocumentType: 'passport' };
  const noHousehold: CorrectionFacts = { ...residentRecord, current: { ...residentRecord.current, householdDivision: null, householdAddress: null } };

  it('lists name, gender and birth date as correctable', () => {
    expect(CORRECTABLE_KEYS).toEqual(expect.arrayContaining(['name', 'gender', 'birthDate', 'ethnicity', 'householdDivision', 'householdAddress']));
  });

  it.each([
    ['a new name', residentRecord, { name: '张山' }, null],
    ['a birth date of a passport holder', passportRecord, { birthDate: '2013-04-01' }, null],
    ['nothing', residentRecord, {}, 'NOTHING_TO_CORRECT'],
    ['an unknown field', residentRecord, { studentNumber: 'x' }, 'NOT_CORRECTABLE'],
    ['an empty name', residentRecord, { name: ' ' }, 'INVALID_VALUE'],
    ['a name with a bidi override', residentRecord, { name: '张\u202e三' }, 'INVALID_VALUE'],
    ['the same name', residentRecord, { name: '张三' }, 'UNCHANGED'],
    ['a future birth date', passportRecord, { birthDate: '2027-01-01' }, 'INVALID_VALUE'],
    ['a gender that is not male or female', passportRecord, { gender: 'x' }, 'INVALID_VALUE'],
    ["the birth date a resident ID encodes", residentRecord, { birthDate: '2013-04-01' }, 'FOLLOWS_ID_DOCUMENT'],
    ["the gender a resident ID encodes", residentRecord, { gender: 'female' }, 'FOLLOWS_ID_DOCUMENT'],
    ['an ethnicity', residentRecord, { ethnicity: '03' }, null],
    ['an unknown ethnicity code', residentRecord, { ethnicity: '60' }, 'INVALID_VALUE'],
    ['a 户籍 address where one was recorded', residentRecord, { householdAddress: '杭州市西湖区某路2号' }, null],
    ['a 户籍 where none was recorded', noHousehold, { householdAddress: '南京市玄武区某路2号', householdDivision: '320102' }, null],
    ['half a 户籍 where none was recorded', noHousehold, { householdAddress: '南京市玄武区某路2号' }, 'INCOMPLETE'],
    ['a 户籍 division that is not six digits', residentRecord, { householdDivision: '3301' }, 'INVALID_VALUE'],
    ['a record merged into another', { ...residentRecord, status: 'merged' }, { name: '张山' }, 'INVALID_STATE'],
  ])('%s', (_case, record, fields, code) => {
    const refusal = checkCorrection(record, { fields: fields as never, evidenceSha256: 'a'.repeat(64) }, TODAY);
    expect(refusal?.code ?? null).toBe(code);
  });

  it('names the field of an invalid value', () => {
    expect(checkCorrection(residentRecord, { fields: { name: '' }, evidenceSha256: 'a'.repeat(64) }, TODAY)).toMatchObject({ kind: 'validation', field: 'fields.name' });
  });
});

describe('identity-document change', () => {
  const record = { status: 'enrolled', birthDate: '2013-03-01', gender: 'male' };

  it('accepts a resident ID agreeing with the record', () => {
    const r = checkNewDocument(record, { documentType: 'resident_id', number: id('2013-03-01', '011'), evidenceSha256: 'a'.repeat(64) }, TODAY);
    expect(r.ok).toBe(true);
  });

  it('accepts a passport with its nationality (it encodes no birth date)', () => {
    const r = checkNewDocument(record, { documentType: 'passport', number: 'E12345678', nationality: 'GBR', evidenceSha256: 'a'.repeat(64) }, TODAY);
    expect(r).toMatchObject({ ok: true, document: { normalised: 'GBR:E12345678' } });
  });

  it.each([
    ['an invalid number', { documentType: 'resident_id', number: '330106201303010110' }, 'INVALID_ID_NUMBER'],
    ['a passport without nationality', { documentType: 'passport', number: 'E12345678' }, 'INVALID_ID_NUMBER'],
    ['another birth date', { documentType: 'resident_id', number: id('2013-03-02', '011') }, 'DOCUMENT_DISAGREES'],
    ['another gender', { documentType: 'resident_id', number: id('2013-03-01', '022') }, 'DOCUMENT_DISAGREES'],
  ])('refuses %s', (_case, input, code) => {
    const r = checkNewDocument(record, { ...(input as object), evidenceSha256: 'a'.repeat(64) } as never, TODAY);
    expect(r.ok ? null : r.refusal.code).toBe(code);
  });

  it('refuses a record merged into another', () => {
    const r = checkNewDocument({ ...record, status: 'merged' }, { documentType: 'resident_id', number: id('2013-03-01', '011'), evidenceSha256: 'a'.repeat(64) }, TODAY);
    expect(r.ok ? null : r.refusal.code).toBe('INVALID_STATE');
  });

  it.each([
    ['the same document', 'd1', 'd1', false, 'SAME_DOCUMENT'],
    ["another record's document", 'd2', 'd1', true, 'DUPLICATE_PERSON'],
    ['a new document', 'd2', 'd1', false, null],
  ])('%s', (_case, next, current, taken, code) => {
    expect(documentConflict(next, current, taken)?.code ?? null).toBe(code);
  });
});
