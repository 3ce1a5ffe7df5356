import type { ChangeRefusal, RecordFacts } from './change-kind.js';
import { death } from './death.js';
import { resumption } from './resumption.js';
import { suspension, type SuspensionInput } from './suspension.js';
import { withdrawal, type WithdrawalInput } from './withdrawal.js';

const TODAY = '2026-03-10';
const enrolled = (stage: RecordFacts['stage'] = 'junior'): RecordFacts => ({ status: 'enrolled', stage, current: { status: 'enrolled', from: '2024-09-01', plannedUntil: null } });
const suspendedUntil = (until: string): RecordFacts => ({ status: 'suspended', stage: 'junior', current: { status: 'suspended', from: '2026-03-01', plannedUntil: until } });
const code = (r: ChangeRefusal | null) => (r === null ? null : 'field' in r ? `${r.code}@${r.field}` : r.code);

const application = { applicationDate: '2026-02-25', applicationSha256: 'a'.repeat(64) };

describe('suspension (休学, 第十六条)', () => {
  it.each<[string, RecordFacts, Partial<SuspensionInput>, string | null]>([
    ['an enrolled student, one year exactly', enrolled(), { from: '2026-03-01', until: '2027-03-01' }, null],
    ['a day over one year', enrolled(), { from: '2026-03-01', until: '2027-03-02' }, 'SUSPENSION_TOO_LONG@until'],
    ['until not after from', enrolled(), { from: '2026-03-01', until: '2026-03-01' }, 'INVALID_DATE@until'],
    ['applied after it starts', enrolled(), { from: '2026-02-20', until: '2026-06-01' }, 'INVALID_DATE@applicationDate'],
    ['application dated in the future', enrolled(), { from: '2026-04-01', until: '2026-06-01', applicationDate: '2026-03-11' }, 'INVALID_DATE@applicationDate'],
    ['starts before the current status', enrolled(), { from: '2024-08-01', until: '2024-12-01', applicationDate: '2024-07-01' }, 'INVALID_DATE@from'],
    ['renewal after the current period ends', suspendedUntil('2026-09-01'), { from: '2026-09-02', until: '2027-09-01' }, null],
    ['renewal overlapping the current period', suspendedUntil('2026-09-01'), { from: '2026-09-01', until: '2027-06-01' }, 'SUSPENSION_OVERLAPS@from'],
    ['a graduated student', { status: 'graduated', stage: 'junior', current: null }, { from: '2026-03-01', until: '2026-06-01' }, 'INVALID_STATE'],
    ['a deceased student', { status: 'deceased', stage: 'junior', current: null }, { from: '2026-03-01', until: '2026-06-01' }, 'INVALID_STATE'],
  ])('%s', (_case, record, dates, expected) => {
    expect(code(suspension.check(record, { ...application, from: '', until: '', ...dates } as SuspensionInput, TODAY))).toBe(expected);
  });

  it('becomes suspended from its first day, with the planned end kept', () => {
    expect(suspension.becomes({ ...application, from: '2026-03-01', until: '2026-09-01' })).toEqual({ status: 'suspended', from: '2026-03-01', plannedUntil: '2026-09-01' });
    expect(suspension.effectiveDate({ ...application, from: '2026-03-01', until: '2026-09-01' })).toBe('2026-03-01');
  });
});

describe('resumption (复学)', () => {
  it.each<[string, RecordFacts, string, string | null]>([
    ['a suspended student', suspendedUntil('2026-09-01'), '2026-03-09', null],
    ['an enrolled student', enrolled(), '2026-03-09', 'INVALID_STATE'],
    ['before the suspension began', suspendedUntil('2026-09-01'), '2026-02-28', 'INVALID_DATE@on'],
    ['in the future', suspendedUntil('2026-09-01'), '2026-03-11', 'INVALID_DATE@on'],
  ])('%s', (_case, record, on, expected) => {
    expect(code(resumption.check(record, { on }, TODAY))).toBe(expected);
  });
});

describe('death cancellation (死亡注销, 第二十一条)', () => {
  const input = { dateOfDeath: '2026-03-02', certificateSha256: 'c'.repeat(64) };
  it.each<[string, RecordFacts, string, string | null]>([
    ['an enrolled student', enrolled(), input.dateOfDeath, null],
    ['a suspended student', suspendedUntil('2026-09-01'), input.dateOfDeath, null],
    ['a cancelled record', { status: 'deceased', stage: 'junior', current: null }, input.dateOfDeath, 'INVALID_STATE'],
    ['a date in the future', enrolled(), '2026-03-11', 'INVALID_DATE@dateOfDeath'],
    ['a date before the current status', suspendedUntil('2026-09-01'), '2026-02-01', 'INVALID_DATE@dateOfDeath'],
  ])('%s', (_case, record, dateOfDeath, expected) => {
    expect(code(death.check(record, { ...input, dateOfDeath }, TODAY))).toBe(expected);
  });
  it('is approved within 60 working days', () => expect(death.workingDays).toBe(60));
});

describe('withdrawal (退学, 第十八条)', () => {
  const input: WithdrawalInput = { effectiveDate: '2026-03-05', applicationDate: '2026-03-01', applicationSha256: 'b'.repeat(64) };
  it.each<[string, RecordFacts, Partial<WithdrawalInput>, string | null]>([
    ['a senior secondary student', enrolled('senior'), {}, null],
    ['a primary student: compulsory education', enrolled('primary'), {}, 'WITHDRAWAL_IN_COMPULSORY_EDUCATION'],
    ['a junior secondary student: compulsory education', enrolled('junior'), {}, 'WITHDRAWAL_IN_COMPULSORY_EDUCATION'],
    ['a graduated senior student', { status: 'graduated', stage: 'senior', current: null }, {}, 'INVALID_STATE'],
    ['applied after leaving', enrolled('senior'), { applicationDate: '2026-03-06' }, 'INVALID_DATE@applicationDate'],
    ['leaving in the future', enrolled('senior'), { effectiveDate: '2026-03-20' }, 'INVALID_DATE@effectiveDate'],
  ])('%s', (_case, record, change, expected) => {
    expect(code(withdrawal.check(record, { ...input, ...change }, TODAY))).toBe(expected);
  });
});
