import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { generateEd25519KeyPair } from './ed25519-keys.js';
import {
  createP256Signer,
  createP256Verifier,
  generateP256KeyPair,
  p256DidKey,
  p256DidKeyDocument,
  p256PublicKeyMultibaseOf,
  p256VerificationMethod,
} from './p256-keys.js';

const DATA = new TextEncoder().encode('学籍 identity credential');
const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

/** The README key pair of @digitalbazaar/ecdsa-sd-2023-cryptosuite (a published P-256 Multikey test vector). */
const VECTOR = {
  publicKeyMultibase: 'zDnaekGZTbQBerwcehBSXLqAg6s55hVEBms1zFy89VHXtJSa9',
  secretKeyMultibase: 'z42tqZ5smVag3DtDhjY9YfVwTMyVHW6SCHJi2ZMrD23DGYS3',
};

describe('P-256 Multikey encoding', () => {
  it('generates zDn… public and z42… secret keys that belong together', () => {
    const keys = generateP256KeyPair();

    expect(keys.publicKeyMultibase).toMatch(/^zDn[1-9A-HJ-NP-Za-km-z]{46}$/);
    expect(keys.secretKeyMultibase).toMatch(/^z42[1-9A-HJ-NP-Za-km-z]{45}$/);
    expect(p256PublicKeyMultibaseOf(keys.secretKeyMultibase)).toBe(keys.publicKeyMultibase);
  });

  it('derives the published public key from the published secret key', () => {
    expect(p256PublicKeyMultibaseOf(VECTOR.secretKeyMultibase)).toBe(VECTOR.publicKeyMultibase);
  });

  it('reads keys @digitalbazaar/ecdsa-multikey generated, and writes keys it reads', async () => {
    const theirs = await EcdsaMultikey.generate({ curve: 'P-256' });
    const ours = generateP256KeyPair();
    const imported = await EcdsaMultikey.from({ '@context': MULTIKEY_CONTEXT, type: 'Multikey', ...ours });

    expect(p256PublicKeyMultibaseOf(theirs.secretKeyMultibase as string)).toBe(theirs.publicKeyMultibase);
    expect(imported.publicKeyMultibase).toBe(ours.publicKeyMultibase);
    expect(imported.secretKeyMultibase).toBe(ours.secretKeyMultibase);
  });
});

describe('P-256 signer and verifier', () => {
  it('signatures verify with the library’s verifier, and the library’s with ours', async () => {
    const keys = generateP256KeyPair();
    const library = await EcdsaMultikey.from({ '@context': MULTIKEY_CONTEXT, type: 'Multikey', ...keys });
    const signer = createP256Signer({ id: 'did:example:issuer#key-1', secretKeyMultibase: keys.secretKeyMultibase });
    const verifier = createP256Verifier({ id: 'did:example:issuer#key-1', publicKeyMultibase: keys.publicKeyMultibase });

    const ourSignature = await signer.sign({ data: DATA });
    const theirSignature = await library.signer().sign({ data: DATA });

    expect(ourSignature).toHaveLength(64);
    expect(await library.verifier().verify({ data: DATA, signature: ourSignature })).toBe(true);
    expect(await verifier.verify({ data: DATA, signature: theirSignature })).toBe(true);
    expect(verifier.verifySync(DATA, signer.signSync(DATA))).toBe(true);
  });

  it('rejects a signature over other data or by another key', async () => {
    const keys = generateP256KeyPair();
    const signature = createP256Signer({ id: 'k', secretKeyMultibase: keys.secretKeyMultibase }).signSync(DATA);
    const other = createP256Verifier({ id: 'k', publicKeyMultibase: generateP256KeyPair().publicKeyMultibase });
    const verifier = createP256Verifier({ id: 'k', publicKeyMultibase: keys.publicKeyMultibase });

    expect(verifier.verifySync(new TextEncoder().encode('something else'), signature)).toBe(false);
    expect(other.verifySync(DATA, signature)).toBe(false);
  });

  it('names its algorithm as the Data Integrity cryptosuites require', () => {
    const signer = createP256Signer({ id: 'did:example:a#k', secretKeyMultibase: VECTOR.secretKeyMultibase });

    expect(signer).toMatchObject({ id: 'did:example:a#k', algorithm: 'P-256' });
  });

  it.each([
    ['an Ed25519 secret key', generateEd25519KeyPair().secretKeyMultibase],
    ['a public key', VECTOR.publicKeyMultibase],
    ['base64', 'mAAAA'],
    ['the zero scalar', base58btc(Buffer.concat([Buffer.from([0x86, 0x26]), Buffer.alloc(32)]))],
  ])('refuses %s as a secret key', (_case, secretKeyMultibase) => {
    expect(() => createP256Signer({ id: 'k', secretKeyMultibase })).toThrow('"secretKeyMultibase"');
  });
});

describe('P-256 did:key', () => {
  it('is did:key:zDn… with the key itself as the fragment', () => {
    expect(p256DidKey(VECTOR.publicKeyMultibase)).toEqual({
      did: `did:key:${VECTOR.publicKeyMultibase}`,
      verificationMethodId: `did:key:${VECTOR.publicKeyMultibase}#${VECTOR.publicKeyMultibase}`,
    });
  });

  it('resolves offline to a document whose one key may assert and authenticate', () => {
    const did = `did:key:${VECTOR.publicKeyMultibase}`;
    const id = `${did}#${VECTOR.publicKeyMultibase}`;

    expect(p256DidKeyDocument(did)).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', MULTIKEY_CONTEXT],
      id: did,
      verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: VECTOR.publicKeyMultibase }],
      assertionMethod: [id],
      authentication: [id],
    });
  });

  it.each([
    ['an Ed25519 did:key', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'],
    ['a did:web', 'did:web:xueji.example.cn'],
    ['a zDn… whose x is not a field element', `did:key:${base58btc(Buffer.concat([Buffer.from([0x80, 0x24, 0x02]), Buffer.alloc(32, 0xff)]))}`],
    ['a DID URL', `did:key:${VECTOR.publicKeyMultibase}#${VECTOR.publicKeyMultibase}`],
  ])('is not found for %s', (_case, did) => {
    expect(p256DidKeyDocument(did)).toBeNull();
  });

  it('refuses a verification method whose key is not P-256', () => {
    expect(() => p256VerificationMethod({ id: 'did:x#k', controller: 'did:x', publicKeyMultibase: 'z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' })).toThrow(
      'P-256 multicodec header',
    );
  });
});

function base58btc(bytes: Buffer): string {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  let value = BigInt('0x' + bytes.toString('hex'));
  let text = '';
  while (value > 0n) {
    text = alphabet[Number(value % 58n)] + text;
    value /= 58n;
  }
  return 'z' + text;
}
