import { printableFromCredential } from '../../../src/certificates/print/printable-from-credential.js';
import type { PrintableCertificate } from '../../../src/certificates/print/printable-certificate.js';
import { stageEndDate } from '../../../src/registry/domain/student-lifecycle.js';
import type { paths } from '../api/schema';

export type Certificate = paths['/certificates/{id}']['get']['responses'][200]['content']['application/json'];
export type LeaverList = paths['/leaver-lists/{id}']['get']['responses'][200]['content']['application/json'];
export type LeaverListSummary = paths['/leaver-lists']['get']['responses'][200]['content']['application/json']['items'][number];

/**
 * What the certificate says, read from the signed credential by the service's own rule (the one
 * its print.html and print.pdf use, bundled as is): the console shows what was signed.
 */
export function readCertificate(cert: Certificate): PrintableCertificate {
  return printableFromCredential(cert.verifiableCredential, { status: cert.status, verificationUrl: cert.verificationUrl });
}

/**
 * The day a student's stage ends, by the rule the service applies to a leaver row
 * (src/registry/domain/student-lifecycle.ts): graduation or completion needs the whole stage.
 */
export function stageEnds(student: { educationStage: 'primary' | 'junior' | 'senior'; grade: number; enrolmentDate: string }): string {
  return stageEndDate(student.educationStage, student.grade, student.enrolmentDate);
}

/** Whether the signed-in authority issued the certificate: its DID ends with the authority's code. */
export function issuedBy(cert: Certificate, organisationCode: string | undefined): boolean {
  return organisationCode !== undefined && cert.issuerDid.endsWith(`:issuers:${organisationCode}`);
}


/** `items.<index>.<field>` of a refused list, as the row it names. */
export function rowOfField(field: string): number | undefined {
  const match = /^items\.(\d+)\./.exec(field);
  return match ? Number(match[1]) : undefined;
}
