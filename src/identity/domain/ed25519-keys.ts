import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
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
  const sodiumKey = libsodium && sodiumSecretKey(key);
  const signSync = sodiumKey
    ? (data: Uint8Array) => {
        const signature = Buffer.allocUnsafe(SIGNATURE_BYTES);
        libsodium!.crypto_sign_detached(signature, data, sodiumKey);
        return signature;
      }
    : (data: Uint8Array) => sign(null, data, key);
  return {
    id,
    key,
    algorithm: 'Ed25519',
    async sign({ data }) {
      return new Uint8Array(signSync(data));
    },
    signSync,
  };
}

/**
 * libsodium (sodium-native), where its prebuilt binding loads: Ed25519 signatures are
 * deterministic (RFC 8032), so it signs the very bytes node:crypto does — at less cost, as
 * OpenSSL 3's one-shot EVP_DigestSign sets up a context and fetches the algorithm on every call
 * (microbenchmarks on two of this project's machines, 64-byte messages: 22–34 µs against 43–63 µs;
 * 20.5 µs against 26.4 µs). Without it, node:crypto signs. `XUEJI_SIGNER=node` chooses node:crypto
 * (to compare the two); the configuration refuses any other value at start.
 */
const libsodium = loadLibsodium();
/** Which library signs Ed25519 in this process. */
export const ED25519_SIGNING_LIBRARY: 'libsodium' | 'node:crypto' = libsodium ? 'libsodium' : 'node:crypto';
const SIGNATURE_BYTES = 64;
const SEED_BYTES = 32;

function loadLibsodium(): (typeof import('sodium-native'))['default'] | null {
  if (process.env.XUEJI_SIGNER === 'node') return null;
  try {
    return createRequire(import.meta.url)('sodium-native') as (typeof import('sodium-native'))['default'];
  } catch {
    return null;
  }
}

/**
 * The key as libsodium holds it (seed ‖ public key), in guarded memory that is read-only after it
 * is written; the DER export it is copied from is wiped. Made once per signer (a signing thread
 * keeps its signer while requests name the same key: signing-worker.ts). Null when the KeyObject
 * is not a plain Ed25519 seed (node:crypto signs with it then).
 */
function sodiumSecretKey(key: KeyObject): Buffer | null {
  const der = key.export({ format: 'der', type: 'pkcs8' });
  let secretKey: Buffer | null = null;
  if (der.length === PKCS8_ED25519_SEED_PREFIX.length + SEED_BYTES && der.subarray(0, PKCS8_ED25519_SEED_PREFIX.length).equals(PKCS8_ED25519_SEED_PREFIX)) {
    const publicKey = Buffer.alloc(libsodium!.crypto_sign_PUBLICKEYBYTES);
    secretKey = libsodium!.sodium_malloc(libsodium!.crypto_sign_SECRETKEYBYTES);
    libsodium!.crypto_sign_seed_keypair(publicKey, secretKey, der.subarray(PKCS8_ED25519_SEED_PREFIX.length));
    libsodium!.sodium_mprotect_readonly(secretKey);
    // Never sign with a key that is not the KeyObject's own.
    if (!publicKey.equals(rawPublicKey(createPublicKey(key)))) secretKey = null;
  }
  libsodium!.sodium_memzero(der);
  return secretKey;
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
