import { buildCertificateCredential, type CertificateFacts } from '../../src/certificates/domain/certificate-credential.js';
import type { PrintableCertificate } from '../../src/certificates/print/printable-certificate.js';

/**
 * The sample certificate the page and print specs share: a primary-school 毕业证书 issued by
 * 杭州市西湖区教育局. 17:30 UTC on 4 July is 5 July in China, the printed date of issue.
 */
export function sampleCertificateCredential(overrides: Partial<CertificateFacts> = {}): Record<string, unknown> {
  return buildCertificateCredential(
    {
      certificateId: '6f1c2a4e-1d2b-4c3d-8e9f-0a1b2c3d4e5f',
      certificateNumber: '330106-2026-000042',
      kind: 'graduation',
      issuer: { id: 'did:web:xueji.test:issuers:330106', name: '杭州市西湖区教育局' },
      issuedAt: new Date('2024-07-04T17:30:00Z'),
      student: { studentNumber: 'S330120180000017', name: '欧阳娜娜', gender: 'female', birthDate: '2012-03-15', educationStage: 'primary' },
      school: { code: '3330106001', name: '杭州市西湖区文新小学' },
      studyFrom: '2018-09-01',
      studyTo: '2024-07-05',
      ...overrides,
    },
    { publicUrl: 'http://xueji.test' },
  );
}

/** The print model the print specs share. */
export function samplePrintable(overrides: Partial<PrintableCertificate> = {}): PrintableCertificate {
  return {
    kind: 'graduation',
    certificateNumber: '330106-2026-000042',
    holder: { name: '李华', gender: 'female', birthDate: '2012-03-15' },
    school: { name: '西湖小学' },
    stage: 'primary',
    studyFrom: '2018-09-01',
    studyTo: '2024-07-05',
    issuer: { name: '杭州市西湖区教育局', did: 'did:web:xueji.example:issuers:330106' },
    issuedOn: '2024-07-05',
    verificationUrl: 'https://xueji.example/v/330106-2026-000042',
    status: 'valid',
    ...overrides,
  };
}
