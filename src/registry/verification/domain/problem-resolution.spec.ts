import { checkResolution, type ProblemFacts } from './problem-resolution.js';

const SCHOOL = '/000000/330000/330100/330106/3330106001/';
const COUNTY = '/000000/330000/330100/330106/';
const duplicate: ProblemFacts = { kind: 'duplicate', status: 'open', scopePath: SCHOOL, otherScopePath: '/000000/320000/320100/320102/3320102001/', studentId: 'a', otherStudentId: 'b' };
const phantom: ProblemFacts = { kind: 'phantom', status: 'open', scopePath: SCHOOL, otherScopePath: null, studentId: 'a', otherStudentId: null };

describe('checkResolution', () => {
  it('merges a duplicate into the record named, removing the other', () => {
    expect(checkResolution(duplicate, COUNTY, 'merged', 'b')).toEqual({ ok: true, keep: 'b', remove: 'a' });
  });

  it("the other side's authority may resolve too", () => {
    expect(checkResolution(duplicate, '/000000/320000/', 'distinct', undefined)).toEqual({ ok: true });
  });

  it.each([
    ['by the school itself', duplicate, SCHOOL, 'distinct', undefined, 'NOT_SUPERVISING'],
    ['by an unrelated county', duplicate, '/000000/330000/330100/330108/', 'distinct', undefined, 'NOT_SUPERVISING'],
    ['twice', { ...duplicate, status: 'resolved' as const }, COUNTY, 'distinct', undefined, 'ALREADY_RESOLVED'],
    ['a phantom "merged"', phantom, COUNTY, 'merged', 'a', 'INVALID_RESOLUTION'],
    ['a duplicate "resolved"', duplicate, COUNTY, 'resolved', undefined, 'INVALID_RESOLUTION'],
    ['a merge naming neither record', duplicate, COUNTY, 'merged', 'c', 'INVALID_RESOLUTION'],
  ] as const)('refuses a resolution %s', (_case, problem, actor, resolution, keep, code) => {
    expect(checkResolution(problem, actor, resolution, keep)).toMatchObject({ ok: false, code });
  });
});
