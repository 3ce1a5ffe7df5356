import { createEd25519Signer, ed25519VerificationMethod, generateEd25519KeyPair, publicKeyMultibaseOf, } from './ed25519-keys.js';
import { createP256Signer, generateP256KeyPair, p256PublicKeyMultibaseOf, p256VerificationMethod } from './p256-keys.js';
export const KEY_ALGORITHMS = Object.freeze(['Ed25519', 'P-256']);
const SUPPORT = {
    Ed25519: {
        publicKeyPrefix: 'z6Mk',
        generate: generateEd25519KeyPair,
        createSigner: createEd25519Signer,
        verificationMethod: ed25519VerificationMethod,
        publicKeyOf: publicKeyMultibaseOf,
    },
    'P-256': {
        publicKeyPrefix: 'zDn',
        generate: generateP256KeyPair,
        createSigner: createP256Signer,
        verificationMethod: p256VerificationMethod,
        publicKeyOf: p256PublicKeyMultibaseOf,
    },
};
export function isKeyAlgorithm(value) {
    return typeof value === 'string' && KEY_ALGORITHMS.includes(value);
}
export function algorithmSupport(algorithm) {
    if (!isKeyAlgorithm(algorithm))
        throw new Error(`Unsupported key algorithm "${String(algorithm)}".`);
    return SUPPORT[algorithm];
}
/** The algorithm a public Multikey belongs to, by its multibase prefix; null when none matches. */
export function algorithmOfPublicKey(publicKeyMultibase) {
    if (typeof publicKeyMultibase !== 'string')
        return null;
    return KEY_ALGORITHMS.find((algorithm) => publicKeyMultibase.startsWith(SUPPORT[algorithm].publicKeyPrefix)) ?? null;
}
//# sourceMappingURL=key-algorithms.js.map