import { createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { DID_CONTEXT_V1_URL } from '../contexts/did-v1.js';
import type { DidDocument } from './did-web.js';
import type { MultikeyVerificationMethod } from './ed25519-keys.js';
import { decodeMultikey, encodeMultikey } from './multikey.js';

/**
 * ECDSA P-256 keys in the Multikey encoding (public `zDn…`, secret `z42…`), compatible with
 * @digitalbazaar/ecdsa-multikey: the public key is the 33-byte compressed point after the
 * p256-pub multicodec header (0x1200), the secret key the 32-byte scalar after p256-priv (0x1306).
 * They sign `ecdsa-sd-2023` base proofs and `ecdsa-rdfc-2019` presentation proofs.
 *
 * Like ed25519-keys.ts, the signer and verifier import the key once and keep the KeyObject, and
 * offer a synchronous path (node:crypto) beside the promise the Data Integrity libraries await.
 */

const P256_PUBLIC_HEADER = Uint8Array.of(0x80, 0x24);
const P256_SECRET_HEADER = Uint8Array.of(0x86, 0x26);
const SECRET_KEY_BYTES = 32;
const COMPRESSED_POINT_BYTES = 33;
const MULTIKEY_CONTEXT_V1_URL = 'https://w3id.org/security/multikey/v1';
/** The group order n of P-256: a secret scalar lies in [1, n-1]. */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
/** PKCS#8 wrapper (RFC 5915 ECPrivateKey without the optional public key) for a 32-byte P-256 scalar. */
const PKCS8_P256_SECRET_PREFIX = Buffer.from('3041020100301306072a8648ce3d020106082a8648ce3d030107042730250201010420', 'hex');
/** SPKI wrapper for a compressed P-256 point. */
const SPKI_P256_COMPRESSED_PREFIX = Buffer.from('3039301306072a8648ce3d020106082a8648ce3d030107032200', 'hex');
const P256_DID_KEY = /^did:key:(zDn[1-9A-HJ-NP-Za-km-z]{40,50})$/;

export interface P256KeyPairMultibase {
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}

/** The signer shape @digitalbazaar/data-integrity expects; signatures are IEEE P1363 (r ‖ s, 64 bytes). */
export interface P256Signer {
  id: string;
  algorithm: 'P-256';
  sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  signSync(data: Uint8Array): Uint8Array;
  /** The private key, for JOSE signing (SD-JWT VC, status list tokens) with the same key. */
  key: KeyObject;
}

export interface P256Verifier {
  id: string;
  algorithm: 'P-256';
  verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  verifySync(data: Uint8Array, signature: Uint8Array): boolean;
}

export function generateP256KeyPair(): P256KeyPairMultibase {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const scalar = Buffer.from(privateKey.export({ format: 'jwk' }).d as string, 'base64url');
  return {
    publicKeyMultibase: encodeMultikey(P256_PUBLIC_HEADER, compressedPoint(publicKey)),
    secretKeyMultibase: encodeMultikey(P256_SECRET_HEADER, leftPad(scalar, SECRET_KEY_BYTES)),
  };
}

/**
 * A P-256 key pair derived from a 32-byte seed (HKDF-SHA256, `info` naming its use), for test
 * fixtures such as the conformance mode's did:key issuer: the same seed gives the same key.
 */
export function p256KeyPairFromSeed(seed: Uint8Array, info: string): P256KeyPairMultibase {
  for (let counter = 0; ; counter++) {
    const scalar = Buffer.from(hkdfSync('sha256', seed, Buffer.alloc(0), `${info}/${counter}`, SECRET_KEY_BYTES));
    const value = BigInt('0x' + scalar.toString('hex'));
    if (value === 0n || value >= P256_ORDER) continue; // about 2^-32 likely: draw again
    const secretKeyMultibase = encodeMultikey(P256_SECRET_HEADER, scalar);
    return { secretKeyMultibase, publicKeyMultibase: p256PublicKeyMultibaseOf(secretKeyMultibase) };
  }
}

/** Imports the secret key once; every signature reuses the KeyObject. SHA-256 over `data`, as ES256. */
export function createP256Signer(options: { id: string; secretKeyMultibase: string }): P256Signer {
  const key = importSecretKey(options.secretKeyMultibase);
  const signSync = (data: Uint8Array) => new Uint8Array(sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' }));
  return {
    id: options.id,
    algorithm: 'P-256',
    async sign({ data }) {
      return signSync(data);
    },
    signSync,
    key,
  };
}

export function createP256Verifier(options: { id: string; publicKeyMultibase: string }): P256Verifier {
  const key = importPublicKey(options.publicKeyMultibase);
  const verifySync = (data: Uint8Array, signature: Uint8Array) => verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  return {
    id: options.id,
    algorithm: 'P-256',
    async verify({ data, signature }) {
      return verifySync(data, signature);
    },
    verifySync,
  };
}

export function p256VerificationMethod(options: { id: string; controller: string; publicKeyMultibase: string }): MultikeyVerificationMethod {
  importPublicKey(options.publicKeyMultibase);
  return { id: options.id, type: 'Multikey', controller: options.controller, publicKeyMultibase: options.publicKeyMultibase };
}

/** The public key belonging to a secret key, e.g. to check a stored pair before use. */
export function p256PublicKeyMultibaseOf(secretKeyMultibase: string): string {
  return encodeMultikey(P256_PUBLIC_HEADER, compressedPoint(createPublicKey(importSecretKey(secretKeyMultibase))));
}

/** `did:key:zDn…` and its one verification method `did:key:zDn…#zDn…` (did:key method, Multikey form). */
export function p256DidKey(publicKeyMultibase: string): { did: string; verificationMethodId: string } {
  importPublicKey(publicKeyMultibase);
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethodId: `${did}#${publicKeyMultibase}` };
}

/**
 * The DID document of a P-256 did:key, built offline. Null for anything that is not a valid
 * P-256 did:key, so a resolver can try it after the Ed25519 form (did-key.ts).
 */
export function p256DidKeyDocument(did: string): DidDocument | null {
  const match = P256_DID_KEY.exec(did);
  if (!match) return null;
  let method: MultikeyVerificationMethod;
  try {
    method = p256VerificationMethod({ id: `${did}#${match[1]}`, controller: did, publicKeyMultibase: match[1] });
  } catch {
    return null; // not a point on P-256 after all
  }
  return {
    '@context': [DID_CONTEXT_V1_URL, MULTIKEY_CONTEXT_V1_URL],
    id: did,
    verificationMethod: [method],
    assertionMethod: [method.id],
    authentication: [method.id],
  };
}

function importSecretKey(secretKeyMultibase: string): KeyObject {
  const scalar = decodeMultikey(secretKeyMultibase, P256_SECRET_HEADER, 'secretKeyMultibase', 'P-256');
  if (scalar.length !== SECRET_KEY_BYTES) {
    throw new Error(`"secretKeyMultibase" must hold 32 key bytes, not ${scalar.length}.`);
  }
  // OpenSSL accepts 0 and values ≥ n here; neither is a private key.
  const value = BigInt('0x' + scalar.toString('hex'));
  if (value === 0n || value >= P256_ORDER) throw new Error('"secretKeyMultibase" is not a P-256 private key (out of range).');
  return createPrivateKey({ key: Buffer.concat([PKCS8_P256_SECRET_PREFIX, scalar]), format: 'der', type: 'pkcs8' });
}

/** A `zDn…` public Multikey as a KeyObject; throws for anything that is not a P-256 point. */
export function p256PublicKeyObject(publicKeyMultibase: string): KeyObject {
  return importPublicKey(publicKeyMultibase);
}

function importPublicKey(publicKeyMultibase: string): KeyObject {
  const point = decodeMultikey(publicKeyMultibase, P256_PUBLIC_HEADER, 'publicKeyMultibase', 'P-256');
  if (point.length !== COMPRESSED_POINT_BYTES || (point[0] !== 0x02 && point[0] !== 0x03)) {
    throw new Error('"publicKeyMultibase" must hold a 33-byte compressed P-256 point.');
  }
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_P256_COMPRESSED_PREFIX, point]), format: 'der', type: 'spki' });
  } catch {
    throw new Error('"publicKeyMultibase" is not a point on P-256.');
  }
}

function compressedPoint(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  const x = leftPad(Buffer.from(jwk.x as string, 'base64url'), SECRET_KEY_BYTES);
  const y = Buffer.from(jwk.y as string, 'base64url');
  return Buffer.concat([Uint8Array.of(y[y.length - 1] % 2 === 0 ? 0x02 : 0x03), x]);
}

function leftPad(bytes: Buffer, length: number): Buffer {
  return bytes.length >= length ? bytes : Buffer.concat([Buffer.alloc(length - bytes.length), bytes]);
}


