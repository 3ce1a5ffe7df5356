import { XUEJI_CONTEXT_URL } from '../../identity/domain/document-loader.js';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
/**
 * The unsigned graduation certificate (第十九条), a VC 2.0 credential. It names the graduate as
 * a paper certificate does, but carries no ID number: the student number identifies the record.
 */
export function buildGraduationCredential(f) {
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
//# sourceMappingURL=graduation-credential.js.map