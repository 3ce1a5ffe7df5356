import { createHash } from 'node:crypto';

/**
 * The issuer signature a presented identity credential carries, as the register keeps it
 * (SHA-256, hex), pure. An ecdsa-sd-2023 proof value is `u` + base64url(header ‖ CBOR array),
 * header 0xd9 0x5d 0x00 (base) or 0x01 (derived); both arrays start with the 64-byte base
 * signature (CBOR: array of 5 = 0x85, byte string of 64 = 0x58 0x40). An SD-JWT's is its issuer
 * JWT's signature.
 */

const HEADER_LENGTH = 3;
const SIGNATURE_BYTES = 64;

export function baseSignatureOf(proofValue: unknown): Buffer | null {
  if (typeof proofValue !== 'string' || !proofValue.startsWith('u')) return null;
  const bytes = Buffer.from(proofValue.slice(1), 'base64url');
  const isHeader = bytes[0] === 0xd9 && bytes[1] === 0x5d && (bytes[2] === 0x00 || bytes[2] === 0x01);
  if (!isHeader || bytes[HEADER_LENGTH] !== 0x85 || bytes[4] !== 0x58 || bytes[5] !== SIGNATURE_BYTES) return null;
  const signature = bytes.subarray(6, 6 + SIGNATURE_BYTES);
  return signature.length === SIGNATURE_BYTES ? signature : null;
}

/** The digest of a Data Integrity ecdsa-sd-2023 proof's base signature; null for any other proof value. */
export function sdProofSignatureDigest(proofValue: unknown): string | null {
  const signature = baseSignatureOf(proofValue);
  return signature ? sha256Hex(signature) : null;
}

/** The digest of an SD-JWT's issuer signature (the third part of its issuer-signed JWT). */
export function sdJwtSignatureDigest(sdJwt: string): string | null {
  const jwt = sdJwt.split('~')[0];
  const parts = jwt.split('.');
  return parts.length === 3 && /^[A-Za-z0-9_-]+$/.test(parts[2]) ? sha256Hex(Buffer.from(parts[2], 'base64url')) : null;
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
