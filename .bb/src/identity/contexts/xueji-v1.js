/**
 * Our JSON-LD context for graduation certificates, served at XUEJI_CONTEXT_URL.
 * Kept as a module (not .json) so the same import works under jest's ESM transform and in
 * the tsc build. Once credentials are issued against it, it is frozen: changing any term
 * changes what existing signatures mean. Add a v2 instead.
 *
 * `name` is deliberately https://schema.org/name: the credentials v2 context already defines
 * it as a protected term, and JSON-LD only allows an identical redefinition.
 * `school` and `issuingAuthority` accept either a plain name or an object with `id`/`name`.
 */
export const XUEJI_CONTEXT_URL = 'https://w3id.org/xueji/v1';
export const XUEJI_VOCAB_URL = 'https://w3id.org/xueji/vocab#';
const XSD_DATE = 'http://www.w3.org/2001/XMLSchema#date';
export const XUEJI_CONTEXT_V1 = {
    '@context': {
        '@version': 1.1,
        '@protected': true,
        id: '@id',
        type: '@type',
        GraduationCertificate: 'https://w3id.org/xueji/vocab#GraduationCertificate',
        Graduate: 'https://w3id.org/xueji/vocab#Graduate',
        EducationalOrganization: 'https://w3id.org/xueji/vocab#EducationalOrganization',
        name: 'https://schema.org/name',
        studentNumber: 'https://w3id.org/xueji/vocab#studentNumber',
        gender: 'https://w3id.org/xueji/vocab#gender',
        birthDate: { '@id': 'https://w3id.org/xueji/vocab#birthDate', '@type': XSD_DATE },
        school: 'https://w3id.org/xueji/vocab#school',
        schoolCode: 'https://w3id.org/xueji/vocab#schoolCode',
        educationStage: 'https://w3id.org/xueji/vocab#educationStage',
        enrolmentDate: { '@id': 'https://w3id.org/xueji/vocab#enrolmentDate', '@type': XSD_DATE },
        graduationDate: { '@id': 'https://w3id.org/xueji/vocab#graduationDate', '@type': XSD_DATE },
        certificateNumber: 'https://w3id.org/xueji/vocab#certificateNumber',
        certificateKind: 'https://w3id.org/xueji/vocab#certificateKind',
        issuingAuthority: 'https://w3id.org/xueji/vocab#issuingAuthority',
    },
};
//# sourceMappingURL=xueji-v1.js.map