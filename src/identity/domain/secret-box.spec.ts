import { randomBytes } from 'node:crypto';
import { deriveSubkey, openSecret, sealSecret } from './secret-box.js';

const ROW = 'issuer-key:6f1c0a52-9a4e-4d1f-8a33-2c5e7b9d0e11:key-1';
const SECRET = 'zrv2XEF4Vh2pwBNbUZLQo3PovLqW9sEJF5pHHP9YBbJ4X9VXFzBYwUDTY2q3PHsXspqbrdBvqqR41ZcC4LwnhAkuH3E';
const FAILED_TO_OPEN = 'Sealed secret could not be opened: wrong master key, wrong associated data, or tampered data.';

function flipByte(sealed: Buffer, index: number): Buffer {
  const copy = Buffer.from(sealed);
  copy[index] ^= 0x01;
  return copy;
}

describe('sealSecret / openSecret', () => {
  it.each([
    { plaintext: 'a string', value: SECRET },
    { plaintext: 'bytes', value: randomBytes(64) },
    { plaintext: 'an empty value', value: '' },
  ])('opens what it sealed: $plaintext', ({ value }) => {
    const masterKey = randomBytes(32);

    const opened = openSecret(masterKey, sealSecret(masterKey, value, ROW), ROW);

    expect(opened).toEqual(Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'));
  });

  it('lays out version 0x01 | 12-byte IV | 16-byte tag | ciphertext of the same length', () => {
    const sealed = sealSecret(randomBytes(32), SECRET, ROW);

    expect(sealed[0]).toBe(0x01);
    expect(sealed.length).toBe(1 + 12 + 16 + Buffer.byteLength(SECRET));
    expect(sealed.includes(Buffer.from(SECRET))).toBe(false);
  });

  it('uses a fresh IV, so sealing the same secret twice gives different bytes', () => {
    const masterKey = randomBytes(32);

    expect(sealSecret(masterKey, SECRET, ROW).equals(sealSecret(masterKey, SECRET, ROW))).toBe(false);
  });

  it.each([
    { attempt: 'the wrong master key', open: (sealed: Buffer) => openSecret(randomBytes(32), sealed, ROW), message: FAILED_TO_OPEN },
    { attempt: 'the associated data of another row', open: (sealed: Buffer, key: Buffer) => openSecret(key, sealed, `${ROW}x`), message: FAILED_TO_OPEN },
    { attempt: 'a flipped IV byte', open: (sealed: Buffer, key: Buffer) => openSecret(key, flipByte(sealed, 5), ROW), message: FAILED_TO_OPEN },
    { attempt: 'a flipped tag byte', open: (sealed: Buffer, key: Buffer) => openSecret(key, flipByte(sealed, 20), ROW), message: FAILED_TO_OPEN },
    {
      attempt: 'a flipped ciphertext byte',
      open: (sealed: Buffer, key: Buffer) => openSecret(key, flipByte(sealed, sealed.length - 1), ROW),
      message: FAILED_TO_OPEN,
    },
    {
      attempt: 'a flipped version byte',
      open: (sealed: Buffer, key: Buffer) => openSecret(key, flipByte(sealed, 0), ROW),
      message: 'Sealed secret has unknown format version 0.',
    },
    {
      attempt: 'a truncated value',
      open: (sealed: Buffer, key: Buffer) => openSecret(key, sealed.subarray(0, 28), ROW),
      message: 'Sealed secret is truncated or not a Buffer.',
    },
  ])('refuses to open with $attempt, naming no secret material', ({ open, message }) => {
    const masterKey = randomBytes(32);
    const sealed = sealSecret(masterKey, SECRET, ROW);

    expect(() => open(sealed, masterKey)).toThrow(new Error(message));
  });

  it('refuses every single flipped byte, wherever it is', () => {
    const masterKey = randomBytes(32);
    const sealed = sealSecret(masterKey, SECRET, ROW);

    const opened = [...sealed.keys()].filter((index) => {
      try {
        openSecret(masterKey, flipByte(sealed, index), ROW);
        return true;
      } catch {
        return false;
      }
    });

    expect(opened).toEqual([]);
  });

  it.each([
    { input: 'a 16-byte master key', masterKey: randomBytes(16), associatedData: ROW, message: 'Master key must be a Buffer of exactly 32 bytes.' },
    {
      input: 'empty associated data',
      masterKey: randomBytes(32),
      associatedData: '',
      message: 'Associated data must be a non-empty string (e.g. the owning row id).',
    },
  ])('refuses to seal with $input', ({ masterKey, associatedData, message }) => {
    expect(() => sealSecret(masterKey, SECRET, associatedData)).toThrow(new Error(message));
  });
});

describe('deriveSubkey', () => {
  it('derives a stable 32-byte key per label', () => {
    const masterKey = randomBytes(32);

    const subkey = deriveSubkey(masterKey, 'xueji/token-signing/v1');

    expect(subkey).toHaveLength(32);
    expect(deriveSubkey(masterKey, 'xueji/token-signing/v1')).toEqual(subkey);
  });

  it('gives independent keys for different labels and different master keys', () => {
    const masterKey = randomBytes(32);
    const keys = [
      deriveSubkey(masterKey, 'xueji/token-signing/v1'),
      deriveSubkey(masterKey, 'xueji/id-number-digest/v1'),
      deriveSubkey(randomBytes(32), 'xueji/token-signing/v1'),
      masterKey,
    ].map((key) => key.toString('hex'));

    expect(new Set(keys).size).toBe(keys.length);
  });

  it('matches HKDF-SHA256 (RFC 5869) with an empty salt and the label as info', () => {
    // A changed derivation would orphan every sealed secret. Expected value computed with an
    // independent RFC 5869 implementation (Python hmac/hashlib).
    const masterKey = Buffer.alloc(32, 0x0b);

    expect(deriveSubkey(masterKey, 'xueji/test/v1').toString('hex')).toBe(
      '0f58a037d901c6dfc52e05fb4be73bd9b015c4459fce6562f4d209d8848b32bd',
    );
  });

  it('refuses an empty label', () => {
    expect(() => deriveSubkey(randomBytes(32), '')).toThrow('Subkey label must be a non-empty string.');
  });
});
