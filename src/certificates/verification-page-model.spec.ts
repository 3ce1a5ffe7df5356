import { divisionCodeOf, factsOf, outcomeOf, pageView, pickLanguage, readSubmission, type VerificationPageInput } from './verification-page-model.js';
import type { CheckResult } from './verification.service.js';
import { sampleCertificateCredential as credential } from '../../test/support/certificate-fixtures.js';

const CHECKED_AT = new Date('2026-11-29T00:00:00Z');


const ALL_PASS: CheckResult[] = [
  { check: 'proof', ok: true },
  { check: 'issuer', ok: true },
  { check: 'validity', ok: true },
  { check: 'trustedIssuer', ok: true },
  { check: 'statusList', ok: true },
  { check: 'revocation', ok: true },
  { check: 'suspension', ok: true },
];

function withChecks(changes: Partial<Record<CheckResult['check'], boolean | null | 'absent'>>): CheckResult[] {
  const checks = ALL_PASS.map((c) => (c.check in changes ? { ...c, ok: changes[c.check] as boolean | null, detail: `${c.check} detail` } : c));
  return checks.filter((c) => (c.ok as unknown) !== 'absent');
}

function input(overrides: Partial<VerificationPageInput> = {}): VerificationPageInput {
  return {
    report: { verified: true, status: 'valid', checks: ALL_PASS },
    credential: credential(),
    register: { status: 'valid', statusReason: null, statusChangedAt: null, replacedBy: null },
    checkedAt: CHECKED_AT,
    ...overrides,
  };
}

describe('outcomeOf: the first answer that settles it', () => {
  it.each([
    ['all checks passed', { verified: true, status: 'valid', checks: ALL_PASS }, 'valid'],
    ['no certificate at all', null, 'notFound'],
    ['the signature failed', { verified: false, status: 'none', checks: withChecks({ proof: false, statusList: 'absent', revocation: 'absent', suspension: 'absent' }) }, 'tampered'],
    ['the key is not the issuer’s', { verified: false, status: 'valid', checks: withChecks({ issuer: false }) }, 'tampered'],
    ['a tampered copy of a revoked certificate is still reported as tampered', { verified: false, status: 'revoked', checks: withChecks({ proof: false, revocation: false }) }, 'tampered'],
    ['revoked', { verified: false, status: 'revoked', checks: withChecks({ revocation: false }) }, 'revoked'],
    ['suspended', { verified: false, status: 'suspended', checks: withChecks({ suspension: false }) }, 'suspended'],
    ['revoked and suspended: revoked wins', { verified: false, status: 'revoked', checks: withChecks({ revocation: false, suspension: false }) }, 'revoked'],
    ['expired', { verified: false, status: 'valid', checks: withChecks({ validity: false }) }, 'expired'],
    ['another issuer', { verified: false, status: 'unknown', checks: withChecks({ trustedIssuer: false, statusList: false, revocation: null }) }, 'untrusted'],
    ['the status list was unreachable', { verified: false, status: 'unknown', checks: withChecks({ statusList: false, revocation: null, suspension: null }) }, 'unknown'],
  ] as const)('%s → %s', (_, report, expected) => {
    expect(outcomeOf(report as VerificationPageInput['report'])).toBe(expected);
  });
});

describe('pageView', () => {
  it('lists every check a reader asks about, in order, all passed for a valid certificate', () => {
    const view = pageView(input());
    expect(view.outcome).toBe('valid');
    expect(view.rows.map((r) => [r.key, r.state])).toEqual([
      ['signature', 'pass'],
      ['issuerKey', 'pass'],
      ['issuerKnown', 'pass'],
      ['validity', 'pass'],
      ['notRevoked', 'pass'],
      ['notSuspended', 'pass'],
      ['statusList', 'pass'],
    ]);
    expect(view.rows.some((r) => r.detail)).toBe(false);
    expect(view.reason).toBeNull();
  });

  it('marks status rows as not checked, and why, when the signature failed', () => {
    const view = pageView(input({ report: { verified: false, status: 'none', checks: withChecks({ proof: false, statusList: 'absent', revocation: 'absent', suspension: 'absent' }) } }));
    expect(view.outcome).toBe('tampered');
    expect(view.rows.find((r) => r.key === 'signature')).toEqual({ key: 'signature', state: 'fail', detail: 'proof detail' });
    expect(view.rows.filter((r) => r.state === 'skipped').map((r) => [r.key, r.skipReason])).toEqual([
      ['notRevoked', 'signatureFailed'],
      ['notSuspended', 'signatureFailed'],
      ['statusList', 'signatureFailed'],
    ]);
  });

  it('says an undecided check is unknown, never passed', () => {
    const view = pageView(input({ report: { verified: false, status: 'unknown', checks: withChecks({ statusList: false, revocation: null, suspension: null }) } }));
    expect(view.rows.filter((r) => r.state === 'unknown').map((r) => r.key)).toEqual(['notRevoked', 'notSuspended']);
  });

  it('shows the register’s reason and date for a revoked certificate', () => {
    const changed = new Date('2026-10-01T02:00:00Z');
    const view = pageView(
      input({
        report: { verified: false, status: 'revoked', checks: withChecks({ revocation: false }) },
        register: { status: 'revoked', statusReason: '证书信息有误', statusChangedAt: changed, replacedBy: null },
      }),
    );
    expect(view).toMatchObject({ outcome: 'revoked', reason: '证书信息有误', changedAt: changed, superseded: false, replacedBy: null });
  });

  it('links a superseded certificate to the one that replaced it, reason without its prefix', () => {
    const view = pageView(
      input({
        report: { verified: false, status: 'revoked', checks: withChecks({ revocation: false }) },
        register: { status: 'revoked', statusReason: 'superseded: 姓名更正', statusChangedAt: CHECKED_AT, replacedBy: '0b9e4a1c-2d3e-4f50-8a6b-7c8d9e0f1a2b' },
      }),
    );
    expect(view).toMatchObject({ superseded: true, replacedBy: '0b9e4a1c-2d3e-4f50-8a6b-7c8d9e0f1a2b', reason: '姓名更正' });
  });

  it('notes a reinstated certificate, with the reason it was reinstated', () => {
    const view = pageView(input({ register: { status: 'valid', statusReason: '核实无误', statusChangedAt: CHECKED_AT, replacedBy: null } }));
    expect(view).toMatchObject({ outcome: 'valid', reinstated: true, reason: '核实无误' });
  });

  it('does not show a register reason the verdict does not rest on', () => {
    const view = pageView(
      input({
        report: { verified: false, status: 'none', checks: withChecks({ proof: false }) },
        register: { status: 'revoked', statusReason: '内部备注', statusChangedAt: CHECKED_AT, replacedBy: null },
      }),
    );
    expect(view).toMatchObject({ outcome: 'tampered', reason: null, changedAt: null });
  });

  it('has no details and no rows for an unknown certificate', () => {
    expect(pageView(input({ report: null, credential: null, register: null }))).toMatchObject({ outcome: 'notFound', rows: [], facts: null });
  });
});

describe('factsOf', () => {
  it('takes only what a relying party compares with the paper, the name masked', () => {
    const facts = factsOf(credential(), { name: '杭州市西湖区教育局' });
    expect(facts).toEqual({
      certificateNumber: '330106-2026-000042',
      maskedName: '欧**娜',
      school: '杭州市西湖区文新小学',
      stage: { code: 'primary', text: '小学' },
      kind: { code: 'graduation', text: '毕业证书' },
      studyFrom: '2018-09-01',
      studyTo: '2024-07-05',
      // 17:30 UTC on 4 July is 01:30 on 5 July in China.
      issuedOn: '2024-07-05',
      issuer: { name: '杭州市西湖区教育局', did: 'did:web:xueji.test:issuers:330106', divisionCode: '330106', province: { code: '33', zh: '浙江省' } },
    });
    const shown = JSON.stringify(facts);
    for (const hidden of ['欧阳娜娜', '2012-03-15', 'S330120180000017', '女']) expect(shown).not.toContain(hidden);
  });

  it('never takes the issuer name the credential gives itself', () => {
    const forged = { ...credential(), issuer: { id: 'did:key:z6MkForged', name: '杭州市西湖区教育局' } };
    expect(factsOf(forged, null).issuer).toEqual({ name: undefined, did: 'did:key:z6MkForged', divisionCode: undefined });
    expect(factsOf(credential(), { name: '杭州市西湖区教育局（信任列表）' }).issuer.name).toBe('杭州市西湖区教育局（信任列表）');
  });

  it.each([
    ['not an object', 'hello'],
    ['an array', [1, 2]],
    ['numbers where strings belong', { certificateNumber: 42, credentialSubject: { name: 7, source: [] }, issuer: 5 }],
  ])('reads %s as absent fields rather than failing', (_, value) => {
    expect(factsOf(value, null)).toMatchObject({ certificateNumber: undefined, maskedName: undefined, school: undefined, issuer: { name: undefined } });
  });
});

describe('divisionCodeOf', () => {
  it.each([
    ['did:web:xueji.test:issuers:330106', '330106'],
    ['did:web:localhost%3A3000:issuers:330106', '330106'],
    ['did:web:xueji.test:issuers:3301060001', '330106'],
    ['did:web:xueji.test:schools:330106', undefined],
    ['did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', undefined],
  ])('%s → %s', (did, code) => expect(divisionCodeOf(did)).toBe(code));
});

describe('pickLanguage', () => {
  it.each([
    ['en', undefined, 'en'],
    ['zh', 'en-GB,en;q=0.9', 'zh'],
    [undefined, undefined, 'zh'],
    [undefined, '', 'zh'],
    [undefined, 'en-US,en;q=0.9', 'en'],
    [undefined, 'zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    [undefined, 'de-DE,en;q=0.7,zh;q=0.5', 'en'],
    [undefined, 'zh;q=0.4,en;q=0.8', 'en'],
    [undefined, 'en;q=0,zh-TW', 'zh'],
    [undefined, 'fr', 'zh'],
    ['fr', 'en', 'en'],
    [['en', 'zh'], 'zh', 'zh'],
  ] as const)('?lang=%s, Accept-Language %s → %s', (query, header, expected) => {
    expect(pickLanguage(query, header)).toBe(expected);
  });
});

function nested(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('readSubmission', () => {
  const vc = { '@context': [], type: ['VerifiableCredential'], proof: {} };
  it.each([
    ['pasted JSON', JSON.stringify(vc), undefined, { credential: vc }],
    ['a file, which wins over the text box', 'ignored', Buffer.from(`\uFEFF${JSON.stringify(vc)}`), { credential: vc }],
    ['a VC API answer, unwrapped', JSON.stringify({ id: 'x', verifiableCredential: vc }), undefined, { credential: vc }],
    ['nothing', '  ', undefined, { problem: 'empty' }],
    ['an empty file and no text', undefined, Buffer.alloc(0), { problem: 'empty' }],
    ['not JSON', '{"a":', undefined, { problem: 'notJson' }],
    ['a JSON array', '[1]', undefined, { problem: 'notObject' }],
    ['a JSON string', '"vc"', undefined, { problem: 'notObject' }],
    ['a credential nested 65 deep', JSON.stringify({ ...vc, credentialSubject: nested(64) }), undefined, { problem: 'tooDeep' }],
    ['a credential holding 6,000 values (under 64 KB)', JSON.stringify({ ...vc, credentialSubject: { items: Array.from({ length: 6_000 }, (_, i) => `i${i}`) } }), undefined, { problem: 'tooManyValues' }],
    ['the same as a file', undefined, Buffer.from(JSON.stringify({ verifiableCredential: { ...vc, credentialSubject: { items: Array.from({ length: 6_000 }, () => 0) } } })), { problem: 'tooManyValues' }],
  ] as const)('%s', (_, pasted, file, expected) => {
    expect(readSubmission(pasted, file)).toEqual(expected);
  });
});
