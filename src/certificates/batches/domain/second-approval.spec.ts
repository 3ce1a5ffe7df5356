import { canSecondReview, schoolYearOf, secondApprovalNeeded, secondReviewOutcome, STAGE_MIN_SCHOOL_YEARS, type RecordHistory } from './second-approval.js';

const history = (over: Partial<RecordHistory>): RecordHistory => ({
  stage: 'primary',
  createdOn: '2018-09-01',
  leavingDate: '2024-07-01',
  lastVerifiedOn: null,
  schoolVerifiedSinceCreation: false,
  ...over,
});

describe('stage lengths', () => {
  it('are primary 6, junior 3, senior 3 school years', () => {
    expect(STAGE_MIN_SCHOOL_YEARS).toEqual({ primary: 6, junior: 3, senior: 3 });
  });

  it.each([
    ['2018-09-01', 2018],
    ['2018-08-15', 2018],
    ['2018-07-31', 2017],
    ['2019-03-01', 2018],
  ])('%s lies in the school year begun in %i', (date, year) => {
    expect(schoolYearOf(date)).toBe(year);
  });
});

describe('secondApprovalNeeded: a record younger than its stage, or never verified, is held', () => {
  it.each<[string, Partial<RecordHistory>, boolean, string[]]>([
    ['primary record made at entry, six school years before leaving', {}, false, []],
    ['primary record made in the summer before entry', { createdOn: '2018-06-20' }, false, []],
    ['primary record made a year after entry', { createdOn: '2019-09-02' }, true, ['record_too_recent']],
    ['record made the week of leaving (the forged diploma)', { createdOn: '2024-06-25' }, true, ['record_too_recent']],
    ['record made after the leaving date', { createdOn: '2025-11-30' }, true, ['record_too_recent']],
    ['junior record made at entry, three school years before', { stage: 'junior', createdOn: '2021-09-01', leavingDate: '2024-07-01' }, false, []],
    ['junior record made in the second year', { stage: 'junior', createdOn: '2022-09-01', leavingDate: '2024-07-01' }, true, ['record_too_recent']],
    ['senior record made at entry', { stage: 'senior', createdOn: '2021-08-28', leavingDate: '2024-06-10' }, false, []],
    ['senior record made in the spring of the first year', { stage: 'senior', createdOn: '2022-03-01', leavingDate: '2024-06-10' }, false, []],
    ['old record whose school verified it', { lastVerifiedOn: '2023-03-01', schoolVerifiedSinceCreation: true }, false, []],
    ['old record that never passed a verification its school ran', { schoolVerifiedSinceCreation: true }, true, ['never_verified']],
    ['old record, no verification ever ran at its school', { schoolVerifiedSinceCreation: false }, false, []],
    ['young and never verified', { createdOn: '2023-09-01', schoolVerifiedSinceCreation: true }, true, ['record_too_recent', 'never_verified']],
  ])('%s', (_name, over, held, reasons) => {
    const decision = secondApprovalNeeded(history(over));
    expect(decision.held).toBe(held);
    expect(decision.reasons).toEqual(reasons);
  });

  it('reports the years it compared', () => {
    expect(secondApprovalNeeded(history({ createdOn: '2024-06-25' }))).toMatchObject({ schoolYears: 1, minimumSchoolYears: 6 });
  });
});

describe('canSecondReview: the authority above the confirming one, never the confirming account', () => {
  const list = { schoolPath: '/000000/330000/330100/330106/3330106001/', confirmedBy: 'county-account' };
  it.each([
    ['the city above the county', { accountId: 'city-account', organisationCode: '330100' }, null],
    ['the county that confirmed', { accountId: 'other-county-account', organisationCode: '330106' }, 'NOT_AUTHORITY_ABOVE'],
    ['the province (two levels up)', { accountId: 'province-account', organisationCode: '330000' }, 'NOT_AUTHORITY_ABOVE'],
    ['another city', { accountId: 'city-b', organisationCode: '330200' }, 'NOT_AUTHORITY_ABOVE'],
    ['the confirming account itself', { accountId: 'county-account', organisationCode: '330100' }, 'SAME_ACCOUNT'],
  ])('%s', (_name, reviewer, code) => {
    const decision = canSecondReview(reviewer, list);
    expect(decision.ok ? null : decision.code).toBe(code);
  });
});

describe('secondReviewOutcome: decided once, a retry answers the same', () => {
  it.each([
    ['awaiting', 'approve', 'apply'],
    ['awaiting', 'refuse', 'apply'],
    ['approved', 'approve', 'repeat'],
    ['refused', 'refuse', 'repeat'],
    ['approved', 'refuse', 'conflict'],
    ['refused', 'approve', 'conflict'],
  ] as const)('%s + %s → %s', (current, wanted, outcome) => {
    expect(secondReviewOutcome(current, wanted)).toBe(outcome);
  });
});
