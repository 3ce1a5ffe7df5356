import type { ChangeRefusal, RecordFacts } from './change-kind.js';
import { returnFromAbroad, studyAbroad, type ReturnInput } from './abroad.js';
import { deferral, entryAfterDeferral, type DeferralInput } from './deferral.js';

const TODAY = '2026-03-10';
const code = (r: ChangeRefusal | null) => (r === null ? null : 'field' in r ? `${r.code}@${r.field}` : r.code);
const facts = (status: RecordFacts['status'], over: Partial<RecordFacts> = {}): RecordFacts => ({
  status,
  stage: 'junior',
  grade: 8,
  enrolmentDate: '2024-09-01',
  current: { status: status === 'graduation_proposed' ? 'enrolled' : (status as never), from: '2024-09-01', plannedUntil: null },
  ...over,
});

describe('study abroad (出国(境)学习, 第二十条)', () => {
  const input = { departureDate: '2026-03-01', evidenceSha256: 'e'.repeat(64) };
  it.each<[string, RecordFacts, string, string | null]>([
    ['an enrolled student who left', facts('enrolled'), '2026-03-01', null],
    ['a suspended student who left', facts('suspended', { current: { status: 'suspended', from: '2026-01-01', plannedUntil: '2026-12-31' } }), '2026-03-01', null],
    ['a departure not yet happened', facts('enrolled'), '2026-03-11', 'INVALID_DATE@departureDate'],
    ['a departure before the current status', facts('enrolled'), '2024-08-31', 'INVALID_DATE@departureDate'],
    ['a student already abroad', facts('abroad'), '2026-03-01', 'INVALID_STATE'],
    ['a graduated student', facts('graduated'), '2026-03-01', 'INVALID_STATE'],
    ['a deceased student', facts('deceased'), '2026-03-01', 'INVALID_STATE'],
  ])('%s', (_case, record, departureDate, expected) => {
    expect(code(studyAbroad.check(record, { ...input, departureDate }, TODAY))).toBe(expected);
  });

  it('keeps the record, marked abroad from the departure (never cancelled)', () => {
    expect(studyAbroad.becomes(input)).toEqual({ status: 'abroad', from: '2026-03-01', plannedUntil: null });
    expect(studyAbroad.workingDays).toBe(10);
  });
});

describe('return from abroad (回国, 第二十条)', () => {
  const abroad = facts('abroad', { current: { status: 'abroad', from: '2025-03-01', plannedUntil: null } });
  const input: ReturnInput = { on: '2026-03-02', grade: 9, studyRecordSha256: 'r'.repeat(64) };
  it.each<[string, RecordFacts, Partial<ReturnInput>, string | null]>([
    ['back into the grade the school assigns', abroad, {}, null],
    ['into another stage by the study record', abroad, { stage: 'senior', grade: 10 }, null],
    ['a grade outside the stage', abroad, { grade: 10 }, 'INVALID_GRADE@grade'],
    ['a grade outside the named stage', abroad, { stage: 'primary', grade: 7 }, 'INVALID_GRADE@grade'],
    ['back before leaving', abroad, { on: '2025-02-28' }, 'INVALID_DATE@on'],
    ['back in the future', abroad, { on: '2026-03-11' }, 'INVALID_DATE@on'],
    ['a student who is not abroad', facts('enrolled'), {}, 'INVALID_STATE'],
  ])('%s', (_case, record, change, expected) => {
    expect(code(returnFromAbroad.check(record, { ...input, ...change }, TODAY))).toBe(expected);
  });

  it('becomes enrolled with the assigned grade (and stage when given)', () => {
    expect(returnFromAbroad.becomes(input)).toEqual({ status: 'enrolled', from: '2026-03-02', plannedUntil: null, placement: { grade: 9 } });
    expect(returnFromAbroad.becomes({ ...input, stage: 'senior', grade: 10 }).placement).toEqual({ grade: 10, stage: 'senior' });
  });
});

describe('deferral of entry (缓学, 第十一条)', () => {
  const firstGrader = facts('enrolled', { stage: 'primary', grade: 1, enrolmentDate: '2025-09-01', current: { status: 'enrolled', from: '2025-09-01', plannedUntil: null } });
  const deferredUntil = (until: string) => facts('deferred', { stage: 'primary', grade: 1, enrolmentDate: '2025-09-01', current: { status: 'deferred', from: '2025-09-01', plannedUntil: until } });
  const input: DeferralInput = { from: '2025-09-01', until: '2026-08-31', applicationDate: '2025-08-20', applicationSha256: 'a'.repeat(64), hukouAuthorityApprovalSha256: 'h'.repeat(64) };
  it.each<[string, RecordFacts, Partial<DeferralInput>, string | null]>([
    ['a grade 1 entry not yet started, one school year', firstGrader, {}, null],
    ['exactly one year', firstGrader, { until: '2026-09-01' }, null],
    ['more than one year', firstGrader, { until: '2026-09-02' }, 'DEFERRAL_TOO_LONG@until'],
    ['until not after from', firstGrader, { until: '2025-09-01' }, 'INVALID_DATE@until'],
    ['applied after it starts', firstGrader, { applicationDate: '2025-09-02' }, 'INVALID_DATE@applicationDate'],
    ['before the entry date', firstGrader, { from: '2025-08-25', until: '2026-08-20', applicationDate: '2025-08-20' }, 'INVALID_DATE@from'],
    ['a grade 2 pupil (suspend instead)', { ...firstGrader, grade: 2 }, {}, 'DEFERRAL_NOT_AT_ENTRY'],
    ['a junior secondary student', facts('enrolled'), {}, 'DEFERRAL_NOT_AT_ENTRY'],
    ['a grade 1 record changed since entry', { ...firstGrader, current: { status: 'enrolled', from: '2026-01-05', plannedUntil: null } }, { from: '2026-01-05', until: '2026-08-31' }, 'DEFERRAL_NOT_AT_ENTRY'],
    ['renewal after the current deferral', deferredUntil('2026-08-31'), { from: '2026-09-01', until: '2027-08-31', applicationDate: '2026-03-01' }, null],
    ['renewal overlapping the current deferral', deferredUntil('2026-08-31'), { from: '2026-08-31', until: '2027-08-31', applicationDate: '2026-03-01' }, 'DEFERRAL_OVERLAPS@from'],
    ['a suspended student', facts('suspended'), {}, 'INVALID_STATE'],
  ])('%s', (_case, record, change, expected) => {
    expect(code(deferral.check(record, { ...input, ...change }, TODAY))).toBe(expected);
  });

  it('holds the registration as deferred until the planned end', () => {
    expect(deferral.becomes(input)).toEqual({ status: 'deferred', from: '2025-09-01', plannedUntil: '2026-08-31' });
  });

  it.each<[string, RecordFacts, string, string | null]>([
    ['a deferred child starts school', deferredUntil('2026-08-31'), '2026-03-02', null],
    ['before the deferral began', deferredUntil('2026-08-31'), '2025-08-31', 'INVALID_DATE@on'],
    ['in the future', deferredUntil('2026-08-31'), '2026-03-11', 'INVALID_DATE@on'],
    ['a record that is not deferred', facts('enrolled'), '2026-03-02', 'INVALID_STATE'],
  ])('entry: %s', (_case, record, on, expected) => {
    expect(code(entryAfterDeferral.check(record, { on }, TODAY))).toBe(expected);
  });

  it('entry enrols the child in grade 1 with the day school started as the entry date', () => {
    expect(entryAfterDeferral.becomes({ on: '2026-03-02' })).toEqual({ status: 'enrolled', from: '2026-03-02', plannedUntil: null, placement: { grade: 1, enrolmentDate: '2026-03-02' } });
  });
});
