import { randomBytes } from 'node:crypto';
import { deriveSubkey, masterKeyId, openSecret, sealedMasterKeyId, sealingKey, sealSecret, sealSecrets, type SealingKey } from './secret-box.js';

const ROW = 'issuer-key:6f1c0a52-9a4e-4d1f-8a33-2c5e7b9d0e11:key-1';
const PURPOSE = 'xueji/issuer-key-seal/v1';
const SECRET = 'zrv2XEF4Vh2pwBNbUZLQo3PovLqW9sEJF5pHHP9YBbJ4X9VXFzBYwUDTY2q3PHsXspqbrdBvqqR41ZcC4LwnhAkuH3E';
const FAILED_TO_OPEN = 'Sealed secret could not be opened: wrong master key, wrong associated data, or tampered data.';

function flipByte(sealed: Buffer, index: number): Buffer {
  const copy = Buffer.from(sealed);
  copy[index] ^= 0x01;
  return copy;
}

const freshKey = (): SealingKey => sealingKey(randomBytes(32), PURPOSE);

describe('sealSecret / openSecret', () => {
  it.each([
    { plaintext: 'a string', value: SECRET },
    { plaintext: 'bytes', value: randomBytes(64) },
    { plaintext: 'an empty value', value: '' },
  ])('opens what it sealed: $plaintext', ({ value }) => {
    const key = freshKey();

    const opened = openSecret(key, sealSecret(key, value, ROW), ROW);

    expect(opened).toEqual(Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'));
  });

  it('lays out version 0x02 | 8-byte master-key id | 12-byte IV | 16-byte tag | ciphertext of the same length', () => {
    const masterKey = randomBytes(32);
    const sealed = sealSecret(sealingKey(masterKey, PURPOSE), SECRET, ROW);

    expect(sealed[0]).toBe(0x02);
    expect(sealed.subarray(1, 9).toString('hex')).toBe(masterKeyId(masterKey));
    expect(sealed.length).toBe(1 + 8 + 12 + 16 + Buffer.byteLength(SECRET));
    expect(sealed.includes(Buffer.from(SECRET))).toBe(false);
  });

  it('records which master key sealed a value, the same id for every purpose of one master key', () => {
    const masterKey = randomBytes(32);
    const a = sealSecret(sealingKey(masterKey, PURPOSE), SECRET, ROW);
    const b = sealSecret(sealingKey(masterKey, 'xueji/id-number-seal/v1'), SECRET, ROW);

    expect(sealedMasterKeyId(a)).toBe(masterKeyId(masterKey));
    expect(sealedMasterKeyId(b)).toBe(masterKeyId(masterKey));
    expect(masterKeyId(randomBytes(32))).not.toBe(masterKeyId(masterKey));
  });

  it('matches a fixed master-key id, so ids stay stable across releases', () => {
    // HKDF-SHA256(master, salt = empty, info = "xueji/master-key-id/v1", 8 bytes), computed
    // independently (Python hmac/hashlib): a changed id would strand every sealed value.
    expect(masterKeyId(Buffer.alloc(32, 0x0b))).toBe('1c9cc9b7da016700');
  });

  it('opens a version-1 value sealed before master-key ids existed (vector from the previous release)', () => {
    // Sealed by the previous secret-box with deriveSubkey(0x0b × 32, PURPOSE) as its key.
    const v1 = Buffer.from('AcYjTHJZZzNet1WvgsIzpy9r/ESvKh/iBlpTONRvIzCi3CvxSNNO', 'base64');
    const key = sealingKey(Buffer.alloc(32, 0x0b), PURPOSE);

    expect(sealedMasterKeyId(v1)).toBeNull();
    expect(openSecret(key, v1, 'issuer-key:row-1:key-1').toString('utf8')).toBe('zrv-secret');
    expect(openSecret([freshKey(), key], v1, 'issuer-key:row-1:key-1').toString('utf8')).toBe('zrv-secret');
    expect(() => openSecret(freshKey(), v1, 'issuer-key:row-1:key-1')).toThrow(new Error(FAILED_TO_OPEN));
  });

  it('opens with the key of the master key it names among several, and says which one is missing', () => {
    const previous = freshKey();
    const current = freshKey();
    const sealed = sealSecret(previous, SECRET, ROW);

    expect(openSecret([current, previous], sealed, ROW).toString('utf8')).toBe(SECRET);
    expect(() => openSecret(current, sealed, ROW)).toThrow(
      new Error(
        `Sealed secret was sealed under master key ${previous.masterKeyId}, which is not configured (configured: ${current.masterKeyId}); run "npm run reseal" with it as the previous key.`,
      ),
    );
  });

  it('uses a fresh IV, so sealing the same secret twice gives different bytes', () => {
    const key = freshKey();

    expect(sealSecret(key, SECRET, ROW).equals(sealSecret(key, SECRET, ROW))).toBe(false);
  });

  it.each([
    { attempt: 'another purpose of the same master key', open: (sealed: Buffer, masterKey: Buffer) => openSecret(sealingKey(masterKey, 'other'), sealed, ROW), message: FAILED_TO_OPEN },
    { attempt: 'the associated data of another row', open: (sealed: Buffer, masterKey: Buffer) => openSecret(sealingKey(masterKey, PURPOSE), sealed, `${ROW}x`), message: FAILED_TO_OPEN },
    { attempt: 'a flipped IV byte', open: (sealed: Buffer, masterKey: Buffer) => openSecret(sealingKey(masterKey, PURPOSE), flipByte(sealed, 12), ROW), message: FAILED_TO_OPEN },
    { attempt: 'a flipped tag byte', open: (sealed: Buffer, masterKey: Buffer) => openSecret(sealingKey(masterKey, PURPOSE), flipByte(sealed, 28), ROW), message: FAILED_TO_OPEN },
    {
      attempt: 'a flipped ciphertext byte',
      open: (sealed: Buffer, masterKey: Buffer) => openSecret(sealingKey(masterKey, PURPOSE), flipByte(sealed, sealed.length - 1), ROW),
      message: FAILED_TO_OPEN,
    },
    {
      attempt: 'an unknown version byte',
      open: (sealed: Buffer, masterKey: Buffer) => openSecret(sealingKey(masterKey, PURPOSE), Buffer.concat([Buffer.of(7), sealed.subarray(1)]), ROW),
      message: 'Sealed secret has unknown format version 7.',
    },
    {
      attempt: 'a truncated value',
      open: (sealed: Buffer, masterKey: Buffer) => openSecret(sealingKey(masterKey, PURPOSE), sealed.subarray(0, 36), ROW),
      message: 'Sealed secret is truncated or not a Buffer.',
    },
  ])('refuses to open with $attempt, naming no secret material', ({ open, message }) => {
    const masterKey = randomBytes(32);
    const sealed = sealSecret(sealingKey(masterKey, PURPOSE), SECRET, ROW);

    expect(() => open(sealed, masterKey)).toThrow(new Error(message));
  });

  it('refuses every single flipped byte, wherever it is (the master-key id is authenticated too)', () => {
    const key = freshKey();
    const sealed = sealSecret(key, SECRET, ROW);

    const opened = [...sealed.keys()].filter((index) => {
      try {
        openSecret(key, flipByte(sealed, index), ROW);
        return true;
      } catch {
        return false;
      }
    });

    expect(opened).toEqual([]);
  });

  it.each([
    { input: 'a 16-byte master key', make: () => sealingKey(randomBytes(16), PURPOSE), associatedData: ROW, message: 'Master key must be a Buffer of exactly 32 bytes.' },
    {
      input: 'empty associated data',
      make: freshKey,
      associatedData: '',
      message: 'Associated data must be a non-empty string (e.g. the owning row id).',
    },
    {
      input: 'a raw key instead of a sealing key',
      make: () => randomBytes(32) as unknown as SealingKey,
      associatedData: ROW,
      message: 'Sealing key must be made by sealingKey(masterKey, purpose).',
    },
  ])('refuses to seal with $input', ({ make, associatedData, message }) => {
    expect(() => sealSecret(make(), SECRET, associatedData)).toThrow(new Error(message));
  });
});

describe('sealSecrets', () => {
  it('seals each value as sealSecret does: same layout, each its own IV, each opening with its own associated data only', () => {
    const masterKey = randomBytes(32);
    const key = sealingKey(masterKey, PURPOSE);
    const values = [SECRET, '', 'x'.repeat(300), '11010519491231002X'];

    const sealed = sealSecrets(key, values.map((plaintext, i) => ({ plaintext, associatedData: `${ROW}:${i}` })));

    sealed.forEach((s, i) => {
      expect(s[0]).toBe(0x02);
      expect(s.subarray(1, 9).toString('hex')).toBe(masterKeyId(masterKey));
      expect(s.length).toBe(sealSecret(key, values[i], ROW).length);
      expect(openSecret(key, s, `${ROW}:${i}`).toString('utf8')).toBe(values[i]);
      expect(() => openSecret(key, s, `${ROW}:${(i + 1) % values.length}`)).toThrow(new Error(FAILED_TO_OPEN));
    });
    expect(new Set(sealed.map((s) => s.subarray(9, 21).toString('hex'))).size).toBe(values.length);
  });

  it('refuses empty associated data, as sealSecret does', () => {
    expect(() => sealSecrets(freshKey(), [{ plaintext: SECRET, associatedData: '' }])).toThrow('Associated data must be a non-empty string');
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
