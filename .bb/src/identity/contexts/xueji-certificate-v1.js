/**
 * Our JSON-LD extension context for certificates (毕业/结业/肄业证书) issued as Open Badges 3.0
 * credentials: only the fields of a Chinese certificate that neither VC 2.0 nor OB 3.0 has a
 * term for. This service serves it at xuejiCertificateContextUrl(PUBLIC_URL), so any verifier
 * can load it.
 *
 * Frozen once a credential names it: changing a term changes what existing signatures mean.
 * Add a v2 beside it instead (a new path, a new module), and keep serving v1.
 *
 * Terms reuse published vocabularies where one means exactly this (schema.org, Dublin Core);
 * the rest are in the xueji vocabulary, the namespace our v1 credentials already used. The
 * context is protected, so none of its terms may appear in the VC 2.0 or OB 3.0 contexts
 * (their root or their type-scoped contexts) unless defined identically — a spec checks that.
 */
export const XUEJI_CERTIFICATE_CONTEXT_PATH = '/contexts/xueji-certificate/v1';
const XUEJI_VOCAB = 'https://w3id.org/xueji/vocab#';
const XSD_DATE = 'http://www.w3.org/2001/XMLSchema#date';
/** The URL this service serves the context at: `${publicUrl}/contexts/xueji-certificate/v1`. */
export function xuejiCertificateContextUrl(publicUrl) {
    return `${publicUrl.replace(/\/+$/, '')}${XUEJI_CERTIFICATE_CONTEXT_PATH}`;
}
export const XUEJI_CERTIFICATE_CONTEXT_V1 = {
    '@context': {
        '@version': 1.1,
        '@protected': true,
        /** The holder's gender as the register records it (男/女). */
        gender: 'https://schema.org/gender',
        /** The holder's birth date, YYYY-MM-DD. */
        birthDate: { '@id': 'https://schema.org/birthDate', '@type': XSD_DATE },
        /** The lifelong student number (学籍号, S…): never the national G/L number, never an ID number. */
        studentNumber: `${XUEJI_VOCAB}studentNumber`,
        /** The school's 10-digit code (学校标识码), on the school's Profile. */
        schoolCode: `${XUEJI_VOCAB}schoolCode`,
        /** On the Achievement: 小学, 初中 or 高中. */
        educationStage: 'https://schema.org/educationalLevel',
        /** On the Achievement: 毕业证书, 结业证书 or 肄业证书. */
        certificateKind: 'https://schema.org/credentialCategory',
        /** The number printed on the certificate (证书编号). */
        certificateNumber: `${XUEJI_VOCAB}certificateNumber`,
        /** The credential (urn:uuid) that this one corrects and supersedes. */
        replaces: { '@id': 'http://purl.org/dc/terms/replaces', '@type': '@id' },
    },
};
//# sourceMappingURL=xueji-certificate-v1.js.map