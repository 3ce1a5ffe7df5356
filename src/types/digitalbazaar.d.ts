/**
 * Hand-written declarations for the @digitalbazaar packages, which ship no types.
 * Only the shapes this project uses are declared; widen them when a new use appears,
 * after checking the package source under node_modules.
 */

declare module '@digitalbazaar/vc' {
  /** A JSON-LD RemoteDocument as jsonld.js expects it from a document loader. */
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: object;
  }

  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;

  /** What jsonld-signatures/vc hand back; errors are plain Errors with messages only. */
  export interface VerifyCredentialResult {
    verified: boolean;
    /** A VerificationError (with `errors`) when proof checks ran, else the raw Error thrown by the credential checks. */
    error?: Error & { errors?: Error[] };
    results?: Array<{ verified: boolean; error?: Error; proof?: object; credential?: unknown }>;
  }

  export function issue<T extends object>(options: {
    credential: T;
    suite: import('@digitalbazaar/data-integrity').DataIntegrityProof;
    documentLoader: DocumentLoader;
    now?: Date | string;
    maxClockSkew?: number;
  }): Promise<T & { proof: object }>;

  export function verifyCredential(options: {
    credential: unknown;
    suite: import('@digitalbazaar/data-integrity').DataIntegrityProof;
    documentLoader: DocumentLoader;
    now?: Date | string;
    /** Seconds of tolerance when comparing validFrom/validUntil with `now`. */
    maxClockSkew?: number;
    /** Required by the library when the credential has a credentialStatus. */
    checkStatus?: (options: { credential: object }) => Promise<{ verified: boolean }>;
  }): Promise<VerifyCredentialResult>;
}

declare module '@digitalbazaar/data-integrity' {
  export interface Signer {
    id: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }

  export interface Verifier {
    id?: string;
    algorithm: string;
    verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  }

  export interface Cryptosuite {
    name: string;
    requiredAlgorithm: string | string[];
    canonize(input: object, options: object): Promise<string>;
    createVerifier(options: { verificationMethod: object }): Promise<Verifier>;
  }

  export class DataIntegrityProof {
    constructor(options: {
      cryptosuite: Cryptosuite;
      signer?: Signer;
      /** Becomes `proof.created`; the library falls back to the wall clock when omitted. */
      date?: Date | string | number | null;
      legacyContext?: boolean;
    });
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: import('@digitalbazaar/data-integrity').Cryptosuite;
}

declare module '@digitalbazaar/ed25519-multikey' {
  export interface MultikeyDescription {
    '@context'?: string | string[];
    id?: string;
    type?: 'Multikey';
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
  }

  export interface Ed25519MultikeyKeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    /** Raw bytes; `secretKey` is 64 bytes (seed then public key) for generated keys. */
    publicKey: Uint8Array;
    secretKey?: Uint8Array;
    signer(): import('@digitalbazaar/data-integrity').Signer;
    verifier(): import('@digitalbazaar/data-integrity').Verifier;
    /** `canonicalize: true` exports the 32-byte secret (z3u2…) instead of seed + public key (zrv…). */
    export(options?: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      canonicalize?: boolean;
    }): Promise<MultikeyDescription>;
  }

  export function generate(options?: {
    id?: string;
    controller?: string;
    seed?: Uint8Array;
  }): Promise<Ed25519MultikeyKeyPair>;

  export function from(key: MultikeyDescription): Promise<Ed25519MultikeyKeyPair>;
}

declare module '@digitalbazaar/credentials-context' {
  /** Context URL → context document (credentials v1, v2 and undefined-terms v2). */
  export const contexts: Map<string, object>;
}

declare module '@digitalbazaar/vc-bitstring-status-list-context' {
  /** Context URL → context document: the Bitstring Status List v1 context (VC 1.1 credentials name it). */
  export const contexts: Map<string, object>;
  export const constants: { CONTEXT_URL: 'https://www.w3.org/ns/credentials/status/v1' };
}

/* The two packages below are CommonJS: from ESM only the default export is reliable. */

declare module '@digitalbazaar/data-integrity-context' {
  const dataIntegrityContext: {
    contexts: Map<string, object>;
    DATA_INTEGRITY_CONTEXT_V1_URL: 'https://w3id.org/security/data-integrity/v1';
    DATA_INTEGRITY_CONTEXT_V2_URL: 'https://w3id.org/security/data-integrity/v2';
  };
  export default dataIntegrityContext;
}

declare module '@digitalbazaar/multikey-context' {
  const multikeyContext: {
    contexts: Map<string, object>;
    CONTEXT_URL: 'https://w3id.org/security/multikey/v1';
    CONTEXT: object;
  };
  export default multikeyContext;
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: {
    id: string;
    list: BitstringStatusList;
    statusPurpose: string;
    context?: string[];
  }): Promise<{
    '@context': string[];
    id: string;
    type: string[];
    credentialSubject: { id: string; type: 'BitstringStatusList'; encodedList: string; statusPurpose: string };
  }>;
  export interface StatusCheckResult {
    verified: boolean;
    error?: Error;
    results?: Array<{ verified: boolean; status: boolean; credentialStatus: { statusPurpose: string } }>;
  }
  export function checkStatus(options: {
    credential: object;
    documentLoader: import('@digitalbazaar/vc').DocumentLoader;
    suite: import('@digitalbazaar/data-integrity').DataIntegrityProof;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<StatusCheckResult>;
}
