import { chunkAuditDetails, jobsFor, progressOf, resolveRows, reviewProblem, rowStillMatches } from './leaver-list.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('resolveRows', () => {
  it('fills each row from the list defaults, a row of its own winning', () => {
    const { rows, problems } = resolveRows({ leavingDate: '2024-07-01' }, [{ studentId: A }, { studentId: B, leavingKind: 'incompletion', leavingDate: '2023-01-10' }]);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { studentId: A, leavingKind: 'graduation', leavingDate: '2024-07-01' },
      { studentId: B, leavingKind: 'incompletion', leavingDate: '2023-01-10' },
    ]);
  });

  it.each([
    ['a student named twice, as a problem of the later row', {}, [{ studentId: A, leavingDate: '2024-07-01' }, { studentId: A, leavingDate: '2024-07-01' }], [{ field: 'items.1.studentId', message: 'the same student as items.0' }]],
    ['a row without a date when the list gives none', { leavingKind: 'completion' as const }, [{ studentId: A }], [{ field: 'items.0.leavingDate', message: 'is required when the list gives no leavingDate' }]],
  ])('names %s', (_, defaults, input, expected) => {
    expect(resolveRows(defaults, input).problems).toEqual(expected);
  });
});

describe('reviewProblem', () => {
  it.each([
    ['proposed', null],
    ['refused', 'the list was refused'],
    ['issuing', 'the list was already approved'],
    ['issued', 'the list was already approved'],
  ] as const)('a %s list: %s', (state, message) => {
    expect(reviewProblem(state)?.message ?? null).toBe(message);
    if (message) expect(reviewProblem(state)?.code).toBe('LEAVER_LIST_ALREADY_REVIEWED');
  });
});

describe('jobsFor', () => {
  it.each([
    [0, 0],
    [1, 1],
    [500, 1],
    [501, 2],
    [1500, 3],
    [10_000, 4],
  ])('%i rows → %i jobs (one per chunk, at most four)', (total, jobs) => {
    expect(jobsFor(total, 500, 4)).toBe(jobs);
  });
});

describe('progressOf', () => {
  it('counts what is neither issued, failed nor held as pending', () => {
    expect(progressOf(10, { issued: 6, failed: 1 })).toEqual({ total: 10, done: 6, failed: 1, held: 0, pending: 3 });
    expect(progressOf(4, {})).toEqual({ total: 4, done: 0, failed: 0, held: 0, pending: 4 });
    expect(progressOf(10, { issued: 6, held: 2 })).toEqual({ total: 10, done: 6, failed: 0, held: 2, pending: 2 });
  });
});

describe('chunkAuditDetails', () => {
  it('names the count and the first and last certificate instead of every one', () => {
    const issued = [1, 2, 3].map((n) => ({ id: `id-${n}`, certificateNumber: `330106-2026-00000${n}` }));
    expect(chunkAuditDetails(issued, [], 'did:web:x')).toEqual({
      count: 3,
      failed: 0,
      issuerDid: 'did:web:x',
      firstCertificateId: 'id-1',
      lastCertificateId: 'id-3',
      firstNumber: '330106-2026-000001',
      lastNumber: '330106-2026-000003',
    });
  });

  it('names failed rows by student id and code only (no personal data)', () => {
    const details = chunkAuditDetails([], [{ studentId: A, code: 'RECORD_CHANGED' }, { studentId: B, code: 'RECORD_CHANGED' }], 'did:web:x');
    expect(details).toEqual({ count: 0, failed: 2, issuerDid: 'did:web:x', failedStudentIds: [A, B], failedCodes: ['RECORD_CHANGED'] });
  });
});

describe('rowStillMatches', () => {
  it.each([
    [{ leavingKind: 'graduation', leavingDate: '2024-07-01' }, { kind: 'graduation', graduationDate: '2024-07-01' }, true],
    [{ leavingKind: 'graduation', leavingDate: '2024-07-01' }, { kind: 'completion', graduationDate: '2024-07-01' }, false],
    [{ leavingKind: 'graduation', leavingDate: '2024-07-01' }, { kind: 'graduation', graduationDate: '2024-06-30' }, false],
  ])('%j against the register %j → %s', (row, record, expected) => {
    expect(rowStillMatches(row, record)).toBe(expected);
  });
});
