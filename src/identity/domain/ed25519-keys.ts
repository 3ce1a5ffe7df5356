import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { decodeMultikey, encodeMultikey } from './multikey.js';

/**
 * Ed25519 keys in the Multikey encoding used by Data Integrity
 * (multibase base58btc over a multicodec header), compatible with
 * @digitalbazaar/ed25519-multikey, plus a signer that keeps the imported key.
 */

const ED25519_PUBLIC_HEADER = Uint8Array.of(0xed, 0x01);
const ED25519_SECRET_HEADER = Uint8Array.of(0x80, 0x26);
const KEY_BYTES = 32;
/** PKCS#8 DER wrapper for a raw 32-byte Ed25519 seed (RFC 8410). */
const PKCS8_ED25519_SEED_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface Ed25519KeyPairMultibase {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

export interface Ed25519Signer {
  id: string;
  algorithm: 'Ed25519';
  sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  /** The same signature, without a promise: for issuers whose whole path is synchronous. */
  signSync(data: Uint8Array): Uint8Array;
  /**
   * The imported private key, for a signing thread of this same process (a KeyObject crosses
   * postMessage without being exported). Absent where a key cannot leave its store (an HSM).
   */
  readonly key?: KeyObject;
}

export interface MultikeyVerificationMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/**
 * The secret key is encoded as the library's `generate()` does (`zrv…`): the 32-byte seed
 * followed by the 32-byte public key. The canonical 32-byte form (`z3u2…`) is accepted too.
 */
export function generateEd25519KeyPair(): Ed25519KeyPairMultibase {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url');
  const publicKeyBytes = rawPublicKey(publicKey);
  return {
    publicKeyMultibase: encodeMultikey(ED25519_PUBLIC_HEADER, publicKeyBytes),
    secretKeyMultibase: encodeMultikey(ED25519_SECRET_HEADER, Buffer.concat([seed, publicKeyBytes])),
  };
}

/**
 * Imports the private key once. The stock ed25519-multikey signer re-imports it from DER
 * on every signature, which costs about as much as the rest of Data Integrity issuance.
 */
export function createEd25519Signer(options: { id: string; secretKeyMultibase: string }): Ed25519Signer {
  return ed25519SignerOf(options.id, importSecretKey(options.secretKeyMultibase));
}

/** A signer over an already imported key (e.g. one handed to a signing thread). */
export function ed25519SignerOf(id: string, key: KeyObject): Ed25519Signer {
  return {
    id,
    key,
    algorithm: 'Ed25519',
    async sign({ data }) {
      return new Uint8Array(sign(null, data, key));
    },
    signSync(data) {
      return sign(null, data, key);
    },
  };
}

export function ed25519VerificationMethod(options: {
  id: string;
  controller: string;
  publicKeyMultibase: string;
}): MultikeyVerificationMethod {
  decodeEd25519Multikey(options.publicKeyMultibase, ED25519_PUBLIC_HEADER, 'publicKeyMultibase');
  return {
    id: options.id,
    type: 'Multikey',
    controller: options.controller,
    publicKeyMultibase: options.publicKeyMultibase,
  };
}

/** The public key belonging to a secret key, e.g. to check a stored pair before use. */
export function publicKeyMultibaseOf(secretKeyMultibase: string): string {
  const key = importSecretKey(secretKeyMultibase);
  return encodeMultikey(ED25519_PUBLIC_HEADER, rawPublicKey(createPublicKey(key)));
}

function importSecretKey(secretKeyMultibase: string): KeyObject {
  const secret = decodeEd25519Multikey(secretKeyMultibase, ED25519_SECRET_HEADER, 'secretKeyMultibase');
  if (secret.length !== KEY_BYTES && secret.length !== 2 * KEY_BYTES) {
    throw new Error(`"secretKeyMultibase" must hold 32 or 64 key bytes, not ${secret.length}.`);
  }
  // From DER rather than JWK: Node's JWK import demands `x` and does not check it against `d`.
  const key = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_SEED_PREFIX, secret.subarray(0, KEY_BYTES)]),
    format: 'der',
    type: 'pkcs8',
  });
  if (secret.length === 2 * KEY_BYTES && !rawPublicKey(createPublicKey(key)).equals(secret.subarray(KEY_BYTES))) {
    throw new Error('"secretKeyMultibase" carries a public key that does not match its seed.');
  }
  return key;
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  return Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url');
}

function decodeEd25519Multikey(multibase: string, header: Uint8Array, property: string): Buffer {
  const keyBytes = decodeMultikey(multibase, header, property, 'Ed25519');
  if (header === ED25519_PUBLIC_HEADER && keyBytes.length !== KEY_BYTES) {
    throw new Error(`"${property}" must hold 32 key bytes, not ${keyBytes.length}.`);
  }
  return keyBytes;
}

/** A `z6Mk…` public Multikey as an OKP JWK (RFC 8037); throws for anything else. */
export function ed25519PublicJwk(publicKeyMultibase: string): { kty: 'OKP'; crv: 'Ed25519'; x: string } {
  const bytes = decodeMultikey(publicKeyMultibase, ED25519_PUBLIC_HEADER, 'publicKeyMultibase', 'Ed25519');
  if (bytes.length !== 32) throw new Error('"publicKeyMultibase" must hold 32 Ed25519 key bytes.');
  return { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(bytes).toString('base64url') };
}
