import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encryption at rest for private keys (and other small secrets) under one 32-byte master key.
 *
 * Sealed format: version (1 byte, 0x01) | IV (12 bytes) | GCM tag (16 bytes) | ciphertext.
 * The associated data (e.g. the key's row id) is authenticated but not stored, so a sealed
 * value copied into another row no longer opens.
 */

const FORMAT_VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;
const KEY_BYTES = 32;
/** Version 1 encrypts under a subkey, so the master key itself is only ever an HKDF input. */
const SECRET_BOX_V1_LABEL = 'xueji/secret-box/v1';

export function sealSecret(masterKey: Buffer, plaintext: Buffer | string, associatedData: string): Buffer {
  assertAssociatedData(associatedData);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveSubkey(masterKey, SECRET_BOX_V1_LABEL), iv);
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([Buffer.of(FORMAT_VERSION), iv, cipher.getAuthTag(), ciphertext]);
}

export function openSecret(masterKey: Buffer, sealed: Buffer, associatedData: string): Buffer {
  assertAssociatedData(associatedData);
  if (!Buffer.isBuffer(sealed) || sealed.length < HEADER_BYTES) {
    throw new Error('Sealed secret is truncated or not a Buffer.');
  }
  if (sealed[0] !== FORMAT_VERSION) {
    throw new Error(`Sealed secret has unknown format version ${sealed[0]}.`);
  }
  const iv = sealed.subarray(1, 1 + IV_BYTES);
  const tag = sealed.subarray(1 + IV_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', deriveSubkey(masterKey, SECRET_BOX_V1_LABEL), iv);
  decipher.setAAD(Buffer.from(associatedData, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    // GCM reports every failure the same way; say what can cause it, never what was inside.
    throw new Error('Sealed secret could not be opened: wrong master key, wrong associated data, or tampered data.');
  }
}

/** An independent 32-byte key for one purpose (token signing, ID-number digests, …). */
export function deriveSubkey(masterKey: Buffer, label: string): Buffer {
  assertMasterKey(masterKey);
  if (typeof label !== 'string' || label.length === 0) {
    throw new Error('Subkey label must be a non-empty string.');
  }
  // The master key is uniformly random, so HKDF's salt adds nothing; the label separates uses.
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), label, KEY_BYTES));
}

function assertMasterKey(masterKey: Buffer): void {
  if (!Buffer.isBuffer(masterKey) || masterKey.length !== KEY_BYTES) {
    throw new Error('Master key must be a Buffer of exactly 32 bytes.');
  }
}

/** Empty associated data would silently drop the binding to a row. */
function assertAssociatedData(associatedData: string): void {
  if (typeof associatedData !== 'string' || associatedData.length === 0) {
    throw new Error('Associated data must be a non-empty string (e.g. the owning row id).');
  }
}
