import { SHAREABLE_CLAIMS, type ShareableClaim } from './claims.js';
import { CLAIM_PATHS, dcqlQuery, disclosedOutside, disclosedSubject, disclosurePaths, resultClaims, type PresentationFormat } from './claim-paths.js';
import { pairwiseSubject } from './pairwise.js';
import { repeatedFailures, warningFor } from './misuse.js';

const region = { province: { code: '330000', name: '浙江省' }, city: { code: '330100', name: '杭州市' }, county: { code: '330106', name: '西湖区' } };
const sdJwtPayload = {
  iss: 'https://xueji.example/issuers/330106',
  vct: 'https://xueji.example/credentials/types/student-identity',
  cnf: { jwk: { kty: 'EC' } },
  status: { status_list: { idx: 1, uri: 'https://xueji.example/token-status-lists/1' } },
  iat: 1,
  exp: 2,
  region,
  age_over_12: true,
};
const w3cSubject = {
  id: 'did:key:zDnae',
  age_over_12: true,
  school: { type: 'School', province: { code: '330000', name: '浙江省' }, city: { code: '330100', name: '杭州市' }, county: { code: '330106', name: '西湖区' } },
};

describe('claim paths of the two credential formats', () => {
  it('maps every shareable claim in both formats, never to the student number', () => {
    for (const claim of SHAREABLE_CLAIMS) {
      for (const format of ['dc+sd-jwt', 'ldp_vc'] as const) {
        expect(CLAIM_PATHS[claim][format].length).toBeGreaterThan(0);
        expect(JSON.stringify(CLAIM_PATHS[claim][format])).not.toMatch(/student_?[nN]umber/);
      }
    }
  });

  it.each<[ShareableClaim[], PresentationFormat, string[]]>([
    [['region', 'age_over_12'], 'dc+sd-jwt', ['region', 'age_over_12']],
    [['region', 'age_over_12'], 'ldp_vc', ['school.province', 'school.city', 'school.county', 'age_over_12']],
    [['school', 'birth_date'], 'ldp_vc', ['school.name', 'school.schoolCode', 'birthDate']],
    [['birth_date', 'enrolment_status'], 'dc+sd-jwt', ['birthdate', 'enrolment_status']],
  ])('discloses %j in %s as %j', (claims, format, paths) => {
    expect(disclosurePaths(claims, format)).toEqual(paths);
  });

  it('asks in DCQL for either format, with the paths of each', () => {
    const query = dcqlQuery(['region', 'age_over_12'], 'vct:x');
    expect(query.credentials.map((c) => [c.id, c.format])).toEqual([
      ['student_identity_sd_jwt', 'dc+sd-jwt'],
      ['student_identity_ldp_vc', 'ldp_vc'],
    ]);
    expect(query.credentials[0].claims).toEqual([{ path: ['region'] }, { path: ['age_over_12'] }]);
    expect(query.credentials[1].claims[0]).toEqual({ path: ['credentialSubject', 'school', 'province'] });
    expect(query.credential_sets).toEqual([{ options: [['student_identity_sd_jwt'], ['student_identity_ldp_vc']] }]);
  });

  it.each<[string, PresentationFormat, Record<string, unknown>, ShareableClaim[], string[]]>([
    ['SD-JWT, exactly what was asked', 'dc+sd-jwt', sdJwtPayload, ['region', 'age_over_12'], []],
    ['SD-JWT, asked for more than disclosed', 'dc+sd-jwt', sdJwtPayload, ['region', 'age_over_12', 'grade'], []],
    ['SD-JWT, an extra name', 'dc+sd-jwt', { ...sdJwtPayload, name: '张三' }, ['region', 'age_over_12'], ['name']],
    ['SD-JWT, region not asked', 'dc+sd-jwt', sdJwtPayload, ['age_over_12'], ['region.province.code', 'region.province.name', 'region.city.code', 'region.city.name', 'region.county.code', 'region.county.name']],
    ['W3C, exactly what was asked', 'ldp_vc', w3cSubject, ['region', 'age_over_12'], []],
    ['W3C, the school name is not the region', 'ldp_vc', { ...w3cSubject, school: { ...w3cSubject.school, name: '某小学' } }, ['region', 'age_over_12'], ['school.name']],
    ['W3C, an extra birth date', 'ldp_vc', { ...w3cSubject, birthDate: '2012-01-01' }, ['region', 'age_over_12'], ['birthDate']],
  ])('%s', (_case, format, claims, requested, outside) => {
    expect(disclosedOutside(format, disclosedSubject(format, claims), requested)).toEqual(outside);
  });

  it('keeps only the requested claims, under their approval names, in either format', () => {
    expect(resultClaims('dc+sd-jwt', disclosedSubject('dc+sd-jwt', sdJwtPayload), ['region', 'age_over_12'])).toEqual({ region, age_over_12: true });
    expect(resultClaims('ldp_vc', disclosedSubject('ldp_vc', w3cSubject), ['region', 'age_over_12'])).toEqual({ region, age_over_12: true });
  });
});

describe('pairwise subject', () => {
  const key = Buffer.alloc(32, 7);
  it('is stable for one relying system and differs for another and under another key', () => {
    const a = pairwiseSubject(key, 'rs-a', 'student-1');
    expect(pairwiseSubject(key, 'rs-a', 'student-1')).toBe(a);
    expect(pairwiseSubject(key, 'rs-b', 'student-1')).not.toBe(a);
    expect(pairwiseSubject(key, 'rs-a', 'student-2')).not.toBe(a);
    expect(pairwiseSubject(Buffer.alloc(32, 8), 'rs-a', 'student-1')).not.toBe(a);
    expect(a).toMatch(/^ps_[\w-]{43}$/);
  });
});

describe('misuse warnings', () => {
  it.each([
    ['APPROVAL_VOLUME_EXCEEDED', 'sharing.volume_exceeded'],
    ['CLAIM_NOT_APPROVED', 'sharing.outside_scope'],
    ['OUTSIDE_REGION', 'sharing.outside_region'],
    ['NONCE_MISMATCH', null],
  ])('%s → %s', (code, kind) => expect(warningFor(code)).toBe(kind));
  it('warns on the third failed verification', () => {
    expect([1, 2, 3, 4].map(repeatedFailures)).toEqual([false, false, true, true]);
  });
});
