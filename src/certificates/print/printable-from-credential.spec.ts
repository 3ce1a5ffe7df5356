import { CERTIFICATE_KINDS, EDUCATION_STAGES } from '../domain/certificate-credential.js';
import { renderCertificateHtml } from './certificate-html.js';
import { assertPrintable } from './printable-certificate.js';
import { printableFromCredential } from './printable-from-credential.js';
import { sampleCertificateCredential as credential } from '../../../test/support/certificate-fixtures.js';

const URL_OF_PAGE = 'http://xueji.test/verify/6f1c2a4e-1d2b-4c3d-8e9f-0a1b2c3d4e5f';


describe('printableFromCredential', () => {
  it('prints what the issuer signed, with the register’s status and the QR page', () => {
    const model = printableFromCredential(credential(), { status: 'valid', verificationUrl: URL_OF_PAGE });
    expect(model).toEqual({
      kind: 'graduation',
      certificateNumber: '330106-2026-000042',
      holder: { name: '欧阳娜娜', gender: 'female', birthDate: '2012-03-15' },
      school: { name: '杭州市西湖区文新小学' },
      stage: 'primary',
      studyFrom: '2018-09-01',
      studyTo: '2024-07-05',
      issuer: { name: '杭州市西湖区教育局', did: 'did:web:xueji.test:issuers:330106' },
      issuedOn: '2024-07-05',
      verificationUrl: URL_OF_PAGE,
      status: 'valid',
    });
    expect(() => assertPrintable(model)).not.toThrow();
  });

  const cases = CERTIFICATE_KINDS.flatMap((kind) => EDUCATION_STAGES.map((stage) => [kind, stage] as const));
  it.each(cases)('maps a %s certificate of the %s stage', (kind, stage) => {
    const vc = credential({ kind, student: { studentNumber: 'S1', name: '李华', gender: 'male', birthDate: '2008-01-02', educationStage: stage } });
    expect(printableFromCredential(vc, { status: 'revoked', verificationUrl: URL_OF_PAGE })).toMatchObject({ kind, stage, status: 'revoked', holder: { gender: 'male' } });
  });

  it('falls back on the Chinese words when the achievement id is not ours', () => {
    const vc = credential({ kind: 'completion' });
    const subject = vc.credentialSubject as { achievement: Record<string, unknown> };
    subject.achievement = { ...subject.achievement, id: 'https://elsewhere.example/a/1' };
    expect(printableFromCredential(vc, { status: 'valid', verificationUrl: URL_OF_PAGE })).toMatchObject({ kind: 'completion', stage: 'primary' });
  });

  it('renders to a page that carries the full name, since it is the certificate itself', async () => {
    const html = await renderCertificateHtml(printableFromCredential(credential(), { status: 'suspended', verificationUrl: URL_OF_PAGE }));
    expect(html).toContain('欧阳娜娜');
    expect(html).toContain('已暂停');
  });

  it('leaves a broken credential to the renderer’s guard, which names every field', () => {
    const model = printableFromCredential({ credentialSubject: { name: 42, gender: 'x' }, issuer: 'did:web:xueji.test:issuers:330106' }, { status: 'valid', verificationUrl: URL_OF_PAGE });
    expect(() => assertPrintable(model)).toThrow(expect.objectContaining({ code: 'CERTIFICATE_NOT_PRINTABLE' }));
    try {
      assertPrintable(model);
    } catch (error) {
      const fields = (error as { errors: Array<{ field: string }> }).errors.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['kind', 'certificateNumber', 'holder.name', 'holder.gender', 'school.name', 'stage', 'issuedOn']));
      expect(fields).not.toContain('issuer.did');
    }
  });
});
