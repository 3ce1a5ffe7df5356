import {
  createEd25519Signer,
  ed25519VerificationMethod,
  generateEd25519KeyPair,
  publicKeyMultibaseOf,
  type Ed25519Signer,
  type MultikeyVerificationMethod,
} from './ed25519-keys.js';
import { createP256Signer, generateP256KeyPair, p256PublicKeyMultibaseOf, p256VerificationMethod, type P256Signer } from './p256-keys.js';

/**
 * The signature algorithms an issuer holds keys for, behind one table: the key store, the DID
 * documents and `signerFor(organisation, algorithm)` go through it, so a new algorithm (国密
 * SM2, say) is one more entry here plus the database's CHECK list, and no caller changes.
 *
 * - Ed25519: certificates and status lists (eddsa-rdfc-2022), Multikey `z6Mk…`.
 * - P-256: ecdsa-sd-2023 base proofs and SD-JWT VC (ES256), Multikey `zDn…`.
 */

export type KeyAlgorithm = 'Ed25519' | 'P-256';
export const KEY_ALGORITHMS: readonly KeyAlgorithm[] = Object.freeze(['Ed25519', 'P-256'] as const);

export type SignerOf<A extends KeyAlgorithm> = A extends 'Ed25519' ? Ed25519Signer : P256Signer;
export type IssuerSigner = Ed25519Signer | P256Signer;

export interface KeyPairMultibase {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

interface AlgorithmSupport<A extends KeyAlgorithm> {
  /** Multibase prefix every public Multikey of the algorithm starts with. */
  publicKeyPrefix: string;
  generate(): KeyPairMultibase;
  createSigner(options: { id: string; secretKeyMultibase: string }): SignerOf<A>;
  verificationMethod(options: { id: string; controller: string; publicKeyMultibase: string }): MultikeyVerificationMethod;
  publicKeyOf(secretKeyMultibase: string): string;
}

const SUPPORT: { [A in KeyAlgorithm]: AlgorithmSupport<A> } = {
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

export function isKeyAlgorithm(value: unknown): value is KeyAlgorithm {
  return typeof value === 'string' && (KEY_ALGORITHMS as readonly string[]).includes(value);
}

export function algorithmSupport<A extends KeyAlgorithm>(algorithm: A): AlgorithmSupport<A> {
  if (!isKeyAlgorithm(algorithm)) throw new Error(`Unsupported key algorithm "${String(algorithm)}".`);
  return SUPPORT[algorithm] as AlgorithmSupport<A>;
}

/** The algorithm a public Multikey belongs to, by its multibase prefix; null when none matches. */
export function algorithmOfPublicKey(publicKeyMultibase: string): KeyAlgorithm | null {
  if (typeof publicKeyMultibase !== 'string') return null;
  return KEY_ALGORITHMS.find((algorithm) => publicKeyMultibase.startsWith(SUPPORT[algorithm].publicKeyPrefix)) ?? null;
}
