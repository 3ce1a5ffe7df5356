import { XUEJI_CONTEXT_URL } from '../../identity/domain/document-loader.js';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

export interface GraduationFacts {
  certificateId: string;
  certificateNumber: string;
  issuer: { id: string; name: string };
  issuedAt: Date;
  student: {
    studentNumber: string;
    name: string;
    gender: 'male' | 'female';
    birthDate: string;
    educationStage: string;
    enrolmentDate: string;
    graduationDate: string;
  };
  school: { code: string; name: string };
}

/**
 * The unsigned graduation certificate (第十九条), a VC 2.0 credential. It names the graduate as
 * a paper certificate does, but carries no ID number: the student number identifies the record.
 */
export function buildGraduationCredential(f: GraduationFacts) {
  return {
    '@context': [VC_V2, XUEJI_CONTEXT_URL],
    id: `urn:uuid:${f.certificateId}`,
    type: ['VerifiableCredential', 'GraduationCertificate'],
    name: '毕业证书 Graduation Certificate',
    issuer: { id: f.issuer.id, name: f.issuer.name },
    validFrom: f.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    credentialSubject: {
      type: 'Graduate',
      studentNumber: f.student.studentNumber,
      name: f.student.name,
      gender: f.student.gender,
      birthDate: f.student.birthDate,
      educationStage: f.student.educationStage,
      enrolmentDate: f.student.enrolmentDate,
      graduationDate: f.student.graduationDate,
      school: f.school.name,
      schoolCode: f.school.code,
      certificateNumber: f.certificateNumber,
      certificateKind: 'graduation',
    },
  };
}

export type GraduationCredential = ReturnType<typeof buildGraduationCredential>;
