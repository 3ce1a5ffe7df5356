import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {
  createEd25519Signer,
  ED25519_SIGNING_LIBRARY,
  ed25519SignerOf,
  ed25519VerificationMethod,
  generateEd25519KeyPair,
  publicKeyMultibaseOf,
} from './ed25519-keys.js';

const CONTROLLER = 'did:web:localhost%3A3000:issuers:330106';
const METHOD_ID = `${CONTROLLER}#key-1`;
const MESSAGE = new TextEncoder().encode('毕业证书 330106-2024-004711');

/** The library's view of our key pair; it throws if either encoding is not what it expects. */
function libraryKeyPair(pair: { publicKeyMultibase: string; secretKeyMultibase?: string }) {
  return Ed25519Multikey.from({ '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey', id: METHOD_ID, controller: CONTROLLER, ...pair });
}

describe('generateEd25519KeyPair', () => {
  it('encodes keys as ed25519-multikey does: z6Mk… public, zru…/zrv… secret', () => {
    const pair = generateEd25519KeyPair();

    expect(pair.publicKeyMultibase).toMatch(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/);
    // 0x8026 (ed25519-priv) and 64 key bytes in base58 start with "ru" or "rv", as the bytes fall
    // (the test once said "zrv" only, and failed for about one key in five)
    expect(pair.secretKeyMultibase).toMatch(/^zr[uv][1-9A-HJ-NP-Za-km-z]+$/);
  });

  it('produces a fresh key pair each time', () => {
    expect(generateEd25519KeyPair().publicKeyMultibase).not.toBe(generateEd25519KeyPair().publicKeyMultibase);
  });

  it('round-trips with the library: it decodes the same key bytes, secret then public', async () => {
    const pair = generateEd25519KeyPair();

    const imported = await libraryKeyPair(pair);

    expect(Buffer.from(imported.publicKey)).toEqual(multibaseToBytes(pair.publicKeyMultibase).subarray(2));
    expect(Buffer.from(imported.secretKey!)).toEqual(multibaseToBytes(pair.secretKeyMultibase).subarray(2));
    expect(Buffer.from(imported.secretKey!).subarray(32)).toEqual(Buffer.from(imported.publicKey));
    expect(publicKeyMultibaseOf(pair.secretKeyMultibase)).toBe(pair.publicKeyMultibase);
  });
});

describe('createEd25519Signer', () => {
  it('signs with our key so that the library verifies it', async () => {
    const pair = generateEd25519KeyPair();
    const signer = createEd25519Signer({ id: METHOD_ID, secretKeyMultibase: pair.secretKeyMultibase });

    const signature = await signer.sign({ data: MESSAGE });
    const verifier = (await libraryKeyPair({ publicKeyMultibase: pair.publicKeyMultibase })).verifier();

    expect(signer).toMatchObject({ id: METHOD_ID, algorithm: 'Ed25519' });
    expect(await verifier.verify({ data: MESSAGE, signature })).toBe(true);
    expect(await verifier.verify({ data: MESSAGE.subarray(1), signature })).toBe(false);
  });

  it.each([
    { encoding: 'the library’s default (zrv…, seed + public key)', canonicalize: false },
    { encoding: 'the canonical 32-byte seed (z3u2…)', canonicalize: true },
  ])('accepts secret keys the library generated, in $encoding', async ({ canonicalize }) => {
    const generated = await Ed25519Multikey.generate({ controller: CONTROLLER });
    const { secretKeyMultibase } = await generated.export({ secretKey: true, canonicalize });
    const signer = createEd25519Signer({ id: METHOD_ID, secretKeyMultibase: secretKeyMultibase! });

    const signature = await signer.sign({ data: MESSAGE });

    expect(await generated.verifier().verify({ data: MESSAGE, signature })).toBe(true);
    expect(publicKeyMultibaseOf(secretKeyMultibase!)).toBe(generated.publicKeyMultibase);
  });

  it('produces the same signature as the library’s own signer (Ed25519 is deterministic)', async () => {
    const pair = generateEd25519KeyPair();
    const ours = createEd25519Signer({ id: METHOD_ID, secretKeyMultibase: pair.secretKeyMultibase });
    const theirs = (await libraryKeyPair(pair)).signer();

    expect(await ours.sign({ data: MESSAGE })).toEqual(new Uint8Array(await theirs.sign({ data: MESSAGE })));
  });

  it('signs the very bytes node:crypto signs, for many keys and messages of every length (libsodium where it loads)', () => {
    // Its prebuilt binding ships for this platform: a fallback here would be a broken install.
    expect(ED25519_SIGNING_LIBRARY).toBe(process.env.XUEJI_SIGNER === 'node' ? 'node:crypto' : 'libsodium');
    for (let k = 0; k < 25; k++) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const signer = ed25519SignerOf(METHOD_ID, privateKey);
      for (const length of [0, 1, 31, 32, 63, 64, 65, 1000, 4096]) {
        const data = randomBytes(length);
        const signature = signer.signSync(data);
        expect(Buffer.from(signature)).toEqual(sign(null, data, privateKey));
        expect(verify(null, data, publicKey, signature)).toBe(true);
      }
    }
  });

  it('signs with the KeyObject it is given, not with a key it signed with before', () => {
    const first = generateKeyPairSync('ed25519').privateKey;
    const second = generateKeyPairSync('ed25519').privateKey;
    expect(Buffer.from(ed25519SignerOf(METHOD_ID, first).signSync(MESSAGE))).toEqual(sign(null, MESSAGE, first));
    expect(Buffer.from(ed25519SignerOf(METHOD_ID, second).signSync(MESSAGE))).toEqual(sign(null, MESSAGE, second));
    // The same key imported twice (two KeyObjects) signs alike.
    const again = createPrivateKey({ key: first.export({ format: 'der', type: 'pkcs8' }), format: 'der', type: 'pkcs8' });
    expect(Buffer.from(ed25519SignerOf(METHOD_ID, again).signSync(MESSAGE))).toEqual(sign(null, MESSAGE, first));
    expect(createPublicKey(again).equals(createPublicKey(first))).toBe(true);
  });

  it.each([
    { problem: 'no multibase prefix', secret: (s: string) => s.slice(1), message: /must be a base58btc multibase string/ },
    { problem: 'a public key instead', secret: () => generateEd25519KeyPair().publicKeyMultibase, message: /expected Ed25519 multicodec header/ },
    { problem: 'a character outside base58', secret: (s: string) => `${s.slice(0, -1)}0`, message: /outside base58btc/ },
    { problem: 'a truncated key', secret: truncateSecret, message: /must hold 32 or 64 key bytes/ },
    { problem: 'a public half that does not match the seed', secret: swapPublicHalf, message: /does not match its seed/ },
  ])('refuses a secret key with $problem, without echoing it', ({ secret, message }) => {
    const secretKeyMultibase = secret(generateEd25519KeyPair().secretKeyMultibase);

    const attempt = () => createEd25519Signer({ id: METHOD_ID, secretKeyMultibase });

    expect(attempt).toThrow(message);
    expect(attempt).not.toThrow(secretKeyMultibase);
  });
});

describe('ed25519VerificationMethod', () => {
  it('describes the public key as a Multikey controlled by the DID', () => {
    const { publicKeyMultibase } = generateEd25519KeyPair();

    expect(ed25519VerificationMethod({ id: METHOD_ID, controller: CONTROLLER, publicKeyMultibase })).toEqual({
      id: METHOD_ID,
      type: 'Multikey',
      controller: CONTROLLER,
      publicKeyMultibase,
    });
  });

  it('refuses a secret key passed as the public one', () => {
    const { secretKeyMultibase } = generateEd25519KeyPair();

    expect(() => ed25519VerificationMethod({ id: METHOD_ID, controller: CONTROLLER, publicKeyMultibase: secretKeyMultibase })).toThrow(
      /expected Ed25519 multicodec header/,
    );
  });
});

// An independent base58btc codec, so these fixtures do not lean on the code under test.
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function multibaseToBytes(multibase: string): Buffer {
  let value = 0n;
  for (const char of multibase.slice(1)) value = value * 58n + BigInt(BASE58.indexOf(char));
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}

/** Assumes a non-zero first byte, which every multicodec header here has. */
function bytesToMultibase(bytes: Buffer): string {
  let value = BigInt(`0x${bytes.toString('hex')}`);
  let text = '';
  while (value > 0n) {
    text = BASE58[Number(value % 58n)] + text;
    value /= 58n;
  }
  return `z${text}`;
}

/** A zrv… secret whose trailing public key belongs to another key pair. */
function swapPublicHalf(secretKeyMultibase: string): string {
  const other = multibaseToBytes(generateEd25519KeyPair().secretKeyMultibase);
  return bytesToMultibase(Buffer.concat([multibaseToBytes(secretKeyMultibase).subarray(0, 34), other.subarray(34)]));
}

/** The multicodec header and only the first half of the seed. */
function truncateSecret(secretKeyMultibase: string): string {
  return bytesToMultibase(multibaseToBytes(secretKeyMultibase).subarray(0, 2 + 16));
}
