import { didKeyDocument } from './did-key.js';
import { generateEd25519KeyPair } from './ed25519-keys.js';
import { generateP256KeyPair } from './p256-keys.js';

describe('did:key', () => {
  it.each([
    { algorithm: 'Ed25519', publicKeyMultibase: generateEd25519KeyPair().publicKeyMultibase },
    { algorithm: 'P-256', publicKeyMultibase: generateP256KeyPair().publicKeyMultibase },
    // The P-256 example of the did:key method specification.
    { algorithm: 'P-256 (did:key specification example)', publicKeyMultibase: 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169' },
  ])('builds the $algorithm document from the key itself', ({ publicKeyMultibase }) => {
    const did = `did:key:${publicKeyMultibase}`;
    const doc = didKeyDocument(did)!;
    expect(doc.id).toBe(did);
    expect(doc.verificationMethod).toEqual([{ id: `${did}#${publicKeyMultibase}`, type: 'Multikey', controller: did, publicKeyMultibase }]);
    expect(doc.assertionMethod).toEqual([`${did}#${publicKeyMultibase}`]);
  });

  it.each([
    ['another method', 'did:web:example.com'],
    ['a DID URL', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#x'],
    ['a corrupted Ed25519 key', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2do0'],
    ['a truncated Ed25519 key', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnE'],
    ['a P-256 key that is not a point', 'did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2164'],
    ['a secp256k1 key', 'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'],
  ])('refuses %s', (_case, did) => {
    expect(didKeyDocument(did)).toBeNull();
  });
});
