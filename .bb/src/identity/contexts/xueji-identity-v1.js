/**
 * Our JSON-LD context for the student identity credential (学生可信教育数字身份): the claims
 * VC 2.0 has no term for. This service serves it at xuejiIdentityContextUrl(PUBLIC_URL), so
 * any verifier can load it (and should bundle it, as ours does).
 *
 * Frozen once a credential names it: changing a term changes what existing signatures mean.
 * Add a v2 beside it instead (a new path, a new module), and keep serving v1.
 *
 * `name` is VC 2.0's own (https://schema.org/name) and is not redefined. Terms shared with the
 * certificate context (gender, birthDate, studentNumber, schoolCode, educationStage) are defined
 * identically, so both contexts may appear in one document. The context is protected, and a spec
 * checks that it defines no VC 2.0 term differently.
 *
 * The age terms keep the ISO/IEC 18013-5 spelling (age_over_NN) that wallets and verifiers know.
 */
export const XUEJI_IDENTITY_CONTEXT_PATH = '/contexts/xueji-identity/v1';
const XUEJI_VOCAB = 'https://w3id.org/xueji/vocab#';
const XSD_DATE = 'http://www.w3.org/2001/XMLSchema#date';
/** The URL this service serves the context at: `${publicUrl}/contexts/xueji-identity/v1`. */
export function xuejiIdentityContextUrl(publicUrl) {
    return `${publicUrl.replace(/\/+$/, '')}${XUEJI_IDENTITY_CONTEXT_PATH}`;
}
export const XUEJI_IDENTITY_CONTEXT_V1 = {
    '@context': {
        '@version': 1.1,
        '@protected': true,
        /** The credential type: a student's identity, issued from the register by the supervising authority. */
        StudentIdentityCredential: `${XUEJI_VOCAB}StudentIdentityCredential`,
        /** male | female, as the register records it. */
        gender: 'https://schema.org/gender',
        /** YYYY-MM-DD. */
        birthDate: { '@id': 'https://schema.org/birthDate', '@type': XSD_DATE },
        /** The lifelong student number (学籍号, S…): never the national G/L number, never an ID number. */
        studentNumber: `${XUEJI_VOCAB}studentNumber`,
        /** The school the student is registered at (a node without an id, see the credential builder). */
        school: `${XUEJI_VOCAB}school`,
        /** The school's 10-digit code (学校标识码). */
        schoolCode: `${XUEJI_VOCAB}schoolCode`,
        /** The school's province, city and county: nodes with a divisionCode and a name. */
        province: `${XUEJI_VOCAB}province`,
        city: `${XUEJI_VOCAB}city`,
        county: `${XUEJI_VOCAB}county`,
        /** The 6-digit administrative division code (GB/T 2260 行政区划代码). */
        divisionCode: `${XUEJI_VOCAB}divisionCode`,
        /** primary | junior | senior. */
        educationStage: 'https://schema.org/educationalLevel',
        /** 1–12, the grade the register records. */
        grade: `${XUEJI_VOCAB}grade`,
        /** The register status (enrolled, graduation_proposed, graduated). */
        enrolmentStatus: `${XUEJI_VOCAB}enrolmentStatus`,
        /** True when the holder is at least NN years old throughout the validity period. */
        age_over_12: `${XUEJI_VOCAB}age_over_12`,
        age_over_14: `${XUEJI_VOCAB}age_over_14`,
        age_over_16: `${XUEJI_VOCAB}age_over_16`,
        age_over_18: `${XUEJI_VOCAB}age_over_18`,
    },
};
//# sourceMappingURL=xueji-identity-v1.js.map