import { checkFlag, isFollowUpOverdue } from './dropout-rules.js';

describe('checkFlag (第十七条)', () => {
  it.each([
    ['an enrolled junior student', 'enrolled', 'junior', null],
    ['a suspended primary pupil', 'suspended', 'primary', null],
    ['a senior secondary student', 'enrolled', 'senior', 'NOT_COMPULSORY'],
    ['a graduate', 'graduated', 'junior', 'INVALID_STATE'],
    ['a cancelled record', 'deceased', 'primary', 'INVALID_STATE'],
  ] as const)('%s', (_case, status, stage, code) => {
    const refusal = checkFlag({ status, stage });
    expect(refusal?.code ?? null).toBe(code);
  });
});

describe('isFollowUpOverdue', () => {
  it.each([
    ['open, no follow-up, due yesterday', { status: 'open', followUps: 0, followUpDue: '2026-11-29' }, true],
    ['open, no follow-up, due today', { status: 'open', followUps: 0, followUpDue: '2026-11-30' }, false],
    ['followed up once', { status: 'open', followUps: 1, followUpDue: '2026-11-01' }, false],
    ['closed', { status: 'closed', followUps: 0, followUpDue: '2026-11-01' }, false],
  ] as const)('%s', (_case, c, expected) => expect(isFollowUpOverdue(c, '2026-11-30')).toBe(expected));
});
