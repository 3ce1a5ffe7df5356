import { canStartPeriod, statusOn, type StatusPeriod } from './status-history.js';

const suspendedAndBack: StatusPeriod[] = [
  { status: 'enrolled', from: '2024-09-01', to: '2026-02-20', requestId: null },
  { status: 'suspended', from: '2026-02-20', to: '2026-06-01', requestId: 'r1' },
  { status: 'enrolled', from: '2026-06-01', to: null, requestId: 'r2' },
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
      { status: 'enrolled', from: '2025-09-01', to: '2026-01-05', requestId: null },
      { status: 'suspended', from: '2026-01-05', to: '2026-01-05', requestId: 'r' },
      { status: 'deceased', from: '2026-01-05', to: null, requestId: 'd' },
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
