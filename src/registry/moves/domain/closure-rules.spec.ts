import { checkClosure } from './closure-rules.js';

const COUNTY = '/000000/330000/330100/330106/';
const school = (code: string, closedOn: string | null = null) => ({ level: 'school', path: `${COUNTY}${code}/`, closedOn });
const county = { level: 'county', path: COUNTY, closedOn: null };
const OTHER_COUNTY = { level: 'county', path: '/000000/330000/330100/330108/', closedOn: null };
const FAR_SCHOOL = { level: 'school', path: '/000000/330000/330100/330108/3330108001/', closedOn: null };

describe('checkClosure (第十二条)', () => {
  it.each([
    ['a merger into another school of the county', 'merger', school('3330106001'), school('3330106002'), COUNTY],
    ['a closure to the supervising authority', 'closure', school('3330106001'), county, COUNTY],
    ['a closure to a school the authority names', 'closure', school('3330106001'), school('3330106002'), COUNTY],
    ['a merger decided by the city above both', 'merger', school('3330106001'), school('3330106002'), '/000000/330000/330100/'],
  ] as const)('allows %s', (_case, kind, from, to, actor) => {
    expect(checkClosure(kind, from, to, actor)).toBeNull();
  });

  it.each([
    ['a county', 'closure', county, county, '/000000/330000/', 'NOT_A_SCHOOL'],
    ['by the school itself', 'merger', school('3330106001'), school('3330106002'), `${COUNTY}3330106001/`, 'NOT_SUPERVISING'],
    ['by another county', 'merger', school('3330106001'), school('3330106002'), OTHER_COUNTY.path, 'NOT_SUPERVISING'],
    ['twice', 'merger', school('3330106001', '2026-07-01'), school('3330106002'), COUNTY, 'SCHOOL_CLOSED'],
    ['into itself', 'merger', school('3330106001'), school('3330106001'), COUNTY, 'SAME_SCHOOL'],
    ['into a school outside the subtree', 'merger', school('3330106001'), FAR_SCHOOL, COUNTY, 'NOT_IN_SUBTREE'],
    ['into a closed school', 'merger', school('3330106001'), school('3330106002', '2026-07-01'), COUNTY, 'SCHOOL_CLOSED'],
    ['a merger into an authority', 'merger', school('3330106001'), county, COUNTY, 'NOT_A_SCHOOL'],
    ['a closure to an authority other than its own', 'closure', school('3330106001'), { ...county, path: '/000000/330000/330100/' }, '/000000/330000/330100/', 'NOT_A_SUCCESSOR'],
  ] as const)('refuses %s', (_case, kind, from, to, actor, code) => {
    expect(checkClosure(kind, from, to, actor)).toMatchObject({ code });
  });
});
