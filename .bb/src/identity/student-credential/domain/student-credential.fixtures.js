import { statusEntries } from '../../../certificates/status/domain/status-list.js';
import { XUEJI_IDENTITY_CONTEXT_V1, xuejiIdentityContextUrl } from '../../contexts/xueji-identity-v1.js';
import { didKeyDocument } from '../../domain/did-key.js';
import { createDocumentLoader } from '../../domain/document-loader.js';
import { createEd25519Signer, generateEd25519KeyPair } from '../../domain/ed25519-keys.js';
import { createP256Signer, generateP256KeyPair, p256DidKey, p256DidKeyDocument, p256VerificationMethod } from '../../domain/p256-keys.js';
import { DID_CONTEXT_V1_URL } from '../../contexts/did-v1.js';
/**
 * Test fixtures for the student identity credential, built fresh per call: keys, DIDs, an
 * offline loader that resolves the issuer's did:web and any did:key, and a student's facts.
 * Not a spec itself (no tests); imported by the specs beside it.
 */
export const PUBLIC_URL = 'https://xueji.example.cn';
export const ISSUER_DID = 'did:web:xueji.example.cn:issuers:330106';
export function studentFacts(overrides = {}) {
    return {
        issuer: { id: ISSUER_DID, name: '杭州市西湖区教育局' },
        student: {
            name: '李小明',
            gender: 'male',
            birthDate: overrides.birthDate ?? '2011-05-20',
            studentNumber: 'S3320240000000420',
            educationStage: 'junior',
            grade: 9,
            enrolmentStatus: 'enrolled',
        },
        school: {
            code: '3133001234',
            name: '杭州市西湖区文三中学',
            province: { code: '330000', name: '浙江省' },
            city: { code: '330100', name: '杭州市' },
            county: { code: '330106', name: '西湖区' },
        },
    };
}
export function statusEntriesFixture() {
    return statusEntries(PUBLIC_URL, 7, 40_321);
}
/** The supervising authority: a did:web with one P-256 key for selective disclosure. */
export function issuerFixture() {
    const keys = generateP256KeyPair();
    const method = p256VerificationMethod({ id: `${ISSUER_DID}#sd-1`, controller: ISSUER_DID, publicKeyMultibase: keys.publicKeyMultibase });
    return {
        did: ISSUER_DID,
        signer: createP256Signer({ id: method.id, secretKeyMultibase: keys.secretKeyMultibase }),
        didDocument: {
            '@context': [DID_CONTEXT_V1_URL, 'https://w3id.org/security/multikey/v1'],
            id: ISSUER_DID,
            verificationMethod: [method],
            assertionMethod: [method.id],
            authentication: [method.id],
        },
    };
}
export function ed25519Holder() {
    const keys = generateEd25519KeyPair();
    const did = `did:key:${keys.publicKeyMultibase}`;
    return { did, signer: createEd25519Signer({ id: `${did}#${keys.publicKeyMultibase}`, secretKeyMultibase: keys.secretKeyMultibase }) };
}
export function p256Holder() {
    const keys = generateP256KeyPair();
    const { did, verificationMethodId } = p256DidKey(keys.publicKeyMultibase);
    return { did, signer: createP256Signer({ id: verificationMethodId, secretKeyMultibase: keys.secretKeyMultibase }) };
}
/** Resolves the issuer's did:web from memory and every did:key offline; our identity context bundled. */
export function loaderFor(issuer) {
    return createDocumentLoader({
        contexts: { [xuejiIdentityContextUrl(PUBLIC_URL)]: XUEJI_IDENTITY_CONTEXT_V1 },
        resolveDid: async (did) => (did === issuer.did ? issuer.didDocument : (didKeyDocument(did) ?? p256DidKeyDocument(did))),
    });
}
//# sourceMappingURL=student-credential.fixtures.js.map