import { compromiseTimeProblem, revokedKeyVerdict } from './key-lifecycle.js';

const KEY = 'did:web:xueji.test:issuers:330106#z6MkOld';
const T = '2026-03-01T00:00:00.000Z';

describe('revokedKeyVerdict', () => {
  it.each([
    {
      case: 'made before the compromise and recorded by the register',
      created: '2026-02-28T23:59:59Z',
      recordedBefore: true,
      accepted: true,
      detail: `Signed at 2026-02-28T23:59:59Z with key ${KEY}, before its compromise at ${T}, as the register records.`,
    },
    {
      case: 'claimed before the compromise but not on record (a backdated forgery looks like this)',
      created: '2026-02-28T23:59:59Z',
      recordedBefore: false,
      accepted: false,
      detail: `Signed with key ${KEY}, revoked after compromise at ${T}: the proof claims 2026-02-28T23:59:59Z, but the register holds no record of it made before the compromise.`,
    },
    {
      case: 'made at the compromise time exactly',
      created: T,
      recordedBefore: true,
      accepted: false,
      detail: `Signed with key ${KEY}, revoked after compromise at ${T}: the proof was made at ${T}, after the compromise.`,
    },
    {
      case: 'made after the compromise',
      created: '2026-03-02T00:00:00Z',
      recordedBefore: true,
      accepted: false,
      detail: `Signed with key ${KEY}, revoked after compromise at ${T}: the proof was made at 2026-03-02T00:00:00Z, after the compromise.`,
    },
    {
      case: 'without a creation time',
      created: undefined,
      recordedBefore: true,
      accepted: false,
      detail: `Signed with key ${KEY}, revoked after compromise at ${T}: the proof carries no creation time.`,
    },
    {
      case: 'with a creation time that is not a date',
      created: 'yesterday',
      recordedBefore: true,
      accepted: false,
      detail: `Signed with key ${KEY}, revoked after compromise at ${T}: the proof carries no creation time.`,
    },
  ])('a proof $case: accepted $accepted', ({ created, recordedBefore, accepted, detail }) => {
    expect(revokedKeyVerdict({ methodId: KEY, revoked: T, created, recordedBefore })).toEqual({ accepted, detail });
  });

  it('refuses when the revocation time itself is not a date', () => {
    expect(revokedKeyVerdict({ methodId: KEY, revoked: 'soon', created: T, recordedBefore: true }).accepted).toBe(false);
  });
});

describe('compromiseTimeProblem', () => {
  const now = new Date('2026-03-05T10:00:00Z');

  it.each([
    { at: '2026-03-01T00:00:00Z', problem: null },
    { at: '2026-03-05T10:00:30Z', problem: null },
    { at: '2026-03-05T10:05:00Z', problem: 'compromisedAt (2026-03-05T10:05:00.000Z) is in the future; a compromise is reported once it happened' },
  ])('a compromise at $at, reported at 10:00: $problem', ({ at, problem }) => {
    expect(compromiseTimeProblem(new Date(at), now)).toBe(problem);
  });
});
