import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';

/**
 * Encryption at rest for private keys (and other small secrets) under one 32-byte master key.
 *
 * Each use has its own sealing key (HKDF of the master key with a purpose label), and every
 * sealed value records which master key sealed it, so the master key can be replaced: the
 * re-seal command opens each value under the previous key and seals it under the new one.
 *
 * Sealed format, version 2: 0x02 | master-key id (8 bytes) | IV (12) | GCM tag (16) | ciphertext.
 * Version 1 (before master-key ids): 0x01 | IV | tag | ciphertext; still opened, never written.
 * The associated data (e.g. the key's row id) is authenticated but not stored, so a sealed
 * value copied into another row no longer opens; version 2 authenticates its header too.
 *
 * The master-key id is a fingerprint (HKDF of the master key, 8 bytes), not a number someone
 * keeps: it cannot be mis-numbered, and it reveals nothing about the key.
 */

const FORMAT_V1 = 0x01;
const FORMAT_V2 = 0x02;
const MASTER_KEY_ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Every version encrypts under a subkey, so the master key itself is only ever an HKDF input. */
const SECRET_BOX_LABEL = 'xueji/secret-box/v1';
const MASTER_KEY_ID_LABEL = 'xueji/master-key-id/v1';

/** What seals and opens one purpose's secrets under one master key. */
export interface SealingKey {
  /** Hex fingerprint of the master key this key derives from (16 characters). */
  readonly masterKeyId: string;
  /** The purpose's subkey; the cipher key is derived from it once more. */
  readonly key: Buffer;
}

/** The sealing key of one purpose (e.g. 'xueji/issuer-key-seal/v1') under a master key. */
export function sealingKey(masterKey: Buffer, purpose: string): SealingKey {
  return { masterKeyId: masterKeyId(masterKey), key: deriveSubkey(masterKey, purpose) };
}

/** The fingerprint a sealed value records: which master key sealed it. */
export function masterKeyId(masterKey: Buffer): string {
  return Buffer.from(hkdfSync('sha256', checkedMasterKey(masterKey), Buffer.alloc(0), MASTER_KEY_ID_LABEL, MASTER_KEY_ID_BYTES)).toString('hex');
}

export function sealSecret(key: SealingKey, plaintext: Buffer | string, associatedData: string): Buffer {
  return sealWithIv(key, plaintext, associatedData, randomBytes(IV_BYTES));
}

/**
 * Many values at once (an import seals tens of thousands of ID numbers): the random IVs are
 * drawn in one call, not one system call each; every value still has its own IV.
 */
export function sealSecrets(key: SealingKey, values: ReadonlyArray<{ plaintext: Buffer | string; associatedData: string }>): Buffer[] {
  const ivs = randomBytes(IV_BYTES * values.length);
  // The same bytes as sealWithIv, with the header and cipher key made once and each value written into one buffer.
  const header = Buffer.concat([Buffer.of(FORMAT_V2), keyIdBytes(key.masterKeyId)]);
  const cipherK = cipherKey(key);
  const body = header.length + IV_BYTES + TAG_BYTES;
  return values.map((v, i) => {
    assertAssociatedData(v.associatedData);
    const data = typeof v.plaintext === 'string' ? Buffer.from(v.plaintext, 'utf8') : v.plaintext;
    const sealed = Buffer.allocUnsafe(body + data.length);
    header.copy(sealed, 0);
    ivs.copy(sealed, header.length, i * IV_BYTES, (i + 1) * IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', cipherK, sealed.subarray(header.length, header.length + IV_BYTES));
    const aad = Buffer.allocUnsafe(header.length + Buffer.byteLength(v.associatedData, 'utf8'));
    header.copy(aad, 0);
    aad.write(v.associatedData, header.length, 'utf8');
    cipher.setAAD(aad);
    const written = cipher.update(data).copy(sealed, body);
    cipher.final().copy(sealed, body + written);
    cipher.getAuthTag().copy(sealed, header.length + IV_BYTES);
    return sealed;
  });
}

function sealWithIv(key: SealingKey, plaintext: Buffer | string, associatedData: string, iv: Buffer): Buffer {
  assertAssociatedData(associatedData);
  const header = Buffer.concat([Buffer.of(FORMAT_V2), keyIdBytes(key.masterKeyId)]);
  const cipher = createCipheriv('aes-256-gcm', cipherKey(key), iv);
  cipher.setAAD(Buffer.concat([header, Buffer.from(associatedData, 'utf8')]));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), ciphertext]);
}

/**
 * Opens a value sealed under any of `keys` (the current master key's first, then previous ones
 * during a re-seal). A version-2 value names its master key; a version-1 value is tried with each.
 */
export function openSecret(keys: SealingKey | readonly SealingKey[], sealed: Buffer, associatedData: string): Buffer {
  assertAssociatedData(associatedData);
  const candidates = Array.isArray(keys) ? (keys as readonly SealingKey[]) : [keys as SealingKey];
  const version = formatOf(sealed);
  if (version === FORMAT_V1) {
    for (const key of candidates) {
      const opened = tryOpen(key, sealed.subarray(1), Buffer.from(associatedData, 'utf8'));
      if (opened) return opened;
    }
    throw cannotOpen();
  }
  const id = sealed.subarray(1, 1 + MASTER_KEY_ID_BYTES).toString('hex');
  const key = candidates.find((candidate) => candidate.masterKeyId === id);
  if (!key) {
    const known = candidates.map((candidate) => candidate.masterKeyId).join(', ');
    throw new Error(`Sealed secret was sealed under master key ${id}, which is not configured (configured: ${known}); run "npm run reseal" with it as the previous key.`);
  }
  const header = sealed.subarray(0, 1 + MASTER_KEY_ID_BYTES);
  const opened = tryOpen(key, sealed.subarray(header.length), Buffer.concat([header, Buffer.from(associatedData, 'utf8')]));
  if (!opened) throw cannotOpen();
  return opened;
}

/** The id of the master key that sealed a value; null for version 1, which did not record it. */
export function sealedMasterKeyId(sealed: Buffer): string | null {
  return formatOf(sealed) === FORMAT_V1 ? null : sealed.subarray(1, 1 + MASTER_KEY_ID_BYTES).toString('hex');
}

/** An independent 32-byte key for one purpose (token signing, ID-number digests, …). */
export function deriveSubkey(masterKey: Buffer, label: string): Buffer {
  checkedMasterKey(masterKey);
  if (typeof label !== 'string' || label.length === 0) {
    throw new Error('Subkey label must be a non-empty string.');
  }
  // The master key is uniformly random, so HKDF's salt adds nothing; the label separates uses.
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), label, KEY_BYTES));
}

function formatOf(sealed: Buffer): typeof FORMAT_V1 | typeof FORMAT_V2 {
  if (!Buffer.isBuffer(sealed) || sealed.length < 1) throw truncated();
  if (sealed[0] === FORMAT_V1) {
    if (sealed.length < 1 + IV_BYTES + TAG_BYTES) throw truncated();
    return FORMAT_V1;
  }
  if (sealed[0] === FORMAT_V2) {
    if (sealed.length < 1 + MASTER_KEY_ID_BYTES + IV_BYTES + TAG_BYTES) throw truncated();
    return FORMAT_V2;
  }
  throw new Error(`Sealed secret has unknown format version ${sealed[0]}.`);
}

/** `body` is IV | tag | ciphertext. Null when GCM refuses (wrong key, wrong data, tampering). */
function tryOpen(key: SealingKey, body: Buffer, aad: Buffer): Buffer | null {
  const decipher = createDecipheriv('aes-256-gcm', cipherKey(key), body.subarray(0, IV_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(body.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    return null;
  }
}

/**
 * Derived once per sealing key: an HKDF per value cost more than the sealing itself (a 50,000-row
 * import seals 50,000). Kept as a KeyObject: given a Buffer, Node 24's createCipheriv spends
 * ~10 µs per call finding out what kind of key it is (measured: 14.7 µs a seal, 4.9 with a KeyObject).
 */
const cipherKeys = new WeakMap<SealingKey, KeyObject>();

function cipherKey(key: SealingKey): KeyObject {
  if (!key || !Buffer.isBuffer(key.key) || key.key.length !== KEY_BYTES) {
    throw new Error('Sealing key must be made by sealingKey(masterKey, purpose).');
  }
  let derived = cipherKeys.get(key);
  if (!derived) cipherKeys.set(key, (derived = createSecretKey(deriveSubkey(key.key, SECRET_BOX_LABEL))));
  return derived;
}

function keyIdBytes(id: string): Buffer {
  const bytes = Buffer.from(typeof id === 'string' ? id : '', 'hex');
  if (bytes.length !== MASTER_KEY_ID_BYTES) throw new Error('Sealing key must be made by sealingKey(masterKey, purpose).');
  return bytes;
}

// GCM reports every failure the same way; say what can cause it, never what was inside.
function cannotOpen(): Error {
  return new Error('Sealed secret could not be opened: wrong master key, wrong associated data, or tampered data.');
}

function truncated(): Error {
  return new Error('Sealed secret is truncated or not a Buffer.');
}

function checkedMasterKey(masterKey: Buffer): Buffer {
  if (!Buffer.isBuffer(masterKey) || masterKey.length !== KEY_BYTES) {
    throw new Error('Master key must be a Buffer of exactly 32 bytes.');
  }
  return masterKey;
}

/** Empty associated data would silently drop the binding to a row. */
function assertAssociatedData(associatedData: string): void {
  if (typeof associatedData !== 'string' || associatedData.length === 0) {
    throw new Error('Associated data must be a non-empty string (e.g. the owning row id).');
  }
}
