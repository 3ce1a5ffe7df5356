/**
 * Hand-written declarations for the ECDSA @digitalbazaar packages (selective disclosure and
 * presentations), kept apart from digitalbazaar.d.ts. Ambient module declarations merge, so the
 * `@digitalbazaar/vc` block below adds the presentation and derivation functions to the ones
 * declared there. Only the shapes this project uses.
 */

declare module '@digitalbazaar/ecdsa-sd-2023-cryptosuite' {
  /*
   * Typed as the shared Cryptosuite so DataIntegrityProof accepts them. These suites have no
   * `canonize`; the library never calls it for them (they bring their own createVerifyData).
   */
  type Cryptosuite = import('@digitalbazaar/data-integrity').Cryptosuite;

  /** Base proof: the pointers name what every derived disclosure must reveal. */
  export function createSignCryptosuite(options?: { mandatoryPointers?: string[] }): Cryptosuite;
  /** Derivation: reveals the mandatory pointers of the base proof plus `selectivePointers`. */
  export function createDiscloseCryptosuite(options?: { proofId?: string; selectivePointers?: string[] }): Cryptosuite;
  /** Verifies derived proofs only; a base proof fails to parse. */
  export function createVerifyCryptosuite(): Cryptosuite;
  /** Verifies a base proof (the holder checking what it received). */
  export function createConfirmCryptosuite(): Cryptosuite;
}

declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: import('@digitalbazaar/data-integrity').Cryptosuite;
}

declare module '@digitalbazaar/ecdsa-multikey' {
  export interface EcdsaMultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): import('@digitalbazaar/data-integrity').Signer;
    verifier(): import('@digitalbazaar/data-integrity').Verifier;
  }

  export function generate(options: { id?: string; controller?: string; curve: 'P-256' | 'P-384' | 'P-521' }): Promise<EcdsaMultikeyKeyPair>;

  export function from(key: {
    '@context'?: string | string[];
    id?: string;
    type?: 'Multikey';
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
  }): Promise<EcdsaMultikeyKeyPair>;
}

declare module '@digitalbazaar/vc' {
  /** jsonld-signatures' ProofSet result; `error` is a VerificationError (with `errors`) when it failed. */
  export interface ProofSetResult {
    verified: boolean;
    error?: Error & { errors?: Error[] };
    results?: Array<{ verified: boolean; error?: Error; proof?: object }>;
  }

  export interface VerifyPresentationResult {
    verified: boolean;
    /** Absent when the presentation failed the library's structural checks (then `error` is set). */
    presentationResult?: ProofSetResult;
    credentialResults?: VerifyCredentialResult[];
    error?: Error & { errors?: Error[] };
  }

  export function derive<T extends object>(options: {
    verifiableCredential: T;
    suite: import('@digitalbazaar/data-integrity').DataIntegrityProof;
    documentLoader: DocumentLoader;
  }): Promise<Record<string, unknown> & { proof: object }>;

  /** Adds an `authentication` proof with `challenge` (and `domain`) to the presentation. */
  export function signPresentation<T extends object>(options: {
    presentation: T;
    suite: import('@digitalbazaar/data-integrity').DataIntegrityProof;
    documentLoader: DocumentLoader;
    challenge: string;
    domain?: string;
  }): Promise<T & { proof: object }>;

  /**
   * Verifies the presentation's proof (authentication, challenge, domain) and, with the same
   * suites, every credential in it.
   */
  export function verify(options: {
    presentation: unknown;
    suite: import('@digitalbazaar/data-integrity').DataIntegrityProof | import('@digitalbazaar/data-integrity').DataIntegrityProof[];
    documentLoader: DocumentLoader;
    challenge: string;
    domain?: string;
    now?: Date | string;
    maxClockSkew?: number;
    checkStatus?: (options: { credential: object }) => Promise<{ verified: boolean }>;
  }): Promise<VerifyPresentationResult>;
}
