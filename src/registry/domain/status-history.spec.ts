import { canStartPeriod, placementOn, statusOn, type StatusPeriod } from './status-history.js';

const AT = { schoolCode: '3330106001', stage: 'junior', grade: 8 } as const;

const suspendedAndBack: StatusPeriod[] = [
  { ...AT, status: 'enrolled', from: '2024-09-01', to: '2026-02-20', requestId: null },
  { ...AT, status: 'suspended', from: '2026-02-20', to: '2026-06-01', requestId: 'r1' },
  { ...AT, status: 'enrolled', from: '2026-06-01', to: null, requestId: 'r2' },
];

describe('statusOn', () => {
  it.each([
    ['before the record existed', '2024-08-31', null],
    ['on the enrolment day', '2024-09-01', 'enrolled'],
    ['the day before a suspension', '2026-02-19', 'enrolled'],
    ['on the first day of a suspension (starts inclusive)', '2026-02-20', 'suspended'],
    ['during the suspension', '2026-03-01', 'suspended'],
    ['on the day of resumption (ends exclusive)', '2026-06-01', 'enrolled'],
    ['long after, in the open period', '2030-01-01', 'enrolled'],
  ])('%s', (_case, date, expected) => {
    expect(statusOn(suspendedAndBack, date)).toBe(expected);
  });

  it('answers null for a record without periods', () => {
    expect(statusOn([], '2026-01-01')).toBeNull();
  });

  it('a period starting and ending on the same day (to = from) covers no day', () => {
    const periods: StatusPeriod[] = [
      { ...AT, status: 'enrolled', from: '2025-09-01', to: '2026-01-05', requestId: null },
      { ...AT, status: 'suspended', from: '2026-01-05', to: '2026-01-05', requestId: 'r' },
      { ...AT, status: 'deceased', from: '2026-01-05', to: null, requestId: 'd' },
    ];
    expect(statusOn(periods, '2026-01-05')).toBe('deceased');
  });
});

describe('canStartPeriod', () => {
  it.each([
    [null, '2026-01-01', true],
    [{ from: '2026-01-01' }, '2026-01-01', true],
    [{ from: '2026-01-01' }, '2026-03-01', true],
    [{ from: '2026-01-01' }, '2025-12-31', false],
  ])('current %j, new from %s → %s', (current, from, expected) => {
    expect(canStartPeriod(current, from)).toBe(expected);
  });
});

describe('placementOn', () => {
  const moved: StatusPeriod[] = [
    { ...AT, grade: 7, status: 'enrolled', from: '2025-09-01', to: '2026-02-24', requestId: null },
    { schoolCode: '3320102001', stage: 'junior', grade: 7, status: 'enrolled', from: '2026-02-24', to: '2026-09-01', requestId: 't' },
    { schoolCode: '3320102001', stage: 'junior', grade: 8, status: 'enrolled', from: '2026-09-01', to: null, requestId: null },
  ];

  it.each([
    ['before the transfer: the first school, grade 7', '2026-02-23', { schoolCode: '3330106001', grade: 7 }],
    ['on the day of transfer: the receiving school', '2026-02-24', { schoolCode: '3320102001', grade: 7 }],
    ['after the yearly promotion: grade 8', '2026-09-01', { schoolCode: '3320102001', grade: 8 }],
  ])('%s', (_case, date, expected) => {
    expect(placementOn(moved, date)).toEqual({ status: 'enrolled', stage: 'junior', ...expected });
  });

  it('answers null before the record existed', () => {
    expect(placementOn(moved, '2025-08-31')).toBeNull();
  });
});
