import { inRegion, mayApprove, useRefusal, type ApprovalTerms } from './approval.js';
import { firstClaimOutside, isShareableClaim } from './claims.js';

const approval: ApprovalTerms = {
  status: 'active',
  claims: ['enrolment_status', 'region', 'age_over_14'],
  regionPath: '/000000/330000/330100/',
  validUntil: '2027-06-30',
  volumeLimit: 100,
  used: 99,
};

describe('using an approval', () => {
  it('allows what it names, inside its period and volume', () => {
    expect(useRefusal(approval, ['enrolment_status', 'age_over_14'], '2027-06-30')).toBeNull();
  });

  it.each([
    ['a claim outside it, naming the claim', approval, ['enrolment_status', 'name'], '2027-01-01', { code: 'CLAIM_NOT_APPROVED', claim: 'name' }],
    ['after its last day', approval, ['region'], '2027-07-01', { code: 'APPROVAL_EXPIRED' }],
    ['beyond its volume', { ...approval, used: 100 }, ['region'], '2027-01-01', { code: 'APPROVAL_VOLUME_EXCEEDED' }],
    ['when suspended', { ...approval, status: 'suspended' as const }, ['region'], '2027-01-01', { code: 'APPROVAL_NOT_ACTIVE' }],
    ['when revoked', { ...approval, status: 'revoked' as const }, ['region'], '2027-01-01', { code: 'APPROVAL_NOT_ACTIVE' }],
  ])('refuses %s', (_, terms, claims, today, refusal) => {
    expect(useRefusal(terms, claims, today)).toMatchObject(refusal);
  });

  it('covers the students of its region only', () => {
    expect(inRegion(approval, '/000000/330000/330100/330106/3330106001/')).toBe(true);
    expect(inRegion(approval, '/000000/330000/330200/330203/3330203001/')).toBe(false);
  });

  it('is granted by county-level authorities and above only', () => {
    expect(['national', 'province', 'city', 'county'].every(mayApprove)).toBe(true);
    expect(mayApprove('school')).toBe(false);
  });

  it('knows the claims that can be shared, and not the student number', () => {
    expect(isShareableClaim('age_over_18')).toBe(true);
    expect(isShareableClaim('student_number')).toBe(false);
    expect(firstClaimOutside(['a', 'b'], ['a'])).toBe('b');
  });
});
